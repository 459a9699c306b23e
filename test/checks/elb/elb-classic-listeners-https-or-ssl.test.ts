import check from '../../../src/checks/elb/elb-classic-listeners-https-or-ssl.js';
import { ACM_CERT, classicEvidence, classicLb, classicListener } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const withListeners = (...listeners: object[]) => classicEvidence([classicLb('acme-legacy', { ListenerDescriptions: listeners })]);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'HTTPS and SSL listeners only',
      evidence: withListeners(classicListener('HTTPS', 443, ACM_CERT), classicListener('SSL', 8443, ACM_CERT)),
      reason: /Classic Load Balancer acme-legacy listens only with HTTPS:443, SSL:8443/,
    },
    { name: 'no listeners: not applicable', evidence: withListeners(), reason: /nothing in scope/ },
    { name: 'no load balancers at all', evidence: classicEvidence([]), reason: /nothing in scope/ },
  ],
  fail: [
    {
      name: 'an HTTP listener beside an HTTPS one',
      evidence: withListeners(classicListener('HTTPS', 443, ACM_CERT), classicListener('HTTP', 80)),
      reason: /acme-legacy has the unencrypted listener HTTP:80 \(required: HTTPS or SSL only\)/,
    },
    {
      name: 'TCP and HTTP listeners',
      evidence: withListeners(classicListener('TCP', 25), classicListener('HTTP', 80)),
      reason: /unencrypted listeners TCP:25, HTTP:80/,
    },
  ],
  notEvaluated: [
    { name: 'listener description without Listener', evidence: withListeners({ PolicyNames: [] }), reason: /listener 1 has no Listener/ },
    {
      name: 'one unreadable listing record beside a compliant load balancer',
      evidence: classicEvidence([classicLb('acme-web'), 'acme-legacy' as unknown as Record<string, unknown>]),
      reason: /not an object/,
    },
    {
      name: 'classic DescribeLoadBalancers throttled in eu-west-1',
      evidence: {
        files: (classicEvidence([classicLb('acme-web')]).files ?? []).filter((f) => !(f.service === 'elb' && f.region === 'eu-west-1')),
      },
      collectionError: { service: 'elb', operation: 'DescribeLoadBalancers', code: 'Throttling', region: 'eu-west-1' },
      reason: /DescribeLoadBalancers .*Throttling/,
    },
  ],
});
