import { securityGroups } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** The default security group of every VPC allows no traffic. */
export default defineCheck({
  id: 'ec2-default-security-group-restricted',
  title: 'The default security group of every VPC restricts all traffic',
  description:
    'For every security group named "default" in DescribeSecurityGroups (one per VPC), IpPermissions and IpPermissionsEgress must both be empty.',
  scope: 'region',
  needs: { groups: securityGroups },
  params: {},
  *run({ groups }, ctx) {
    for (const group of groups.filter((g) => g.GroupName === 'default')) {
      const arn =
        group.SecurityGroupArn ??
        `arn:aws:ec2:${ctx.scope.region}:${group.OwnerId ?? ctx.scope.account}:security-group/${group.GroupId ?? ''}`;
      const name = `default security group ${group.GroupId ?? '?'} of ${group.VpcId ?? 'an unknown VPC'}`;
      const inbound = (group.IpPermissions ?? []).length;
      const outbound = (group.IpPermissionsEgress ?? []).length;
      yield inbound + outbound === 0
        ? ctx.pass(arn, `${name} has no inbound and no outbound rules`)
        : ctx.fail(
            arn,
            `${name} has ${inbound} inbound and ${outbound} outbound ${inbound + outbound === 1 ? 'rule' : 'rules'} (limit 0 each)`,
          );
    }
  },
});
