import check from '../../../src/checks/vpc/vpc-security-group-open-ports-authorized.js';
import { group, groupRule, rule, securityGroupsFile } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const groups = (...list: object[]) => ({ files: [securityGroupsFile('us-east-1', list), securityGroupsFile('eu-west-1', [])] });

// AWS Config VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS: rules from 0.0.0.0/0 or ::/0 open only authorized TCP / UDP ports.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { authorizedTcpPorts: ['443', '1020-1025'], authorizedUdpPorts: ['500'] },
  pass: [
    {
      name: 'HTTPS from the world over IPv4 and IPv6',
      evidence: groups(group('sg-0aaa', 'web', [rule('tcp', [443, 443], '0.0.0.0/0', '::/0')])),
      reason: /security group sg-0aaa \(web\) opens only authorized ports to the internet: tcp port 443 from 0.0.0.0\/0, ::\/0/,
    },
    {
      name: 'a range exactly inside an authorized range',
      evidence: groups(group('sg-0aaa', 'app', [rule('tcp', [1020, 1025], '0.0.0.0/0')])),
    },
    { name: 'UDP 500 from the world', evidence: groups(group('sg-0aaa', 'vpn', [rule('udp', [500, 500], '0.0.0.0/0')])) },
    {
      name: 'ICMP from the world is not judged',
      evidence: groups(group('sg-0aaa', 'ping', [rule('icmp', [8, -1], '0.0.0.0/0'), rule('tcp', [443, 443], '0.0.0.0/0')])),
    },
    {
      name: 'SSH from a corporate range only: out of scope',
      evidence: groups(group('sg-0aaa', 'ssh', [rule('tcp', [22, 22], '203.0.113.0/24')])),
    },
    {
      name: 'all traffic from another group: out of scope',
      evidence: groups(group('sg-0aaa', 'internal', [groupRule('-1', undefined, 'sg-0bbb')])),
    },
    {
      name: 'all protocols and ports when every TCP and UDP port is authorized',
      evidence: groups(group('sg-0aaa', 'open', [rule('-1', undefined, '0.0.0.0/0')])),
      params: { authorizedTcpPorts: ['0-65535'], authorizedUdpPorts: ['0-1000', '1001-65535'] },
    },
    { name: 'no security groups', evidence: groups() },
  ],
  fail: [
    {
      name: 'SSH open to the world beside a compliant group',
      evidence: groups(
        group('sg-0aaa', 'web', [rule('tcp', [443, 443], '0.0.0.0/0')]),
        group('sg-0bbb', 'ssh', [rule('tcp', [22, 22], '0.0.0.0/0')]),
      ),
      reason:
        /security group sg-0bbb \(ssh\) opens tcp port 22 from 0.0.0.0\/0 to the internet \(authorized: TCP 443, 1020-1025; UDP 500\)/,
    },
    {
      name: 'a range one port past an authorized range (1020-1026)',
      evidence: groups(group('sg-0ccc', 'app', [rule('tcp', [1020, 1026], '::/0')])),
      reason: /tcp 1020-1026 from ::\/0/,
    },
    {
      name: 'a range one port before an authorized range (1019-1025)',
      evidence: groups(group('sg-0ccc', 'app', [rule('tcp', [1019, 1025], '0.0.0.0/0')])),
    },
    { name: 'TCP 500 (authorized for UDP only)', evidence: groups(group('sg-0ddd', 'mixed', [rule('6', [500, 500], '0.0.0.0/0')])) },
    {
      name: 'all protocols from the world',
      evidence: groups(group('sg-0eee', 'any', [rule('-1', undefined, '::/0')])),
      reason: /all protocols from ::\/0/,
    },
    {
      name: 'HTTPS from "0.0.0.0/00" with nothing authorized',
      evidence: groups(group('sg-0fff', 'web', [rule('tcp', [443, 443], '0.0.0.0/00')])),
      params: { authorizedTcpPorts: [], authorizedUdpPorts: [] },
      reason: /authorized: TCP none; UDP none/,
    },
  ],
  notEvaluated: [
    {
      name: 'TCP rule from the world without ports',
      evidence: groups(group('sg-0aaa', 'broken', [rule('tcp', undefined, '0.0.0.0/0')])),
      reason: /rules that cannot be read/,
    },
    {
      name: 'SSH from an unreadable source',
      evidence: groups(group('sg-0aaa', 'broken', [rule('tcp', [22, 22], 'anywhere')])),
      reason: /tcp port 22 from anywhere/,
    },
    {
      name: 'authorized port list that is not a port',
      evidence: groups(group('sg-0aaa', 'web', [rule('tcp', [443, 443], '0.0.0.0/0')])),
      params: { authorizedTcpPorts: ['https'] },
      reason: /authorizedTcpPorts: "https" is not a port or port range/,
    },
    {
      name: 'group without GroupId beside a compliant one',
      evidence: groups(group('sg-0aaa', 'web', []), {
        ...group('sg-0bbb', 'ssh', [rule('tcp', [22, 22], '0.0.0.0/0')]),
        GroupId: undefined,
        SecurityGroupArn: undefined,
      }),
      reason: /lacks GroupId/,
    },
    {
      name: 'DescribeSecurityGroups denied in eu-west-1',
      evidence: { files: [securityGroupsFile('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeSecurityGroups', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeSecurityGroups.*eu-west-1.*UnauthorizedOperation/,
    },
  ],
});
