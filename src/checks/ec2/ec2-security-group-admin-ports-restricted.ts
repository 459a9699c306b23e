import type { IpPermission } from '@aws-sdk/client-ec2';
import { securityGroups } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { adminPortParams } from './admin-port-params.js';

/** No security group admits the given sources to an administration port. */
export default defineCheck({
  id: 'ec2-security-group-admin-ports-restricted',
  title: 'Security groups do not open administration ports to the world',
  description:
    'For every security group in every region, no ingress rule (TCP or all protocols) from one of the sources may cover one of the ports.',
  scope: 'region',
  needs: { groups: securityGroups },
  params: adminPortParams,
  *run({ groups }, ctx) {
    for (const group of groups) {
      const arn =
        group.SecurityGroupArn ??
        `arn:aws:ec2:${ctx.scope.region}:${group.OwnerId ?? ctx.scope.account}:security-group/${group.GroupId ?? ''}`;
      const name = `security group ${group.GroupId ?? '?'} (${group.GroupName ?? 'unnamed'})`;
      const openings = new Set(
        (group.IpPermissions ?? []).flatMap((rule) => {
          const cidrs = [...(rule.IpRanges ?? []).map((r) => r.CidrIp), ...(rule.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)];
          const sources = ctx.params.sources.filter((s) => cidrs.includes(s));
          return ctx.params.ports
            .filter((port) => covers(rule, port))
            .flatMap((port) => sources.map((source) => `port ${port} from ${source}`));
        }),
      );
      yield openings.size > 0
        ? ctx.fail(arn, `${name} allows ${[...openings].join(', ')}`)
        : ctx.pass(arn, `${name} allows none of ports ${ctx.params.ports.join(', ')} from ${ctx.params.sources.join(', ')}`);
    }
  },
});

function covers(rule: IpPermission, port: number): boolean {
  if (rule.IpProtocol === '-1') return true;
  if (rule.IpProtocol !== 'tcp' && rule.IpProtocol !== '6') return false;
  return (rule.FromPort ?? 0) <= port && port <= (rule.ToPort ?? 65535);
}
