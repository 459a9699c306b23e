import check from '../../../src/checks/vpc/vpc-route-table-no-open-igw-route.js';
import { routeTable, routeTablesFile } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const tables = (...list: object[]) => ({ files: [routeTablesFile('us-east-1', list), routeTablesFile('eu-west-1', [])] });
const local = { DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
const igw = (destination: Record<string, unknown>, state = 'active') => ({
  GatewayId: 'igw-0a1b2c3d4e5f60718',
  Origin: 'CreateRoute',
  State: state,
  ...destination,
});

// AWS Config NO_UNRESTRICTED_ROUTE_TO_IGW: no 0.0.0.0/0 or ::/0 route to an internet gateway outside routeTableIds.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowedRouteTableIds: [] },
  pass: [
    {
      name: 'private table: local route only',
      evidence: tables(routeTable('rtb-0aaa', [local])),
      reason: /route table rtb-0aaa has no route from every address to an internet gateway/,
    },
    {
      name: 'route to the internet gateway for one partner range',
      evidence: tables(routeTable('rtb-0aaa', [local, igw({ DestinationCidrBlock: '203.0.113.0/24' })])),
    },
    {
      name: 'default route through a NAT gateway',
      evidence: tables(
        routeTable('rtb-0aaa', [
          local,
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0a1b2c3d4e5f60718', Origin: 'CreateRoute', State: 'active' },
        ]),
      ),
    },
    {
      name: 'IPv6 default route through an egress-only internet gateway',
      evidence: tables(
        routeTable('rtb-0aaa', [
          local,
          {
            DestinationIpv6CidrBlock: '::/0',
            EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f60718',
            Origin: 'CreateRoute',
            State: 'active',
          },
        ]),
      ),
    },
    {
      name: 'public table that is allowed',
      evidence: tables(routeTable('rtb-0pub', [local, igw({ DestinationCidrBlock: '0.0.0.0/0' })])),
      params: { allowedRouteTableIds: ['rtb-0pub'] },
      reason: /routes 0.0.0.0\/0 to igw-0a1b2c3d4e5f60718 \(active\), and is an allowed route table/,
    },
    {
      name: 'prefix-list destination to the internet gateway is not judged',
      evidence: tables(routeTable('rtb-0aaa', [igw({ DestinationPrefixListId: 'pl-63a5400a' })])),
    },
    { name: 'no route tables', evidence: tables() },
  ],
  fail: [
    {
      name: 'IPv4 default route to the internet gateway beside a private table',
      evidence: tables(routeTable('rtb-0aaa', [local]), routeTable('rtb-0pub', [local, igw({ DestinationCidrBlock: '0.0.0.0/0' })])),
      reason:
        /route table rtb-0pub routes 0.0.0.0\/0 to igw-0a1b2c3d4e5f60718 \(active\) \(required: none; route tables allowed one: none\)/,
    },
    {
      name: 'IPv6 default route to the internet gateway',
      evidence: tables(routeTable('rtb-0v6', [igw({ DestinationIpv6CidrBlock: '::/0' })])),
      reason: /routes ::\/0 to igw-/,
    },
    {
      name: 'another spelling of the whole IPv4 space (0.0.0.0/00)',
      evidence: tables(routeTable('rtb-0aaa', [igw({ DestinationCidrBlock: '0.0.0.0/00' })])),
    },
    {
      name: 'blackhole default route to a deleted internet gateway still counts',
      evidence: tables(routeTable('rtb-0aaa', [igw({ DestinationCidrBlock: '0.0.0.0/0' }, 'blackhole')])),
      reason: /\(blackhole\)/,
    },
    {
      name: 'public table that is not the allowed one',
      evidence: tables(routeTable('rtb-0pub', [igw({ DestinationCidrBlock: '0.0.0.0/0' })])),
      params: { allowedRouteTableIds: ['rtb-0other'] },
      reason: /route tables allowed one: rtb-0other/,
    },
  ],
  notEvaluated: [
    {
      name: 'route to the internet gateway without a destination',
      evidence: tables(routeTable('rtb-0aaa', [igw({})])),
      reason: /a route to igw-0a1b2c3d4e5f60718 without a destination/,
    },
    {
      name: 'destination that is not a CIDR block',
      evidence: tables(routeTable('rtb-0aaa', [igw({ DestinationCidrBlock: 'anywhere' })])),
      reason: /destination "anywhere"/,
    },
    {
      name: 'route table without RouteTableId beside a private one',
      evidence: tables(routeTable('rtb-0aaa', [local]), routeTable(undefined, [igw({ DestinationCidrBlock: '0.0.0.0/0' })])),
      reason: /lacks RouteTableId/,
    },
    {
      name: 'Routes is a string',
      evidence: tables({ ...routeTable('rtb-0aaa', []), Routes: 'igw' }),
      reason: /Routes is "igw", not a list/,
    },
    {
      name: 'DescribeRouteTables denied in eu-west-1',
      evidence: { files: [routeTablesFile('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeRouteTables', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeRouteTables.*eu-west-1.*UnauthorizedOperation/,
    },
  ],
});
