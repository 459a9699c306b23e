import {
  cidrContains,
  parseCidr,
  type Cidr,
  type NetworkAclRule,
  type PortSpan,
  type RuleProtocol,
  type SecurityGroupRule,
  type SourceRange,
} from '../../bundle/evidence/ec2.js';

// The benchmark's audit names TCP (6), UDP (17) and ALL (-1): a rule for any of them that covers
// the port and admits the source is an opening. ICMP carries no ports; other protocol numbers are
// not what the procedure asks about.
const TRANSPORTS = ['tcp', 'udp'] as const;
/** A transport protocol whose ports a rule can open. */
export type Transport = (typeof TRANSPORTS)[number];

/** True, false, or "the evidence does not say" (which must never read as false). */
type Tri = boolean | 'unknown';

function all(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

/** A source param parsed once; a param that is not a CIDR block is a catalog error. */
export interface Source {
  text: string;
  cidr: Cidr;
}

/** Parses the `sources` param. */
export function parseSources(sources: readonly string[]): Source[] {
  return sources.map((text) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`params.sources: "${text}" is not a CIDR block. Use a block such as "0.0.0.0/0" or "::/0"`);
    return { text, cidr };
  });
}

function carries(protocol: RuleProtocol, transport: Transport): Tri {
  if (protocol.kind === 'all') return true;
  if (protocol.kind === 'unknown') return 'unknown';
  return protocol.kind === transport;
}

function coversPort(ports: PortSpan, port: number): Tri {
  if (ports.kind === 'all') return true;
  if (ports.kind === 'none') return false;
  if (ports.kind === 'invalid') return 'unknown';
  return ports.from <= port && port <= ports.to;
}

/** Whether a rule's range admits every address of the source ("0.0.0.0/00" and "::0/0" are the world too). */
function admits(range: SourceRange, source: Source): Tri {
  if (range.cidr) return cidrContains(range.cidr, source.cidr);
  // An unreadable block of the other address family cannot admit this source.
  const family = range.text.includes(':') ? 6 : range.text.includes('.') ? 4 : undefined;
  return family !== undefined && family !== source.cidr.family ? false : 'unknown';
}

/** How a rule's protocol and ports read in a reason: "tcp 20-25", "all protocols", "udp port 22". */
export function describeRule(protocol: RuleProtocol, ports: PortSpan): string {
  if (protocol.kind === 'all') return 'all protocols';
  const name = protocol.kind === 'unknown' ? `protocol ${protocol.text}` : protocol.text;
  if (ports.kind === 'all') return `${name} all ports`;
  if (ports.kind === 'none') return name;
  if (ports.kind === 'invalid') return `${name} with ${ports.why}`;
  return ports.from === ports.to ? `${name} port ${ports.from}` : `${name} ${ports.from}-${ports.to}`;
}

/** What a set of rules does to the ports from the sources: the openings, and what could not be judged. */
export interface Exposure {
  openings: string[];
  unknowns: string[];
}

/**
 * Security groups allow by union: any inbound rule for one of the transports (default TCP and UDP)
 * or all protocols that covers a port from a source opens it.
 */
export function securityGroupExposure(
  rules: readonly SecurityGroupRule[],
  ports: readonly number[],
  sources: readonly Source[],
  transports: readonly Transport[] = TRANSPORTS,
): Exposure {
  const openings = new Set<string>();
  const unknowns = new Set<string>();
  for (const rule of rules) {
    const shape = describeRule(rule.protocol, rule.ports);
    const protocol: Tri = rule.protocol.kind === 'unknown' ? 'unknown' : transports.some((t) => carries(rule.protocol, t) === true);
    for (const port of ports) {
      for (const source of sources) {
        for (const range of rule.ranges) {
          const verdict = all(protocol, coversPort(rule.ports, port), admits(range, source));
          if (verdict === true) openings.add(`port ${port} from ${source.text} (rule: ${shape} from ${range.text})`);
          else if (verdict === 'unknown')
            unknowns.add(`a rule (${shape} from ${range.text}) whose protocol, ports or source cannot be read`);
        }
      }
    }
  }
  return { openings: [...openings], unknowns: [...unknowns] };
}

/**
 * Network ACLs, as the benchmark's audit reads them: every inbound ALLOW entry from a range that
 * admits the whole source, carrying TCP, UDP or all protocols and covering the port, is an opening,
 * even where a lower-numbered deny would stop the traffic first (the procedure asks that no such
 * allow rule exists; the reason names the shadowing deny). An allow entry that might match but
 * cannot be read, or an entry whose action cannot be read, leaves it unknown.
 */
export function networkAclExposure(entries: readonly NetworkAclRule[], ports: readonly number[], sources: readonly Source[]): Exposure {
  const inbound = entries.filter((e) => !e.egress);
  const openings = new Map<string, { shape: string; transports: Transport[] }>();
  const unknowns = new Set<string>();
  for (const port of ports) {
    for (const source of sources) {
      for (const transport of TRANSPORTS) {
        for (const entry of inbound) {
          const match = all(carries(entry.protocol, transport), coversPort(entry.ports, port), admits(entry.range, source));
          if (match === false || entry.action === 'deny') continue;
          const rule = `rule ${entry.ruleNumber ?? '?'}`;
          const shape = `${describeRule(entry.protocol, entry.ports)} from ${entry.range.text}`;
          if (match === 'unknown' || entry.action === undefined) {
            unknowns.add(`${rule} (${shape}), which cannot be read`);
            continue;
          }
          const shadow = inbound
            .filter((d) => d.action === 'deny' && d.ruleNumber !== undefined && entry.ruleNumber !== undefined && d.ruleNumber < entry.ruleNumber)
            .filter((d) => all(carries(d.protocol, transport), coversPort(d.ports, port), admits(d.range, source)) === true)
            .sort((a, b) => (a.ruleNumber ?? 0) - (b.ruleNumber ?? 0))[0];
          const note = shadow ? `; deny rule ${shadow.ruleNumber ?? '?'} comes first, but the benchmark counts every allow rule` : '';
          const where = `port ${port} from ${source.text} (${rule})`;
          const opening = openings.get(where) ?? { shape: `${shape}${note}`, transports: [] };
          opening.transports.push(transport);
          openings.set(where, opening);
        }
      }
    }
  }
  const opened = [...openings].map(
    ([where, { shape, transports }]) => `${where} over ${transports.map((t) => t.toUpperCase()).join(' and ')} (${shape})`,
  );
  return { openings: opened, unknowns: [...unknowns] };
}
