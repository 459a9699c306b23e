import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

/** No IAM user has two active access keys. */
export default defineCheck({
  id: 'iam-user-single-active-access-key',
  title: 'IAM users have at most one active access key',
  description: 'For every IAM user in the credential report with an active access key, access keys 1 and 2 must not both be active.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    for (const user of report.users.filter((u) => u.activeAccessKeys.length > 0)) {
      const count = user.activeAccessKeys.length;
      yield reportFinding(ctx, report, user, {
        status: count === 1 ? 'pass' : 'fail',
        reason: `${user.user} has ${count} active access ${count === 1 ? 'key' : 'keys'} (limit 1)`,
      });
    }
  },
});
