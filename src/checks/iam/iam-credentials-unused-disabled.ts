import { credentialReport, reportTime, type LastUsed } from '../../bundle/evidence/iam.js';
import { isoDay, wholeDaysBetween } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';
import { measuredFrom, reportFinding } from './credential-report-findings.js';

/** Console passwords and active access keys unused for the limit or longer are disabled. */
export default defineCheck({
  id: 'iam-credentials-unused-disabled',
  title: 'Credentials unused for the limit or longer are disabled',
  description:
    "For every IAM user in the credential report (the root user excluded), an enabled console password or active access key must have been used fewer than maxUnusedDays whole days before the report's generation time (else the collection time); one never used counts from when it was set.",
  scope: 'account',
  needs: { report: credentialReport },
  params: {
    maxUnusedDays: {
      type: 'integer',
      minimum: 1,
      stricter: 'lower',
      description: 'A console password or active access key unused for this many days or more fails.',
    },
  },
  *run({ report }, ctx) {
    const now = reportTime(report);
    const limit = ctx.params.maxUnusedDays;
    const suffix = `(limit: used within the last ${limit} days) ${measuredFrom(report)}`;
    for (const user of report.users) {
      const credentials = [
        ...(user.passwordEnabled ? [idle('console password', user.passwordLastUsed, user.passwordLastChanged ?? user.createdAt, now)] : []),
        ...user.activeAccessKeys.map((key) => idle(`access key ${key.slot}`, key.lastUsed, key.lastRotated, now)),
      ];
      if (credentials.length === 0) {
        yield reportFinding(ctx, report, user, { status: 'pass', reason: `${user.user} has no console password and no active access key` });
        continue;
      }
      const unknown = credentials.filter((c) => c.days === undefined);
      const stale = credentials.filter((c) => c.days !== undefined && c.days >= limit);
      const text = (list: typeof credentials): string => `${user.user}: ${list.map((c) => c.text).join('; ')} ${suffix}`;
      if (stale.length > 0) yield reportFinding(ctx, report, user, { status: 'fail', reason: text(stale) });
      else if (unknown.length > 0) yield reportFinding(ctx, report, user, { status: 'unknown', reason: text(unknown) });
      else yield reportFinding(ctx, report, user, { status: 'pass', reason: text(credentials) });
    }
  },
});

/** Days a credential has gone unused, and how that was worked out; `days` undefined when the report cannot say. */
function idle(name: string, lastUsed: LastUsed, setAt: Date | undefined, now: Date): { days: number | undefined; text: string } {
  if (lastUsed.kind === 'used') {
    const days = wholeDaysBetween(lastUsed.at, now);
    return { days, text: `${name} last used ${daysAgo(days)} (${isoDay(lastUsed.at)})` };
  }
  if (lastUsed.kind === 'never') {
    if (!setAt) return { days: undefined, text: `${name} shows no use and the report gives no date it was set` };
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
