import check from '../../../src/checks/accessanalyzer/accessanalyzer-analyzer-active.js';
import { analyzer, listAnalyzers } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** The same analyzers in both test regions. */
const both = (...list: object[]) => ({ files: [listAnalyzers('us-east-1', list), listAnalyzers('eu-west-1', list)] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'an ACTIVE ORGANIZATION analyzer in each region',
      evidence: { files: [listAnalyzers('us-east-1', [analyzer('org', 'ORGANIZATION')]), listAnalyzers('eu-west-1', [analyzer('org', 'ORGANIZATION', 'ACTIVE', 'eu-west-1')])] },
    },
    {
      name: 'an analyzer without name: the name comes from its ARN',
      evidence: both({ ...analyzer('external'), name: undefined }),
      reason: /analyzer external \(ACCOUNT\) is ACTIVE/,
    },
    {
      name: 'an ACTIVE account analyzer',
      evidence: both(analyzer('account-analyzer')),
      reason: /analyzer account-analyzer \(ACCOUNT\) is ACTIVE in us-east-1/,
    },
    {
      name: 'an ACTIVE organization analyzer beside an unused-access one',
      evidence: both(analyzer('unused', 'ACCOUNT_UNUSED_ACCESS'), analyzer('org', 'ORGANIZATION')),
    },
  ],
  fail: [
    {
      name: 'ACTIVE account analyzer in us-east-1 only',
      evidence: { files: [listAnalyzers('us-east-1', [analyzer('external')]), listAnalyzers('eu-west-1', [])] },
      reason: /no ACCOUNT or ORGANIZATION analyzer in eu-west-1/,
    },
    {
      name: 'only an ACTIVE unused-access analyzer',
      evidence: both(analyzer('unused', 'ACCOUNT_UNUSED_ACCESS')),
      reason: /only unused \(ACCOUNT_UNUSED_ACCESS\)/,
    },
    {
      name: 'no analyzer in eu-west-1',
      evidence: { files: [listAnalyzers('us-east-1', [analyzer('account-analyzer')]), listAnalyzers('eu-west-1', [])] },
      reason: /^no ACCOUNT or ORGANIZATION analyzer in eu-west-1 \(required: one ACTIVE\)$/,
    },
    {
      name: 'only an unused-access analyzer',
      evidence: both(analyzer('unused', 'ACCOUNT_UNUSED_ACCESS')),
      reason: /no ACCOUNT or ORGANIZATION analyzer \(only unused \(ACCOUNT_UNUSED_ACCESS\)\)/,
    },
    {
      name: 'the organization analyzer FAILED',
      evidence: both(analyzer('org', 'ORGANIZATION', 'FAILED')),
      reason: /analyzer org \(ORGANIZATION\) is FAILED \(AWS_SERVICE_ACCESS_DISABLED\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'the only analyzer omits its type',
      evidence: both({ ...analyzer('external'), type: undefined }),
      reason: /analyzer external has no type/,
    },
    {
      name: 'an analyzer without name or arn and no other ACTIVE one',
      evidence: both({ ...analyzer('external'), name: undefined, arn: undefined }),
      reason: /lacks name/,
    },
    {
      name: 'analyzer created after collection ended',
      evidence: both({ ...analyzer('external'), createdAt: '2027-01-01T00:00:00.000Z' }),
      reason: /createdAt 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListAnalyzers denied in eu-west-1',
      evidence: { files: [listAnalyzers('us-east-1', [analyzer('account-analyzer')])] },
      collectionError: { service: 'accessanalyzer', operation: 'ListAnalyzers', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /accessanalyzer:ListAnalyzers in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
