import type { DBInstanceMessage } from '@aws-sdk/client-rds';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapEvidence } from './wire.js';

/** An RDS DB instance (DescribeDBInstances also lists Aurora, Neptune and DocumentDB instances). */
export interface RdsInstance {
  id: string;
  arn: string;
  engine: string | undefined;
  status: string | undefined;
  /** The Aurora (or other) cluster it belongs to, if any. */
  clusterId: string | undefined;
  storageEncrypted: boolean | undefined;
  autoMinorVersionUpgrade: boolean | undefined;
  publiclyAccessible: boolean | undefined;
}

/** `rds:DescribeDBInstances` of one region (no filters, every page). */
export const dbInstances = defineEvidence<RdsInstance[]>({
  name: 'RDS DB instances',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'rds', operation: 'DescribeDBInstances' };
    return mapEvidence(await loadPages<DBInstanceMessage>(bundle, key), (pages) =>
      pages.flatMap((page) => page.DBInstances ?? []).map((db) => {
        if (!db.DBInstanceIdentifier) throw new Error(`DescribeDBInstances in ${account}/${region}: a DB instance lacks DBInstanceIdentifier`);
        return {
          id: db.DBInstanceIdentifier,
          arn: db.DBInstanceArn ?? `arn:aws:rds:${region}:${account}:db:${db.DBInstanceIdentifier}`,
          engine: db.Engine,
          status: db.DBInstanceStatus,
          clusterId: db.DBClusterIdentifier,
          storageEncrypted: db.StorageEncrypted,
          autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
          publiclyAccessible: db.PubliclyAccessible,
        };
      }),
    );
  },
});
