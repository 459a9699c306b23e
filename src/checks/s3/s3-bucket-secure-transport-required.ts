import { isAnyonePrincipal, listOf, wildcardMatches, type PolicyStatement } from '../../bundle/evidence/policy.js';
import { bucketPolicies, type S3Bucket } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

/** Every bucket policy refuses requests made without TLS. */
export default defineCheck({
  id: 's3-bucket-secure-transport-required',
  title: 'S3 bucket policies deny HTTP requests',
  description:
    'For every bucket in ListBuckets, GetBucketPolicy must hold a Deny statement for any principal, on s3:* (or *), covering the bucket and all its objects, whose only condition is Bool (or BoolIfExists) aws:SecureTransport false.',
  scope: 'account',
  needs: { policies: bucketPolicies },
  params: {},
  *run({ policies }, ctx) {
    for (const { bucket, evidence } of policies) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const files = evidence.files;
      if (evidence.value === undefined) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} has no bucket policy, so nothing denies HTTP requests (required: a Deny on aws:SecureTransport false)`,
          files,
        );
        continue;
      }
      const deny = evidence.value.Statement.find((s) => deniesInsecureTransport(s, bucket));
      yield deny
        ? ctx.pass(
            bucket.arn,
            `bucket ${bucket.name}'s policy denies requests with aws:SecureTransport false${deny.Sid ? ` (statement ${deny.Sid})` : ''}`,
            files,
          )
        : ctx.fail(
            bucket.arn,
            `bucket ${bucket.name}'s policy (${evidence.value.Statement.length} ${evidence.value.Statement.length === 1 ? 'statement' : 'statements'}) has no Deny for anyone on s3:* over the bucket and its objects when aws:SecureTransport is false (required: one)`,
            files,
          );
    }
  },
});

function deniesInsecureTransport(statement: PolicyStatement, bucket: S3Bucket): boolean {
  if (statement.Effect !== 'Deny' || statement.NotPrincipal !== undefined || !isAnyonePrincipal(statement.Principal)) return false;
  if (statement.NotAction !== undefined || !listOf(statement.Action).some((a) => wildcardMatches(a, 's3:*', true))) return false;
  // A NotResource statement could exclude the bucket; require Resource to cover bucket and objects.
  const resources = listOf(statement.Resource);
  const covered = (target: string): boolean => resources.some((r) => wildcardMatches(r, target));
  if (statement.NotResource !== undefined || !covered(bucket.arn) || !covered(`${bucket.arn}/*`)) return false;
  return onlyInsecureTransport(statement.Condition);
}

/** The condition is exactly `Bool`/`BoolIfExists` `aws:SecureTransport` false: anything more narrows the deny. */
function onlyInsecureTransport(condition: PolicyStatement['Condition']): boolean {
  const blocks = Object.entries(condition ?? {});
  if (blocks.length !== 1) return false;
  const [operator, keys] = blocks[0] as [string, Record<string, unknown>];
  // IAM accepts a stored policy only with a known operator, whatever its case.
  if (!/^bool(ifexists)?$/i.test(operator)) return false;
  const entries = Object.entries(keys);
  if (entries.length !== 1) return false;
  const [key, value] = entries[0] as [string, unknown];
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return (
    key.toLowerCase() === 'aws:securetransport' &&
    values.length > 0 &&
    values.every((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false'))
  );
}
