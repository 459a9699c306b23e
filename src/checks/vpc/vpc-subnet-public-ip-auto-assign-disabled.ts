import { subnets } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** No subnet gives new instances public addresses on its own. */
export default defineCheck({
  id: 'vpc-subnet-public-ip-auto-assign-disabled',
  title: 'Subnets do not auto-assign public IP addresses',
  description:
    'For every subnet in DescribeSubnets, MapPublicIpOnLaunch (public IPv4) and AssignIpv6AddressOnCreation (IPv6, which AWS Config counts as public whatever the range) must both be false. A missing or non-boolean flag is not evaluated.',
  scope: 'region',
  needs: { subnets },
  params: {},
  *run({ subnets: list }, ctx) {
    for (const subnet of list) {
      const name = `subnet ${subnet.id}${subnet.name ? ` (${subnet.name})` : ''}`;
      const on = [
        ...(subnet.mapPublicIpOnLaunch === true ? ['MapPublicIpOnLaunch true (public IPv4)'] : []),
        ...(subnet.assignIpv6AddressOnCreation === true ? ['AssignIpv6AddressOnCreation true (IPv6)'] : []),
      ];
      const unread = [
        ...(subnet.mapPublicIpOnLaunch === undefined ? ['MapPublicIpOnLaunch'] : []),
        ...(subnet.assignIpv6AddressOnCreation === undefined ? ['AssignIpv6AddressOnCreation'] : []),
      ];
      if (on.length > 0) yield ctx.fail(subnet.arn, `${name} has ${on.join(' and ')} (required: false)`);
      else if (unread.length > 0) yield ctx.notEvaluated(subnet.arn, `${name}: DescribeSubnets shows no ${unread.join(' or ')}`);
      else yield ctx.pass(subnet.arn, `${name} has MapPublicIpOnLaunch and AssignIpv6AddressOnCreation false`);
    }
  },
});
