import { trailsByHomeRegion } from '../../bundle/evidence/cloudtrail.js';
import { defineCheck } from '../define-check.js';

/** Every trail encrypts its log files with a KMS key. */
export default defineCheck({
  id: 'cloudtrail-kms-encryption-enabled',
  title: 'CloudTrail logs are encrypted with a KMS key',
  description:
    'For every trail, judged once in its home region (or, for a trail homed outside the regions in scope, in the first region in scope that lists it), DescribeTrails must show a KmsKeyId (SSE-KMS rather than the default SSE-S3).',
  scope: 'region',
  needs: { trails: trailsByHomeRegion },
  params: {},
  *run({ trails }, ctx) {
    for (const trail of trails) {
      yield trail.KmsKeyId
        ? ctx.pass(trail.TrailARN, `trail ${trail.Name} encrypts logs with KMS key ${trail.KmsKeyId}`)
        : ctx.fail(trail.TrailARN, `trail ${trail.Name} has no KMS key (KmsKeyId absent, required; logs use SSE-S3 only)`);
    }
  },
});
