import check from '../../../src/checks/iam/iam-password-policy-minimum-length.js';
import { passwordPolicy } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minLength: 14 },
  pass: [
    { name: 'minimum length exactly 14', evidence: { files: [passwordPolicy({ MinimumPasswordLength: 14 })] } },
    { name: 'minimum length 20', evidence: { files: [passwordPolicy({ MinimumPasswordLength: 20 })] } },
  ],
  fail: [
    {
      name: 'minimum length 13',
      evidence: { files: [passwordPolicy({ MinimumPasswordLength: 13 })] },
      reason: /minimum password length is 13 \(required 14\)/,
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
      reason: /iam:GetAccountPasswordPolicy .* AccessDenied/,
    },
    { name: 'password policy not collected', evidence: { files: [] }, reason: /not in the bundle/ },
  ],
});
