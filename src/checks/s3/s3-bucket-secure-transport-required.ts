import { isAnyonePrincipal, listOf, wildcardMatches, type PolicyStatement } from '../../bundle/evidence/policy.js';
import { bucketPolicies, type S3Bucket } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

// The oldest TLS version a NumericLessThan s3:TlsVersion deny may allow and still count.
const MIN_TLS_VERSION = 1.2;

/** Every bucket policy refuses requests made without TLS. */
export default defineCheck({
  id: 's3-bucket-secure-transport-required',
  title: 'S3 bucket policies deny HTTP requests',
  description:
    'For every bucket in ListBuckets, GetBucketPolicy must hold a Deny statement for Principal * on s3:* (or *), covering all its objects (<bucket ARN>/*), whose only condition is Bool (or BoolIfExists) aws:SecureTransport false, or NumericLessThan s3:TlsVersion 1.2 or higher (the two forms the audit procedure accepts).',
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
      const deny = evidence.value.Statement.map((s) => ({ statement: s, how: deniesInsecureTransport(s, bucket) })).find((d) => d.how !== undefined);
      const count = evidence.value.Statement.length;
      yield deny
        ? ctx.pass(bucket.arn, `bucket ${bucket.name}'s policy ${deny.how ?? ''}${deny.statement.Sid ? ` (statement ${deny.statement.Sid})` : ''}`, files)
        : ctx.fail(
            bucket.arn,
            `bucket ${bucket.name}'s policy (${count} ${count === 1 ? 'statement' : 'statements'}) has no Deny for Principal * on s3:* over ${bucket.arn}/* when aws:SecureTransport is false or s3:TlsVersion is below ${MIN_TLS_VERSION} (required: one)`,
            files,
          );
    }
  },
});

/** How a statement refuses insecure requests, as the audit procedure accepts it; undefined if it does not. */
function deniesInsecureTransport(statement: PolicyStatement, bucket: S3Bucket): string | undefined {
  if (statement.Effect !== 'Deny' || statement.NotPrincipal !== undefined || !isAnyonePrincipal(statement.Principal)) return undefined;
  if (statement.NotAction !== undefined || !listOf(statement.Action).some((a) => typeof a === 'string' && wildcardMatches(a, 's3:*', true))) return undefined;
  // The procedure's own example denies on the objects (`<bucket>/*`) alone; a statement on the
  // bucket ARN alone leaves every object readable over HTTP. NotResource could exclude objects.
  if (statement.NotResource !== undefined) return undefined;
  const resources = listOf(statement.Resource).filter((r): r is string => typeof r === 'string');
  if (!resources.some((r) => wildcardMatches(r, `${bucket.arn}/*`))) return undefined;
  return onlyInsecureTransport(statement.Condition) ?? tlsVersionBelow(statement.Condition);
}

/** The condition is exactly `Bool`/`BoolIfExists` `aws:SecureTransport` false: anything more narrows the deny. */
function onlyInsecureTransport(condition: PolicyStatement['Condition']): string | undefined {
  const only = onlyCondition(condition);
  if (!only || !/^bool(ifexists)?$/i.test(only.operator) || only.key.toLowerCase() !== 'aws:securetransport') return undefined;
  const falseOnly = only.values.every((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false'));
  return falseOnly ? `denies requests with aws:SecureTransport false` : undefined;
}

/** The procedure's other form: a Deny on `NumericLessThan` `s3:TlsVersion`, here at least 1.2. */
function tlsVersionBelow(condition: PolicyStatement['Condition']): string | undefined {
  const only = onlyCondition(condition);
  if (!only || only.operator !== 'NumericLessThan' || only.key.toLowerCase() !== 's3:tlsversion' || only.values.length !== 1) return undefined;
  const value = only.values[0];
  const version = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  return version >= MIN_TLS_VERSION ? `denies requests with s3:TlsVersion below ${String(value)} (limit: below ${MIN_TLS_VERSION} or higher)` : undefined;
}

/** The single operator, key and values of a condition that has exactly one of each. */
function onlyCondition(condition: PolicyStatement['Condition']): { operator: string; key: string; values: unknown[] } | undefined {
  const blocks = Object.entries(condition ?? {});
  if (blocks.length !== 1) return undefined;
  const [operator, keys] = blocks[0] as [string, unknown];
  if (keys === null || typeof keys !== 'object') return undefined;
  const entries = Object.entries(keys);
  if (entries.length !== 1) return undefined;
  const [key, value] = entries[0] as [string, unknown];
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.length > 0 ? { operator, key, values } : undefined;
}
