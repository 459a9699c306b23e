import { bucketLogging } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

/** Every bucket writes server access logs (to the expected bucket and prefix, when the catalog names them). */
export default defineCheck({
  id: 's3-bucket-server-access-logging-enabled',
  title: 'S3 buckets have server access logging enabled',
  description:
    'For every bucket in ListBuckets, GetBucketLogging must show LoggingEnabled; when targetBuckets is not empty its TargetBucket must be one of them, and when targetPrefix is not empty its TargetPrefix must equal it.',
  scope: 'account',
  needs: { logging: bucketLogging },
  params: {
    targetBuckets: {
      type: 'array',
      items: { type: 'string' },
      description: 'Buckets the logs may go to (the rule parameter targetBucket); empty: any bucket.',
    },
    targetPrefix: { type: 'string', description: 'The prefix the logs must have (the rule parameter targetPrefix); empty: any prefix.' },
  },
  *run({ logging }, ctx) {
    const { targetBuckets, targetPrefix } = ctx.params;
    for (const { bucket, evidence } of logging) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const files = evidence.files;
      const target = evidence.value;
      if (target === undefined) {
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} has server access logging off (required: on)`, files);
        continue;
      }
      const where = `${target.targetBucket ?? '(no target bucket)'} with prefix "${target.targetPrefix ?? ''}"`;
      if (targetBuckets.length > 0 && (target.targetBucket === undefined || !targetBuckets.includes(target.targetBucket))) {
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} logs to ${where} (required target bucket: ${targetBuckets.join(' or ')})`, files);
      } else if (targetPrefix !== '' && target.targetPrefix !== targetPrefix) {
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} logs to ${where} (required prefix: "${targetPrefix}")`, files);
      } else {
        yield ctx.pass(bucket.arn, `bucket ${bucket.name} logs to ${where}`, files);
      }
    }
  },
});
