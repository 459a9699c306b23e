import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

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
      yield user.activeAccessKeys.length === 1
        ? ctx.pass(user.arn, `${user.user} has 1 active access key (limit 1)`)
        : ctx.fail(user.arn, `${user.user} has ${user.activeAccessKeys.length} active access keys (limit 1)`);
    }
  },
});
