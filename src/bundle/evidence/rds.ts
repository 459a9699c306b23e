import type { DBInstance, DBInstanceMessage } from '@aws-sdk/client-rds';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapRecords, type Wire, listField, afterCollection } from './wire.js';

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
  };
}
