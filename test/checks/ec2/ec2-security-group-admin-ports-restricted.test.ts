import check from '../../../src/checks/ec2/ec2-security-group-admin-ports-restricted.js';
import { group, groupRule, prefixListRule, rule, securityGroupsFile, without } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** The groups in us-east-1 and none in eu-west-1. */
const groups = (...list: object[]) => ({ files: [securityGroupsFile('us-east-1', list), securityGroupsFile('eu-west-1', [])] });
/** One group with these inbound rules. */
const one = (...rules: object[]) => groups(group('sg-1', 'app', rules));
const WORLD4 = '0.0.0.0/0';
const WORLD6 = '::/0';

// CIS 5.3 / 5.4 / 5.1.2: no inbound rule for TCP (6), UDP (17) or ALL (-1) whose port range includes
// an administration port may have a source of 0.0.0.0/0 (5.3) or ::/0 (5.4); 445 for CIFS (5.1.2).
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { ports: [22, 3389], sources: [WORLD4, WORLD6] },
  pass: [
    {
      name: 'HTTPS open to the world over IPv4 and IPv6',
      evidence: one(rule('tcp', [443, 443], WORLD4, WORLD6)),
      reason: /allows none of ports 22, 3389/,
    },
    { name: 'SSH from an office range only', evidence: one(rule('tcp', [22, 22], '198.51.100.0/24', '2001:db8::/32')) },
    { name: 'TCP 23-3388 from the world: one above 22, one below 3389', evidence: one(rule('tcp', [23, 3388], WORLD4)) },
    {
      name: 'TCP 0-21 and 3390-65535 from the world: one below 22, one above 3389',
      evidence: one(rule('tcp', [0, 21], WORLD4), rule('6', [3390, 65535], WORLD6)),
    },
    { name: 'UDP 23-3388 from the world', evidence: one(rule('udp', [23, 3388], WORLD4)) },
    {
      name: 'all ICMP types (-1) from the world carry no ports',
      evidence: one(rule('icmp', [-1, -1], WORLD4), rule('icmpv6', [-1, -1], WORLD6), rule('1', [3, 4], WORLD4)),
    },
    { name: 'ICMPv6 as protocol number 58 from ::/0', evidence: one(rule('58', [-1, -1], WORLD6)) },
    { name: 'all traffic from another security group', evidence: one(groupRule('-1', undefined, 'sg-0peer')) },
    { name: 'SSH from a managed prefix list', evidence: one(prefixListRule('tcp', [22, 22], 'pl-0a1b2c3d')) },
    {
      name: 'all traffic to the world outbound only',
      evidence: groups(group('sg-1', 'egress', [], { IpPermissionsEgress: [rule('-1', undefined, WORLD4, WORLD6)] })),
    },
    {
      name: 'SSH from ::/0 when only 0.0.0.0/0 is asked (5.3)',
      params: { sources: [WORLD4] },
      evidence: one(rule('tcp', [22, 22], WORLD6)),
    },
    {
      name: 'RDP from 0.0.0.0/0 when only ::/0 is asked (5.4)',
      params: { sources: [WORLD6] },
      evidence: one(rule('tcp', [3389, 3389], WORLD4)),
    },
    { name: 'half the IPv4 space is not 0.0.0.0/0', evidence: one(rule('-1', undefined, '0.0.0.0/1', '128.0.0.0/1')) },
    { name: 'SCTP (132) from the world is none of TCP, UDP or ALL', evidence: one(rule('132', undefined, WORLD4)) },
    { name: 'an unreadable rule from an office range does not matter', evidence: one(rule('tcp', undefined, '198.51.100.0/24')) },
    {
      name: 'a group without GroupId whose ARN gives it',
      evidence: groups(without(group('sg-0arn', 'arn-only', [rule('tcp', [443, 443], WORLD4)]), 'GroupId')),
      reason: /security group sg-0arn \(arn-only\)/,
    },
    {
      name: 'a group without GroupName, ARN or OwnerId',
      evidence: groups(without(group('sg-2', 'x', [rule('tcp', [80, 80], WORLD4)]), 'GroupName', 'SecurityGroupArn', 'OwnerId', 'VpcId')),
    },
    { name: 'no security groups', evidence: groups() },
  ],
  fail: [
    {
      name: 'SSH (TCP 22) from 0.0.0.0/0',
      evidence: one(rule('tcp', [22, 22], WORLD4)),
      reason: /security group sg-1 \(app\) allows port 22 from 0\.0\.0\.0\/0 \(rule: tcp port 22 from 0\.0\.0\.0\/0\)/,
    },
    {
      name: 'UDP 22 from 0.0.0.0/0 (UDP is named by the benchmark)',
      evidence: one(rule('udp', [22, 22], WORLD4)),
      reason: /port 22 from 0\.0\.0\.0\/0 \(rule: udp port 22/,
    },
    { name: 'UDP as protocol number 17 on 3389', evidence: one(rule('17', [3389, 3389], WORLD4)), reason: /port 3389/ },
    {
      name: 'TCP as protocol number 6 with a range around 3389',
      evidence: one(rule('6', [3000, 4000], WORLD4)),
      reason: /port 3389 from 0\.0\.0\.0\/0 \(rule: 6 3000-4000/,
    },
    {
      name: 'all protocols (-1) without ports from the world',
      evidence: one(rule('-1', undefined, WORLD4)),
      reason: /port 22 from 0\.0\.0\.0\/0 \(rule: all protocols from 0\.0\.0\.0\/0\), port 3389 from 0\.0\.0\.0\/0/,
    },
    { name: 'range starting exactly at 22', evidence: one(rule('tcp', [22, 80], WORLD4)), reason: /port 22 / },
    { name: 'range ending exactly at 22', evidence: one(rule('tcp', [0, 22], WORLD4)), reason: /port 22 / },
    { name: 'range starting exactly at 3389', evidence: one(rule('tcp', [3389, 3390], WORLD4)), reason: /port 3389 / },
    { name: 'range ending exactly at 3389', evidence: one(rule('udp', [3388, 3389], WORLD4)), reason: /port 3389 / },
    { name: 'TCP with ports -1 to -1 (every port)', evidence: one(rule('tcp', [-1, -1], WORLD4)), reason: /port 22 .*tcp all ports/ },
    { name: 'protocol name in capitals', evidence: one(rule('TCP', [22, 22], WORLD4)), reason: /port 22/ },
    {
      name: 'RDP from ::/0 beside an office range',
      evidence: one(rule('tcp', [3389, 3389], '198.51.100.0/24', WORLD6)),
      reason: /allows port 3389 from ::\/0 \(rule: tcp port 3389 from ::\/0\)/,
    },
    { name: '0.0.0.0/00 is the world too', evidence: one(rule('tcp', [22, 22], '0.0.0.0/00')), reason: /from 0\.0\.0\.0\/00/ },
    { name: '::0/0 is the world too', evidence: one(rule('tcp', [22, 22], '::0/0')), reason: /port 22 from ::\/0/ },
    { name: 'the IPv6 world written in full', evidence: one(rule('-1', undefined, '0:0:0:0:0:0:0:0/0')), reason: /port 22 from ::\/0/ },
    {
      name: 'CIFS (445) from ::/0 for 5.1.2',
      params: { ports: [445] },
      evidence: one(rule('tcp', [445, 445], WORLD6)),
      reason: /port 445 from ::\/0/,
    },
    {
      name: 'an opening beside an unreadable rule still fails',
      evidence: one(rule('tcp', undefined, WORLD4), rule('tcp', [22, 22], WORLD4)),
      reason: /port 22 from 0\.0\.0\.0\/0/,
    },
    {
      name: 'TCP 0-65535 from the world beside a passing group',
      evidence: groups(group('sg-1', 'web', [rule('tcp', [443, 443], WORLD4)]), group('sg-10', 'wide', [rule('tcp', [0, 65535], WORLD4)])),
      reason: /sg-10 \(wide\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'eu-west-1 unauthorized while us-east-1 passes',
      evidence: { files: [securityGroupsFile('us-east-1', [group('sg-1', 'web', [rule('tcp', [443, 443], WORLD4)])])] },
      collectionError: { service: 'ec2', operation: 'DescribeSecurityGroups', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:DescribeSecurityGroups in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'TCP from the world without FromPort and ToPort',
      evidence: one(rule('tcp', undefined, WORLD4)),
      reason: /sg-1 \(app\) has a rule \(tcp with no FromPort\/ToPort from 0\.0\.0\.0\/0\)/,
    },
    { name: 'a reversed port range from the world', evidence: one(rule('tcp', [3389, 22], WORLD4)), reason: /FromPort\/ToPort 3389 to 22/ },
    { name: 'ports given as text', evidence: one(rule('tcp', ['22', '22'], WORLD4)), reason: /cannot be read/ },
    { name: 'a rule without IpProtocol from the world', evidence: one(rule(undefined, [22, 22], WORLD4)), reason: /protocol \(none\)/ },
    {
      name: 'an IP range without CidrIp',
      evidence: one({ ...rule('tcp', [22, 22]), IpRanges: [{ Description: 'no block' }] }),
      reason: /\(no CIDR\)/,
    },
    { name: 'a source that is not a CIDR block', evidence: one(rule('tcp', [22, 22], '0.0.0.0/abc')), reason: /0\.0\.0\.0\/abc/ },
    {
      name: 'a group without GroupId or ARN beside a passing group',
      evidence: groups(
        without(group('sg-x', 'lost', [rule('tcp', [22, 22], WORLD4)]), 'GroupId', 'SecurityGroupArn'),
        group('sg-1', 'web', []),
      ),
      reason: /lacks GroupId/,
    },
  ],
});
