import { classicLoadBalancers, isAcmCertificate } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every HTTPS or SSL listener of a Classic Load Balancer uses a certificate from AWS Certificate Manager. */
export default defineCheck({
  id: 'elb-classic-certificates-from-acm',
  title: 'Classic Load Balancers use ACM certificates on their HTTPS and SSL listeners',
  description:
    'For every Classic Load Balancer in DescribeLoadBalancers with at least one HTTPS or SSL listener, the SSLCertificateId of each such listener must be an ACM certificate ARN (arn:…:acm:…:certificate/…), not an IAM server certificate. Load balancers without HTTPS or SSL listeners are not applicable and give no finding, as in AWS Config.',
  scope: 'region',
  needs: { loadBalancers: classicLoadBalancers },
  params: {},
  *run({ loadBalancers }, ctx) {
    for (const lb of loadBalancers) {
      const name = `Classic Load Balancer ${lb.name}`;
      if (!lb.listeners.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: its ListenerDescriptions could not be read (${lb.listeners.reason})`);
        continue;
      }
      const secure = lb.listeners.value.filter((l) => l.protocol === 'HTTPS' || l.protocol === 'SSL');
      if (secure.length === 0) continue;
      const unnamed = secure.filter((l) => l.certificateId === undefined);
      if (unnamed.length > 0) {
        yield ctx.notEvaluated(lb.arn, `${name}: the ${unnamed.map(label).join(', ')} listener shows no SSLCertificateId`);
        continue;
      }
      const other = secure.filter((l) => !isAcmCertificate(l.certificateId ?? ''));
      yield other.length === 0
        ? ctx.pass(lb.arn, `${name}: ${secure.map(label).join(', ')} use${secure.length === 1 ? 's' : ''} ACM certificates`)
        : ctx.fail(
            lb.arn,
            `${name}: ${other.map((l) => `${label(l)} uses ${l.certificateId ?? ''}`).join('; ')} (required: a certificate from ACM)`,
          );
    }
  },
});

function label(l: { protocol: string; port: number | undefined }): string {
  return `${l.protocol}${l.port === undefined ? '' : `:${l.port}`}`;
}
