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
import { defineEvidence, findCall, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { loadOptional, loadPages, mapEvidence, reviveDates, type Wire } from './wire.js';

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
    const key: CallKey = { account, region: 'global', service: 's3control', operation: 'GetPublicAccessBlock', parameters: { AccountId: account } };
    const accountBlock = mapEvidence(await loadOptional<AccountPublicAccessBlockOutput>(bundle, key), (r) => r?.PublicAccessBlockConfiguration);
    const buckets = await perBucket<GetPublicAccessBlockOutput, BlockSettings | undefined>(bundle, account, 'GetPublicAccessBlock', (r) => r?.PublicAccessBlockConfiguration);
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
    perBucket<GetBucketPolicyOutput, PolicyDocument | undefined>(bundle, account, 'GetBucketPolicy', (r) => (r?.Policy === undefined ? undefined : parsePolicy(r.Policy))),
});

async function listBuckets(bundle: EvidenceBundle, account: string): Promise<Evidence<S3Bucket[]>> {
  const key: CallKey = { account, region: 'global', service: 's3', operation: 'ListBuckets' };
  return mapEvidence(await loadPages<ListBucketsOutput>(bundle, key), (pages) =>
    pages.flatMap((page) => page.Buckets ?? []).map((wire) => {
      const bucket = reviveDates<Bucket>(wire, ['CreationDate'], `ListBuckets in ${account}`);
      if (!bucket.Name) throw new Error(`ListBuckets in ${account}: a bucket has no Name`);
      return { name: bucket.Name, arn: `arn:aws:s3:::${bucket.Name}`, region: bucket.BucketRegion, createdAt: bucket.CreationDate };
    }),
  );
}

/** Loads one per-bucket call for every listed bucket, from the bucket's region; only the list can fail as a whole. */
async function perBucket<R, T>(
  bundle: EvidenceBundle,
  account: string,
  operation: string,
  convert: (response: Wire<R> | undefined) => T,
): Promise<Evidence<PerBucket<T>[]>> {
  const listed = await listBuckets(bundle, account);
  if (!listed.ok) return listed;
  const buckets = await Promise.all(
    listed.value.map(async (bucket): Promise<PerBucket<T>> => {
      const keyIn = (region: string): CallKey => ({ account, region, service: 's3', operation, parameters: { Bucket: bucket.name } });
      // Without BucketRegion (older ListBuckets answers) the call is wherever the collector made it.
      const region = bucket.region ?? bundle.manifest.scope.regions.find((r) => findCall(bundle, keyIn(r)).kind !== 'missing') ?? 'us-east-1';
      const loaded = await loadOptional<R>(bundle, keyIn(region));
      try {
        return { bucket, evidence: mapEvidence(loaded, convert) };
      } catch (error) {
        return { bucket, evidence: { ok: false, reason: `s3:${operation} of ${bucket.name} could not be read: ${messageOf(error)}`, errors: [] } };
      }
    }),
  );
  return { ok: true, value: buckets, files: listed.files };
}

function parsePolicy(text: string): PolicyDocument {
  const parsed = JSON.parse(text) as { Version?: string; Statement?: PolicyStatement | PolicyStatement[] };
  const statements = parsed.Statement === undefined ? [] : Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  return parsed.Version === undefined ? { Statement: statements } : { Version: parsed.Version, Statement: statements };
}
