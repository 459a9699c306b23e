// What auditpack uses of @aws-sdk/client-elasticache: the build bundles only these (see ./README.md).
export { ElastiCacheClient, paginateDescribeCacheClusters, paginateDescribeReplicationGroups } from '@aws-sdk/client-elasticache';
