import check from '../../../src/checks/iam/iam-password-policy-reuse-prevented.js';
import { passwordPolicy } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const reuse = (value: unknown) => ({ files: [passwordPolicy({ MinimumPasswordLength: 14, PasswordReusePrevention: value as number })] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minReusePrevention: 24 },
  pass: [{ name: 'reuse prevention exactly 24', evidence: reuse(24), reason: /remembers 24 passwords \(required 24\)/ }],
  fail: [
    { name: 'reuse prevention 23', evidence: reuse(23), reason: /remembers 23 passwords \(required 24\)/ },
    { name: 'reuse prevention 1', evidence: reuse(1) },
    {
      name: 'policy without reuse prevention',
      evidence: { files: [passwordPolicy({ MinimumPasswordLength: 14 })] },
      reason: /not set \(required 24\)/,
    },
    {
      name: 'no password policy (NoSuchEntity)',
      evidence: { files: [passwordPolicy('not-found')] },
      reason: /^no password policy is set, so passwords may be reused \(required 24\)$/,
    },
  ],
  notEvaluated: [
    {
      name: 'password policy denied',
      collectionError: { operation: 'GetAccountPasswordPolicy', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'reuse prevention beyond what IAM allows',
      evidence: reuse(25),
      reason: /PasswordReusePrevention is 25, not an integer from 1 to 24/,
    },
    { name: 'reuse prevention stored as a string', evidence: reuse('24'), reason: /PasswordReusePrevention is "24"/ },
  ],
});
