import type {
  DBCluster,
  DBClusterMessage,
  DBClusterSnapshot,
  DBClusterSnapshotMessage,
  DBInstance,
  DBInstanceMessage,
  DBSnapshot,
  DBSnapshotMessage,
} from '@aws-sdk/client-rds';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { loadPages, mapRecords, type Wire, listField, afterCollection, callWhere } from './wire.js';

/** An RDS DB instance (DescribeDBInstances also lists Aurora, Neptune and DocumentDB instances). */
export interface RdsInstance {
  id: string;
  arn: string;
  engine: string | undefined;
  status: string | undefined;
  /** The Aurora (or other) cluster it belongs to, if any. */
  clusterId: string | undefined;
  /** `undefined` when the answer omits the field: unknown, never read as either value. */
  storageEncrypted: boolean | undefined;
  autoMinorVersionUpgrade: boolean | undefined;
  publiclyAccessible: boolean | undefined;
  deletionProtection: boolean | undefined;
  multiAz: boolean | undefined;
  /** Days automated backups are kept; 0 means automated backups are off. */
  backupRetentionPeriod: number | undefined;
  /** Seconds between Enhanced Monitoring samples; 0 means Enhanced Monitoring is off. */
  monitoringInterval: number | undefined;
  masterUsername: string | undefined;
  /** The instance or cluster this one is a read replica of; `undefined` when it is not a replica. */
  replicaOf: string | undefined;
  /**
   * Log types exported to CloudWatch Logs (`[]` when AWS leaves the list out: none); `undefined`
   * when the answer holds something other than a list of strings there (malformed, unknown).
   */
  logExports: string[] | undefined;
}

/**
 * `rds:DescribeDBInstances` of one region (no filters, every page), typed per instance: the id comes
 * from the ARN when DBInstanceIdentifier is missing; an instance with neither, or created after
 * collection ended, is set aside as unusable (NOT_EVALUATED for it alone).
 */
export const dbInstances = defineEvidence<RdsInstance[]>({
  name: 'RDS DB instances',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'rds', operation: 'DescribeDBInstances' };
    const where = `DescribeDBInstances of ${account}/${region}`;
    const warnings: string[] = [];
    const typed = mapRecords(
      await loadPages<DBInstanceMessage>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'DBInstances')),
      where,
      (db, index) => {
        const instance = typeInstance(db, `${where}, instance ${index + 1}`, account, region);
        const reason = afterCollection(db.InstanceCreateTime, 'InstanceCreateTime', bundle.collectedAt);
        if (reason) {
          warnings.push(`${instance.arn}: ${reason}`);
          throw new UnusableRecordError(instance.arn, reason);
        }
        return instance;
      },
    );
    return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
  },
});

function typeInstance(db: Wire<DBInstance>, where: string, account: string, region: string): RdsInstance {
  const arnId = typeof db.DBInstanceArn === 'string' ? /^arn:[^:]+:rds:[^:]*:[^:]*:db:(.+)$/.exec(db.DBInstanceArn)?.[1] : undefined;
  const id = typeof db.DBInstanceIdentifier === 'string' && db.DBInstanceIdentifier !== '' ? db.DBInstanceIdentifier : arnId;
  if (!id) throw new UnusableRecordError(where, 'lacks DBInstanceIdentifier (and no DBInstanceArn names it)');
  const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
  return {
    id,
    arn: typeof db.DBInstanceArn === 'string' && db.DBInstanceArn !== '' ? db.DBInstanceArn : `arn:aws:rds:${region}:${account}:db:${id}`,
    engine: db.Engine,
    status: db.DBInstanceStatus,
    clusterId: db.DBClusterIdentifier,
    storageEncrypted: flag(db.StorageEncrypted),
    autoMinorVersionUpgrade: flag(db.AutoMinorVersionUpgrade),
    publiclyAccessible: flag(db.PubliclyAccessible),
    deletionProtection: flag(db.DeletionProtection),
    multiAz: flag(db.MultiAZ),
    backupRetentionPeriod: count(db.BackupRetentionPeriod),
    monitoringInterval: count(db.MonitoringInterval),
    masterUsername: typeof db.MasterUsername === 'string' && db.MasterUsername !== '' ? db.MasterUsername : undefined,
    replicaOf: text(db.ReadReplicaSourceDBInstanceIdentifier) ?? text(db.ReadReplicaSourceDBClusterIdentifier),
    logExports: stringList(db.EnabledCloudwatchLogsExports),
  };
}

