import { networkAcls } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { networkAclExposure, parseSources } from './admin-port-exposure.js';
import { adminPortParams } from './admin-port-params.js';

/** No network ACL lets the given sources reach an administration port. */
export default defineCheck({
  id: 'ec2-network-acl-admin-ports-restricted',
  title: 'Network ACLs do not allow ingress from the world to administration ports',
  description:
    'For every network ACL in DescribeNetworkAcls, no inbound ALLOW entry whose range contains the source (IPv4 or IPv6), whose protocol is TCP, UDP or all (-1) and whose port range contains the port may exist, as the benchmark audits it: a lower-numbered deny does not excuse it (the reason names it). Outbound entries do not count; an allow entry that might match but cannot be read leaves the ACL not evaluated.',
  scope: 'region',
  needs: { acls: networkAcls },
  params: adminPortParams,
  *run({ acls }, ctx) {
    const sources = parseSources(ctx.params.sources);
    const limit = `ports ${ctx.params.ports.join(', ')} over TCP or UDP from ${ctx.params.sources.join(', ')}`;
    for (const acl of acls) {
      const name = `network ACL ${acl.id} (${acl.vpcId ?? 'unknown VPC'}${acl.isDefault ? ', default' : ''})`;
      const { openings, unknowns } = networkAclExposure(acl.entries, ctx.params.ports, sources);
      if (openings.length > 0) yield ctx.fail(acl.arn, `${name} allows ${openings.join(', ')} (limit: none of ${limit})`);
      else if (unknowns.length > 0)
        yield ctx.notEvaluated(acl.arn, `${name} has ${unknowns.join('; ')}, so whether it allows ${limit} is unknown`);
      else yield ctx.pass(acl.arn, `${name} allows none of ${limit}`);
    }
  },
});
