import check from '../../../src/checks/vpc/vpc-vpn-tunnels-up.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

const tunnel = (ip: string, status: unknown, message = '') => ({
  AcceptedRouteCount: 2,
  LastStatusChange: '2026-09-29T11:04:52.000Z',
  OutsideIpAddress: ip,
  Status: status,
  StatusMessage: message,
});
/** An available VPN connection with two tunnels, both UP unless told otherwise. */
const vpn = (id: string, fields: Record<string, unknown> = {}) => ({
  CustomerGatewayConfiguration: '<vpn_connection id="..."/>',
  CustomerGatewayId: 'cgw-0a1b2c3d4e5f60718',
  Category: 'VPN',
  State: 'available',
  Type: 'ipsec.1',
  VpnConnectionId: id,
  VpnGatewayId: 'vgw-0a1b2c3d4e5f60718',
  Options: { StaticRoutesOnly: false, TunnelInsideIpVersion: 'ipv4' },
  Routes: [],
  Tags: [{ Key: 'Name', Value: 'office' }],
  VgwTelemetry: [tunnel('3.210.17.4', 'UP'), tunnel('52.4.201.9', 'UP')],
  ...fields,
});
const file = (region: string, list: object[]): TestFile => ({
  region,
  service: 'ec2',
  operation: 'DescribeVpnConnections',
  body: { VpnConnections: list },
});
const vpns = (...list: object[]) => ({ files: [file('us-east-1', list), file('eu-west-1', [])] });

// AWS Config VPC_VPN_2_TUNNELS_UP: both tunnels of each connection UP.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'both tunnels up',
      evidence: vpns(vpn('vpn-0aaa')),
      reason: /VPN connection vpn-0aaa \(office\) has both tunnels UP \(3.210.17.4, 52.4.201.9\)/,
    },
    {
      name: 'deleted connection with tunnels down is out of scope',
      evidence: vpns(vpn('vpn-0bbb', { State: 'deleted', VgwTelemetry: [tunnel('3.210.17.4', 'DOWN'), tunnel('52.4.201.9', 'DOWN')] })),
    },
    { name: 'no VPN connections', evidence: vpns() },
  ],
  fail: [
    {
      name: 'one tunnel down beside a healthy connection',
      evidence: vpns(
        vpn('vpn-0aaa'),
        vpn('vpn-0ccc', { VgwTelemetry: [tunnel('3.210.17.4', 'UP'), tunnel('52.4.201.9', 'DOWN', 'IPSEC IS DOWN')] }),
      ),
      reason: /VPN connection vpn-0ccc \(office\) has tunnel 52.4.201.9 DOWN \(IPSEC IS DOWN\) \(required: both tunnels UP\)/,
    },
    {
      name: 'both tunnels down',
      evidence: vpns(vpn('vpn-0ddd', { VgwTelemetry: [tunnel('3.210.17.4', 'DOWN'), tunnel('52.4.201.9', 'DOWN')] })),
      reason: /3.210.17.4 DOWN, tunnel 52.4.201.9 DOWN/,
    },
  ],
  notEvaluated: [
    {
      name: 'pending connection without telemetry',
      evidence: vpns(vpn('vpn-0eee', { State: 'pending', VgwTelemetry: [] })),
      reason: /\(pending\) lists 0 tunnels in VgwTelemetry, but every connection has two/,
    },
    {
      name: 'tunnel without Status',
      evidence: vpns(vpn('vpn-0fff', { VgwTelemetry: [tunnel('3.210.17.4', 'UP'), tunnel('52.4.201.9', undefined)] })),
      reason: /52.4.201.9 without Status, neither UP nor DOWN/,
    },
    {
      name: 'VgwTelemetry is an object',
      evidence: vpns(vpn('vpn-0aaa', { VgwTelemetry: tunnel('3.210.17.4', 'UP') })),
      reason: /VgwTelemetry is an object, not a list/,
    },
    {
      name: 'connection without VpnConnectionId beside a healthy one',
      evidence: vpns(vpn('vpn-0aaa'), vpn('vpn-0bbb', { VpnConnectionId: undefined })),
      reason: /lacks VpnConnectionId/,
    },
    {
      name: 'DescribeVpnConnections denied in eu-west-1',
      evidence: { files: [file('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeVpnConnections', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeVpnConnections.*eu-west-1.*UnauthorizedOperation/,
    },
  ],
});
