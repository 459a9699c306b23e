import check from '../../../src/checks/elb/elb-alb-waf-associated.js';
import { v2Evidence, webAcl } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const ACL_ARN = 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/acme-web-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { wafWebAclIds: [] },
  pass: [
    {
      name: 'associated with a web ACL',
      evidence: v2Evidence({ name: 'acme-web' }),
      reason: /application load balancer acme-web is associated with web ACL acme-web-acl \(required: a WAF web ACL\)/,
    },
    { name: 'associated with a listed web ACL (by ARN)', evidence: v2Evidence({ name: 'acme-web' }), params: { wafWebAclIds: [ACL_ARN] } },
    {
      name: 'associated with a listed web ACL (by id)',
      evidence: v2Evidence({ name: 'acme-web' }),
      params: { wafWebAclIds: ['a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'] },
    },
    {
      name: 'network load balancers are not applicable',
      evidence: v2Evidence({ name: 'acme-mqtt', type: 'network' }),
      reason: /nothing in scope/,
    },
  ],
  fail: [
    {
      name: 'no web ACL',
      evidence: v2Evidence({ name: 'acme-web', webAcl: {} }),
      reason: /acme-web is associated with no WAF web ACL \(required: a WAF web ACL\)/,
    },
    {
      name: 'web ACL not on the list',
      evidence: v2Evidence({ name: 'acme-web', webAcl: webAcl('staging-acl') }),
      params: { wafWebAclIds: [ACL_ARN] },
      reason: /associated with web ACL arn:aws:wafv2:.*staging-acl.*, not an allowed one/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetWebACLForResource denied',
      evidence: {
        ...v2Evidence({ name: 'acme-web', webAcl: null }),
        errors: [
          {
            region: 'us-east-1',
            service: 'wafv2',
            operation: 'GetWebACLForResource',
            parameters: { ResourceArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-web/61636d652d776562' },
            code: 'AccessDeniedException',
          },
        ],
      },
      reason: /acme-web: wafv2:GetWebACLForResource .*AccessDeniedException/,
    },
    {
      name: 'load balancer gone before the call',
      evidence: {
        files: [
          ...(v2Evidence({ name: 'acme-web', webAcl: null }).files ?? []),
          {
            region: 'us-east-1',
            service: 'wafv2',
            operation: 'GetWebACLForResource',
            parameters: { ResourceArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-web/61636d652d776562' },
            status: 'not-found',
            body: {
              Error: {
                Code: 'WAFNonexistentItemException',
                Message: 'AWS WAF couldn’t perform the operation because your resource doesn’t exist.',
              },
            },
          },
        ],
      },
      reason: /does not exist/,
    },
    {
      name: 'WebACL without ARN or Id',
      evidence: v2Evidence({ name: 'acme-web', webAcl: { WebACL: { Name: 'x' } } }),
      reason: /WebACL has neither ARN nor Id/,
    },
  ],
});
