import check from '../../../src/checks/iam/iam-credentials-unused-disabled.js';
import { accessKey, credentialReport, password, reportUser } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

// Collection at 2026-09-30T00:00Z: 2026-07-02 is 90 days before it, 2026-07-01 is 91.
const report = (...users: ReturnType<typeof reportUser>[]) => ({ files: [credentialReport(users)] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxUnusedDays: 90 },
  pass: [
    { name: 'password last used exactly 90 days before collection', evidence: report(reportUser('alice', password('2026-07-02'))) },
    {
      name: 'active key last used exactly 90 days before collection',
      evidence: report(reportUser('ci', accessKey(1, '2025-01-01', { lastUsed: '2026-07-02' }))),
    },
    {
      name: 'password never used (no_information), set 5 days ago',
      evidence: report(
        reportUser('erin', { ...password('no_information', '2026-09-25'), user_creation_time: '2026-09-25T00:00:00+00:00' }),
      ),
    },
    { name: 'active key never used (N/A), rotated 10 days ago', evidence: report(reportUser('new-ci', accessKey(1, '2026-09-20'))) },
    { name: 'no password (N/A fields) and no keys', evidence: report(reportUser('service-only')) },
    {
      name: 'an inactive key unused for years is not counted',
      evidence: report(reportUser('old', { ...password('2026-09-29'), ...accessKey(2, '2018-01-01', { active: false }) })),
    },
    {
      name: 'used 91 days before collection but 90 before the report was generated',
      evidence: {
        files: [
          credentialReport([reportUser('ci', accessKey(1, '2025-01-01', { lastUsed: '2026-06-30T22:00:00+00:00' }))], {
            generatedTime: '2026-09-29T20:00:00.000Z',
          }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'password last used 91 days before collection',
      evidence: report(reportUser('bob', password('2026-07-01'))),
      reason: /bob: console password last used 91 days ago \(2026-07-01\) \(limit 90\)/,
    },
    {
      name: 'active key last used 91 days ago while the password is fresh',
      evidence: report(reportUser('carol', { ...password('2026-09-29'), ...accessKey(2, '2025-01-01', { lastUsed: '2026-07-01' }) })),
      reason: /^carol: access key 2 last used 91 days ago/,
    },
    {
      name: 'password never used (no_information), set 121 days ago',
      evidence: report(reportUser('dave', password('no_information', '2026-06-01'))),
      reason: /console password never used since it was set 121 days ago \(2026-06-01\)/,
    },
    {
      name: 'active key never used (N/A), rotated 91 days ago',
      evidence: report(reportUser('ci', accessKey(1, '2026-07-01'))),
      reason: /access key 1 never used since it was set 91 days ago/,
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
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    { name: 'credential report not collected', evidence: { files: [] }, reason: /not in the bundle/ },
  ],
});
