import { paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { defineSource } from './source.js';

/** Per region: RDS DB instances (StorageEncrypted, PubliclyAccessible, AutoMinorVersionUpgrade) and EFS file systems (Encrypted). */
export default defineSource({
  id: 'storage',
  scope: 'region',
  services: ['rds', 'efs'],
  async collect(ctx) {
    await ctx.pages(
      { service: 'rds', operation: 'DescribeDBInstances' },
      // 100 is the most DescribeDBInstances returns a page.
      (client, startingToken, options) => paginateDescribeDBInstances({ client, startingToken, pageSize: 100 }, {}, options),
      (page) => page.Marker,
    );
    await ctx.pages(
      { service: 'efs', operation: 'DescribeFileSystems' },
      (client, startingToken, options) => paginateDescribeFileSystems({ client, startingToken, pageSize: 100 }, {}, options),
      (page) => page.NextMarker,
    );
  },
});
