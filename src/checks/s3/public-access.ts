import type { Evidence } from '../../bundle/evidence.js';
import { isAnyonePrincipal, listOf, wildcardMatches, type PolicyDocument, type PolicyStatement } from '../../bundle/evidence/policy.js';
import { bucketAcls, bucketPolicies, publicAccessBlocks, type AclGrant, type BlockSettings } from '../../bundle/evidence/s3.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck, type Check } from '../define-check.js';

/** What public access a check looks for: reading or writing. */
export type AccessKind = 'read' | 'write';

// The S3 actions that read or write a bucket's contents (and, for write, its access settings).
const ACTIONS: Record<AccessKind, readonly string[]> = {
  read: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'],
  write: [
    's3:PutObject',
    's3:PutObjectAcl',
    's3:DeleteObject',
    's3:DeleteObjectVersion',
    's3:RestoreObject',
    's3:AbortMultipartUpload',
    's3:PutBucketAcl',
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:DeleteBucket',
  ],
};
// ACL permissions that grant reading or writing; FULL_CONTROL grants both.
const ACL_PERMISSIONS: Record<AccessKind, readonly string[]> = {
  read: ['READ', 'FULL_CONTROL'],
  write: ['WRITE', 'WRITE_ACP', 'FULL_CONTROL'],
};
const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];
// Condition keys that, set to fixed values, confine a statement to known principals or networks
// (S3's definition of a non-public policy).
const LIMITING_KEYS = [
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceip',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
];
const LIMITING_OPERATORS = ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress'];
// An IPv4 range wider than /8 (or IPv6 wider than /32) is the public internet for this purpose.
const NARROWEST_PUBLIC_PREFIX = { v4: 8, v6: 32 };

/** A check that no bucket is open to the public for `kind`, by bucket policy or ACL, unless Block Public Access restricts it. */
export function publicAccessCheck(kind: AccessKind, meta: { id: string; title: string }): Check {
  const permissions = ACL_PERMISSIONS[kind].join(', ');
  return defineCheck({
    ...meta,
    description: `For every bucket in ListBuckets: unless RestrictPublicBuckets is true (account or bucket level), GetBucketPolicy must hold no Allow to everyone (Principal *, a wildcard principal, or NotPrincipal) of ${kind} actions (${ACTIONS[kind].join(', ')}) that a fixed-value condition on a limiting key (aws:SourceIp, aws:SourceVpce, aws:PrincipalOrgID, …) does not confine; and unless IgnorePublicAcls is true, GetBucketAcl must grant AllUsers or AuthenticatedUsers none of ${permissions}.`,
    scope: 'account',
    needs: { blocks: publicAccessBlocks, policies: bucketPolicies, acls: bucketAcls },
    params: {},
    *run({ blocks, policies, acls }, ctx) {
      const policyOf = new Map(policies.map((p) => [p.bucket.name, p.evidence]));
      const aclOf = new Map(acls.map((a) => [a.bucket.name, a.evidence]));
      for (const { bucket, evidence: bucketBlock } of blocks.buckets) {
        const files: FileRef[] = [];
        const use = <T>(e: Evidence<T> | undefined): Evidence<T> | undefined => {
          if (e?.ok) files.push(...e.files);
          return e;
        };
        use(blocks.account);
        use(bucketBlock);
        const policyPart = judge(
          restricted(blocks.account, bucketBlock, 'RestrictPublicBuckets'),
          use(policyOf.get(bucket.name)),
          (policy: PolicyDocument | undefined) => publicStatement(policy, kind),
          'policy',
        );
        const aclPart = judge(
          restricted(blocks.account, bucketBlock, 'IgnorePublicAcls'),
          use(aclOf.get(bucket.name)),
          (grants: AclGrant[]) => publicGrant(grants, kind),
          'ACL',
        );
        const said = `policy: ${policyPart.said}; ACL: ${aclPart.said}`;
        if (policyPart.verdict === 'public' || aclPart.verdict === 'public') {
          yield ctx.fail(bucket.arn, `bucket ${bucket.name} allows public ${kind} access (${said}; required: neither public)`, files);
        } else if (policyPart.verdict === 'unknown' || aclPart.verdict === 'unknown') {
          const gaps = [policyPart.gap, aclPart.gap].filter((g): g is string => g !== undefined);
          yield ctx.notEvaluated(
            bucket.arn,
            `public ${kind} access to bucket ${bucket.name} not ruled out (${said}): ${gaps.join('; ')}`,
            files,
          );
        } else {
          yield ctx.pass(bucket.arn, `bucket ${bucket.name} allows no public ${kind} access (${said})`, files);
        }
      }
    },
  });
}

type Verdict = { verdict: 'public' | 'private' | 'unknown'; said: string; gap?: string };

