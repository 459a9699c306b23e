import { classicLoadBalancers } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every listener of a Classic Load Balancer is HTTPS or SSL. */
export default defineCheck({
  id: 'elb-classic-listeners-https-or-ssl',
  title: 'Classic Load Balancers have only HTTPS or SSL listeners',
  description:
    'For every Classic Load Balancer in DescribeLoadBalancers, every listener in ListenerDescriptions must have Protocol HTTPS or SSL; one HTTP or TCP listener fails it. Load balancers without listeners are not applicable and give no finding, as in AWS Config.',
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
      const listeners = lb.listeners.value;
      if (listeners.length === 0) continue;
      const plain = listeners.filter((l) => l.protocol !== 'HTTPS' && l.protocol !== 'SSL');
      const label = (l: { protocol: string; port: number | undefined }) => `${l.protocol}${l.port === undefined ? '' : `:${l.port}`}`;
      yield plain.length === 0
        ? ctx.pass(lb.arn, `${name} listens only with ${listeners.map(label).join(', ')}`)
        : ctx.fail(
            lb.arn,
            `${name} has the unencrypted listener${plain.length === 1 ? '' : 's'} ${plain.map(label).join(', ')} (required: HTTPS or SSL only)`,
          );
    }
  },
});
