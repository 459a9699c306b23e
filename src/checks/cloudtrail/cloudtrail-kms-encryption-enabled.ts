import { accountTrails, trailsByHomeRegion } from '../../bundle/evidence/cloudtrail.js';
import { defineCheck } from '../define-check.js';

/** Every trail encrypts its log files with a KMS key. */
export default defineCheck({
  id: 'cloudtrail-kms-encryption-enabled',
  title: 'CloudTrail logs are encrypted with a KMS key',
  description:
    'With no trail in the account at all, FAIL (nothing is logged). Otherwise, for every trail, judged once in its home region (or, for a trail homed outside the regions in scope, in the first region in scope that lists it), DescribeTrails must show a KmsKeyId (SSE-KMS rather than the default SSE-S3).',
  scope: 'region',
  // The account's trails too: with no trail at all nothing is logged, which is a FAIL, not a vacuous pass.
  needs: { trails: trailsByHomeRegion, account: accountTrails },
  params: {},
  *run({ trails, account }, ctx) {
    if (account.trails.length === 0 && account.unavailableRegions.length === 0 && account.unreadable.length === 0) {
      yield ctx.fail(
        `${ctx.scope.account}/${ctx.scope.region}`,
        `DescribeTrails lists no trail in any region in scope: CloudTrail logs nothing in account ${ctx.scope.account}, so no log file is encrypted with a KMS key`,
      );
      return;
    }
    for (const trail of trails) {
      yield trail.KmsKeyId
        ? ctx.pass(trail.TrailARN, `trail ${trail.Name} encrypts logs with KMS key ${trail.KmsKeyId}`)
        : ctx.fail(trail.TrailARN, `trail ${trail.Name} has no KMS key (KmsKeyId absent, required; logs use SSE-S3 only)`);
    }
  },
});
