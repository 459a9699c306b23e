import check from '../../../src/checks/iam/iam-user-single-active-access-key.js';
import { accessKey, credentialReport, reportUser } from '../../helpers/aws-builders.js';
import { reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'one active key',
      evidence: { files: [credentialReport([reportUser('alice', accessKey(1, '2026-08-01'))])] },
      reason: /alice has 1 active access key \(limit 1\)/,
    },
    { name: 'only key 2 active', evidence: { files: [credentialReport([reportUser('alice', accessKey(2, '2026-08-01'))])] } },
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
    {
      name: 'both keys active, one without a rotation date',
      evidence: { files: [credentialReport([reportUser('carol', { ...accessKey(1, '2026-03-10'), access_key_2_active: 'true' })])] },
      reason: /carol has 2 active access keys/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'one key active, but the report was generated after collection finished',
      evidence: { files: [reportGenerated('2026-10-01T00:00:00.000Z', [reportUser('alice', accessKey(1, '2026-08-01'))])] },
      reason: /not accepted as a pass because .*after collection finished/,
    },
    {
      name: 'a key rotated after the report was generated',
      evidence: { files: [reportGenerated('2026-09-29T22:00:00.000Z', [reportUser('alice', accessKey(1, '2026-09-29T23:59:00+00:00'))])] },
      reason: /access_key_1_last_rotated .* is later than/,
    },
  ],
});
