import { elbv2LoadBalancers } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every application, network and gateway load balancer has deletion protection on. */
export default defineCheck({
  id: 'elb-deletion-protection-enabled',
  title: 'ELBv2 load balancers have deletion protection enabled',
  description:
    'For every load balancer in the v2 DescribeLoadBalancers (application, network and gateway), the attribute deletion_protection.enabled in its DescribeLoadBalancerAttributes must be "true"; a failed attributes call or an answer without the attribute is not evaluated. Classic Load Balancers have no such setting and are not checked, as in AWS Config.',
  scope: 'region',
  needs: { loadBalancers: elbv2LoadBalancers },
  params: {},
  *run({ loadBalancers }, ctx) {
    for (const lb of loadBalancers) {
      const name = `${lb.type ?? 'unknown-type'} load balancer ${lb.name}`;
      if (!lb.attributes.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.attributes.reason}`);
        continue;
      }
      const files = lb.attributes.files;
      const value = lb.attributes.value.get('deletion_protection.enabled');
      if (value === undefined)
        yield ctx.notEvaluated(lb.arn, `${name}: DescribeLoadBalancerAttributes shows no deletion_protection.enabled`, files);
      else
        yield value === 'true'
          ? ctx.pass(lb.arn, `${name} has deletion protection enabled`, files)
          : ctx.fail(lb.arn, `${name} has deletion_protection.enabled "${value}" (required: "true")`, files);
    }
  },
});