/** A whole number of at least 0 (days, seconds); anything else is unknown. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// Absent means AWS has nothing to list; a value that is not a list of strings is unreadable, never "none".
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** An RDS DB cluster (Aurora, Multi-AZ DB cluster, DocumentDB or Neptune), as DescribeDBClusters lists it. */
export interface RdsCluster {
  id: string;
  arn: string;
  engine: string | undefined;
  status: string | undefined;
  /** `undefined` when the answer omits the field or holds something else: unknown. */
  multiAz: boolean | undefined;
}

/**
 * `rds:DescribeDBClusters` of one region (no filters, every page), typed per cluster: the id comes
 * from DBClusterArn when DBClusterIdentifier is missing; a cluster with neither, or created after
 * collection ended, is set aside as unusable.
 */
export const dbClusters = defineEvidence<RdsCluster[]>({
  name: 'RDS DB clusters',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'rds', operation: 'DescribeDBClusters' };
    const where = `DescribeDBClusters of ${account}/${region}`;
    return mapRecords(
      await loadPages<DBClusterMessage>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'DBClusters')),
      where,
      (cluster: Wire<DBCluster>, index) => {
        const { id, arn } = identify(
          cluster.DBClusterIdentifier,
          cluster.DBClusterArn,
          'cluster',
          'DBClusterIdentifier',
          'DBClusterArn',
          `${where}, cluster ${index + 1}`,
          account,
          region,
        );
        const reason = afterCollection(cluster.ClusterCreateTime, 'ClusterCreateTime', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return {
          id,
          arn,
          engine: text(cluster.Engine),
          status: text(cluster.Status),
          multiAz: typeof cluster.MultiAZ === 'boolean' ? cluster.MultiAZ : undefined,
        };
      },
    );
  },
});

/** A DB snapshot or DB cluster snapshot, with the restore attribute of a manual one. */
export interface RdsSnapshot {
  kind: 'DB snapshot' | 'DB cluster snapshot';
  id: string;
  arn: string;
  /** The DB instance or DB cluster it was taken of. */
  sourceId: string | undefined;
  engine: string | undefined;
  /** `manual`, `automated`, `awsbackup`, …; `undefined` when the answer omits it. */
  type: string | undefined;
  /** Encrypted (DB snapshot) or StorageEncrypted (DB cluster snapshot); `undefined`: unknown. */
  encrypted: boolean | undefined;
  /**
   * The accounts allowed to restore a manual snapshot (`all`: anyone), from its own attributes call;
   * `undefined` for snapshots that are not manual, whose attributes are never asked for.
   */
  restore: Evidence<string[]> | undefined;
}

/**
 * `rds:DescribeDBSnapshots` of one region (automated and manual, every page), typed per snapshot,
 * with `rds:DescribeDBSnapshotAttributes` of each manual one found by its DBSnapshotIdentifier.
 */
export const dbSnapshots = defineEvidence<RdsSnapshot[]>({
  name: 'RDS DB snapshots',
  scope: 'region',
  load: (bundle, { account, region }) =>
    loadSnapshots<DBSnapshotMessage, DBSnapshot>(bundle, account, region, {
      kind: 'DB snapshot',
      list: 'DescribeDBSnapshots',
      field: 'DBSnapshots',
      id: (s) => [s.DBSnapshotIdentifier, s.DBSnapshotArn, s.DBInstanceIdentifier, s.Encrypted],
      arnType: 'snapshot',
      idField: 'DBSnapshotIdentifier',
      arnField: 'DBSnapshotArn',
      attributes: 'DescribeDBSnapshotAttributes',
      result: 'DBSnapshotAttributesResult',
      attributeList: 'DBSnapshotAttributes',
    }),
});

/**
 * `rds:DescribeDBClusterSnapshots` of one region (automated and manual, every page), typed per
 * snapshot, with `rds:DescribeDBClusterSnapshotAttributes` of each manual one.
 */
export const dbClusterSnapshots = defineEvidence<RdsSnapshot[]>({
  name: 'RDS DB cluster snapshots',
  scope: 'region',
  load: (bundle, { account, region }) =>
    loadSnapshots<DBClusterSnapshotMessage, DBClusterSnapshot>(bundle, account, region, {
      kind: 'DB cluster snapshot',
      list: 'DescribeDBClusterSnapshots',
      field: 'DBClusterSnapshots',
      id: (s) => [s.DBClusterSnapshotIdentifier, s.DBClusterSnapshotArn, s.DBClusterIdentifier, s.StorageEncrypted],
      arnType: 'cluster-snapshot',
      idField: 'DBClusterSnapshotIdentifier',
      arnField: 'DBClusterSnapshotArn',
      attributes: 'DescribeDBClusterSnapshotAttributes',
      result: 'DBClusterSnapshotAttributesResult',
      attributeList: 'DBClusterSnapshotAttributes',
    }),
});

