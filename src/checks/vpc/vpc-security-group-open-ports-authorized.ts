import type { SecurityGroupRule } from '../../bundle/evidence/ec2.js';
import { securityGroups } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { describeRule } from '../ec2/admin-port-exposure.js';

interface PortRange {
  from: number;
  to: number;
}

/** Parses "443" and "1020-1025"; anything else is a catalog error. */
function parsePorts(param: string, values: readonly string[]): PortRange[] {
  return values.map((text) => {
    const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || from > to || to > 65535)
      throw new Error(`params.${param}: "${text}" is not a port or port range. Use a port such as "443" or a range such as "1020-1025"`);
    return { from, to };
  });
}

/** Whether the allowed ranges together cover every port from `from` to `to`. */
function covered(from: number, to: number, allowed: readonly PortRange[]): boolean {
  let next = from;
  for (const range of [...allowed].sort((a, b) => a.from - b.from)) {
    if (range.from <= next && next <= range.to) next = range.to + 1;
    if (next > to) return true;
  }
  return false;
}

/** What one inbound rule open to the world does: within the authorized ports, beyond them, or unreadable. */
function judge(
  rule: SecurityGroupRule,
  tcp: readonly PortRange[],
  udp: readonly PortRange[],
): 'authorized' | 'unauthorized' | 'unknown' | 'not judged' {
  const { protocol, ports } = rule;
  if (protocol.kind === 'unknown') return 'unknown';
  if (protocol.kind === 'icmp' || protocol.kind === 'icmpv6' || protocol.kind === 'other') return 'not judged';
  if (ports.kind === 'invalid') return 'unknown';
  const [from, to] = ports.kind === 'range' ? [ports.from, ports.to] : [0, 65535];
  if (protocol.kind === 'all') return covered(from, to, tcp) && covered(from, to, udp) ? 'authorized' : 'unauthorized';
  return covered(from, to, protocol.kind === 'tcp' ? tcp : udp) ? 'authorized' : 'unauthorized';
}

/** Security groups open to the whole internet open only authorized TCP and UDP ports. */
export default defineCheck({
  id: 'vpc-security-group-open-ports-authorized',
  title: 'Security groups open to the internet open only authorized ports',
  description:
    'For every security group in DescribeSecurityGroups with an inbound rule from every IPv4 address (0.0.0.0/0) or every IPv6 address (::/0), in any spelling, each such rule for TCP, UDP or all protocols (-1) must open only ports within authorizedTcpPorts / authorizedUdpPorts (all protocols: within both). Groups without such a rule are out of scope, as in AWS Config; ICMP and other protocols carry no TCP or UDP ports and are not judged. A rule whose protocol, ports or source cannot be read leaves its group not evaluated.',
  scope: 'region',
  needs: { groups: securityGroups },
  params: {
    authorizedTcpPorts: {
      type: 'array',
      items: { type: 'string' },
      description: 'TCP ports and ranges that may be open to the internet, e.g. ["443", "1020-1025"]; [] authorizes none.',
    },
    authorizedUdpPorts: {
      type: 'array',
      items: { type: 'string' },
      description: 'UDP ports and ranges that may be open to the internet, e.g. ["500", "1020-1025"]; [] authorizes none.',
    },
  },
  *run({ groups }, ctx) {
    const tcp = parsePorts('authorizedTcpPorts', ctx.params.authorizedTcpPorts);
    const udp = parsePorts('authorizedUdpPorts', ctx.params.authorizedUdpPorts);
    const limit = `authorized: TCP ${ctx.params.authorizedTcpPorts.join(', ') || 'none'}; UDP ${ctx.params.authorizedUdpPorts.join(', ') || 'none'}`;
    for (const group of groups) {
      const name = `security group ${group.id} (${group.name ?? 'no GroupName'})`;
      const opened: string[] = [];
      const unauthorized: string[] = [];
      const unknown: string[] = [];
      for (const rule of group.inbound) {
        const shape = describeRule(rule.protocol, rule.ports);
        const world = rule.ranges.filter((r) => r.cidr?.prefix === 0).map((r) => r.text);
        const unreadable = rule.ranges.filter((r) => !r.cidr).map((r) => r.text);
        if (world.length === 0 && unreadable.length === 0) continue;
        const verdict = judge(rule, tcp, udp);
        if (verdict === 'not judged') continue;
        const where = `${shape} from ${[...world, ...unreadable].join(', ')}`;
        // An unreadable source matters only when the ports it would admit are not authorized.
        if (verdict === 'unknown') unknown.push(where);
        else if (verdict === 'authorized') {
          if (world.length > 0) opened.push(where);
        } else if (world.length > 0) unauthorized.push(where);
        else unknown.push(where);
      }
      if (unauthorized.length > 0) yield ctx.fail(group.arn, `${name} opens ${unauthorized.join('; ')} to the internet (${limit})`);
      else if (unknown.length > 0)
        yield ctx.notEvaluated(
          group.arn,
          `${name} has rules that cannot be read (${unknown.join('; ')}), so whether it opens unauthorized ports is unknown`,
        );
      else if (opened.length > 0)
        yield ctx.pass(group.arn, `${name} opens only authorized ports to the internet: ${opened.join('; ')} (${limit})`);
    }
  },
});
