import check from '../../../src/checks/elb/elb-deletion-protection-enabled.js';
import { v2Evidence } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'protected application load balancer',
      evidence: v2Evidence({ name: 'acme-web' }),
      reason: /application load balancer acme-web has deletion protection enabled/,
    },
    {
      name: 'protected network and gateway load balancers',
      evidence: v2Evidence({ name: 'acme-mqtt', type: 'network' }, { name: 'acme-inspect', type: 'gateway' }),
      reason: /gateway load balancer acme-inspect has deletion protection enabled/,
    },
    { name: 'no load balancers', evidence: v2Evidence(), reason: /nothing in scope/ },
  ],
  fail: [
    {
      name: 'unprotected network load balancer beside a protected one',
      evidence: v2Evidence(
        { name: 'acme-web' },
        { name: 'acme-mqtt', type: 'network', attributes: { 'deletion_protection.enabled': 'false' } },
      ),
      reason: /network load balancer acme-mqtt has deletion_protection.enabled "false" \(required: "true"\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'attributes without deletion_protection.enabled',
      evidence: v2Evidence({
        name: 'acme-web',
        attributes: { raw: { Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }] } },
      }),
      reason: /shows no deletion_protection.enabled/,
    },
    {
      name: 'an attribute without a Value',
      evidence: v2Evidence({ name: 'acme-web', attributes: { raw: { Attributes: [{ Key: 'deletion_protection.enabled' }] } } }),
      reason: /could not be read: Attributes holds .*not a Key and Value/,
    },
    {
      name: 'attributes call throttled for one load balancer',
      evidence: {
        ...v2Evidence({ name: 'acme-web', attributes: null }),
        errors: [
          {
            region: 'us-east-1',
            service: 'elbv2',
            operation: 'DescribeLoadBalancerAttributes',
            parameters: {
              LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-web/61636d652d776562',
            },
            code: 'Throttling',
          },
        ],
      },
      reason: /acme-web: elbv2:DescribeLoadBalancerAttributes .*Throttling/,
    },
    {
      name: 'load balancer without LoadBalancerArn',
      evidence: v2Evidence({ name: 'acme-web', fields: { LoadBalancerArn: undefined } }),
      reason: /lacks LoadBalancerArn/,
    },
    {
      name: 'load balancer created after collection ended',
      evidence: v2Evidence({ name: 'acme-web', fields: { CreatedTime: '2026-10-01T00:00:00.000Z' } }),
      reason: /CreatedTime 2026-10-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'v2 DescribeLoadBalancers denied in us-east-1',
      evidence: { files: (v2Evidence().files ?? []).filter((f) => !(f.service === 'elbv2' && f.region === 'us-east-1')) },
      collectionError: { service: 'elbv2', operation: 'DescribeLoadBalancers', code: 'AccessDenied', region: 'us-east-1' },
      reason: /DescribeLoadBalancers .*AccessDenied/,
    },
  ],
});
