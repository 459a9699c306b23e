import {
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { defineSource } from './source.js';

/**
 * Per region: VPCs and their flow logs, network ACLs, route tables and peering connections (for
 * the least-access routing review), and instances (instance profile, IMDSv2 metadata options).
 * Every listing asks for the largest page, which also keeps EC2 in its larger throttling bucket.
 */
export default defineSource({
  id: 'ec2-network',
  scope: 'region',
  services: ['ec2'],
  async collect(ctx) {
    const next = (page: { NextToken?: string }) => page.NextToken;
    await ctx.pages({ service: 'ec2', operation: 'DescribeVpcs' }, (client, startingToken, o) => paginateDescribeVpcs({ client, startingToken }, { MaxResults: 1000 }, o), next);
    await ctx.pages({ service: 'ec2', operation: 'DescribeFlowLogs' }, (client, startingToken, o) => paginateDescribeFlowLogs({ client, startingToken }, { MaxResults: 1000 }, o), next);
    await ctx.pages({ service: 'ec2', operation: 'DescribeNetworkAcls' }, (client, startingToken, o) => paginateDescribeNetworkAcls({ client, startingToken }, { MaxResults: 1000 }, o), next);
    // 100 is the most DescribeRouteTables returns a page.
    await ctx.pages({ service: 'ec2', operation: 'DescribeRouteTables' }, (client, startingToken, o) => paginateDescribeRouteTables({ client, startingToken }, { MaxResults: 100 }, o), next);
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeVpcPeeringConnections' },
      (client, startingToken, o) => paginateDescribeVpcPeeringConnections({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    await ctx.pages({ service: 'ec2', operation: 'DescribeInstances' }, (client, startingToken, o) => paginateDescribeInstances({ client, startingToken }, { MaxResults: 1000 }, o), next);
  },
});
