import check from '../../../src/checks/elb/elb-classic-certificates-from-acm.js';
import { ACM_CERT, IAM_CERT, classicEvidence, classicLb, classicListener } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const withListeners = (...listeners: object[]) => classicEvidence([classicLb('acme-legacy', { ListenerDescriptions: listeners })]);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'HTTPS listener with an ACM certificate',
      evidence: withListeners(classicListener('HTTPS', 443, ACM_CERT)),
      reason: /acme-legacy: HTTPS:443 uses ACM certificates/,
    },
    {
      name: 'HTTPS and SSL listeners with ACM certificates beside an HTTP one',
      evidence: withListeners(classicListener('HTTPS', 443, ACM_CERT), classicListener('SSL', 8443, ACM_CERT), classicListener('HTTP', 80)),
      reason: /HTTPS:443, SSL:8443 use ACM certificates/,
    },
    {
      name: 'only HTTP and TCP listeners: not applicable',
      evidence: withListeners(classicListener('HTTP', 80), classicListener('TCP', 25)),
      reason: /nothing in scope/,
    },
    { name: 'lower-case protocol https with ACM', evidence: withListeners(classicListener('https', 443, ACM_CERT)) },
  ],
  fail: [
    {
      name: 'HTTPS listener with an IAM server certificate',
      evidence: withListeners(classicListener('HTTPS', 443, IAM_CERT)),
      reason:
        /acme-legacy: HTTPS:443 uses arn:aws:iam::111122223333:server-certificate\/legacy-wildcard-2024 \(required: a certificate from ACM\)/,
    },
    {
      name: 'SSL listener with IAM certificate beside an ACM HTTPS one',
      evidence: withListeners(classicListener('HTTPS', 443, ACM_CERT), classicListener('SSL', 8443, IAM_CERT)),
      reason: /SSL:8443 uses arn:aws:iam/,
    },
  ],
  notEvaluated: [
    {
      name: 'HTTPS listener without SSLCertificateId',
      evidence: withListeners(classicListener('HTTPS', 443)),
      reason: /HTTPS:443 listener shows no SSLCertificateId/,
    },
    {
      name: 'listener without Protocol',
      evidence: withListeners({ Listener: { LoadBalancerPort: 443 } }),
      reason: /listener 1 has no Protocol/,
    },
    {
      name: 'ListenerDescriptions is a string',
      evidence: classicEvidence([classicLb('acme-legacy', { ListenerDescriptions: 'HTTPS' })]),
      reason: /ListenerDescriptions is "HTTPS", not a list/,
    },
    {
      name: 'load balancer without a name',
      evidence: classicEvidence([classicLb('acme-legacy', { LoadBalancerName: undefined })]),
      reason: /lacks LoadBalancerName/,
    },
    {
      name: 'load balancer created after collection ended',
      evidence: classicEvidence([classicLb('acme-legacy', { CreatedTime: '2027-01-01T00:00:00.000Z' })]),
      reason: /CreatedTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'classic DescribeLoadBalancers denied in us-east-1',
      evidence: { files: (classicEvidence([]).files ?? []).filter((f) => !(f.service === 'elb' && f.region === 'us-east-1')) },
      collectionError: { service: 'elb', operation: 'DescribeLoadBalancers', code: 'AccessDenied', region: 'us-east-1' },
      reason: /DescribeLoadBalancers .*AccessDenied/,
    },
  ],
});
