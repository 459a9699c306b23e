import check from '../../../src/checks/iam/iam-root-access-key-absent.js';
import { accessKey, credentialReport, reportUser, rootRow } from '../../helpers/aws-builders.js';
import { headerOnlyReport, reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'root row has no access keys',
      evidence: { files: [credentialReport([reportUser('alice')])] },
      reason: /no active access key \(limit 0\)/,
    },
    {
      name: 'root key 1 exists but is inactive (the console audit reads the active flags)',
      evidence: { files: [credentialReport([], { root: rootRow(accessKey(1, '2020-05-01', { active: false })) })] },
      reason: /inactive: access key 1/,
    },
  ],
  fail: [
    {
      name: 'root key 1 is active',
      evidence: { files: [credentialReport([], { root: rootRow(accessKey(1, '2020-05-01')) })] },
      reason: /active access key 1 \(last rotated 2020-05-01\) \(limit 0\)/,
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
    {
      name: 'root key active with no rotation date',
      evidence: { files: [credentialReport([], { root: rootRow({ access_key_1_active: 'true' }) })] },
      reason: /active access key 1 \(no rotation date\)/,
    },
    {
      name: 'root key active in a report generated after collection (a FAIL the report shows stands)',
      evidence: { files: [reportGenerated('2026-10-01T00:00:00.000Z', [], rootRow(accessKey(1, '2020-05-01')))] },
      reason: /active access key 1/,
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
    { name: 'header-only report', evidence: { files: [headerOnlyReport()] }, reason: /no <root_account> row/ },
    {
      name: 'root row with a malformed boolean',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'yes' }) })] },
      reason: /line 2: mfa_active is "yes", expected true or false/,
    },
    {
      name: 'no root key, but the report was generated more than 4 h before collection',
      evidence: { files: [reportGenerated('2026-09-29T10:00:00.000Z', [])] },
      reason: /not accepted as a pass because .*more than 4 hours before collection started/,
    },
    {
      name: 'root row created after the report was generated',
      evidence: { files: [reportGenerated('2026-09-29T22:00:00.000Z', [], rootRow({ user_creation_time: '2026-09-29T23:00:00+00:00' }))] },
      reason: /user_creation_time 2026-09-29T23:00:00.000Z is later than/,
    },
  ],
});
