import check from '../../../src/checks/elb/elb-v2-certificates-from-acm.js';
import { ACM_CERT, IAM_CERT, v2Evidence, v2Listener } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const alb = (...listeners: Record<string, unknown>[]) => v2Evidence({ name: 'acme-web', listeners });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowedCertificateArns: [] },
  pass: [
    {
      name: 'HTTPS listener with an ACM certificate',
      evidence: v2Evidence({ name: 'acme-web' }),
      reason: /application load balancer acme-web: HTTPS:443 uses ACM certificates/,
    },
    {
      name: 'TLS listener of a network load balancer with ACM',
      evidence: v2Evidence({ name: 'acme-mqtt', type: 'network' }),
      reason: /network load balancer acme-mqtt: TLS:443 uses ACM/,
    },
    { name: 'HTTP-only load balancer: not applicable', evidence: alb(v2Listener('acme-web', 'HTTP', 80)), reason: /nothing in scope/ },
    { name: 'certificate on the allowed list', evidence: v2Evidence({ name: 'acme-web' }), params: { allowedCertificateArns: [ACM_CERT] } },
  ],
  fail: [
    {
      name: 'HTTPS listener with an IAM server certificate',
      evidence: alb(v2Listener('acme-web', 'HTTPS', 443, { Certificates: [{ CertificateArn: IAM_CERT }] })),
      reason:
        /acme-web: HTTPS:443 uses arn:aws:iam::111122223333:server-certificate\/legacy-wildcard-2024 \(required: a certificate from ACM\)/,
    },
    {
      name: 'ACM certificate not on the allowed list',
      evidence: v2Evidence({ name: 'acme-web' }),
      params: { allowedCertificateArns: ['arn:aws:acm:us-east-1:111122223333:certificate/other'] },
      reason: /HTTPS:443 uses arn:aws:acm:.* \(required: one of the 1 allowed ACM certificates\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'HTTPS listener without Certificates',
      evidence: alb(v2Listener('acme-web', 'HTTPS', 443, { Certificates: undefined })),
      reason: /shows no certificate for HTTPS:443/,
    },
    {
      name: 'listener without Protocol',
      evidence: alb(v2Listener('acme-web', 'HTTPS', 443, { Protocol: undefined })),
      reason: /DescribeListeners of acme-web could not be read: listener .* lacks Protocol/,
    },
    {
      name: 'load balancer without Type',
      evidence: v2Evidence({ name: 'acme-web', fields: { Type: undefined } }),
      reason: /shows no Type/,
    },
    {
      name: 'listeners call denied',
      evidence: {
        ...v2Evidence({ name: 'acme-web', listeners: null }),
        errors: [
          {
            region: 'us-east-1',
            service: 'elbv2',
            operation: 'DescribeListeners',
            parameters: {
              LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-web/61636d652d776562',
            },
            code: 'AccessDenied',
          },
        ],
      },
      reason: /acme-web: elbv2:DescribeListeners .*AccessDenied/,
    },
  ],
});
