import check from '../../../src/checks/elb/elb-alb-http-redirects-to-https.js';
import { forward, redirect, rule, v2Evidence, v2Listener } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const https = v2Listener('acme-web', 'HTTPS', 443);
const http = (defaultActions: object[]) => v2Listener('acme-web', 'HTTP', 80, { DefaultActions: defaultActions });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'HTTP listener redirecting to HTTPS',
      evidence: v2Evidence({ name: 'acme-web' }),
      reason: /acme-web redirects every request on HTTP:80 to HTTPS/,
    },
    {
      name: 'only an HTTPS listener',
      evidence: v2Evidence({ name: 'acme-web', listeners: [https] }),
      reason: /acme-web has no HTTP listener$/,
    },
    { name: 'no listeners at all', evidence: v2Evidence({ name: 'acme-web', listeners: [] }), reason: /no listeners at all/ },
    {
      name: 'redirect rules besides the default redirect, protocol in lower case',
      evidence: v2Evidence({
        name: 'acme-web',
        listeners: [https, http([redirect('HTTPS')])],
        rules: { 80: [rule('10', [redirect('https')]), rule('default', [redirect('HTTPS')])] },
      }),
    },
    {
      name: 'network load balancers are not applicable',
      evidence: v2Evidence({ name: 'acme-mqtt', type: 'network' }),
      reason: /nothing in scope/,
    },
  ],
  fail: [
    {
      name: 'HTTP listener forwarding',
      evidence: v2Evidence({ name: 'acme-web', listeners: [https, http([forward()])] }),
      reason: /acme-web: HTTP:80 default action does forward; HTTP:80 default rule does forward \(required: redirect to HTTPS\)/,
    },
    {
      name: 'default redirects, but a rule forwards plain HTTP',
      evidence: v2Evidence({ name: 'acme-web', rules: { 80: [rule('5', [forward()]), rule('default', [redirect('HTTPS')])] } }),
      reason: /HTTP:80 rule 5 does forward/,
    },
    {
      name: 'redirect that keeps the protocol',
      evidence: v2Evidence({ name: 'acme-web', listeners: [http([redirect('#{protocol}')])] }),
      reason: /default action redirects to #\{protocol\}/,
    },
    {
      name: "a failing listener is reported although the other listener's rules are unknown",
      evidence: v2Evidence({
        name: 'acme-web',
        listeners: [http([forward()]), v2Listener('acme-web', 'HTTP', 8080)],
        rules: { 8080: null },
      }),
      reason: /HTTP:80 default action does forward/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeRules missing for the HTTP listener',
      evidence: v2Evidence({ name: 'acme-web', rules: { 80: null } }),
      reason: /HTTP:80: elbv2:DescribeRules .*not in the bundle/,
    },
    {
      name: 'redirect action without RedirectConfig',
      evidence: v2Evidence({ name: 'acme-web', rules: { 80: [rule('default', [{ Type: 'redirect' }])] } }),
      reason: /lacks RedirectConfig.Protocol/,
    },
    {
      name: 'rule without actions',
      evidence: v2Evidence({ name: 'acme-web', rules: { 80: [rule('default', [])] } }),
      reason: /no actions are listed/,
    },
    {
      name: 'Listeners is an object',
      evidence: v2Evidence({ name: 'acme-web', listeners: { raw: { Listeners: { Port: 80 } } } }),
      reason: /Listeners is an object, not a list/,
    },
  ],
});
