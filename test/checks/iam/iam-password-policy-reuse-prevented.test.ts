import check from '../../../src/checks/iam/iam-password-policy-reuse-prevented.js';
import { passwordPolicy } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minReusePrevention: 24 },
  pass: [
    {
      name: 'reuse prevention exactly 24',
      evidence: { files: [passwordPolicy({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 })] },
    },
  ],
  fail: [
    {
      name: 'reuse prevention 12',
      evidence: { files: [passwordPolicy({ PasswordReusePrevention: 12 })] },
      reason: /remembers 12 passwords \(required 24\)/,
    },
    {
      name: 'policy without reuse prevention',
      evidence: { files: [passwordPolicy({ MinimumPasswordLength: 14 })] },
      reason: /not set \(required 24\)/,
    },
    {
      name: 'no password policy (NoSuchEntity)',
      evidence: { files: [passwordPolicy('not-found')] },
      reason: /^no password policy is set$/,
    },
  ],
  notEvaluated: [
    {
      name: 'password policy denied',
      collectionError: { operation: 'GetAccountPasswordPolicy', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
  ],
});
