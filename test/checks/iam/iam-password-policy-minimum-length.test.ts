import check from '../../../src/checks/iam/iam-password-policy-minimum-length.js';
import { passwordPolicy } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const length = (value: unknown) => ({ files: [passwordPolicy({ MinimumPasswordLength: value as number })] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minLength: 14 },
  pass: [
    { name: 'minimum length exactly 14', evidence: length(14), reason: /minimum password length is 14 \(required 14\)/ },
    { name: 'minimum length 15', evidence: length(15) },
    { name: 'minimum length 128 (the IAM maximum)', evidence: length(128) },
  ],
  fail: [
    { name: 'minimum length 13', evidence: length(13), reason: /minimum password length is 13 \(required 14\)/ },
    { name: 'minimum length 6 (the IAM minimum)', evidence: length(6) },
    {
      name: 'no password policy (NoSuchEntity)',
      evidence: { files: [passwordPolicy('not-found')] },
      reason: /^no password policy is set, so AWS requires 6 characters \(required 14\)$/,
    },
    {
      name: 'a policy that names no minimum length',
      evidence: { files: [passwordPolicy({ RequireSymbols: true })] },
      reason: /names no minimum length, so AWS requires 6 \(required 14\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'password policy denied',
      collectionError: { operation: 'GetAccountPasswordPolicy', code: 'AccessDenied' },
      reason: /iam:GetAccountPasswordPolicy .* AccessDenied/,
    },
    { name: 'password policy not collected', evidence: { files: [] }, reason: /not in the bundle/ },
    { name: 'length stored as a string', evidence: length('14'), reason: /MinimumPasswordLength is "14", not an integer from 6 to 128/ },
    { name: 'length beyond what IAM allows', evidence: length(500), reason: /MinimumPasswordLength is 500/ },
    { name: 'length not a whole number', evidence: length(14.5), reason: /MinimumPasswordLength is 14.5/ },
  ],
});
