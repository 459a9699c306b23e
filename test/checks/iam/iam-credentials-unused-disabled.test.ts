import check from '../../../src/checks/iam/iam-credentials-unused-disabled.js';
import { accessKey, credentialReport, password, reportUser, rootRow } from '../../helpers/aws-builders.js';
import { reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

// Collection at 2026-09-30T00:00Z: 2026-08-16 is 45 days before it, 2026-08-17 44, 2026-08-15 46.
// The benchmark: credentials unused for 45 days or more fail; used less than 45 days ago pass.
const report = (...users: ReturnType<typeof reportUser>[]) => ({ files: [credentialReport(users)] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxUnusedDays: 45 },
  pass: [
    { name: 'password last used 44 days before collection', evidence: report(reportUser('alice', password('2026-08-17'))) },
    {
      name: 'password last used 44 days and 23 hours before (whole days: 44)',
      evidence: report(reportUser('alice', password('2026-08-16T01:00:00+00:00'))),
    },
    {
      name: 'active key last used 44 days before collection',
      evidence: report(reportUser('ci', accessKey(1, '2025-01-01', { lastUsed: '2026-08-17' }))),
    },
    {
      name: 'password never used (no_information), set 5 days ago',
      evidence: report(
        reportUser('erin', { ...password('no_information', '2026-09-25'), user_creation_time: '2026-09-25T00:00:00+00:00' }),
      ),
    },
    { name: 'active key never used (N/A), rotated 44 days ago', evidence: report(reportUser('new-ci', accessKey(1, '2026-08-17'))) },
    { name: 'no password (N/A fields) and no keys', evidence: report(reportUser('service-only')) },
    {
      name: 'an inactive key unused for years is not counted',
      evidence: report(reportUser('old', { ...password('2026-09-29'), ...accessKey(2, '2018-01-01', { active: false }) })),
    },
    {
      name: 'a password disabled long ago (password_enabled false) is not counted',
      evidence: report(reportUser('ex', { password_enabled: 'false', password_last_used: '2019-01-01T00:00:00+00:00' })),
    },
    {
      name: 'the root user is out of scope, however long unused',
      evidence: {
        files: [
          credentialReport([reportUser('alice', password('2026-09-29'))], {
            root: rootRow({ password_last_used: '2020-01-01T00:00:00+00:00' }),
          }),
        ],
      },
    },
    {
      name: 'used 45 days before collection but 44 before the report was generated',
      evidence: {
        files: [
          reportGenerated('2026-09-29T20:00:00.000Z', [
            reportUser('ci', accessKey(1, '2025-01-01', { lastUsed: '2026-08-15T22:00:00+00:00' })),
          ]),
        ],
      },
      reason: /44 days ago .*measured from the credential report's generation time 2026-09-29T20:00:00.000Z/,
    },
  ],
  fail: [
    {
      name: 'password last used exactly 45 days before collection',
      evidence: report(reportUser('bob', password('2026-08-16'))),
      reason: /bob: console password last used 45 days ago \(2026-08-16\) \(limit: used within the last 45 days\)/,
    },
    {
      name: 'password last used 46 days before collection',
      evidence: report(reportUser('bob', password('2026-08-15'))),
      reason: /46 days ago/,
    },
    {
      name: 'active key last used 45 days ago while the password is fresh',
      evidence: report(reportUser('carol', { ...password('2026-09-29'), ...accessKey(2, '2025-01-01', { lastUsed: '2026-08-16' }) })),
      reason: /^carol: access key 2 last used 45 days ago/,
    },
    {
      name: 'password never used (no_information), changed 45 days ago',
      evidence: report(reportUser('dave', password('no_information', '2026-08-16'))),
      reason: /console password never used since it was set 45 days ago \(2026-08-16\)/,
    },
    {
      name: 'active key never used (N/A), rotated 45 days ago',
      evidence: report(reportUser('ci', accessKey(1, '2026-08-16'))),
      reason: /access key 1 never used since it was set 45 days ago/,
    },
    {
      name: 'second key active and never used, the first used yesterday',
      evidence: report(reportUser('ci', { ...accessKey(1, '2025-01-01', { lastUsed: '2026-09-29' }), ...accessKey(2, '2026-06-01') })),
      reason: /access key 2 never used since it was set 121 days ago/,
    },
    {
      name: 'password set before sign-in tracking began, no_information',
      evidence: report(reportUser('ancient', password('no_information', '2013-05-01'))),
      reason: /no recorded use since AWS began tracking it \d+ days ago \(2014-10-20\)/,
    },
    {
      name: 'key rotated before key-use tracking began, N/A',
      evidence: report(reportUser('ancient-ci', accessKey(1, '2014-01-01'))),
      reason: /access key 1 has no recorded use since AWS began tracking it \d+ days ago \(2015-04-22\)/,
    },
    {
      name: 'report generated after collection: stale credential still fails, measured from collection',
      evidence: { files: [reportGenerated('2026-10-02T00:00:00.000Z', [reportUser('bob', password('2026-06-01'))])] },
      reason: /121 days ago .*measured from the collection time 2026-09-30T00:00:00.000Z/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    { name: 'credential report not collected', evidence: { files: [] }, reason: /not in the bundle/ },
    {
      name: 'report generated years before the dates inside it',
      evidence: { files: [reportGenerated('2015-03-01T00:00:00.000Z', [reportUser('alice', password('2026-09-20'))])] },
      reason: /not accepted as a pass because the credential report says it was generated at 2015-03-01/,
    },
    {
      name: 'password last used after the report was generated',
      evidence: { files: [reportGenerated('2026-09-29T22:00:00.000Z', [reportUser('alice', password('2026-09-29T23:30:00+00:00'))])] },
      reason: /password_last_used 2026-09-29T23:30:00.000Z is later than the credential report's generation time/,
    },
    {
      name: 'key last used after collection (no GeneratedTime)',
      evidence: report(reportUser('ci', accessKey(1, '2026-01-01', { lastUsed: '2026-10-03' }))),
      reason: /access_key_1_last_used_date 2026-10-03T00:00:00.000Z is later than the collection time/,
    },
    {
      name: 'an active key that shows no use and no rotation date',
      evidence: report(reportUser('odd', { access_key_1_active: 'true' })),
      reason: /access key 1 shows no use and the report gives no date it was set/,
    },
    {
      name: 'a header-only report',
      evidence: { files: [credentialReport([], { root: null })] },
      reason: /no <root_account> row/,
    },
  ],
});
