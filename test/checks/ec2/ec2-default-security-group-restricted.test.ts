import check from '../../../src/checks/ec2/ec2-default-security-group-restricted.js';
import { describeVpcs, vpc } from '../../helpers/aws-builders.js';
import { APP_VPC, group, groupRule, prefixListRule, rule, securityGroupsFile, without } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const OTHER_VPC = 'vpc-0b4e6d8f0a1c3e5f7';
/** These VPCs and groups in us-east-1; eu-west-1 has neither. */
const network = (vpcs: object[], groups: object[]) => ({
  files: [
    describeVpcs('us-east-1', vpcs),
    securityGroupsFile('us-east-1', groups),
    describeVpcs('eu-west-1', []),
    securityGroupsFile('eu-west-1', []),
  ],
});
/** The default group of a VPC with these inbound and outbound rules. */
const defaultGroup = (id: string, vpcId: string, inbound: object[] = [], outbound: object[] = []) =>
  group(id, 'default', inbound, { VpcId: vpcId, IpPermissionsEgress: outbound });

// CIS 5.5: in every VPC, the security group named "default" has no inbound and no outbound rules.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'default group with no rules',
      evidence: network([vpc(APP_VPC)], [defaultGroup('sg-0d1e2f3a4b5c6d7e8', APP_VPC)]),
      reason: /default security group sg-0d1e2f3a4b5c6d7e8 of vpc-0a3f5c9e1d2b47e86 has no inbound and no outbound rules/,
    },
    {
      name: 'an open non-default group is not in scope',
      evidence: network([vpc(APP_VPC)], [defaultGroup('sg-0d1', APP_VPC), group('sg-1', 'web', [rule('tcp', [443, 443], '0.0.0.0/0')])]),
    },
    {
      name: 'rule lists left out entirely',
      evidence: network([vpc(APP_VPC)], [without(defaultGroup('sg-0d1', APP_VPC), 'IpPermissions', 'IpPermissionsEgress')]),
    },
    {
      name: 'two VPCs, both default groups closed',
      evidence: network([vpc(APP_VPC), vpc(OTHER_VPC, true)], [defaultGroup('sg-0d1', APP_VPC), defaultGroup('sg-0d2', OTHER_VPC)]),
    },
    { name: 'no VPCs and no groups', evidence: network([], []) },
  ],
  fail: [
    {
      name: 'default group as AWS creates it: all from itself, all out',
      evidence: network(
        [vpc(APP_VPC)],
        [defaultGroup('sg-0d1', APP_VPC, [groupRule('-1', undefined, 'sg-0d1')], [rule('-1', undefined, '0.0.0.0/0')])],
      ),
      reason: /has 1 inbound and 1 outbound rules \(limit 0 each\)/,
    },
    {
      name: 'default group with outbound rules only',
      evidence: network([vpc(APP_VPC)], [defaultGroup('sg-0d1', APP_VPC, [], [rule('-1', undefined, '0.0.0.0/0')])]),
      reason: /has 0 inbound and 1 outbound rule \(limit 0 each\)/,
    },
    {
      name: 'default group with one inbound rule from a prefix list',
      evidence: network([vpc(APP_VPC)], [defaultGroup('sg-0d1', APP_VPC, [prefixListRule('tcp', [443, 443], 'pl-1')])]),
      reason: /has 1 inbound and 0 outbound rule /,
    },
    {
      name: 'the default VPC open beside a closed VPC',
      evidence: network(
        [vpc(APP_VPC), vpc(OTHER_VPC, true)],
        [defaultGroup('sg-0d1', APP_VPC), defaultGroup('sg-0d2', OTHER_VPC, [], [rule('-1', undefined, '::/0')])],
      ),
      reason: /sg-0d2 of vpc-0b4e6d8f0a1c3e5f7/,
    },
    {
      name: 'a default group in a VPC DescribeVpcs does not list',
      evidence: network([], [defaultGroup('sg-0d3', OTHER_VPC, [rule('tcp', [22, 22], '10.0.0.0/8')])]),
      reason: /sg-0d3/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeSecurityGroups unauthorized in eu-west-1',
      evidence: {
        files: [
          describeVpcs('us-east-1', [vpc(APP_VPC)]),
          securityGroupsFile('us-east-1', [defaultGroup('sg-0d1', APP_VPC)]),
          describeVpcs('eu-west-1', []),
        ],
      },
      collectionError: { service: 'ec2', operation: 'DescribeSecurityGroups', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeSecurityGroups in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'DescribeVpcs unauthorized in eu-west-1',
      evidence: {
        files: [
          describeVpcs('us-east-1', [vpc(APP_VPC)]),
          securityGroupsFile('us-east-1', [defaultGroup('sg-0d1', APP_VPC)]),
          securityGroupsFile('eu-west-1', []),
        ],
      },
      collectionError: { service: 'ec2', operation: 'DescribeVpcs', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeVpcs in 111122223333\/eu-west-1 failed/,
    },
    {
      name: 'a VPC whose default group is not listed',
      evidence: network([vpc(APP_VPC), vpc(OTHER_VPC)], [defaultGroup('sg-0d1', APP_VPC)]),
      reason: /VPC vpc-0b4e6d8f0a1c3e5f7: DescribeSecurityGroups shows no group named "default" in it$/,
    },
    {
      name: 'the only group of a VPC has no GroupName',
      evidence: network([vpc(APP_VPC)], [without(defaultGroup('sg-0d1', APP_VPC), 'GroupName')]),
      reason: /sg-0d1 lack GroupName or VpcId and may be it/,
    },
    {
      name: 'the default group record lacks GroupId and ARN',
      evidence: network([vpc(APP_VPC)], [without(defaultGroup('sg-0d1', APP_VPC), 'GroupId', 'SecurityGroupArn')]),
      reason: /lacks GroupId/,
    },
  ],
});
