import type { Evidence } from '../../bundle/evidence.js';
import { bucketLifecycle, bucketVersioning, type LifecycleRuleSummary } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

/** Every versioned bucket has an enabled lifecycle rule, so old versions do not pile up forever. */
export default defineCheck({
  id: 's3-bucket-versioned-lifecycle-configured',
  title: 'Versioned S3 buckets have a lifecycle configuration',
  description:
    'For every bucket in ListBuckets whose GetBucketVersioning shows Status Enabled, GetBucketLifecycleConfiguration must show at least one rule with Status Enabled. Buckets never versioned or with versioning Suspended are not judged.',
  scope: 'account',
  needs: { versioning: bucketVersioning, lifecycle: bucketLifecycle },
  params: {},
  *run({ versioning, lifecycle }, ctx) {
    const rulesOf = new Map<string, Evidence<LifecycleRuleSummary[] | undefined>>(lifecycle.map((l) => [l.bucket.name, l.evidence]));
    for (const { bucket, evidence } of versioning) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, `whether bucket ${bucket.name} is versioned is unknown: ${evidence.reason}`);
        continue;
      }
      // The rule applies to versioned buckets only; the others are not applicable, so no finding.
      if (evidence.value.status !== 'Enabled') continue;
      const rules = rulesOf.get(bucket.name);
      if (rules === undefined || !rules.ok) {
        yield ctx.notEvaluated(
          bucket.arn,
          rules?.reason ?? `bucket ${bucket.name}'s lifecycle configuration was not loaded`,
          evidence.files,
        );
        continue;
      }
      const files = [...evidence.files, ...rules.files];
      const enabled = (rules.value ?? []).filter((r) => r.status === 'Enabled');
      if (rules.value === undefined) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} is versioned and has no lifecycle configuration (required: at least one Enabled rule)`,
          files,
        );
      } else if (enabled.length === 0) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} is versioned and has ${rules.value.length} lifecycle rule(s), none Enabled (required: at least one Enabled rule)`,
          files,
        );
      } else {
        yield ctx.pass(
          bucket.arn,
          `bucket ${bucket.name} is versioned and has ${enabled.length} Enabled lifecycle rule(s) (${enabled.map((r) => r.id ?? 'unnamed').join(', ')})`,
          files,
        );
      }
    }
  },
});
