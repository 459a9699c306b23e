import check from '../../../src/checks/autoscaling/autoscaling-group-elb-health-check-enabled.js';
import { asg, groups, targetGroup } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'classic load balancer with ELB health checks',
      evidence: groups(asg('web', { LoadBalancerNames: ['acme-web-clb'], HealthCheckType: 'ELB' })),
      reason: /Auto Scaling group web \(behind 1 load balancer or target group\) has HealthCheckType ELB/,
    },
    {
      name: 'target group with ELB health checks',
      evidence: groups(asg('api', { TargetGroupARNs: [targetGroup('api')], HealthCheckType: 'ELB' })),
    },
    {
      name: 'ELB among several health check types',
      evidence: groups(asg('api', { TargetGroupARNs: [targetGroup('api')], HealthCheckType: 'EBS,ELB' })),
    },
    {
      name: 'ELB traffic source with ELB health checks',
      evidence: groups(asg('api', { TrafficSources: [{ Identifier: targetGroup('api'), Type: 'elbv2' }], HealthCheckType: 'ELB' })),
    },
    {
      name: 'group without a load balancer is not applicable, beside a compliant one',
      evidence: groups(asg('batch'), asg('web', { LoadBalancerNames: ['clb'], HealthCheckType: 'ELB' })),
    },
    { name: 'no groups', evidence: groups() },
  ],
  fail: [
    {
      name: 'target group with EC2 health checks',
      evidence: groups(asg('api', { TargetGroupARNs: [targetGroup('api')] })),
      reason: /Auto Scaling group api \(behind 1 load balancer or target group\) has HealthCheckType EC2, without ELB \(required: ELB\)/,
    },
    {
      name: 'classic load balancer with EC2,EBS health checks',
      evidence: groups(asg('web', { LoadBalancerNames: ['clb'], HealthCheckType: 'EC2,EBS' })),
    },
    {
      name: 'ELB traffic source with VPC Lattice health checks',
      evidence: groups(asg('api', { TrafficSources: [{ Identifier: targetGroup('api'), Type: 'elbv2' }], HealthCheckType: 'VPC_LATTICE' })),
    },
  ],
  notEvaluated: [
    {
      name: 'group behind a load balancer without HealthCheckType',
      evidence: groups(asg('web', { LoadBalancerNames: ['clb'], HealthCheckType: undefined })),
      reason: /Auto Scaling group web .*shows no HealthCheckType/,
    },
    {
      name: 'group without AutoScalingGroupName, beside a compliant one',
      evidence: groups(
        asg('web', { LoadBalancerNames: ['clb'], HealthCheckType: 'ELB' }),
        asg('ghost', { AutoScalingGroupName: undefined }),
      ),
      reason: /lacks AutoScalingGroupName/,
    },
    {
      name: 'LoadBalancerNames is not a list of strings',
      evidence: groups(asg('web', { LoadBalancerNames: [7] })),
      reason: /LoadBalancerNames holds something other than strings/,
    },
    {
      name: 'group created after collection ended',
      evidence: groups(asg('web', { CreatedTime: '2027-01-01T00:00:00.000Z', LoadBalancerNames: ['clb'] })),
      reason: /CreatedTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeAutoScalingGroups denied in eu-west-1',
      evidence: { files: groups(asg('web')).files.filter((f) => f.region === 'us-east-1') },
      collectionError: { service: 'autoscaling', operation: 'DescribeAutoScalingGroups', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /autoscaling:DescribeAutoScalingGroups in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
