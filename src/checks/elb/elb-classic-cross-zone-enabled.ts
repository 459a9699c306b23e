import { classicLoadBalancers } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every Classic Load Balancer balances across Availability Zones. */
export default defineCheck({
  id: 'elb-classic-cross-zone-enabled',
  title: 'Classic Load Balancers have cross-zone load balancing enabled',
  description:
    'For every Classic Load Balancer in DescribeLoadBalancers, CrossZoneLoadBalancing.Enabled in its DescribeLoadBalancerAttributes must be true; a failed attributes call or an answer without the field is not evaluated.',
  scope: 'region',
  needs: { loadBalancers: classicLoadBalancers },
  params: {},
  *run({ loadBalancers }, ctx) {
    for (const lb of loadBalancers) {
      const name = `Classic Load Balancer ${lb.name}`;
      if (!lb.attributes.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.attributes.reason}`);
        continue;
      }
      const files = lb.attributes.files;
      const enabled = lb.attributes.value.crossZone;
      if (enabled === undefined)
        yield ctx.notEvaluated(lb.arn, `${name}: DescribeLoadBalancerAttributes shows no CrossZoneLoadBalancing.Enabled`, files);
      else
        yield enabled
          ? ctx.pass(lb.arn, `${name} has cross-zone load balancing enabled`, files)
          : ctx.fail(lb.arn, `${name} has CrossZoneLoadBalancing.Enabled false (required: true)`, files);
    }
  },
});
