import type { CacheCluster, CacheClusterMessage, ReplicationGroup, ReplicationGroupMessage } from '@aws-sdk/client-elasticache';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { afterCollection, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** An ElastiCache replication group, or a cache cluster that belongs to none. */
export interface ElastiCacheCache {
  kind: 'replication group' | 'cache cluster';
  id: string;
  arn: string;
  /** `redis`, `valkey`, `memcached`; `undefined` when the answer omits it (older replication group answers do). */
  engine: string | undefined;
  status: string | undefined;
  /** Days automatic backups are kept; 0 means automatic backups are off; `undefined`: not in the answer. */
  snapshotRetentionLimit: number | undefined;
}

/**
 * `elasticache:DescribeReplicationGroups` and `elasticache:DescribeCacheClusters` of one region
 * (every page): every replication group, and every cache cluster that is not a member of one (a
 * member's backups are the group's). A record without an id, or created after collection ended, is
 * set aside as unusable. Unavailable when either listing is.
 */
export const elastiCacheCaches = defineEvidence<ElastiCacheCache[]>({
  name: 'ElastiCache replication groups and cache clusters',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = (operation: string) => `${operation} of ${account}/${region}`;
    const key = (operation: string): CallKey => ({ account, region, service: 'elasticache', operation });
    const groups = mapRecords(
      await loadPages<ReplicationGroupMessage>(bundle, key('DescribeReplicationGroups')),
      (pages) => pages.flatMap((page) => listField(page, 'ReplicationGroups')),
      where('DescribeReplicationGroups'),
      (g: Wire<ReplicationGroup>, index): ElastiCacheCache => {
        const id = text(g.ReplicationGroupId);
        if (!id)
          throw new UnusableRecordError(
            text(g.ARN) ?? `${where('DescribeReplicationGroups')}, group ${index + 1}`,
            'lacks ReplicationGroupId',
          );
        const arn = text(g.ARN) ?? `arn:aws:elasticache:${region}:${account}:replicationgroup:${id}`;
        const late = afterCollection(g.ReplicationGroupCreateTime, 'ReplicationGroupCreateTime', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        return {
          kind: 'replication group',
          id,
          arn,
          engine: text(g.Engine),
          status: text(g.Status),
          snapshotRetentionLimit: count(g.SnapshotRetentionLimit),
        };
      },
    );
    if (!groups.ok) return groups;
    const clusters = mapRecords(
      await loadPages<CacheClusterMessage>(bundle, key('DescribeCacheClusters')),
      (pages) => pages.flatMap((page) => listField(page, 'CacheClusters')),
      where('DescribeCacheClusters'),
      (c: Wire<CacheCluster>, index): ElastiCacheCache | undefined => {
        const id = text(c.CacheClusterId);
        if (!id)
          throw new UnusableRecordError(text(c.ARN) ?? `${where('DescribeCacheClusters')}, cluster ${index + 1}`, 'lacks CacheClusterId');
        if (text(c.ReplicationGroupId) !== undefined) return undefined;
        const arn = text(c.ARN) ?? `arn:aws:elasticache:${region}:${account}:cluster:${id}`;
        const late = afterCollection(c.CacheClusterCreateTime, 'CacheClusterCreateTime', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        return {
          kind: 'cache cluster',
          id,
          arn,
          engine: text(c.Engine),
          status: text(c.CacheClusterStatus),
          snapshotRetentionLimit: count(c.SnapshotRetentionLimit),
        };
      },
    );
    if (!clusters.ok) return clusters;
    return {
      ok: true,
      value: [...groups.value, ...clusters.value.filter((c) => c !== undefined)],
      files: [...groups.files, ...clusters.files],
      unusable: [...(groups.unusable ?? []), ...(clusters.unusable ?? [])],
    };
  },
});

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
