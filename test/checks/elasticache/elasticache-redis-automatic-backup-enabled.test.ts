import check from '../../../src/checks/elasticache/elasticache-redis-automatic-backup-enabled.js';
import { cacheCluster, caches, replicationGroup } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minRetentionDays: 15 },
  pass: [
    {
      name: 'replication group at exactly the minimum',
      evidence: caches([replicationGroup('acme-sessions')]),
      reason: /replication group acme-sessions \(redis\) keeps automatic backups for 15 days \(required: at least 15\)/,
    },
    { name: 'one day above the minimum', evidence: caches([replicationGroup('acme-sessions', { SnapshotRetentionLimit: 16 })]) },
    {
      name: 'Valkey replication group',
      evidence: caches([replicationGroup('acme-queue', { Engine: 'valkey', SnapshotRetentionLimit: 35 })]),
    },
    { name: 'replication group answer without Engine', evidence: caches([replicationGroup('acme-sessions', { Engine: undefined })]) },
    {
      name: 'member clusters are judged through their group; Memcached is left out',
      evidence: caches(
        [replicationGroup('acme-sessions')],
        [
          cacheCluster('acme-sessions-001', { ReplicationGroupId: 'acme-sessions', SnapshotRetentionLimit: 0 }),
          cacheCluster('acme-memcached', { Engine: 'memcached', SnapshotRetentionLimit: undefined }),
        ],
      ),
    },
    {
      name: 'standalone Redis OSS cluster with backups',
      evidence: caches([], [cacheCluster('acme-cache')]),
      reason: /cache cluster acme-cache \(redis\) keeps automatic backups for 15 days/,
    },
    {
      name: 'minimum 1: any backups pass',
      evidence: caches([replicationGroup('acme-sessions', { SnapshotRetentionLimit: 1 })]),
      params: { minRetentionDays: 1 },
    },
    { name: 'no caches', evidence: caches([]) },
  ],
  fail: [
    {
      name: 'one day below the minimum',
      evidence: caches([replicationGroup('acme-sessions', { SnapshotRetentionLimit: 14 })]),
      reason: /replication group acme-sessions \(redis\) keeps automatic backups for 14 days \(required: at least 15\)/,
    },
    {
      name: 'automatic backups off on a standalone Valkey cluster',
      evidence: caches([replicationGroup('acme-sessions')], [cacheCluster('acme-cache', { Engine: 'valkey', SnapshotRetentionLimit: 0 })]),
      reason: /cache cluster acme-cache \(valkey\) has SnapshotRetentionLimit 0: automatic backups are off/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits SnapshotRetentionLimit',
      evidence: caches([replicationGroup('acme-sessions', { SnapshotRetentionLimit: undefined })]),
      reason: /replication group acme-sessions \(redis\): the answer shows no SnapshotRetentionLimit/,
    },
    {
      name: 'standalone cluster without Engine',
      evidence: caches([], [cacheCluster('acme-cache', { Engine: undefined })]),
      reason: /cache cluster acme-cache: DescribeCacheClusters shows no Engine/,
    },
    {
      name: 'group without ReplicationGroupId',
      evidence: caches([replicationGroup('acme-sessions', { ReplicationGroupId: undefined })]),
      reason: /lacks ReplicationGroupId/,
    },
    {
      name: 'group created after collection ended',
      evidence: caches([replicationGroup('acme-sessions', { ReplicationGroupCreateTime: '2026-12-01T00:00:00.000Z' })]),
      reason: /ReplicationGroupCreateTime 2026-12-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeCacheClusters denied in us-east-1',
      evidence: {
        files: (caches([replicationGroup('acme-sessions')]).files ?? []).filter(
          (f) => !(f.operation === 'DescribeCacheClusters' && f.region === 'us-east-1'),
        ),
      },
      collectionError: { service: 'elasticache', operation: 'DescribeCacheClusters', code: 'AccessDenied', region: 'us-east-1' },
      reason: /elasticache:DescribeCacheClusters in 111122223333\/us-east-1 failed during collection: AccessDenied/,
    },
  ],
});
