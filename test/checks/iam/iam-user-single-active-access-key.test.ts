import check from '../../../src/checks/iam/iam-user-single-active-access-key.js';
import { accessKey, credentialReport, reportUser } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    { name: 'one active key', evidence: { files: [credentialReport([reportUser('alice', accessKey(1, '2026-08-01'))])] } },
    {
      name: 'one active and one inactive key',
      evidence: {
        files: [
          credentialReport([reportUser('alice', { ...accessKey(1, '2026-08-01'), ...accessKey(2, '2026-01-01', { active: false }) })]),
        ],
      },
    },
    { name: 'no user has keys', evidence: { files: [credentialReport([reportUser('bob')])] } },
  ],
  fail: [
    {
      name: 'both keys active',
      evidence: { files: [credentialReport([reportUser('carol', { ...accessKey(1, '2026-03-10'), ...accessKey(2, '2026-09-01') })])] },
      reason: /carol has 2 active access keys \(limit 1\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
  ],
});
