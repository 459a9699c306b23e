import check from '../../../src/checks/wafv2/wafv2-web-acl-logging-enabled.js';
import { listWebAcls, loggingConfiguration, webAcl } from '../../helpers/apigw-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

const API = webAcl('acme-api');
const CDN = webAcl('acme-cdn', 'CLOUDFRONT');
const LOGS = 'arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-acme';
const acls = (regional: object[], cloudfront: object[], ...more: TestFile[]) => ({
  files: [
    listWebAcls('us-east-1', 'REGIONAL', regional),
    listWebAcls('us-east-1', 'CLOUDFRONT', cloudfront),
    listWebAcls('eu-west-1', 'REGIONAL', []),
    ...more,
  ],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'regional web ACL logging to CloudWatch Logs',
      evidence: acls([API], [], loggingConfiguration('us-east-1', API, [LOGS])),
      reason: /regional web ACL acme-api logs to arn:aws:logs:/,
    },
    {
      name: 'CloudFront web ACL, filed in us-east-1, with logging',
      evidence: acls([], [CDN], loggingConfiguration('us-east-1', CDN, [LOGS])),
      reason: /CloudFront web ACL acme-cdn logs to/,
    },
    { name: 'no web ACLs', evidence: acls([], []) },
  ],
  fail: [
    {
      name: 'regional web ACL without logging configuration',
      evidence: acls([API], [], loggingConfiguration('us-east-1', API, 'none')),
      reason: /regional web ACL acme-api has no logging configuration \(required: logging to a destination\)/,
    },
    {
      name: 'CloudFront web ACL without logging beside a regional one with',
      evidence: acls([API], [CDN], loggingConfiguration('us-east-1', API, [LOGS]), loggingConfiguration('us-east-1', CDN, 'none')),
      reason: /CloudFront web ACL acme-cdn has no logging configuration/,
    },
    {
      name: 'logging configuration with no destinations',
      evidence: acls([API], [], loggingConfiguration('us-east-1', API, [])),
      reason: /has no logging configuration/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetLoggingConfiguration denied',
      evidence: acls([API], []),
      collectionError: { service: 'wafv2', operation: 'GetLoggingConfiguration', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /regional web ACL acme-api: wafv2:GetLoggingConfiguration .*AccessDeniedException/,
    },
    {
      name: 'CloudFront listing denied in us-east-1',
      evidence: { files: [listWebAcls('us-east-1', 'REGIONAL', []), listWebAcls('eu-west-1', 'REGIONAL', [])] },
      collectionError: { service: 'wafv2', operation: 'ListWebACLs', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /wafv2:ListWebACLs .*AccessDeniedException/,
    },
    { name: 'web ACL without ARN', evidence: acls([{ ...API, ARN: undefined }], []), reason: /lacks ARN/ },
    {
      name: 'logging configuration answer without LoggingConfiguration',
      evidence: acls([API], [], { ...loggingConfiguration('us-east-1', API, [LOGS]), body: {} }),
      reason: /the answer has no LoggingConfiguration/,
    },
  ],
});
