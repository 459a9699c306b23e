import check from '../../../src/checks/elb/elb-classic-cross-zone-enabled.js';
import { classicAttributes, classicEvidence, classicLb } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const crossZone = (value: unknown) => classicEvidence([classicLb('acme-legacy')], { 'acme-legacy': classicAttributes(value) });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'cross-zone enabled',
      evidence: crossZone(true),
      reason: /Classic Load Balancer acme-legacy has cross-zone load balancing enabled/,
    },
    { name: 'no classic load balancers', evidence: classicEvidence([]), reason: /nothing in scope/ },
  ],
  fail: [
    {
      name: 'cross-zone disabled',
      evidence: crossZone(false),
      reason: /acme-legacy has CrossZoneLoadBalancing.Enabled false \(required: true\)/,
    },
    {
      name: 'one of two disabled',
      evidence: classicEvidence([classicLb('acme-legacy'), classicLb('acme-batch')], { 'acme-batch': classicAttributes(false) }),
      reason: /acme-batch has CrossZoneLoadBalancing.Enabled false/,
    },
  ],
  notEvaluated: [
    { name: 'Enabled is the string "true"', evidence: crossZone('true'), reason: /shows no CrossZoneLoadBalancing.Enabled/ },
    {
      name: 'answer without LoadBalancerAttributes',
      evidence: classicEvidence([classicLb('acme-legacy')], { 'acme-legacy': {} }),
      reason: /elb:DescribeLoadBalancerAttributes of acme-legacy could not be read: the answer has no LoadBalancerAttributes/,
    },
    {
      name: 'attributes call denied for one load balancer',
      evidence: {
        ...classicEvidence([classicLb('acme-legacy'), classicLb('acme-batch')], { 'acme-legacy': null }),
        errors: [
          {
            region: 'us-east-1',
            service: 'elb',
            operation: 'DescribeLoadBalancerAttributes',
            parameters: { LoadBalancerName: 'acme-legacy' },
            code: 'AccessDenied',
          },
        ],
      },
      reason: /acme-legacy: elb:DescribeLoadBalancerAttributes .*AccessDenied/,
    },
    {
      name: 'load balancer deleted before its attributes were asked for',
      evidence: {
        files: [
          ...(classicEvidence([classicLb('acme-legacy')], { 'acme-legacy': null }).files ?? []),
          {
            region: 'us-east-1',
            service: 'elb',
            operation: 'DescribeLoadBalancerAttributes',
            parameters: { LoadBalancerName: 'acme-legacy' },
            status: 'not-found',
            body: { Error: { Code: 'LoadBalancerNotFound', Message: 'There is no ACTIVE Load Balancer named acme-legacy' } },
          },
        ],
      },
      reason: /acme-legacy: .*does not exist/,
    },
  ],
});
