import { elastiCacheCaches } from '../../bundle/evidence/elasticache.js';
import { defineCheck } from '../define-check.js';

/** Every Redis OSS and Valkey cache keeps automatic backups for at least the minimum number of days. */
export default defineCheck({
  id: 'elasticache-redis-automatic-backup-enabled',
  title: 'ElastiCache Redis OSS and Valkey caches keep automatic backups',
  description:
    'For every replication group in DescribeReplicationGroups and every Redis OSS or Valkey cache cluster in DescribeCacheClusters that belongs to no replication group, SnapshotRetentionLimit (0 = automatic backups off) must be at least minRetentionDays. Members of a replication group are judged through their group; Memcached clusters cannot be backed up and are left out. An answer without SnapshotRetentionLimit, or a cluster without Engine, is not evaluated. AWS Config\'s page says both "less than the parameter" and "0-15 with parameter 15" fail; we pass exactly at the minimum.',
  scope: 'region',
  needs: { caches: elastiCacheCaches },
  params: {
    minRetentionDays: {
      type: 'integer',
      minimum: 1,
      maximum: 35,
      stricter: 'higher',
      description:
        'Fewest days automatic backups must be kept (AWS Config: snapshotRetentionPeriod, default 15; passes at exactly this many days).',
    },
  },
  *run({ caches }, ctx) {
    const limit = `(required: at least ${ctx.params.minRetentionDays})`;
    for (const cache of caches) {
      if (cache.kind === 'cache cluster' && cache.engine === 'memcached') continue;
      const name = `${cache.kind} ${cache.id}${cache.engine ? ` (${cache.engine})` : ''}`;
      if (cache.kind === 'cache cluster' && cache.engine === undefined) {
        yield ctx.notEvaluated(cache.arn, `${name}: DescribeCacheClusters shows no Engine, so whether it can be backed up is unknown`);
        continue;
      }
      const days = cache.snapshotRetentionLimit;
      if (days === undefined) yield ctx.notEvaluated(cache.arn, `${name}: the answer shows no SnapshotRetentionLimit ${limit}`);
      else if (days === 0) yield ctx.fail(cache.arn, `${name} has SnapshotRetentionLimit 0: automatic backups are off ${limit}`);
      else
        yield days >= ctx.params.minRetentionDays
          ? ctx.pass(cache.arn, `${name} keeps automatic backups for ${days} days ${limit}`)
          : ctx.fail(cache.arn, `${name} keeps automatic backups for ${days} days ${limit}`);
    }
  },
});
