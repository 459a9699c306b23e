import { elbv2LoadBalancers, isAcmCertificate } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every HTTPS or TLS listener of an application or network load balancer uses an ACM certificate. */
export default defineCheck({
  id: 'elb-v2-certificates-from-acm',
  title: 'Application and network load balancers use ACM certificates on their HTTPS and TLS listeners',
  description:
    'For every application and network load balancer with at least one HTTPS or TLS listener in DescribeListeners, the certificate of each such listener must be an ACM certificate ARN (arn:…:acm:…:certificate/…) and, when allowedCertificateArns is not empty, one of them. Deviation: DescribeListeners names only the default certificate, so extra SNI certificates (DescribeListenerCertificates) are not checked; HTTP, TCP and UDP listeners, which carry no certificate, are not counted against the load balancer.',
  scope: 'region',
  needs: { loadBalancers: elbv2LoadBalancers },
  params: {
    allowedCertificateArns: {
      type: 'array',
      items: { type: 'string' },
      description: 'ACM certificate ARNs the listeners may use (AWS Config: AcmCertificatesAllowed); empty: any ACM certificate.',
    },
  },
  *run({ loadBalancers }, ctx) {
    const allowed = ctx.params.allowedCertificateArns.map((a) => a.trim()).filter((a) => a !== '');
    const limit =
      allowed.length === 0 ? 'required: a certificate from ACM' : `required: one of the ${allowed.length} allowed ACM certificates`;
    for (const lb of loadBalancers) {
      if (lb.type === 'gateway') continue;
      const name = `${lb.type ?? 'unknown-type'} load balancer ${lb.name}`;
      if (lb.type === undefined || lb.listeners === undefined) {
        yield ctx.notEvaluated(lb.arn, `${name}: DescribeLoadBalancers shows no Type, so its listeners were not asked for`);
        continue;
      }
      if (!lb.listeners.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.listeners.reason}`);
        continue;
      }
      const files = lb.listeners.files;
      const secure = lb.listeners.value.filter((l) => l.protocol === 'HTTPS' || l.protocol === 'TLS');
      if (secure.length === 0) continue;
      const label = (l: { protocol: string; port: number | undefined }) => `${l.protocol}${l.port === undefined ? '' : `:${l.port}`}`;
      const bare = secure.filter((l) => l.certificateArns.length === 0);
      if (bare.length > 0) {
        yield ctx.notEvaluated(lb.arn, `${name}: DescribeListeners shows no certificate for ${bare.map(label).join(', ')}`, files);
        continue;
      }
      const wrong = secure.flatMap((l) =>
        l.certificateArns
          .filter((c) => !isAcmCertificate(c) || (allowed.length > 0 && !allowed.includes(c)))
          .map((c) => `${label(l)} uses ${c}`),
      );
      yield wrong.length === 0
        ? ctx.pass(
            lb.arn,
            `${name}: ${secure.map(label).join(', ')} use${secure.length === 1 ? 's' : ''} ACM certificates (${limit})`,
            files,
          )
        : ctx.fail(lb.arn, `${name}: ${wrong.join('; ')} (${limit})`, files);
    }
  },
});
