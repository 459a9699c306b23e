import { securityGroups } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { parseSources, securityGroupExposure } from './admin-port-exposure.js';

// AWS Config's rule judges unrestricted sources only: every IPv4 address or every IPv6 address.
const WORLD = parseSources(['0.0.0.0/0', '::/0']);

/** No security group admits the whole internet to the blocked TCP ports. */
export default defineCheck({
  id: 'ec2-security-group-common-ports-restricted',
  title: 'Security groups do not open commonly attacked TCP ports to the internet',
  description:
    'For every security group in DescribeSecurityGroups (all groups, not only those in use as AWS Config puts it), no inbound rule for TCP (6) or all protocols (-1) whose port range contains one of blockedPorts may admit every IPv4 address (0.0.0.0/0) or every IPv6 address (::/0), in any spelling. UDP rules are not judged, as in AWS Config; rules naming other groups or prefix lists are not from the internet. A rule that cannot be read leaves its group not evaluated.',
  scope: 'region',
  needs: { groups: securityGroups },
  params: {
    blockedPorts: {
      type: 'array',
      items: { type: 'integer' },
      minItems: 1,
      description: "TCP ports that must stay closed to the internet (AWS Config's blockedPort1..5; defaults 20, 21, 3389, 3306, 4333).",
    },
  },
  *run({ groups }, ctx) {
    const limit = `TCP ports ${ctx.params.blockedPorts.join(', ')} from 0.0.0.0/0 or ::/0`;
    for (const group of groups) {
      const name = `security group ${group.id} (${group.name ?? 'no GroupName'})`;
      const { openings, unknowns } = securityGroupExposure(group.inbound, ctx.params.blockedPorts, WORLD, ['tcp']);
      if (openings.length > 0) yield ctx.fail(group.arn, `${name} allows ${openings.join(', ')} (limit: none of ${limit})`);
      else if (unknowns.length > 0)
        yield ctx.notEvaluated(group.arn, `${name} has ${unknowns.join('; ')}, so whether it allows ${limit} is unknown`);
      else yield ctx.pass(group.arn, `${name} allows none of ${limit}`);
    }
  },
});
