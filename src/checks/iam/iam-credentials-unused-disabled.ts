import { credentialReport, reportTime, type LastUsed } from '../../bundle/evidence/iam.js';
import { isoDay, wholeDaysBetween } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

/** Console passwords and active access keys unused for longer than the limit are disabled. */
export default defineCheck({
  id: 'iam-credentials-unused-disabled',
  title: 'Credentials unused for longer than the limit are disabled',
  description:
    'For every IAM user in the credential report, an enabled console password or active access key must have been used within maxUnusedDays; one never used counts from when it was set.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {
    maxUnusedDays: {
      type: 'integer',
      minimum: 1,
      stricter: 'lower',
      description: 'Days a console password or active access key may go unused.',
    },
  },
  *run({ report }, ctx) {
    const now = reportTime(report, ctx.collectedAt);
    for (const user of report.users) {
      const credentials = [
        ...(user.passwordEnabled ? [idle('console password', user.passwordLastUsed, user.passwordLastChanged ?? user.createdAt, now)] : []),
        ...user.activeAccessKeys.map((key) => idle(`access key ${key.slot}`, key.lastUsed, key.lastRotated, now)),
      ];
      if (credentials.length === 0) {
        yield ctx.pass(user.arn, `${user.user} has no console password and no active access key`);
        continue;
      }
      const stale = credentials.filter((c) => c.days > ctx.params.maxUnusedDays);
      const limit = ` (limit ${ctx.params.maxUnusedDays})`;
      yield stale.length > 0
        ? ctx.fail(user.arn, `${user.user}: ${stale.map((c) => c.text).join('; ')}${limit}`)
        : ctx.pass(user.arn, `${user.user}: ${credentials.map((c) => c.text).join('; ')}${limit}`);
    }
  },
});

/** Days a credential has gone unused, and how that was worked out. */
function idle(name: string, lastUsed: LastUsed, setAt: Date, now: Date): { days: number; text: string } {
  if (lastUsed.kind === 'used') {
    const days = wholeDaysBetween(lastUsed.at, now);
    return { days, text: `${name} last used ${daysAgo(days)} (${isoDay(lastUsed.at)})` };
  }
  if (lastUsed.kind === 'never') {
    const days = wholeDaysBetween(setAt, now);
    return { days, text: `${name} never used since it was set ${daysAgo(days)} (${isoDay(setAt)})` };
  }
  // Set before AWS tracked use and no use recorded since: unused at least since tracking began.
  const days = wholeDaysBetween(lastUsed.notSince, now);
  return { days, text: `${name} has no recorded use since AWS began tracking it ${daysAgo(days)} (${isoDay(lastUsed.notSince)})` };
}

function daysAgo(days: number): string {
  return days === 1 ? '1 day ago' : `${days} days ago`;
}
