import type {
  Bucket,
  GetBucketEncryptionOutput,
  GetBucketPolicyOutput,
  GetPublicAccessBlockOutput,
  ListBucketsOutput,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import type { GetPublicAccessBlockOutput as AccountPublicAccessBlockOutput } from '@aws-sdk/client-s3-control';
import { messageOf } from '../../shared/errors.js';
import { parseTimestamp } from '../../shared/time.js';
import { defineEvidence, findCall, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { parsePolicyDocument } from './policy.js';
import { loadOptional, loadPages, mapEvidence, mapRecords, type Wire, listField } from './wire.js';

/** A general purpose bucket from ListBuckets. */
export interface S3Bucket {
  name: string;
  /** `arn:aws:s3:::<name>`. */
  arn: string;
  /** BucketRegion: where the bucket's own calls were made. */
  region: string | undefined;
  createdAt: Date | undefined;
}

/** One bucket with evidence of its own, which can be missing for this bucket alone. */
export interface PerBucket<T> {
  bucket: S3Bucket;
  evidence: Evidence<T>;
}

/** The four Block Public Access settings (S3 and S3 Control share the shape). */
export type BlockSettings = PublicAccessBlockConfiguration;

/** Block Public Access at account level and per bucket; `undefined` settings mean none are configured. */
export interface PublicAccessBlocks {
  account: Evidence<BlockSettings | undefined>;
  buckets: PerBucket<BlockSettings | undefined>[];
}

/** One statement of a bucket policy, loosely typed: policies are written by people. */
export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** A bucket policy parsed from its JSON string; `Statement` is always a list. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

/** `s3:ListBuckets` (every page). */
export const s3Buckets = defineEvidence<S3Bucket[]>({
  name: 'S3 bucket list',
  scope: 'account',
  load: (bundle, { account }) => listBuckets(bundle, account),
});

/** `s3control:GetPublicAccessBlock` for the account plus `s3:GetPublicAccessBlock` for each bucket. */
export const publicAccessBlocks = defineEvidence<PublicAccessBlocks>({
  name: 'S3 Block Public Access settings',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = {
      account,
      region: 'global',
      service: 's3control',
      operation: 'GetPublicAccessBlock',
      parameters: { AccountId: account },
    };
    const accountBlock = mapEvidence(
      await loadOptional<AccountPublicAccessBlockOutput>(bundle, key),
      (r) => r?.PublicAccessBlockConfiguration,
    );
    const buckets = await perBucket<GetPublicAccessBlockOutput, BlockSettings | undefined>(
      bundle,
      account,
      'GetPublicAccessBlock',
      (r) => r?.PublicAccessBlockConfiguration,
    );
    return mapEvidence(buckets, (list) => ({ account: accountBlock, buckets: list }));
  },
});

/** `s3:GetBucketEncryption` per bucket; `undefined` when the bucket has no default encryption configuration. */
export const bucketEncryption = defineEvidence<PerBucket<ServerSideEncryptionRule[] | undefined>[]>({
  name: 'S3 bucket default encryption',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketEncryptionOutput, ServerSideEncryptionRule[] | undefined>(bundle, account, 'GetBucketEncryption', (r) =>
      r ? (r.ServerSideEncryptionConfiguration?.Rules ?? []) : undefined,
    ),
});

/** `s3:GetBucketPolicy` per bucket, the policy parsed; `undefined` when the bucket has no policy. */
export const bucketPolicies = defineEvidence<PerBucket<PolicyDocument | undefined>[]>({
  name: 'S3 bucket policies',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketPolicyOutput, PolicyDocument | undefined>(bundle, account, 'GetBucketPolicy', (r) =>
      r === undefined ? undefined : parsePolicy(r.Policy),
    ),
});

async function listBuckets(bundle: EvidenceBundle, account: string): Promise<Evidence<S3Bucket[]>> {
  const key: CallKey = { account, region: 'global', service: 's3', operation: 'ListBuckets' };
  const where = `ListBuckets of ${account}`;
  const listed = mapRecords(
    await loadPages<ListBucketsOutput>(bundle, key),
    (pages) => pages.flatMap((page) => listField(page, 'Buckets')),
    where,
    (wire, index) => typeBucket(wire, `${where}, bucket ${index + 1}`, bundle.collectedAt),
  );
  if (!listed.ok) return listed;
  // A bucket created after collection ended cannot be: its record is set aside and the auditor told.
  const warnings = listField(listed, 'unusable')
    .filter((u) => u.reason.includes('after collection ended'))
    .map((u) => `${u.resource}: ${u.reason}`);
  return warnings.length > 0 ? { ...listed, warnings } : listed;
}

/** One ListBuckets record; the name comes from BucketArn when Name is missing. */
function typeBucket(wire: Wire<Bucket>, where: string, collectedAt: Date): S3Bucket {
  const arnName = typeof wire.BucketArn === 'string' ? /^arn:[^:]+:s3:::([^/]+)$/.exec(wire.BucketArn)?.[1] : undefined;
  const name = typeof wire.Name === 'string' && wire.Name !== '' ? wire.Name : arnName;
  if (!name) throw new UnusableRecordError(where, 'lacks Name (and no BucketArn names it)');
  const arn = `arn:aws:s3:::${name}`;
  const created = typeof wire.CreationDate === 'string' ? parseTimestamp(wire.CreationDate) : undefined;
  if (created && created.getTime() > collectedAt.getTime()) {
    throw new UnusableRecordError(
      arn,
      `CreationDate ${wire.CreationDate as string} is after collection ended (${collectedAt.toISOString()})`,
    );
  }
  const region = typeof wire.BucketRegion === 'string' && wire.BucketRegion !== '' ? wire.BucketRegion : undefined;
  return { name, arn, region, createdAt: created };
}

/**
 * Loads one per-bucket call for every listed bucket, from the bucket's region; only the list can
 * fail as a whole. A bucket outside the regions collected, or whose own call failed or cannot be
 * read, has unavailable evidence for itself alone.
 */
async function perBucket<R, T>(
  bundle: EvidenceBundle,
  account: string,
  operation: string,
  convert: (response: Wire<R> | undefined) => T,
): Promise<Evidence<PerBucket<T>[]>> {
  const listed = await listBuckets(bundle, account);
  if (!listed.ok) return listed;
  const regions = bundle.manifest.scope.regions;
  const buckets = await Promise.all(
    listed.value.map(async (bucket): Promise<PerBucket<T>> => {
      const keyIn = (region: string): CallKey => ({ account, region, service: 's3', operation, parameters: { Bucket: bucket.name } });
      if (bucket.region !== undefined && !regions.includes(bucket.region) && findCall(bundle, keyIn(bucket.region)).kind === 'missing') {
        const reason = `bucket ${bucket.name} is in ${bucket.region}, outside the regions collected (${regions.join(', ')}), so its s3:${operation} answer was not collected`;
        return { bucket, evidence: { ok: false, reason, errors: [] } };
      }
      // Without BucketRegion (older ListBuckets answers) the call is wherever the collector made it.
      const region = bucket.region ?? regions.find((r) => findCall(bundle, keyIn(r)).kind !== 'missing');
      if (region === undefined) {
        const reason = `ListBuckets gives no BucketRegion for ${bucket.name} and no region collected holds its s3:${operation} answer (it was not collected)`;
        return { bucket, evidence: { ok: false, reason, errors: [] } };
      }
      const loaded = await loadOptional<R>(bundle, keyIn(region));
      try {
        return { bucket, evidence: mapEvidence(loaded, convert) };
      } catch (error) {
        return {
          bucket,
          evidence: { ok: false, reason: `s3:${operation} of ${bucket.name} could not be read: ${messageOf(error)}`, errors: [] },
        };
      }
    }),
  );
  return { ...listed, value: buckets };
}

/** A bucket policy; a document that is not JSON, or whose statements are not objects, cannot be judged. */
function parsePolicy(text: unknown): PolicyDocument {
  if (typeof text !== 'string') throw new Error(`Policy is ${typeof text}, not the policy's JSON text`);
  const document = parsePolicyDocument(text);
  document.Statement.forEach((statement, index) => {
    if (statement === null || typeof statement !== 'object' || Array.isArray(statement))
      throw new Error(`statement ${index + 1} is not a JSON object`);
    if (statement.Effect !== undefined && typeof statement.Effect !== 'string')
      throw new Error(`statement ${index + 1} has an Effect that is not a string`);
    if (statement.Condition !== undefined && (statement.Condition === null || typeof statement.Condition !== 'object')) {
      throw new Error(`statement ${index + 1} has a Condition that is not an object`);
    }
  });
  return document;
}
