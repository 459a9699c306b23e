import { accountTrails, trailsByHomeRegion } from '../../bundle/evidence/cloudtrail.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck } from '../define-check.js';

const HOUR_MS = 3_600_000;

/** Every trail delivers its events to CloudWatch Logs, and did so recently. */
export default defineCheck({
  id: 'cloudtrail-cloudwatch-logs-delivered',
  title: 'CloudTrail trails deliver to CloudWatch Logs',
  description:
    'For every trail, judged once in its home region (or, for a trail homed outside the regions in scope, in the first region in scope that lists it), DescribeTrails must show a CloudWatchLogsLogGroupArn, and GetTrailStatus a LatestCloudWatchLogsDeliveryTime at most maxDeliveryAgeHours before the collection ended (no delivery recorded fails). With no trail in the account at all, FAIL: nothing is delivered (the Config rule has no trail to evaluate).',
  scope: 'region',
  needs: { trails: trailsByHomeRegion, account: accountTrails },
  params: {
    maxDeliveryAgeHours: {
      type: 'integer',
      description:
        'Oldest acceptable last delivery to CloudWatch Logs, in hours before collection (the rule parameter expectedDeliveryWindowAge).',
      minimum: 1,
      stricter: 'lower',
    },
  },
  *run({ trails, account }, ctx) {
    if (account.trails.length === 0 && account.unavailableRegions.length === 0 && account.unreadable.length === 0) {
      yield ctx.fail(
        `${ctx.scope.account}/${ctx.scope.region}`,
        `DescribeTrails lists no trail in any region in scope: CloudTrail delivers nothing to CloudWatch Logs in account ${ctx.scope.account}`,
      );
      return;
    }
    const limit = ctx.params.maxDeliveryAgeHours;
    for (const trail of trails) {
      const details = account.trails.find((t) => t.trail.TrailARN === trail.TrailARN);
      const listing: FileRef[] = details?.files ?? [];
      const name = `trail ${trail.Name}`;
      const group: unknown = trail.CloudWatchLogsLogGroupArn;
      if (group === undefined || group === null || group === '') {
        yield ctx.fail(
          trail.TrailARN,
          `${name} does not deliver to CloudWatch Logs (CloudWatchLogsLogGroupArn absent; required: a log group)`,
        );
        continue;
      }
      if (typeof group !== 'string') {
        yield ctx.notEvaluated(
          trail.TrailARN,
          `${name}: DescribeTrails gives CloudWatchLogsLogGroupArn ${JSON.stringify(group).slice(0, 60)}, not an ARN`,
        );
        continue;
      }
      if (!details) {
        yield ctx.notEvaluated(trail.TrailARN, `${name}: its GetTrailStatus could not be matched to the trail listings of the account`);
        continue;
      }
      if (!details.status.ok) {
        yield ctx.notEvaluated(
          trail.TrailARN,
          `${name} delivers to ${group}, but when it last delivered is unknown: ${details.status.reason}`,
          listing,
        );
        continue;
      }
      const status = details.status.value;
      const files = [...listing, ...details.status.files];
      const error =
        typeof status.LatestCloudWatchLogsDeliveryError === 'string' && status.LatestCloudWatchLogsDeliveryError !== ''
          ? `; last delivery error ${status.LatestCloudWatchLogsDeliveryError}`
          : '';
      const last = status.LatestCloudWatchLogsDeliveryTime;
      if (!last) {
        yield ctx.fail(
          trail.TrailARN,
          `${name} is set to deliver to ${group} but GetTrailStatus records no delivery (LatestCloudWatchLogsDeliveryTime absent; limit ${limit} h)${error}`,
          files,
        );
        continue;
      }
      const age = ctx.collectedAt.getTime() - last.getTime();
      const reason = `${name} last delivered to ${group} at ${last.toISOString()}, ${formatAge(age)} before collection (limit ${limit} h)${error}`;
      yield age <= limit * HOUR_MS ? ctx.pass(trail.TrailARN, reason, files) : ctx.fail(trail.TrailARN, reason, files);
    }
  },
});

/** "24 h 0 min 1 s": exact enough that one second over the limit shows. */
function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const rest = ms % 1000 === 0 ? '' : ` ${ms % 1000} ms`;
  return `${h} h ${min} min ${s} s${rest}`;
}
