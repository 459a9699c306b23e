import { dbInstance } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import type { CheckCase } from '../../helpers/test-check.js';

/**
 * A DB instance as DescribeDBInstances returns it with every field the NIST checks read set to a
 * compliant value: 7 days of backups, deletion protection, Multi-AZ, Enhanced Monitoring every
 * 60 seconds, a non-default master user, and PostgreSQL's log types exported.
 */
export function nistInstance(id: string, fields: Record<string, unknown> = {}): object {
  return dbInstance(id, {
    MasterUsername: 'orders_owner',
    BackupRetentionPeriod: 7,
    MultiAZ: true,
    DeletionProtection: true,
    MonitoringInterval: 60,
    MonitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring-role',
    EnabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    InstanceCreateTime: '2024-02-01T10:00:00.000Z',
    ...fields,
  });
}

/** Records every RDS check must set aside as unusable, whatever it reads: NOT_EVALUATED cases. */
export const unusableNistInstanceCases: CheckCase[] = [
  {
    name: 'instance without DBInstanceIdentifier or DBInstanceArn, beside a compliant one',
    evidence: dbs(nistInstance('orders'), { ...nistInstance('ghost'), DBInstanceIdentifier: undefined, DBInstanceArn: undefined }),
    reason: /lacks DBInstanceIdentifier/,
  },
  {
    name: 'instance created after collection ended',
    evidence: dbs(nistInstance('orders', { InstanceCreateTime: '2027-01-01T00:00:00.000Z' })),
    reason: /InstanceCreateTime 2027-01-01T00:00:00.000Z is after collection ended/,
  },
  {
    name: 'a DBInstances entry that is a string, not an object',
    evidence: dbs(nistInstance('orders'), 'orders-replica' as unknown as object),
    reason: /not an object/,
  },
];

const ACCOUNT = '111122223333';

/** A DB snapshot as DescribeDBSnapshots stores it: manual and encrypted unless overridden. */
export function dbSnapshot(id: string, fields: Record<string, unknown> = {}): object {
  return {
    DBSnapshotIdentifier: id,
    DBInstanceIdentifier: 'orders',
    SnapshotCreateTime: '2026-09-01T04:05:00.000Z',
    Engine: 'postgres',
    AllocatedStorage: 200,
    Status: 'available',
    SnapshotType: 'manual',
    Encrypted: true,
    KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-4000-8000-000000000002`,
    DBSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:${id}`,
    ...fields,
  };
}

/** A DB cluster snapshot as DescribeDBClusterSnapshots stores it: manual and encrypted unless overridden. */
export function dbClusterSnapshot(id: string, fields: Record<string, unknown> = {}): object {
  return {
    DBClusterSnapshotIdentifier: id,
    DBClusterIdentifier: 'reports',
    SnapshotCreateTime: '2026-09-01T04:05:00.000Z',
    Engine: 'aurora-postgresql',
    Status: 'available',
    SnapshotType: 'manual',
    StorageEncrypted: true,
    DBClusterSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:${id}`,
    ...fields,
  };
}

/** The answer of DescribeDBSnapshotAttributes (or the cluster one) with these restore values. */
export function restoreAttribute(kind: 'DBSnapshot' | 'DBClusterSnapshot', id: string, values: unknown[]): object {
  return {
    [`${kind}AttributesResult`]: {
      [`${kind}Identifier`]: id,
      [`${kind}Attributes`]: [{ AttributeName: 'restore', AttributeValues: values }],
    },
  };
}

/** Snapshot evidence: these listings in us-east-1 (nothing in eu-west-1) plus the attribute answers. */
export function snapshotEvidence(
  snapshots: object[],
  clusterSnapshots: object[] = [],
  attributes: { kind?: 'DBSnapshot' | 'DBClusterSnapshot'; id: string; body: object }[] = [],
): NonNullable<CheckCase['evidence']> {
  const listing = (region: string, operation: string, field: string, list: object[]) => ({
    region,
    service: 'rds',
    operation,
    body: { [field]: list },
  });
  return {
    files: [
      listing('us-east-1', 'DescribeDBSnapshots', 'DBSnapshots', snapshots),
      listing('us-east-1', 'DescribeDBClusterSnapshots', 'DBClusterSnapshots', clusterSnapshots),
      listing('eu-west-1', 'DescribeDBSnapshots', 'DBSnapshots', []),
      listing('eu-west-1', 'DescribeDBClusterSnapshots', 'DBClusterSnapshots', []),
      ...attributes.map(({ kind = 'DBSnapshot', id, body }) => ({
        region: 'us-east-1',
        service: 'rds',
        operation: `Describe${kind}Attributes`,
        parameters: { [`${kind}Identifier`]: id },
        body,
      })),
    ],
  };
}

/** A DB cluster as DescribeDBClusters stores it: Aurora PostgreSQL, Multi-AZ unless overridden. */
export function dbCluster(id: string, fields: Record<string, unknown> = {}): object {
  return {
    DBClusterIdentifier: id,
    DBClusterArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:${id}`,
    Engine: 'aurora-postgresql',
    EngineVersion: '16.4',
    Status: 'available',
    MultiAZ: true,
    ClusterCreateTime: '2024-02-01T10:00:00.000Z',
    StorageEncrypted: true,
    DeletionProtection: true,
    ...fields,
  };
}

/** DescribeDBClusters evidence: these clusters in us-east-1, none in eu-west-1. */
export function clusterEvidence(...clusters: object[]): NonNullable<CheckCase['evidence']> {
  return {
    files: [
      { region: 'us-east-1', service: 'rds', operation: 'DescribeDBClusters', body: { DBClusters: clusters } },
      { region: 'eu-west-1', service: 'rds', operation: 'DescribeDBClusters', body: { DBClusters: [] } },
    ],
  };
}
