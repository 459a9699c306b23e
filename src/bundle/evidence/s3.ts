import type {
  Bucket,
  GetBucketAclOutput,
  GetBucketEncryptionOutput,
  GetBucketLifecycleConfigurationOutput,
  GetBucketLoggingOutput,
  GetBucketPolicyOutput,
  GetBucketReplicationOutput,
  GetBucketVersioningOutput,
  GetPublicAccessBlockOutput,
  ListBucketsOutput,
  NotificationConfiguration,
  ReplicationConfiguration,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
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
    perBucket<GetBucketEncryptionOutput, ServerSideEncryptionRule[] | undefined>(bundle, account, 'GetBucketEncryption', (r) => {
      if (r === undefined) return undefined;
      // A Rules value that is not a list of objects is malformed, never "no rules".
      const configuration = (objectField(r, 'ServerSideEncryptionConfiguration') ?? {}) as Wire<ServerSideEncryptionConfiguration>;
      const rules = listField(configuration, 'Rules');
      rules.forEach((rule, index) => {
        if (rule === null || typeof rule !== 'object' || Array.isArray(rule))
          throw new Error(`encryption rule ${index + 1} is not an object`);
        if (rule.ApplyServerSideEncryptionByDefault !== undefined) objectField(rule, 'ApplyServerSideEncryptionByDefault');
      });
      return rules;
    }),
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

/** `s3:GetBucketVersioning` of one bucket: a bucket never versioned answers with neither field. */
export interface BucketVersioning {
  /** `Enabled`, `Suspended`, or `undefined` for a bucket that was never versioned. */
  status: string | undefined;
  /** `Enabled`, `Disabled`, or `undefined` when MFA delete was never configured. */
  mfaDelete: string | undefined;
}

/** Where a bucket's server access logs go (`LoggingEnabled` of GetBucketLogging). */
export interface BucketLogging {
  targetBucket: string | undefined;
  targetPrefix: string | undefined;
}

/** One replication rule of `s3:GetBucketReplication`. */
export interface ReplicationRuleSummary {
  id: string | undefined;
  /** `Enabled` or `Disabled` as AWS sent it; `undefined` when absent. */
  status: string | undefined;
  /** The destination bucket's ARN. */
  destinationBucket: string | undefined;
}

/** One event notification of `s3:GetBucketNotificationConfiguration`. */
export interface BucketNotification {
  kind: 'topic' | 'queue' | 'lambda';
  id: string | undefined;
  /** The SNS topic, SQS queue or Lambda function ARN. */
  destination: string | undefined;
  /** Event types such as `s3:ObjectCreated:*`. */
  events: string[];
}

/** A bucket's event notifications; `eventBridge` when all its events go to Amazon EventBridge. */
export interface BucketNotifications {
  notifications: BucketNotification[];
  eventBridge: boolean;
}

/** One lifecycle rule of `s3:GetBucketLifecycleConfiguration`. */
export interface LifecycleRuleSummary {
  id: string | undefined;
  /** `Enabled` or `Disabled` as AWS sent it; `undefined` when absent. */
  status: string | undefined;
}

/** `s3:GetBucketVersioning` per bucket. */
export const bucketVersioning = defineEvidence<PerBucket<BucketVersioning>[]>({
  name: 'S3 bucket versioning',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketVersioningOutput, BucketVersioning>(bundle, account, 'GetBucketVersioning', (r) => {
      if (r === undefined) throw new Error('the answer is a not-found answer, which GetBucketVersioning never gives');
      return { status: optionalString(r, 'Status'), mfaDelete: optionalString(r, 'MFADelete') };
    }),
});

/** `s3:GetBucketLogging` per bucket; `undefined` when server access logging is off. */
export const bucketLogging = defineEvidence<PerBucket<BucketLogging | undefined>[]>({
  name: 'S3 bucket server access logging',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketLoggingOutput, BucketLogging | undefined>(bundle, account, 'GetBucketLogging', (r) => {
      if (r === undefined) throw new Error('the answer is a not-found answer, which GetBucketLogging never gives');
      const enabled = objectField(r, 'LoggingEnabled');
      return enabled === undefined
        ? undefined
        : { targetBucket: optionalString(enabled, 'TargetBucket'), targetPrefix: optionalString(enabled, 'TargetPrefix') };
    }),
});

/** `s3:GetBucketReplication` per bucket, its rules; `undefined` when the bucket has no replication configuration. */
export const bucketReplication = defineEvidence<PerBucket<ReplicationRuleSummary[] | undefined>[]>({
  name: 'S3 bucket replication',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketReplicationOutput, ReplicationRuleSummary[] | undefined>(bundle, account, 'GetBucketReplication', (r) => {
      if (r === undefined) return undefined;
      const configuration = (objectField(r, 'ReplicationConfiguration') ?? {}) as Wire<ReplicationConfiguration>;
      return listField(configuration, 'Rules').map((rule, index) => {
        if (rule === null || typeof rule !== 'object') throw new Error(`replication rule ${index + 1} is not an object`);
        const destination = objectField(rule, 'Destination');
        return {
          id: optionalString(rule, 'ID'),
          status: optionalString(rule, 'Status'),
          destinationBucket: destination === undefined ? undefined : optionalString(destination, 'Bucket'),
        };
      });
    }),
});

const NOTIFICATION_KINDS = [
  ['TopicConfigurations', 'TopicArn', 'topic'],
  ['QueueConfigurations', 'QueueArn', 'queue'],
  ['LambdaFunctionConfigurations', 'LambdaFunctionArn', 'lambda'],
] as const;

/** `s3:GetBucketNotificationConfiguration` per bucket (a bucket without notifications answers with none). */
export const bucketNotifications = defineEvidence<PerBucket<BucketNotifications>[]>({
  name: 'S3 bucket event notifications',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<NotificationConfiguration, BucketNotifications>(bundle, account, 'GetBucketNotificationConfiguration', (r) => {
      if (r === undefined) throw new Error('the answer is a not-found answer, which GetBucketNotificationConfiguration never gives');
      const notifications = NOTIFICATION_KINDS.flatMap(([field, arnField, kind]) =>
        (listField(r, field) as unknown[]).map((wire, index): BucketNotification => {
          if (wire === null || typeof wire !== 'object') throw new Error(`${field} entry ${index + 1} is not an object`);
          const events = listField(wire as { Events?: unknown[] }, 'Events');
          if (!events.every((e): e is string => typeof e === 'string'))
            throw new Error(`${field} entry ${index + 1} has an event that is not a string`);
          return { kind, id: optionalString(wire, 'Id'), destination: optionalString(wire, arnField), events };
        }),
      );
      return { notifications, eventBridge: objectField(r, 'EventBridgeConfiguration') !== undefined };
    }),
});

/** `s3:GetBucketLifecycleConfiguration` per bucket, its rules; `undefined` when the bucket has no lifecycle configuration. */
export const bucketLifecycle = defineEvidence<PerBucket<LifecycleRuleSummary[] | undefined>[]>({
  name: 'S3 bucket lifecycle rules',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketLifecycleConfigurationOutput, LifecycleRuleSummary[] | undefined>(
      bundle,
      account,
      'GetBucketLifecycleConfiguration',
      (r) => {
        if (r === undefined) return undefined;
        return listField(r, 'Rules').map((rule, index) => {
          if (rule === null || typeof rule !== 'object') throw new Error(`lifecycle rule ${index + 1} is not an object`);
          return { id: optionalString(rule, 'ID'), status: optionalString(rule, 'Status') };
        });
      },
    ),
});

/** A string field that may be absent; any other type makes the answer malformed. */
function optionalString(record: object, field: string): string | undefined {
  const value = (record as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${field} is ${JSON.stringify(value).slice(0, 40)}, not a string`);
  return value;
}

/** An object field that may be absent; any other type makes the answer malformed. */
function objectField(record: object, field: string): object | undefined {
  const value = (record as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${field} is ${JSON.stringify(value).slice(0, 40)}, not an object`);
  return value;
}

/** One grant of a bucket ACL. */
export interface AclGrant {
  /** `Group`, `CanonicalUser` or `AmazonCustomerByEmail`. */
  granteeType: string | undefined;
  /** A group grantee's URI, such as `http://acs.amazonaws.com/groups/global/AllUsers`. */
  uri: string | undefined;
  /** `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP` or `FULL_CONTROL`. */
  permission: string | undefined;
}

/** `s3:GetBucketAcl` per bucket, its grants. */
export const bucketAcls = defineEvidence<PerBucket<AclGrant[]>[]>({
  name: 'S3 bucket ACLs',
  scope: 'account',
  load: (bundle, { account }) =>
    perBucket<GetBucketAclOutput, AclGrant[]>(bundle, account, 'GetBucketAcl', (r) => {
      if (r === undefined) throw new Error('the answer is a not-found answer, which GetBucketAcl never gives');
      return listField(r, 'Grants').map((grant, index) => {
        if (grant === null || typeof grant !== 'object') throw new Error(`grant ${index + 1} is not an object`);
        const grantee = objectField(grant, 'Grantee') ?? {};
        return {
          granteeType: optionalString(grantee, 'Type'),
          uri: optionalString(grantee, 'URI'),
          permission: optionalString(grant, 'Permission'),
        };
      });
    }),
});
