import { credentialReport, reportTime } from '../../bundle/evidence/iam.js';
import { wholeDaysBetween } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

/** Active access keys are rotated within the limit. */
export default defineCheck({
  id: 'iam-access-key-rotated',
  title: 'Active access keys are rotated within the limit',
  description:
    'For every active access key in the IAM credential report, the age since access_key_N_last_rotated must not exceed maxAgeDays.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {
    maxAgeDays: { type: 'integer', minimum: 1, stricter: 'lower', description: 'Days an active access key may go without rotation.' },
  },
  *run({ report }, ctx) {
    const now = reportTime(report, ctx.collectedAt);
    for (const key of report.users.flatMap((u) => u.activeAccessKeys)) {
      const age = wholeDaysBetween(key.lastRotated, now);
      const reason = `${key.user}: access key ${key.slot} is ${age} days old (limit ${ctx.params.maxAgeDays})`;
      yield age <= ctx.params.maxAgeDays ? ctx.pass(key.userArn, reason) : ctx.fail(key.userArn, reason);
    }
  },
});
