import { securityGroups, vpcs } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** The default security group of every VPC allows no traffic. */
export default defineCheck({
  id: 'ec2-default-security-group-restricted',
  title: 'The default security group of every VPC restricts all traffic',
  description:
    'For every VPC in DescribeVpcs, its security group named "default" in DescribeSecurityGroups must have no inbound (IpPermissions) and no outbound (IpPermissionsEgress) rules. A VPC whose default group the evidence does not show is not evaluated; a default group of a VPC that DescribeVpcs does not list is judged too.',
  scope: 'region',
  needs: { groups: securityGroups, vpcs },
  params: {},
  *run({ groups, vpcs: list }, ctx) {
    const defaults = groups.filter((g) => g.name === 'default');
    for (const vpc of list) {
      const own = defaults.filter((g) => g.vpcId === vpc.id);
      if (own.length === 0) {
        // Every VPC has a default group: its absence means the evidence is partial, never that it is fine.
        const unclear = groups.filter(
          (g) => (g.name === undefined && (g.vpcId === vpc.id || g.vpcId === undefined)) || (g.name === 'default' && g.vpcId === undefined),
        );
        const hint = unclear.length > 0 ? `; ${unclear.map((g) => g.id).join(', ')} lack GroupName or VpcId and may be it` : '';
        yield ctx.notEvaluated(
          vpc.arn,
          `VPC ${vpc.id}${vpc.isDefault ? ' (default VPC)' : ''}: DescribeSecurityGroups shows no group named "default" in it${hint}`,
        );
      }
    }
    for (const group of defaults) {
      const name = `default security group ${group.id} of ${group.vpcId ?? 'an unknown VPC'}`;
      const inbound = group.inbound.length;
      const outbound = group.outbound.length;
      yield inbound + outbound === 0
        ? ctx.pass(group.arn, `${name} has no inbound and no outbound rules`)
        : ctx.fail(
            group.arn,
            `${name} has ${inbound} inbound and ${outbound} outbound ${inbound + outbound === 1 ? 'rule' : 'rules'} (limit 0 each)`,
          );
    }
  },
});
