import { trailsByHomeRegion } from '../../bundle/evidence/cloudtrail.js';
import { defineCheck } from '../define-check.js';

/** Every trail has log file integrity validation enabled. */
export default defineCheck({
  id: 'cloudtrail-log-file-validation-enabled',
  title: 'CloudTrail log file validation is enabled',
  description:
    'For every trail, judged once in its home region (or, for a trail homed outside the regions in scope, in the first region in scope that lists it), DescribeTrails must show LogFileValidationEnabled true.',
  scope: 'region',
  needs: { trails: trailsByHomeRegion },
  params: {},
  *run({ trails }, ctx) {
    for (const trail of trails) {
      yield trail.LogFileValidationEnabled === true
        ? ctx.pass(trail.TrailARN, `trail ${trail.Name} has log file validation enabled`)
        : ctx.fail(
            trail.TrailARN,
            `trail ${trail.Name} has log file validation disabled (LogFileValidationEnabled ${String(trail.LogFileValidationEnabled ?? 'absent')}, required true)`,
          );
    }
  },
});
