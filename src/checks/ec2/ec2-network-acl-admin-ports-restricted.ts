import type { NetworkAclEntry } from '@aws-sdk/client-ec2';
import { networkAcls } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { adminPortParams } from './admin-port-params.js';

/** No network ACL lets the given sources reach an administration port. */
export default defineCheck({
  id: 'ec2-network-acl-admin-ports-restricted',
  title: 'Network ACLs do not allow ingress from the world to administration ports',
  description:
    'For every network ACL in DescribeNetworkAcls, evaluating its ingress rules in rule-number order, the first rule from one of the sources that covers one of the ports (TCP or all protocols) must not be an allow.',
  scope: 'region',
  needs: { acls: networkAcls },
  params: adminPortParams,
  *run({ acls }, ctx) {
    for (const acl of acls) {
      const arn = `arn:aws:ec2:${ctx.scope.region}:${acl.OwnerId ?? ctx.scope.account}:network-acl/${acl.NetworkAclId ?? ''}`;
      const name = `network ACL ${acl.NetworkAclId ?? '?'} (${acl.VpcId ?? 'unknown VPC'}${acl.IsDefault ? ', default' : ''})`;
      // AWS applies the lowest-numbered matching rule; a deny from the same source before an allow wins.
      const ingress = (acl.Entries ?? []).filter((e) => e.Egress !== true).sort((a, b) => (a.RuleNumber ?? 0) - (b.RuleNumber ?? 0));
      const openings = ctx.params.ports.flatMap((port) =>
        ctx.params.sources.flatMap((source) => {
          const first = ingress.find((e) => (e.CidrBlock === source || e.Ipv6CidrBlock === source) && covers(e, port));
          return first?.RuleAction === 'allow' ? [`port ${port} from ${source} (rule ${first.RuleNumber ?? '?'})`] : [];
        }),
      );
      yield openings.length > 0
        ? ctx.fail(arn, `${name} allows ${openings.join(', ')}`)
        : ctx.pass(arn, `${name} allows none of ports ${ctx.params.ports.join(', ')} from ${ctx.params.sources.join(', ')}`);
    }
  },
});

function covers(entry: NetworkAclEntry, port: number): boolean {
  if (entry.Protocol === '-1' || entry.Protocol === 'all') return true;
  if (entry.Protocol !== '6' && entry.Protocol !== 'tcp') return false;
  return (entry.PortRange?.From ?? 0) <= port && port <= (entry.PortRange?.To ?? 65535);
}
