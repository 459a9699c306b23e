import { bucketReplication } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

/** Every bucket replicates its objects, with no replication rule left disabled. */
export default defineCheck({
  id: 's3-bucket-replication-enabled',
  title: 'S3 buckets have replication enabled',
  description:
    'For every bucket in ListBuckets, GetBucketReplication must show at least one replication rule, and every rule must have Status Enabled (no configuration, no rules, or any rule not Enabled fails).',
  scope: 'account',
  needs: { replication: bucketReplication },
  params: {},
  *run({ replication }, ctx) {
    for (const { bucket, evidence } of replication) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const files = evidence.files;
      const rules = evidence.value;
      if (rules === undefined || rules.length === 0) {
        const observed = rules === undefined ? 'has no replication configuration' : 'has a replication configuration with no rules';
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} ${observed} (required: at least one Enabled rule)`, files);
        continue;
      }
      const off = rules.filter((r) => r.status !== 'Enabled');
      const name = (r: (typeof rules)[number], i: number) => r.id ?? `rule ${i + 1}`;
      if (off.length > 0) {
        const listed = off.map((r) => `${name(r, rules.indexOf(r))} is ${r.status ?? 'without a Status'}`).join(', ');
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} has ${rules.length} replication rule(s), of which ${listed} (required: every rule Enabled)`,
          files,
        );
      } else {
        const destinations = [...new Set(rules.map((r) => r.destinationBucket ?? 'unknown destination'))].join(', ');
        yield ctx.pass(bucket.arn, `bucket ${bucket.name} has ${rules.length} Enabled replication rule(s) to ${destinations}`, files);
      }
    }
  },
});
