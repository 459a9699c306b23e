// What auditpack uses of @aws-sdk/client-database-migration-service: the build bundles only these (see ./README.md).
export { DatabaseMigrationServiceClient, paginateDescribeReplicationInstances } from '@aws-sdk/client-database-migration-service';
