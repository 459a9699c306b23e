import check from '../../../src/checks/ec2/ec2-security-group-common-ports-restricted.js';
import { group, groupRule, prefixListRule, rule, securityGroupsFile } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const groups = (...list: object[]) => ({ files: [securityGroupsFile('us-east-1', list), securityGroupsFile('eu-west-1', [])] });

// AWS Config RESTRICTED_INCOMING_TRAFFIC (restricted-common-ports): TCP blockedPorts closed to 0.0.0.0/0 and ::/0.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { blockedPorts: [20, 21, 3389, 3306, 4333] },
  pass: [
    {
      name: 'HTTPS open to the world',
      evidence: groups(group('sg-0aaa', 'web', [rule('tcp', [443, 443], '0.0.0.0/0', '::/0')])),
      reason: /allows none of TCP ports 20, 21, 3389, 3306, 4333/,
    },
    { name: 'MySQL open to the VPC only', evidence: groups(group('sg-0aaa', 'db', [rule('tcp', [3306, 3306], '10.20.0.0/16')])) },
    {
      name: 'ports 22-19 and 3390-4332 around the blocked ones',
      evidence: groups(group('sg-0aaa', 'edge', [rule('tcp', [22, 3305], '0.0.0.0/0'), rule('tcp', [3390, 4332], '0.0.0.0/0')])),
    },
    {
      name: 'UDP 20-21 from the world (not judged, as in AWS Config)',
      evidence: groups(group('sg-0aaa', 'tftp', [rule('udp', [20, 21], '0.0.0.0/0')])),
    },
    { name: 'RDP from another group', evidence: groups(group('sg-0aaa', 'rdp', [groupRule('tcp', [3389, 3389], 'sg-0bastion')])) },
    { name: 'MySQL from a prefix list', evidence: groups(group('sg-0aaa', 'db', [prefixListRule('tcp', [3306, 3306], 'pl-0a1b2c3d')])) },
    { name: 'no security groups', evidence: groups() },
  ],
  fail: [
    {
      name: 'RDP open to the world beside a closed group',
      evidence: groups(group('sg-0aaa', 'web', []), group('sg-0bbb', 'rdp', [rule('tcp', [3389, 3389], '0.0.0.0/0')])),
      reason: /security group sg-0bbb \(rdp\) allows port 3389 from 0.0.0.0\/0 \(rule: tcp port 3389 from 0.0.0.0\/0\)/,
    },
    {
      name: 'port 4333 at the top of a range, over IPv6',
      evidence: groups(group('sg-0ccc', 'range', [rule('6', [4000, 4333], '::/0')])),
      reason: /port 4333 from ::\/0/,
    },
    {
      name: 'port 20 at the bottom of a range',
      evidence: groups(group('sg-0ccc', 'ftp', [rule('tcp', [20, 80], '0.0.0.0/0')])),
      reason: /port 20 from 0.0.0.0\/0/,
    },
    {
      name: 'all protocols (-1) from the world, no ports given',
      evidence: groups(group('sg-0ddd', 'any', [rule('-1', undefined, '0.0.0.0/0')])),
      reason: /rule: all protocols from 0.0.0.0\/0/,
    },
    {
      name: 'another spelling of the world (0.0.0.0/00)',
      evidence: groups(group('sg-0eee', 'odd', [rule('tcp', [21, 21], '0.0.0.0/00')])),
      reason: /port 21/,
    },
    {
      name: 'a blocked port set by the catalog',
      evidence: groups(group('sg-0fff', 'pg', [rule('tcp', [5432, 5432], '0.0.0.0/0')])),
      params: { blockedPorts: [5432] },
    },
  ],
  notEvaluated: [
    {
      name: 'TCP rule without ports',
      evidence: groups(group('sg-0aaa', 'broken', [rule('tcp', undefined, '0.0.0.0/0')])),
      reason: /cannot be read/,
    },
    {
      name: 'unreadable source range',
      evidence: groups(group('sg-0aaa', 'broken', [rule('tcp', [3389, 3389], 'everyone')])),
      reason: /from everyone\) whose protocol, ports or source cannot be read/,
    },
    {
      name: 'group without GroupId beside a closed one',
      evidence: groups(group('sg-0aaa', 'web', []), {
        ...group('sg-0bbb', 'rdp', [rule('tcp', [3389, 3389], '0.0.0.0/0')]),
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
