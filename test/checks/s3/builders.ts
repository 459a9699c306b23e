import type { TestFile } from '../../helpers/bundle-builder.js';
import type { TestBucket } from '../../helpers/aws-builders.js';

/** Builders of the per-bucket S3 answers the NIST checks read, shaped as the SDK v3 returns them. */

/** One per-bucket answer of `operation`, filed under the bucket's region. */
export function bucketAnswer(b: TestBucket, operation: string, body: unknown): TestFile {
  return { region: b.BucketRegion, service: 's3', operation, parameters: { Bucket: b.Name }, body };
}

/** A not-found answer of a per-bucket call, as the collector files it. */
export function bucketNotFound(b: TestBucket, operation: string, code: string, message: string): TestFile {
  return {
    region: b.BucketRegion,
    service: 's3',
    operation,
    parameters: { Bucket: b.Name },
    status: 'not-found',
    body: { Error: { Code: code, Message: message } },
  };
}

/** `s3:GetBucketVersioning`: `'never'` is the empty answer of a bucket never versioned. */
export function versioning(b: TestBucket, status: 'Enabled' | 'Suspended' | 'never', mfaDelete?: 'Enabled' | 'Disabled'): TestFile {
  const body = status === 'never' ? {} : { Status: status, ...(mfaDelete ? { MFADelete: mfaDelete } : {}) };
  return bucketAnswer(b, 'GetBucketVersioning', body);
}

/** `s3:GetBucketLogging`: off, or on to a target bucket and prefix. */
export function logging(b: TestBucket, target?: { bucket: string; prefix?: string }): TestFile {
  const body = target ? { LoggingEnabled: { TargetBucket: target.bucket, TargetPrefix: target.prefix ?? '' } } : {};
  return bucketAnswer(b, 'GetBucketLogging', body);
}

/** `s3:GetBucketEncryption` with one default-encryption rule, or (`'not-found'`) ServerSideEncryptionConfigurationNotFoundError. */
export function encryption(b: TestBucket, algorithm: string, keyId?: string): TestFile {
  if (algorithm === 'not-found')
    return bucketNotFound(
      b,
      'GetBucketEncryption',
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
    );
  const byDefault = { SSEAlgorithm: algorithm, ...(keyId ? { KMSMasterKeyID: keyId } : {}) };
  return bucketAnswer(b, 'GetBucketEncryption', {
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: algorithm !== 'AES256' }],
    },
  });
}

/** One replication rule to `destination` (a bucket name). */
export function replicationRule(id: string, status: string, destination = 'acme-replica-eu'): Record<string, unknown> {
  return {
    ID: id,
    Priority: 1,
    Filter: { Prefix: '' },
    Status: status,
    Destination: { Bucket: `arn:aws:s3:::${destination}`, StorageClass: 'STANDARD' },
    DeleteMarkerReplication: { Status: 'Disabled' },
  };
}

/** `s3:GetBucketReplication` with these rules, or ReplicationConfigurationNotFoundError. */
export function replication(b: TestBucket, rules: Record<string, unknown>[] | 'not-found'): TestFile {
  if (rules === 'not-found')
    return bucketNotFound(
      b,
      'GetBucketReplication',
      'ReplicationConfigurationNotFoundError',
      'The replication configuration was not found',
    );
  return bucketAnswer(b, 'GetBucketReplication', {
    ReplicationConfiguration: { Role: 'arn:aws:iam::111122223333:role/acme-s3-replication', Rules: rules },
  });
}

/** `s3:GetBucketNotificationConfiguration` (a bucket without notifications answers with an empty body). */
export function notifications(b: TestBucket, configuration: Record<string, unknown> = {}): TestFile {
  return bucketAnswer(b, 'GetBucketNotificationConfiguration', configuration);
}

/** An SNS topic notification for these events. */
export function topicNotification(
  events: string[],
  topic = 'arn:aws:sns:us-east-1:111122223333:acme-object-events',
): Record<string, unknown> {
  return { TopicConfigurations: [{ Id: 'object-events', TopicArn: topic, Events: events }] };
}

/** `s3:GetBucketLifecycleConfiguration` with rules of these statuses, or NoSuchLifecycleConfiguration. */
export function lifecycle(b: TestBucket, statuses: string[] | 'not-found'): TestFile {
  if (statuses === 'not-found')
    return bucketNotFound(
      b,
      'GetBucketLifecycleConfiguration',
      'NoSuchLifecycleConfiguration',
      'The lifecycle configuration does not exist',
    );
  return bucketAnswer(b, 'GetBucketLifecycleConfiguration', {
    Rules: statuses.map((Status, i) => ({
      ID: `rule-${i + 1}`,
      Filter: { Prefix: '' },
      Status,
      NoncurrentVersionExpiration: { NoncurrentDays: 90 },
    })),
    TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
  });
}

const OWNER = { DisplayName: 'acme-aws', ID: 'f'.repeat(64) };

/** `s3:GetBucketAcl`: the owner's FULL_CONTROL plus these group grants (`AllUsers:READ`). */
export function acl(b: TestBucket, ...groupGrants: string[]): TestFile {
  const grants = [
    { Grantee: { ...OWNER, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' },
    ...groupGrants.map((g) => {
      const [group, permission] = g.split(':');
      return { Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${group ?? ''}` }, Permission: permission };
    }),
  ];
  return bucketAnswer(b, 'GetBucketAcl', { Owner: OWNER, Grants: grants });
}