interface SnapshotShape<S> {
  kind: RdsSnapshot['kind'];
  list: string;
  field: string;
  /** Identifier, ARN, source instance or cluster, encrypted flag: as stored. */
  id: (snapshot: Wire<S>) => [unknown, unknown, unknown, unknown];
  arnType: string;
  idField: string;
  arnField: string;
  attributes: string;
  result: string;
  attributeList: string;
}

async function loadSnapshots<M, S extends { SnapshotType?: string; Engine?: string; SnapshotCreateTime?: Date }>(
  bundle: EvidenceBundle,
  account: string,
  region: string,
  shape: SnapshotShape<S>,
): Promise<Evidence<RdsSnapshot[]>> {
  const where = `${shape.list} of ${account}/${region}`;
  const listed = mapRecords(
    await loadPages<M>(bundle, { account, region, service: 'rds', operation: shape.list }),
    (pages) => pages.flatMap((page) => listField(page as Record<string, unknown[]>, shape.field) as Wire<S>[]),
    where,
    (snapshot, index) => {
      const [rawId, rawArn, source, encrypted] = shape.id(snapshot);
      const { id, arn } = identify(
        rawId,
        rawArn,
        shape.arnType,
        shape.idField,
        shape.arnField,
        `${where}, snapshot ${index + 1}`,
        account,
        region,
      );
      const reason = afterCollection(snapshot.SnapshotCreateTime, 'SnapshotCreateTime', bundle.collectedAt);
      if (reason) throw new UnusableRecordError(arn, reason);
      return {
        id,
        arn,
        sourceId: text(source),
        engine: text(snapshot.Engine),
        type: text(snapshot.SnapshotType),
        encrypted: typeof encrypted === 'boolean' ? encrypted : undefined,
      };
    },
  );
  if (!listed.ok) return listed;
  const value = await Promise.all(
    listed.value.map(async (s): Promise<RdsSnapshot> => ({
      kind: shape.kind,
      ...s,
      restore:
        s.type === 'manual'
          ? await restoreOf(bundle, { account, region, service: 'rds', operation: shape.attributes }, shape, s.id)
          : undefined,
    })),
  );
  return { ...listed, value };
}

/** The `restore` attribute values of one manual snapshot, from its own attributes call. */
async function restoreOf(
  bundle: EvidenceBundle,
  operation: Omit<CallKey, 'parameters'>,
  shape: Pick<SnapshotShape<never>, 'idField' | 'result' | 'attributeList'>,
  id: string,
): Promise<Evidence<string[]>> {
  const loaded = await loadPages<Record<string, unknown>>(bundle, callWhere(bundle, operation, shape.idField, [id]));
  if (!loaded.ok) return loaded;
  try {
    const result = loaded.value[0]?.[shape.result];
    if (typeof result !== 'object' || result === null || Array.isArray(result)) throw new Error(`the answer has no ${shape.result}`);
    const values: string[] = [];
    for (const attribute of listField(result as Record<string, unknown[]>, shape.attributeList)) {
      if (typeof attribute !== 'object' || attribute === null)
        throw new Error(`${shape.attributeList} holds ${JSON.stringify(attribute)}, not an attribute`);
      const { AttributeName: name } = attribute as { AttributeName?: unknown };
      if (name !== 'restore') continue;
      for (const v of listField(attribute as { AttributeValues?: unknown[] }, 'AttributeValues')) {
        if (typeof v !== 'string') throw new Error(`the restore attribute holds ${JSON.stringify(v)}, not an account id or "all"`);
        values.push(v);
      }
    }
    return { ok: true, value: values, files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `rds:${operation.operation} of ${id} could not be read: ${messageOf(error)}`, errors: [] };
  }
}

/** The id (from the ARN when the identifier is missing) and ARN (derived when missing) of an RDS resource. */
function identify(
  rawId: unknown,
  rawArn: unknown,
  arnType: string,
  idField: string,
  arnField: string,
  where: string,
  account: string,
  region: string,
): { id: string; arn: string } {
  const arn = text(rawArn);
  const arnId = arn === undefined ? undefined : new RegExp(`^arn:[^:]+:rds:[^:]*:[^:]*:${arnType}:(.+)$`).exec(arn)?.[1];
  const id = text(rawId) ?? arnId;
  if (!id) throw new UnusableRecordError(where, `lacks ${idField} (and no ${arnField} names it)`);
  return { id, arn: arn ?? `arn:aws:rds:${region}:${account}:${arnType}:${id}` };
}
