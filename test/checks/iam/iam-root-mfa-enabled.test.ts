import check from '../../../src/checks/iam/iam-root-mfa-enabled.js';
import { credentialReport, rootRow } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [{ name: 'root mfa_active is true', evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'true' }) })] } }],
  fail: [
    {
      name: 'root mfa_active is false',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'false' }) })] },
      reason: /no MFA device active/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'report without a <root_account> row',
      evidence: { files: [credentialReport([], { root: null })] },
      reason: /no <root_account> row/,
    },
  ],
});
