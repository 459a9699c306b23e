import { bucketEncryption } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';
import { defaultEncryption } from './default-encryption.js';

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/** Every bucket encrypts new objects by default with an AWS KMS key (one of the allowed keys, when the catalog lists them). */
export default defineCheck({
  id: 's3-bucket-default-encryption-uses-kms',
  title: 'S3 buckets encrypt by default with AWS KMS keys',
  description:
    'For every bucket in ListBuckets, GetBucketEncryption must show a default encryption rule with SSEAlgorithm aws:kms or aws:kms:dsse; when kmsKeyArns is not empty, its KMSMasterKeyID must be one of those key ARNs.',
  scope: 'account',
  needs: { encryption: bucketEncryption },
  params: {
    kmsKeyArns: {
      type: 'array',
      items: { type: 'string' },
      description: 'KMS key ARNs allowed for default encryption (the rule parameter kmsKeyArns); empty: any KMS key.',
    },
  },
  *run({ encryption }, ctx) {
    const allowed = ctx.params.kmsKeyArns;
    for (const { bucket, evidence } of encryption) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const files = evidence.files;
      const used = evidence.value === undefined ? undefined : defaultEncryption(evidence.value);
      if (used === undefined) {
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} has no default encryption configured (required: aws:kms)`, files);
      } else if (!KMS_ALGORITHMS.includes(used.algorithm)) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} encrypts by default with ${used.algorithm} (required: aws:kms or aws:kms:dsse)`,
          files,
        );
      } else if (allowed.length > 0 && (used.keyId === undefined || !allowed.includes(used.keyId))) {
        const key = used.keyId ?? 'the AWS managed key aws/s3 (no KMSMasterKeyID)';
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} encrypts by default with ${used.algorithm} key ${key} (required: one of ${allowed.join(', ')})`,
          files,
        );
      } else {
        yield ctx.pass(
          bucket.arn,
          `bucket ${bucket.name} encrypts by default with ${used.algorithm} key ${used.keyId ?? 'aws/s3 (AWS managed)'}`,
          files,
        );
      }
    }
  },
});
