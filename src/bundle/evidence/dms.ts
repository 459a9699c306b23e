import type { DescribeReplicationInstancesResponse, ReplicationInstance } from '@aws-sdk/client-database-migration-service';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { afterCollection, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** A DMS replication instance. */
export interface DmsReplicationInstance {
  id: string;
  arn: string;
  status: string | undefined;
  /** `undefined` when the answer omits the field or holds something else: unknown. */
  publiclyAccessible: boolean | undefined;
}

/**
 * `dms:DescribeReplicationInstances` of one region (every page), typed per instance: one without
 * ReplicationInstanceIdentifier and ReplicationInstanceArn, or created after collection ended, is set
 * aside as unusable.
 */
export const dmsReplicationInstances = defineEvidence<DmsReplicationInstance[]>({
  name: 'DMS replication instances',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'dms', operation: 'DescribeReplicationInstances' };
    const where = `DescribeReplicationInstances of ${account}/${region}`;
    return mapRecords(
      await loadPages<DescribeReplicationInstancesResponse>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'ReplicationInstances')),
      where,
      (ri: Wire<ReplicationInstance>, index) => {
        const rawArn =
          typeof ri.ReplicationInstanceArn === 'string' && ri.ReplicationInstanceArn !== '' ? ri.ReplicationInstanceArn : undefined;
        const id =
          typeof ri.ReplicationInstanceIdentifier === 'string' && ri.ReplicationInstanceIdentifier !== ''
            ? ri.ReplicationInstanceIdentifier
            : undefined;
        if (!id && !rawArn)
          throw new UnusableRecordError(
            `${where}, instance ${index + 1}`,
            'lacks ReplicationInstanceIdentifier and ReplicationInstanceArn',
          );
        const arn = rawArn ?? `arn:aws:dms:${region}:${account}:rep:${id ?? ''}`;
        const late = afterCollection(ri.InstanceCreateTime, 'InstanceCreateTime', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        return {
          id: id ?? arn,
          arn,
          status: typeof ri.ReplicationInstanceStatus === 'string' ? ri.ReplicationInstanceStatus : undefined,
          publiclyAccessible: typeof ri.PubliclyAccessible === 'boolean' ? ri.PubliclyAccessible : undefined,
        };
      },
    );
  },
});
