import check from '../../../src/checks/iam/iam-access-key-rotated.js';
import { accessKey, credentialReport, reportUser } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const report = (...users: ReturnType<typeof reportUser>[]) => ({ files: [credentialReport(users)] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxAgeDays: 90 },
  pass: [
    { name: 'key rotated exactly 90 days before collection', evidence: report(reportUser('alice', accessKey(1, '2026-07-02'))) },
    {
      name: 'an inactive key rotated years ago is not counted',
      evidence: report(reportUser('old', accessKey(1, '2018-01-01', { active: false }))),
    },
    {
      name: 'key 91 days old at collection but 90 at report generation',
      evidence: {
        files: [
          credentialReport([reportUser('alice', accessKey(1, '2026-06-30T22:00:00+00:00'))], { generatedTime: '2026-09-29T20:00:00.000Z' }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'key rotated 91 days before collection',
      evidence: report(reportUser('bob', accessKey(1, '2026-07-01'))),
      reason: /bob: access key 1 is 91 days old \(limit 90\)/,
    },
    {
      name: 'second key old while the first is fresh',
      evidence: report(reportUser('carol', { ...accessKey(1, '2026-09-01'), ...accessKey(2, '2026-03-10') })),
      reason: /access key 2 is 204 days old \(limit 90\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'active key without a rotation date',
      evidence: report(reportUser('odd', { access_key_1_active: 'true' })),
      reason: /access_key_1_last_rotated is "N\/A"/,
    },
  ],
});
