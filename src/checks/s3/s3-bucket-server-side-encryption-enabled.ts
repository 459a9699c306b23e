import { listOf, wildcardMatches, type PolicyStatement } from '../../bundle/evidence/policy.js';
import { bucketEncryption, bucketPolicies, type S3Bucket } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';
import { defaultEncryption } from './default-encryption.js';

const SSE_HEADER = 's3:x-amz-server-side-encryption';
const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Every bucket encrypts objects at rest: by default encryption, or by a policy refusing unencrypted uploads. */
export default defineCheck({
  id: 's3-bucket-server-side-encryption-enabled',
  title: 'S3 buckets encrypt objects on the server side',
  description:
    "For every bucket in ListBuckets, GetBucketEncryption must show a default encryption rule (AES256, aws:kms or aws:kms:dsse), or GetBucketPolicy must hold a Deny of s3:PutObject on the bucket's objects, without NotPrincipal, NotAction or NotResource, whose only condition is Null s3:x-amz-server-side-encryption true or StringNotEquals s3:x-amz-server-side-encryption AES256/aws:kms.",
  scope: 'account',
  needs: { encryption: bucketEncryption, policies: bucketPolicies },
  params: {},
  *run({ encryption, policies }, ctx) {
    const policyOf = new Map(policies.map((p) => [p.bucket.name, p.evidence]));
    for (const { bucket, evidence } of encryption) {
      const policy = policyOf.get(bucket.name);
      const used = evidence.ok && evidence.value !== undefined ? defaultEncryption(evidence.value) : undefined;
      if (evidence.ok && used && SSE_ALGORITHMS.includes(used.algorithm)) {
        yield ctx.pass(bucket.arn, `bucket ${bucket.name} encrypts by default with ${used.algorithm}`, evidence.files);
        continue;
      }
      const deny = policy?.ok ? policy.value?.Statement.find((s) => deniesUnencryptedPuts(s, bucket)) : undefined;
      if (policy?.ok && deny) {
        yield ctx.pass(
          bucket.arn,
          `bucket ${bucket.name}'s policy denies s3:PutObject without server-side encryption${deny.Sid ? ` (statement ${deny.Sid})` : ''}`,
          policy.files,
        );
        continue;
      }
      const files = [...(evidence.ok ? evidence.files : []), ...(policy?.ok ? policy.files : [])];
      const encryptionSaid = !evidence.ok
        ? 'unknown'
        : used
          ? `${used.algorithm}, not one of ${SSE_ALGORITHMS.join(', ')}`
          : 'none configured';
      const policySaid = !policy?.ok ? 'unknown' : policy.value === undefined ? 'no bucket policy' : 'no Deny of unencrypted s3:PutObject';
      const observed = `default encryption: ${encryptionSaid}; policy: ${policySaid}`;
      if (!evidence.ok || !policy?.ok) {
        const gaps = [evidence, policy].flatMap((e) => (e === undefined ? ['GetBucketPolicy was not loaded'] : e.ok ? [] : [e.reason]));
        yield ctx.notEvaluated(
          bucket.arn,
          `bucket ${bucket.name} not shown to encrypt on the server side (${observed}): ${gaps.join('; ')}`,
          files,
        );
      } else {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} does not encrypt on the server side (${observed}; required: default encryption or a policy denying unencrypted uploads)`,
          files,
        );
      }
    }
  },
});

/** Whether a statement denies everyone's s3:PutObject on the bucket's objects when the upload asks for no (or no accepted) encryption. */
function deniesUnencryptedPuts(statement: PolicyStatement, bucket: S3Bucket): boolean {
  if (
    statement.Effect !== 'Deny' ||
    statement.NotPrincipal !== undefined ||
    statement.NotAction !== undefined ||
    statement.NotResource !== undefined
  )
    return false;
  if (statement.Principal === undefined) return false;
  const actions = listOf(statement.Action).filter((a): a is string => typeof a === 'string');
  if (!actions.some((a) => wildcardMatches(a, 's3:PutObject', true))) return false;
  const resources = listOf(statement.Resource).filter((r): r is string => typeof r === 'string');
  if (!resources.some((r) => wildcardMatches(r, `${bucket.arn}/*`))) return false;
  const blocks = Object.entries(statement.Condition ?? {});
  if (blocks.length !== 1) return false;
  const [operator, keys] = blocks[0] as [string, unknown];
  if (keys === null || typeof keys !== 'object') return false;
  const entries = Object.entries(keys);
  if (entries.length !== 1) return false;
  const [key, raw] = entries[0] as [string, unknown];
  if (key.toLowerCase() !== SSE_HEADER) return false;
  const values = (Array.isArray(raw) ? (raw as unknown[]) : [raw]).map((v) => (typeof v === 'boolean' ? String(v) : v));
  if (operator === 'Null') return values.length > 0 && values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true');
  // StringNotEquals denies any upload whose header is absent or names another algorithm.
  if (operator === 'StringNotEquals') return values.length > 0 && values.every((v) => typeof v === 'string' && SSE_ALGORITHMS.includes(v));
  return false;
}
