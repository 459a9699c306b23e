import { publicAccessBlocks } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Every bucket blocks public access by its own settings, unless the catalog lists it as meant to be public. */
export default defineCheck({
  id: 's3-bucket-level-public-access-blocked',
  title: 'S3 buckets block public access at bucket level',
  description:
    "For every bucket in ListBuckets not named in allowedPublicBuckets, the bucket's own GetPublicAccessBlock must show all four Block Public Access settings true; the account-level block is not considered.",
  scope: 'account',
  needs: { blocks: publicAccessBlocks },
  params: {
    allowedPublicBuckets: {
      type: 'array',
      items: { type: 'string' },
      description: 'Names of buckets meant to be public (the rule parameter excludedPublicBuckets); empty: none.',
    },
  },
  *run({ blocks }, ctx) {
    for (const { bucket, evidence } of blocks.buckets) {
      if (ctx.params.allowedPublicBuckets.includes(bucket.name)) {
        yield ctx.pass(
          bucket.arn,
          `bucket ${bucket.name} is listed as allowed to be public, so its bucket-level block is not required`,
          evidence.ok ? evidence.files : undefined,
        );
        continue;
      }
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const settings = evidence.value;
      const off = SETTINGS.filter((s) => settings?.[s] !== true);
      if (settings === undefined) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} has no bucket-level Block Public Access configuration (required: all four settings true)`,
          evidence.files,
        );
      } else if (off.length > 0) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} has bucket-level ${off.join(', ')} not true (required: all four settings true)`,
          evidence.files,
        );
      } else {
        yield ctx.pass(bucket.arn, `bucket ${bucket.name} has all four Block Public Access settings true at bucket level`, evidence.files);
      }
    }
  },
});
