import { securityGroups } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { parseSources, securityGroupExposure } from './admin-port-exposure.js';
import { adminPortParams } from './admin-port-params.js';

/** No security group admits the given sources to an administration port. */
export default defineCheck({
  id: 'ec2-security-group-admin-ports-restricted',
  title: 'Security groups do not open administration ports to the world',
  description:
    'For every security group in DescribeSecurityGroups, no inbound rule for TCP, UDP or all protocols (-1), whose port range contains one of the ports, may admit one of the sources (an IPv4 or IPv6 range containing it: "0.0.0.0/0", "::/0" and their other spellings). Rules naming other groups or prefix lists are not from the world; ICMP carries no ports. A rule that cannot be read leaves its group not evaluated.',
  scope: 'region',
  needs: { groups: securityGroups },
  params: adminPortParams,
  *run({ groups }, ctx) {
    const sources = parseSources(ctx.params.sources);
    const limit = `ports ${ctx.params.ports.join(', ')} over TCP, UDP or all protocols from ${ctx.params.sources.join(', ')}`;
    for (const group of groups) {
      const name = `security group ${group.id} (${group.name ?? 'no GroupName'})`;
      const { openings, unknowns } = securityGroupExposure(group.inbound, ctx.params.ports, sources);
      if (openings.length > 0) yield ctx.fail(group.arn, `${name} allows ${openings.join(', ')} (limit: none of ${limit})`);
      else if (unknowns.length > 0)
        yield ctx.notEvaluated(group.arn, `${name} has ${unknowns.join('; ')}, so whether it allows ${limit} is unknown`);
      else yield ctx.pass(group.arn, `${name} allows none of ${limit}`);
    }
  },
});