/** One path to the bucket (policy or ACL): restricted by Block Public Access, else judged on its evidence. */
function judge<T>(
  restriction: boolean | undefined,
  evidence: Evidence<T> | undefined,
  find: (value: T) => string | undefined,
  what: string,
): Verdict {
  const setting = what === 'policy' ? 'RestrictPublicBuckets' : 'IgnorePublicAcls';
  if (restriction === true) return { verdict: 'private', said: `restricted by ${setting}` };
  if (evidence === undefined || !evidence.ok) {
    const gap = evidence?.reason ?? `the bucket ${what} was not loaded`;
    return { verdict: 'unknown', said: `${what} unknown`, gap };
  }
  const found = find(evidence.value);
  if (found === undefined) return { verdict: 'private', said: 'not public' };
  // A public grant that Block Public Access might still neutralise is unknown, not a failure.
  if (restriction === undefined)
    return { verdict: 'unknown', said: `${found}, ${setting} unknown`, gap: `whether ${setting} is on is unknown` };
  return { verdict: 'public', said: `${found} and ${setting} is off` };
}

/** Whether a Block Public Access setting is on at either level: true, false, or undefined when it cannot be shown either way. */
function restricted(
  account: Evidence<BlockSettings | undefined>,
  bucket: Evidence<BlockSettings | undefined>,
  setting: keyof BlockSettings,
): boolean | undefined {
  const levels = [account, bucket];
  if (levels.some((l) => l.ok && l.value?.[setting] === true)) return true;
  return levels.every((l) => l.ok) ? false : undefined;
}

/** The first public ACL grant for `kind`, described; undefined if none. */
function publicGrant(grants: AclGrant[], kind: AccessKind): string | undefined {
  const grant = grants.find(
    (g) =>
      g.uri !== undefined && PUBLIC_GROUPS.includes(g.uri) && g.permission !== undefined && ACL_PERMISSIONS[kind].includes(g.permission),
  );
  return grant
    ? `the ACL grants ${grant.permission ?? ''} to ${grant.uri?.replace('http://acs.amazonaws.com/groups/global/', '') ?? ''}`
    : undefined;
}

/** The first policy statement allowing the public `kind` access, described; undefined if none. */
function publicStatement(policy: PolicyDocument | undefined, kind: AccessKind): string | undefined {
  const index = policy?.Statement.findIndex((s) => isPublicAllow(s, kind)) ?? -1;
  if (index < 0) return undefined;
  const statement = policy?.Statement[index];
  return `policy statement ${statement?.Sid ?? String(index + 1)} allows ${kind} actions to everyone`;
}

function isPublicAllow(statement: PolicyStatement, kind: AccessKind): boolean {
  if (statement.Effect !== 'Allow') return false;
  const everyone =
    statement.NotPrincipal !== undefined || isAnyonePrincipal(statement.Principal) || hasWildcardPrincipal(statement.Principal);
  if (!everyone) return false;
  const actions = ACTIONS[kind];
  const granted =
    statement.NotAction !== undefined
      ? actions.some((a) => !listOf(statement.NotAction).some((p) => typeof p === 'string' && wildcardMatches(p, a, true)))
      : actions.some((a) => listOf(statement.Action).some((p) => typeof p === 'string' && wildcardMatches(p, a, true)));
  return granted && !confinedByCondition(statement.Condition);
}

/** A principal value with a wildcard or a policy variable is not a fixed value. */
function hasWildcardPrincipal(principal: unknown): boolean {
  if (principal === null || typeof principal !== 'object') return false;
  return Object.values(principal as Record<string, unknown>).some((v) =>
    (Array.isArray(v) ? (v as unknown[]) : [v]).some(
      (p) => typeof p === 'string' && (p.includes('*') || p.includes('?') || p.includes('${')),
    ),
  );
}

/** Whether a condition pins a limiting key to fixed values (conditions combine with AND, so one suffices). */
function confinedByCondition(condition: PolicyStatement['Condition']): boolean {
  return Object.entries(condition ?? {}).some(([operator, keys]) => {
    if (!LIMITING_OPERATORS.includes(operator.toLowerCase()) || keys === null || typeof keys !== 'object') return false;
    return Object.entries(keys).some(([key, raw]) => {
      if (!LIMITING_KEYS.includes(key.toLowerCase())) return false;
      const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
      return values.length > 0 && values.every((v) => typeof v === 'string' && isFixed(v, key.toLowerCase()));
    });
  });
}

function isFixed(value: string, key: string): boolean {
  if (value.includes('*') || value.includes('?') || value.includes('${')) return false;
  if (key !== 'aws:sourceip') return value !== '';
  const match = /\/(\d+)$/.exec(value);
  if (!match) return true;
  return Number(match[1]) >= (value.includes(':') ? NARROWEST_PUBLIC_PREFIX.v6 : NARROWEST_PUBLIC_PREFIX.v4);
}
