import { defineSource } from './source.js';

// 100 is the most the RDS Describe* listings return a page.
const RDS_PAGE_SIZE = 100;

/**
 * Per region: RDS DB instances and clusters, DB snapshots and DB cluster snapshots (automated and
 * manual, without SnapshotType so both come back), the restore attribute of every manual snapshot
 * (only manual snapshots can be shared or public), and EFS file systems (Encrypted).
 */
export default defineSource({
  id: 'storage',
  scope: 'region',
  services: ['rds', 'efs'],
  async collect(ctx) {
    const {
      DescribeDBClusterSnapshotAttributesCommand,
      DescribeDBSnapshotAttributesCommand,
      paginateDescribeDBClusters,
      paginateDescribeDBClusterSnapshots,
      paginateDescribeDBInstances,
      paginateDescribeDBSnapshots,
    } = await import('../../shared/aws-sdk/client-rds.js');
    await ctx.pages(
      { service: 'rds', operation: 'DescribeDBInstances' },
      (client, startingToken, options) => paginateDescribeDBInstances({ client, startingToken, pageSize: RDS_PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    await ctx.pages(
      { service: 'rds', operation: 'DescribeDBClusters' },
      (client, startingToken, options) => paginateDescribeDBClusters({ client, startingToken, pageSize: RDS_PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    const snapshots = await ctx.pages(
      { service: 'rds', operation: 'DescribeDBSnapshots' },
      (client, startingToken, options) => paginateDescribeDBSnapshots({ client, startingToken, pageSize: RDS_PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    await ctx.each(manualIds(snapshots?.flatMap((page) => page.DBSnapshots ?? []) ?? [], 'DBSnapshotIdentifier'), async (id) => {
      await ctx.call(
        {
          service: 'rds',
          operation: 'DescribeDBSnapshotAttributes',
          parameters: { DBSnapshotIdentifier: id },
          key: id,
          notFound: ['DBSnapshotNotFound', 'DBSnapshotNotFoundFault'],
        },
        (client, options) => client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id }), options),
      );
    });
    const clusterSnapshots = await ctx.pages(
      { service: 'rds', operation: 'DescribeDBClusterSnapshots' },
      (client, startingToken, options) =>
        paginateDescribeDBClusterSnapshots({ client, startingToken, pageSize: RDS_PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    await ctx.each(
      manualIds(clusterSnapshots?.flatMap((page) => page.DBClusterSnapshots ?? []) ?? [], 'DBClusterSnapshotIdentifier'),
      async (id) => {
        await ctx.call(
          {
            service: 'rds',
            operation: 'DescribeDBClusterSnapshotAttributes',
            parameters: { DBClusterSnapshotIdentifier: id },
            key: id,
            notFound: ['DBClusterSnapshotNotFoundFault'],
          },
          (client, options) => client.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id }), options),
        );
      },
    );
    const { paginateDescribeFileSystems } = await import('../../shared/aws-sdk/client-efs.js');
    await ctx.pages(
      { service: 'efs', operation: 'DescribeFileSystems' },
      (client, startingToken, options) => paginateDescribeFileSystems({ client, startingToken, pageSize: 100 }, {}, options),
      (page) => page.NextMarker,
    );
  },
});

/** The identifiers of the manual snapshots in a listing, each once. */
function manualIds<K extends string>(snapshots: readonly Partial<Record<K | 'SnapshotType', unknown>>[], idField: K): string[] {
  const ids = snapshots.flatMap((s) =>
    s.SnapshotType === 'manual' && typeof s[idField] === 'string' && s[idField] !== '' ? [s[idField]] : [],
  );
  return [...new Set(ids)];
}
