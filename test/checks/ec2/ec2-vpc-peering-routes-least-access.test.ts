import check from '../../../src/checks/ec2/ec2-vpc-peering-routes-least-access.js';
import { callError } from '../../helpers/aws-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

const PCX = 'pcx-0c4d5e6f7a8b9c0d1';

/** A route as DescribeRouteTables lists it: to a peering connection, or `local` for the VPC's own block. */
function route(destination: string, target: string = PCX, state = 'active'): object {
  const dest = destination.startsWith('pl-')
    ? { DestinationPrefixListId: destination }
    : destination.includes(':')
      ? { DestinationIpv6CidrBlock: destination }
      : { DestinationCidrBlock: destination };
  const via = target.startsWith('pcx-') ? { VpcPeeringConnectionId: target } : { GatewayId: target };
  return { ...dest, ...via, Origin: target === 'local' ? 'CreateRouteTable' : 'CreateRoute', State: state };
}

/** A route table of vpc-0a3f5c9e1d2b47e86 (10.20.0.0/16) with its local route and these routes. */
function routeTable(id: string, ...routes: object[]): object {
  return {
    Associations: [],
    PropagatingVgws: [],
    RouteTableId: id,
    Routes: [route('10.20.0.0/16', 'local'), ...routes],
    Tags: [],
    VpcId: 'vpc-0a3f5c9e1d2b47e86',
    OwnerId: '111122223333',
  };
}

function describeRouteTables(region: string, ...tables: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeRouteTables', body: { RouteTables: tables } };
}

const only = (...tables: object[]) => ({ regions: ['us-east-1'], files: [describeRouteTables('us-east-1', ...tables)] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxPrefixBroadness: 16, maxIpv6PrefixBroadness: 56 },
  pass: [
    {
      name: 'peering routes to one subnet and one host',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('10.30.4.0/24'), route('10.30.8.15/32'))),
      reason:
        /route table rtb-0a1b2c3d4e5f60718 of vpc-0a3f5c9e1d2b47e86 has 2 routes to a VPC peering connection, each narrower than the limit: 10\.30\.4\.0\/24 → pcx-0c4d5e6f7a8b9c0d1, 10\.30\.8\.15\/32 → pcx-0c4d5e6f7a8b9c0d1 \(limit: a prefix longer than \/16 for IPv4, \/56 for IPv6\)/,
    },
    {
      name: 'an IPv6 peering route to a /64 subnet',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('2600:1f18:4a3:6b00::/64'))),
    },
    { name: 'a /17 just inside the limit', evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('10.30.0.0/17'))) },
    {
      name: 'route tables with no peering route (local and internet gateway only)',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('0.0.0.0/0', 'igw-0a9b8c7d6e5f4a3b2'))),
      reason: /^no route in the region's 1 route table goes to a VPC peering connection$/,
    },
    { name: 'a region without route tables', evidence: only(), reason: /0 route tables/ },
  ],
  fail: [
    {
      name: "a route to the peer VPC's whole /16",
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('10.30.4.0/24'), route('10.30.0.0/16'))),
      reason:
        /rtb-0a1b2c3d4e5f60718 of vpc-0a3f5c9e1d2b47e86 has 1 route to a VPC peering connection at or broader than the limit: 10\.30\.0\.0\/16 → pcx-0c4d5e6f7a8b9c0d1 \(limit/,
    },
    {
      name: 'a default route over peering',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('0.0.0.0/0'))),
      reason: /0\.0\.0\.0\/0 → pcx-/,
    },
    {
      name: 'an IPv6 default route over peering',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('::/0'))),
      reason: /::\/0 → pcx-/,
    },
    {
      name: "the peer's whole IPv6 /56",
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('2600:1f18:4a3:6b00::/56'))),
      reason: /\/56 → pcx-/,
    },
    {
      name: 'a /16 to a deleted peering connection (blackhole)',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('10.30.0.0/16', PCX, 'blackhole'))),
      reason: /10\.30\.0\.0\/16 → pcx-0c4d5e6f7a8b9c0d1 \(blackhole\)/,
    },
    {
      name: 'a /24 under a stricter limit of 24',
      params: { maxPrefixBroadness: 24 },
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('10.30.4.0/24'))),
      reason: /limit: a prefix longer than \/24 for IPv4/,
    },
    {
      name: 'a broad route fails the table even beside a prefix-list route',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('pl-0a1b2c3d4e5f60718'), route('10.0.0.0/8'))),
      reason: /10\.0\.0\.0\/8/,
    },
    {
      name: 'a broad route whose peering connection is given as GatewayId',
      evidence: only(
        routeTable('rtb-0a1b2c3d4e5f60718', { DestinationCidrBlock: '10.0.0.0/8', GatewayId: PCX, Origin: 'CreateRoute', State: 'active' }),
      ),
      reason: /10\.0\.0\.0\/8 → pcx-0c4d5e6f7a8b9c0d1/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeRouteTables denied',
      evidence: { regions: ['us-east-1'], errors: [callError('ec2', 'DescribeRouteTables', 'UnauthorizedOperation', 'us-east-1')] },
      reason: /ec2:DescribeRouteTables in 111122223333\/us-east-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'a peering route to a managed prefix list',
      evidence: only(routeTable('rtb-0a1b2c3d4e5f60718', route('pl-0a1b2c3d4e5f60718'))),
      reason: /whose breadth the evidence does not show: prefix list pl-0a1b2c3d4e5f60718 → pcx-0c4d5e6f7a8b9c0d1/,
    },
    {
      name: 'a route table without RouteTableId beside a narrow one',
      evidence: only(routeTable('rtb-1', route('10.30.1.0/24')), { ...routeTable('rtb-x', route('10.0.0.0/8')), RouteTableId: undefined }),
      reason: /lacks RouteTableId/,
    },
  ],
});
