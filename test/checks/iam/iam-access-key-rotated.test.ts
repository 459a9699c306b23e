import check from '../../../src/checks/iam/iam-access-key-rotated.js';
import { accessKey, credentialReport, reportUser } from '../../helpers/aws-builders.js';
import { reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

// Collection at 2026-09-30T00:00Z: 2026-07-02 is 90 days before it, 2026-07-01 91, 2026-07-03 89.
const report = (...users: ReturnType<typeof reportUser>[]) => ({ files: [credentialReport(users)] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxAgeDays: 90 },
  pass: [
    { name: 'key rotated exactly 90 days before collection', evidence: report(reportUser('alice', accessKey(1, '2026-07-02'))) },
    { name: 'key rotated 89 days before collection', evidence: report(reportUser('alice', accessKey(1, '2026-07-03'))) },
    {
      name: 'key rotated 90 days and 23 hours before (whole days: 90)',
      evidence: report(reportUser('alice', accessKey(2, '2026-07-01T01:00:00+00:00'))),
    },
    {
      name: 'an inactive key rotated years ago is not counted',
      evidence: report(reportUser('old', accessKey(1, '2018-01-01', { active: false }))),
    },
    {
      name: 'key 91 days old at collection but 90 at report generation (3 h before collection)',
      evidence: { files: [reportGenerated('2026-09-29T21:00:00.000Z', [reportUser('alice', accessKey(1, '2026-06-30T22:00:00+00:00'))])] },
      reason: /measured from the credential report's generation time 2026-09-29T21:00:00.000Z/,
    },
    {
      name: 'the reason says the collection time is the reference when the report has no GeneratedTime',
      evidence: report(reportUser('alice', accessKey(1, '2026-09-01'))),
      reason:
        /29 days old \(limit 90\); rotated 2026-09-01 \(measured from the collection time 2026-09-30T00:00:00.000Z \(the report carries no generation time\)\)/,
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
    {
      name: 'report generated years before collection: measured from collection, the old key still fails',
      evidence: { files: [reportGenerated('2015-01-01T00:00:00.000Z', [reportUser('bob', accessKey(1, '2026-03-10'))])] },
      reason:
        /204 days old \(limit 90\).*measured from the collection time 2026-09-30T00:00:00.000Z \(the report's generation time 2015-01-01T00:00:00.000Z does not fit/,
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
      reason: /odd: access key 1 is active but the report gives no access_key_1_last_rotated date/,
    },
    {
      name: 'report generated years before the key dates inside it (was "-4125 days old ... PASS")',
      evidence: { files: [reportGenerated('2015-03-01T00:00:00.000Z', [reportUser('alice', accessKey(1, '2026-09-01'))])] },
      reason:
        /not accepted as a pass because the credential report says it was generated at 2015-03-01T00:00:00.000Z, more than 4 hours before collection started/,
    },
    {
      name: 'report generated after collection finished',
      evidence: { files: [reportGenerated('2026-09-30T06:00:00.000Z', [reportUser('alice', accessKey(1, '2026-09-01'))])] },
      reason: /generated at 2026-09-30T06:00:00.000Z, after collection finished at 2026-09-30T00:00:00.000Z/,
    },
    {
      name: 'report generated 4 h 6 min before collection (beyond the cache and the 5-minute skew)',
      evidence: { files: [reportGenerated('2026-09-29T19:54:00.000Z', [reportUser('alice', accessKey(1, '2026-09-01'))])] },
      reason: /more than 4 hours before collection started/,
    },
    {
      name: 'a key rotated after the report was generated (negative age)',
      evidence: { files: [reportGenerated('2026-09-29T22:00:00.000Z', [reportUser('alice', accessKey(1, '2026-09-29T23:00:00+00:00'))])] },
      reason:
        /alice: access_key_1_last_rotated 2026-09-29T23:00:00.000Z is later than the credential report's generation time 2026-09-29T22:00:00.000Z/,
    },
    {
      name: 'a key rotated after collection with no GeneratedTime',
      evidence: report(reportUser('alice', accessKey(1, '2026-10-05'))),
      reason: /access_key_1_last_rotated 2026-10-05T00:00:00.000Z is later than the collection time/,
    },
    {
      name: 'one malformed row beside a fresh key',
      evidence: report(
        reportUser('alice', accessKey(1, '2026-09-01')),
        reportUser('bob', { ...accessKey(1, '2026-09-01'), access_key_1_active: 'maybe' }),
      ),
      reason: /line 4: access_key_1_active is "maybe", expected true or false/,
    },
    {
      name: 'report without the <root_account> row is not a complete answer',
      evidence: { files: [credentialReport([reportUser('alice', accessKey(1, '2026-09-01'))], { root: null })] },
      reason: /no <root_account> row/,
    },
  ],
});
