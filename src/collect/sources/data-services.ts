import { defineSource } from './source.js';

// 100 is the most these Describe* listings return a page.
const PAGE_SIZE = 100;

/**
 * Per region: DMS replication instances, and ElastiCache replication groups and cache clusters
 * (every engine; the checks pick Redis OSS and Valkey).
 */
export default defineSource({
  id: 'data-services',
  scope: 'region',
  services: ['dms', 'elasticache'],
  async collect(ctx) {
    const { paginateDescribeReplicationInstances } = await import('../../shared/aws-sdk/client-database-migration-service.js');
    await ctx.pages(
      { service: 'dms', operation: 'DescribeReplicationInstances' },
      (client, startingToken, options) => paginateDescribeReplicationInstances({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    const { paginateDescribeReplicationGroups, paginateDescribeCacheClusters } = await import('../../shared/aws-sdk/client-elasticache.js');
    await ctx.pages(
      { service: 'elasticache', operation: 'DescribeReplicationGroups' },
      (client, startingToken, options) => paginateDescribeReplicationGroups({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    await ctx.pages(
      { service: 'elasticache', operation: 'DescribeCacheClusters' },
      (client, startingToken, options) => paginateDescribeCacheClusters({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
  },
});
