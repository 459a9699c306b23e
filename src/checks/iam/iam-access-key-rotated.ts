import { credentialReport, reportTime } from '../../bundle/evidence/iam.js';
import { isoDay, wholeDaysBetween } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';
import { measuredFrom, reportFinding } from './credential-report-findings.js';

/** Active access keys are rotated within the limit. */
export default defineCheck({
  id: 'iam-access-key-rotated',
  title: 'Active access keys are rotated within the limit',
  description:
    "For every IAM user's active access key in the credential report, whole days since access_key_N_last_rotated, measured from the report's generation time (else the collection time), must be at most maxAgeDays.",
  scope: 'account',
  needs: { report: credentialReport },
  params: {
    maxAgeDays: {
      type: 'integer',
      minimum: 1,
      stricter: 'lower',
      description: 'Days an active access key may go without rotation (passes at exactly this many).',
    },
  },
  *run({ report }, ctx) {
    const now = reportTime(report);
    const limit = ctx.params.maxAgeDays;
    for (const user of report.users) {
      for (const key of user.activeAccessKeys) {
        if (!key.lastRotated) {
          yield reportFinding(ctx, report, user, {
            status: 'unknown',
            reason: `${user.user}: access key ${key.slot} is active but the report gives no access_key_${key.slot}_last_rotated date`,
          });
          continue;
        }
        const age = wholeDaysBetween(key.lastRotated, now);
        const reason = `${user.user}: access key ${key.slot} is ${age} days old (limit ${limit}); rotated ${isoDay(key.lastRotated)} ${measuredFrom(report)}`;
        yield reportFinding(ctx, report, user, { status: age <= limit ? 'pass' : 'fail', reason });
      }
    }
  },
});
