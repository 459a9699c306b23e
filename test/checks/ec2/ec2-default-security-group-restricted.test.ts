import check from '../../../src/checks/ec2/ec2-default-security-group-restricted.js';
import { describeSecurityGroups, ingress, securityGroup } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

type Group = ReturnType<typeof securityGroup>;
const groups = (...list: Group[]) => ({ files: [describeSecurityGroups('us-east-1', list), describeSecurityGroups('eu-west-1', [])] });
/** A default group with no rules at all. */
const closedDefault = (id = 'sg-0d1e2f3a4b5c6d7e8'): Group => ({ ...securityGroup(id, 'default'), IpPermissionsEgress: [] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'default group with no rules',
      evidence: groups(closedDefault()),
      reason: /default security group sg-0d1e2f3a4b5c6d7e8 of vpc-0a3f5c9e1d2b47e86 has no inbound and no outbound rules/,
    },
    {
      name: 'an open non-default group is not in scope',
      evidence: groups(closedDefault(), securityGroup('sg-1', 'web', ingress('tcp', [443, 443], '0.0.0.0/0'))),
    },
  ],
  fail: [
    {
      name: 'default group as AWS creates it: all from itself, all out',
      evidence: groups({
        ...securityGroup('sg-0d1e2f3a4b5c6d7e8', 'default'),
        IpPermissions: [
          {
            IpProtocol: '-1',
            IpRanges: [],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [{ UserId: '111122223333', GroupId: 'sg-0d1e2f3a4b5c6d7e8' }],
          },
        ],
      }),
      reason: /has 1 inbound and 1 outbound rules \(limit 0 each\)/,
    },
    {
      name: 'default group with outbound rules only',
      evidence: groups(securityGroup('sg-0abc', 'default')),
      reason: /has 0 inbound and 1 outbound rule \(limit 0 each\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeSecurityGroups unauthorized in eu-west-1',
      evidence: { files: [describeSecurityGroups('us-east-1', [closedDefault()])] },
      collectionError: { service: 'ec2', operation: 'DescribeSecurityGroups', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeSecurityGroups in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
