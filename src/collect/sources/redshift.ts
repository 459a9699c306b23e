import { defineSource } from './source.js';

// 100 is the most DescribeClusters and DescribeClusterParameters return a page.
const PAGE_SIZE = 100;

/**
 * Per region: Redshift provisioned clusters (every page), the audit logging status of each cluster,
 * and the parameters of each distinct parameter group the clusters use (require_ssl), default
 * groups included (their values differ between default.redshift-1.0 and newer defaults).
 */
export default defineSource({
  id: 'redshift',
  scope: 'region',
  services: ['redshift'],
  async collect(ctx) {
    const { paginateDescribeClusters, paginateDescribeClusterParameters, DescribeLoggingStatusCommand } =
      await import('../../shared/aws-sdk/client-redshift.js');
    const pages = await ctx.pages(
      { service: 'redshift', operation: 'DescribeClusters' },
      (client, startingToken, options) => paginateDescribeClusters({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.Marker,
    );
    const clusters = pages?.flatMap((page) => (Array.isArray(page.Clusters) ? page.Clusters : [])) ?? [];
    const ids = unique(clusters.map((c) => c.ClusterIdentifier));
    await ctx.each(ids, async (id) => {
      await ctx.call(
        {
          service: 'redshift',
          operation: 'DescribeLoggingStatus',
          parameters: { ClusterIdentifier: id },
          key: id,
          notFound: ['ClusterNotFound', 'ClusterNotFoundFault'],
        },
        (client, options) => client.send(new DescribeLoggingStatusCommand({ ClusterIdentifier: id }), options),
      );
    });
    const groups = unique(
      clusters.flatMap((c) => (Array.isArray(c.ClusterParameterGroups) ? c.ClusterParameterGroups.map((g) => g.ParameterGroupName) : [])),
    );
    await ctx.each(groups, async (name) => {
      await ctx.pages(
        {
          service: 'redshift',
          operation: 'DescribeClusterParameters',
          parameters: { ParameterGroupName: name },
          key: name,
          notFound: ['ClusterParameterGroupNotFound', 'ClusterParameterGroupNotFoundFault'],
        },
        (client, startingToken, options) =>
          paginateDescribeClusterParameters({ client, startingToken, pageSize: PAGE_SIZE }, { ParameterGroupName: name }, options),
        (page) => page.Marker,
      );
    });
  },
});

/** The non-empty strings of a list, each once, sorted (so the calls start in a stable order). */
function unique(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
}
