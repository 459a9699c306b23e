import { defineSource } from './source.js';

/**
 * Per region: VPCs, their subnets (public IP auto-assignment) and flow logs, network ACLs, route tables and peering connections (for
 * the least-access routing review), Site-to-Site VPN connections (tunnel status), instances (instance profile, IMDSv2 metadata options, public
 * IP, stop time), and DescribeInstanceTypes once per instance type in use (EBS optimization support).
 * Every listing asks for the largest page, which also keeps EC2 in its larger throttling bucket.
 */
export default defineSource({
  id: 'ec2-network',
  scope: 'region',
  services: ['ec2'],
  async collect(ctx) {
    const {
      DescribeInstanceTypesCommand,
      DescribeVpnConnectionsCommand,
      paginateDescribeFlowLogs,
      paginateDescribeInstances,
      paginateDescribeNetworkAcls,
      paginateDescribeRouteTables,
      paginateDescribeSubnets,
      paginateDescribeVpcPeeringConnections,
      paginateDescribeVpcs,
    } = await import('../../shared/aws-sdk/client-ec2.js');
    const next = (page: { NextToken?: string }) => page.NextToken;
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeVpcs' },
      (client, startingToken, o) => paginateDescribeVpcs({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeSubnets' },
      (client, startingToken, o) => paginateDescribeSubnets({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeFlowLogs' },
      (client, startingToken, o) => paginateDescribeFlowLogs({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeNetworkAcls' },
      (client, startingToken, o) => paginateDescribeNetworkAcls({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    // 100 is the most DescribeRouteTables returns a page.
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeRouteTables' },
      (client, startingToken, o) => paginateDescribeRouteTables({ client, startingToken }, { MaxResults: 100 }, o),
      next,
    );
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeVpcPeeringConnections' },
      (client, startingToken, o) => paginateDescribeVpcPeeringConnections({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    // DescribeVpnConnections has no pages: one answer lists every connection of the region.
    await ctx.call({ service: 'ec2', operation: 'DescribeVpnConnections' }, (client, o) =>
      client.send(new DescribeVpnConnectionsCommand({}), o),
    );
    const instancePages = await ctx.pages(
      { service: 'ec2', operation: 'DescribeInstances' },
      (client, startingToken, o) => paginateDescribeInstances({ client, startingToken }, { MaxResults: 1000 }, o),
      next,
    );
    // One call per type in use (terminated instances aside), so each answer stands for its type
    // alone; the one-element InstanceTypes list is recorded as its element, which names the file.
    const types = new Set(
      (instancePages ?? [])
        .flatMap((page) => page.Reservations ?? [])
        .flatMap((reservation) => reservation.Instances ?? [])
        .filter((instance) => instance.State?.Name !== 'terminated')
        .flatMap((instance) => (instance.InstanceType ? [instance.InstanceType] : [])),
    );
    for (const type of [...types].sort()) {
      await ctx.call({ service: 'ec2', operation: 'DescribeInstanceTypes', parameters: { InstanceTypes: type }, key: type }, (client, o) =>
        client.send(new DescribeInstanceTypesCommand({ InstanceTypes: [type] }), o),
      );
    }
  },
});
