import type { Route } from '@aws-sdk/client-ec2';
import { routeTables } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

type Judged = { kind: 'narrow' | 'broad' | 'unknown'; text: string };

/** Routes to VPC peering connections are narrower than the limit (evidence for the least-access review). */
export default defineCheck({
  id: 'ec2-vpc-peering-routes-least-access',
  title: 'Routes to VPC peering connections are narrower than the limit',
  description:
    'For every route table in DescribeRouteTables with routes whose VpcPeeringConnectionId is set (or whose GatewayId is a pcx- peering connection), each such route must be narrower than the limit: an IPv4 destination prefix longer than maxPrefixBroadness, an IPv6 one longer than maxIpv6PrefixBroadness. A route to a managed prefix list cannot be judged. Whether a narrower route is still wider than the peering needs is for a person to decide.',
  scope: 'region',
  needs: { tables: routeTables },
  params: {
    maxPrefixBroadness: {
      type: 'integer',
      minimum: 0,
      maximum: 32,
      stricter: 'higher',
      description:
        'An IPv4 route to a peering connection with this prefix length or a shorter one fails: 16 fails /16 (the largest block a VPC can have) and broader, 0.0.0.0/0 included.',
    },
    maxIpv6PrefixBroadness: {
      type: 'integer',
      minimum: 0,
      maximum: 128,
      stricter: 'higher',
      description:
        'An IPv6 route to a peering connection with this prefix length or a shorter one fails: 56 fails /56 (the block Amazon gives a VPC) and broader, ::/0 included.',
    },
  },
  *run({ tables }, ctx) {
    const { maxPrefixBroadness: max4, maxIpv6PrefixBroadness: max6 } = ctx.params;
    const limit = `limit: a prefix longer than /${max4} for IPv4, /${max6} for IPv6`;
    const peered = tables.filter((t) => t.routes.some(toPeering));
    for (const table of peered) {
      const label = `route table ${table.id} of ${table.vpcId ?? 'an unknown VPC'}`;
      const judged = table.routes.filter(toPeering).map((r) => judge(r, max4, max6));
      const of = (kind: Judged['kind']): string[] => judged.filter((j) => j.kind === kind).map((j) => j.text);
      const [broad, unknown] = [of('broad'), of('unknown')];
      if (broad.length > 0) {
        yield ctx.fail(
          table.arn,
          `${label} has ${count(broad.length)} to a VPC peering connection at or broader than the limit: ${broad.join(', ')} (${limit})`,
        );
      } else if (unknown.length > 0) {
        yield ctx.notEvaluated(
          table.arn,
          `${label} has ${count(unknown.length)} to a VPC peering connection whose breadth the evidence does not show: ${unknown.join(', ')} (${limit})`,
        );
      } else {
        yield ctx.pass(
          table.arn,
          `${label} has ${count(judged.length)} to a VPC peering connection, each narrower than the limit: ${of('narrow').join(', ')} (${limit})`,
        );
      }
    }
    if (peered.length === 0) {
      const tablesText = `${tables.length} route table${tables.length === 1 ? '' : 's'}`;
      yield ctx.pass(`${ctx.scope.account}/${ctx.scope.region}`, `no route in the region's ${tablesText} goes to a VPC peering connection`);
    }
  },
});

/** Whether a route goes to a peering connection (the audit procedure also reads a `pcx-` GatewayId as one). */
function toPeering(route: Route): boolean {
  return Boolean(route.VpcPeeringConnectionId) || (route.GatewayId?.startsWith('pcx-') ?? false);
}

/** Judges one route to a peering connection by its destination's prefix length. */
function judge(route: Route, max4: number, max6: number): Judged {
  const target = `${route.VpcPeeringConnectionId ?? route.GatewayId ?? ''}${route.State === 'blackhole' ? ' (blackhole)' : ''}`;
  const cidr = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock;
  if (cidr === undefined) {
    const destination = route.DestinationPrefixListId ? `prefix list ${route.DestinationPrefixListId}` : 'no destination';
    return { kind: 'unknown', text: `${destination} → ${target}` };
  }
  const text = `${cidr} → ${target}`;
  const prefix = /\/(\d{1,3})$/.exec(cidr)?.[1];
  if (prefix === undefined) return { kind: 'unknown', text: `${text} (not a CIDR block)` };
  const max = route.DestinationCidrBlock !== undefined ? max4 : max6;
  return { kind: Number(prefix) <= max ? 'broad' : 'narrow', text };
}

function count(n: number): string {
  return `${n} route${n === 1 ? '' : 's'}`;
}
