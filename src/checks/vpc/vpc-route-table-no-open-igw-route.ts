import { parseCidr, routeTables } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** No route table, other than the allowed ones, sends all addresses to an internet gateway. */
export default defineCheck({
  id: 'vpc-route-table-no-open-igw-route',
  title: 'Route tables have no unrestricted route to an internet gateway',
  description:
    'For every route table in DescribeRouteTables not named in allowedRouteTableIds, no route whose GatewayId is an internet gateway (igw-) may have DestinationCidrBlock or DestinationIpv6CidrBlock covering every address (0.0.0.0/0, ::/0, or another spelling of them). Routes are counted whatever their State, as AWS Config counts them. A route to an internet gateway whose destination cannot be read is not evaluated; prefix-list destinations are not judged, as in AWS Config.',
  scope: 'region',
  needs: { tables: routeTables },
  params: {
    allowedRouteTableIds: {
      type: 'array',
      items: { type: 'string' },
      description: "Route tables that may route 0.0.0.0/0 or ::/0 to an internet gateway (AWS Config's routeTableIds); [] allows none.",
    },
  },
  *run({ tables }, ctx) {
    const allowed = new Set(ctx.params.allowedRouteTableIds);
    for (const table of tables) {
      const name = `route table ${table.id}${table.name ? ` (${table.name})` : ''}`;
      const open: string[] = [];
      const unread: string[] = [];
      for (const route of table.routes) {
        const gateway: unknown = route?.GatewayId;
        if (typeof gateway !== 'string' || !gateway.startsWith('igw-')) continue;
        const destinations = [route.DestinationCidrBlock, route.DestinationIpv6CidrBlock].filter((d) => d !== undefined);
        if (destinations.length === 0 && route.DestinationPrefixListId !== undefined) continue;
        if (destinations.length === 0) unread.push(`a route to ${gateway} without a destination`);
        for (const destination of destinations) {
          const cidr = typeof destination === 'string' ? parseCidr(destination) : undefined;
          if (!cidr) unread.push(`a route to ${gateway} with destination ${JSON.stringify(destination)}`);
          else if (cidr.prefix === 0) open.push(`${destination} to ${gateway}${route.State ? ` (${route.State})` : ''}`);
        }
      }
      if (open.length > 0 && allowed.has(table.id)) {
        yield ctx.pass(table.arn, `${name} routes ${open.join(', ')}, and is an allowed route table`);
      } else if (open.length > 0) {
        yield ctx.fail(
          table.arn,
          `${name} routes ${open.join(', ')} (required: none; route tables allowed one: ${allowed.size > 0 ? [...allowed].join(', ') : 'none'})`,
        );
      } else if (unread.length > 0) {
        yield ctx.notEvaluated(
          table.arn,
          `${name} has ${unread.join('; ')}, so whether it routes every address to the internet is unknown`,
        );
      } else {
        yield ctx.pass(table.arn, `${name} has no route from every address to an internet gateway`);
      }
    }
  },
});
