import check from '../../../src/checks/iam/iam-root-access-key-absent.js';
import { accessKey, credentialReport, reportUser, rootRow } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    { name: 'root row has no access keys', evidence: { files: [credentialReport([reportUser('alice')])] } },
    {
      name: 'root key 1 exists but is inactive',
      evidence: { files: [credentialReport([], { root: rootRow(accessKey(1, '2020-05-01', { active: false })) })] },
    },
  ],
  fail: [
    {
      name: 'root key 1 is active',
      evidence: { files: [credentialReport([], { root: rootRow(accessKey(1, '2020-05-01')) })] },
      reason: /active access key 1 \(last rotated 2020-05-01\)/,
    },
    {
      name: 'root key 2 is active, key 1 inactive',
      evidence: {
        files: [
          credentialReport([], { root: rootRow({ ...accessKey(1, '2020-05-01', { active: false }), ...accessKey(2, '2021-01-01') }) }),
        ],
      },
      reason: /access key 2/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /iam:GetCredentialReport in 111122223333\/global failed during collection: AccessDenied/,
    },
    { name: 'credential report not collected', evidence: { files: [] }, reason: /not in the bundle/ },
    {
      name: 'report without a <root_account> row',
      evidence: { files: [credentialReport([reportUser('alice')], { root: null })] },
      reason: /no <root_account> row/,
    },
    {
      name: 'report with a malformed boolean',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'yes' }) })] },
      reason: /line 2: mfa_active is "yes", expected true or false/,
    },
  ],
});
