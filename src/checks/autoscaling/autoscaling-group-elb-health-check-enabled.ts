import { autoScalingGroups } from '../../bundle/evidence/autoscaling.js';
import { defineCheck } from '../define-check.js';

/** Every Auto Scaling group behind a load balancer uses the load balancer's health checks. */
export default defineCheck({
  id: 'autoscaling-group-elb-health-check-enabled',
  title: 'Auto Scaling groups with a load balancer use Elastic Load Balancing health checks',
  description:
    "For every group in DescribeAutoScalingGroups with a classic load balancer (LoadBalancerNames), a target group (TargetGroupARNs) or an ELB traffic source (TrafficSources), HealthCheckType (a comma-separated list) must include ELB. Groups without a load balancer are not applicable and give no finding; a group whose answer shows no HealthCheckType is not evaluated. AWS Config reads the group's LoadBalancerNames; target groups and traffic sources are counted too.",
  scope: 'region',
  needs: { groups: autoScalingGroups },
  params: {},
  *run({ groups }, ctx) {
    for (const group of groups) {
      if (group.loadBalancers.length === 0) continue;
      const name = `Auto Scaling group ${group.name} (behind ${group.loadBalancers.length} load balancer${group.loadBalancers.length === 1 ? '' : 's'} or target group${group.loadBalancers.length === 1 ? '' : 's'})`;
      const types = group.healthCheckTypes;
      if (types === undefined)
        yield ctx.notEvaluated(group.arn, `${name}: DescribeAutoScalingGroups shows no HealthCheckType (required: ELB)`);
      else if (types.includes('ELB')) yield ctx.pass(group.arn, `${name} has HealthCheckType ${types.join(',')}`);
      else yield ctx.fail(group.arn, `${name} has HealthCheckType ${types.join(',')}, without ELB (required: ELB)`);
    }
  },
});
