import type {
  DescribeFlowLogsResult,
  DescribeInstancesResult,
  DescribeNetworkAclsResult,
  DescribeRouteTablesResult,
  DescribeSecurityGroupsResult,
  DescribeVpcsResult,
  GetEbsEncryptionByDefaultResult,
  InstanceMetadataOptionsResponse,
  IpPermission,
  NetworkAclEntry,
  Route,
  SecurityGroup,
  Tag,
} from '@aws-sdk/client-ec2';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { loadPages, mapEvidence, mapRecords, type Wire, listField } from './wire.js';

// ---- Values shared by security-group rules and network ACL entries ----------------------------

/** An IP protocol as a rule names it ("tcp", "6", "-1", "icmpv6", "132"), normalised. */
export interface RuleProtocol {
  /** `all` is "-1"; `other` a valid protocol number without ports of its own meaning here; `unknown` anything unreadable. */
  kind: 'all' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'other' | 'unknown';
  /** The value as stored, for reasons. */
  text: string;
}

/** The ports a rule covers. ICMP rules cover none (their numbers are types and codes). */
export type PortSpan = { kind: 'all' } | { kind: 'range'; from: number; to: number } | { kind: 'none' } | { kind: 'invalid'; why: string };

/** An IPv4 or IPv6 CIDR block, parsed. */
export interface Cidr {
  family: 4 | 6;
  /** The address as a number (the host bits kept as written). */
  address: bigint;
  prefix: number;
}

/** A source range as stored, with its parsed form; `cidr` is undefined when the text is not a CIDR block. */
export interface SourceRange {
  text: string;
  cidr: Cidr | undefined;
}

const PROTOCOL_NUMBERS: Record<number, RuleProtocol['kind']> = { [-1]: 'all', 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };
const PROTOCOL_NAMES: Record<string, RuleProtocol['kind']> = { all: 'all', tcp: 'tcp', udp: 'udp', icmp: 'icmp', icmpv6: 'icmpv6' };

/** Normalises a stored protocol: names and numbers (as strings or numbers), any case. */
export function ruleProtocol(raw: unknown): RuleProtocol {
  const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  if (text === '') return { kind: 'unknown', text: raw === undefined ? '(none)' : JSON.stringify(raw) };
  const named = PROTOCOL_NAMES[text.toLowerCase()];
  if (named) return { kind: named, text };
  if (/^-?\d+$/.test(text)) {
    const number = Number(text);
    const known = PROTOCOL_NUMBERS[number];
    if (known) return { kind: known, text };
    if (number >= 0 && number <= 255) return { kind: 'other', text };
  }
  return { kind: 'unknown', text };
}

/**
 * The ports a rule covers, from the stored bounds. `-1` to `-1` means every port, as AWS reads it;
 * a missing, non-integer, out-of-range or reversed bound makes the span invalid (never "no ports").
 */
export function portSpan(protocol: RuleProtocol, from: unknown, to: unknown, fieldNames: string): PortSpan {
  if (protocol.kind === 'all' || protocol.kind === 'other') return { kind: 'all' };
  if (protocol.kind === 'icmp' || protocol.kind === 'icmpv6') return { kind: 'none' };
  if (from === undefined && to === undefined) return { kind: 'invalid', why: `no ${fieldNames}` };
  const isPort = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
  if (!isPort(from) || !isPort(to))
    return { kind: 'invalid', why: `${fieldNames} ${JSON.stringify(from ?? null)} to ${JSON.stringify(to ?? null)}` };
  if (from === -1 && to === -1) return { kind: 'all' };
  if (from < 0 || to > 65535 || from > to) return { kind: 'invalid', why: `${fieldNames} ${from} to ${to}` };
  return { kind: 'range', from, to };
}

/** Parses "0.0.0.0/0", "10.0.0.0/8", "::/0", "2001:db8::/32" (a missing prefix means one address); undefined when not a CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const family = address.includes(':') ? 6 : 4;
  const width = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return undefined;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  return value === undefined ? undefined : { family, address: value, prefix };
}

/** Whether every address of `inner` lies in `outer` (so `0.0.0.0/0` contains every IPv4 block). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  const shift = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return outer.address >> shift === inner.address >> shift;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((sum, p) => (sum << 8n) + BigInt(Number(p)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): string[] | undefined => (half === undefined || half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.reduce((sum, g) => (sum << 16n) + BigInt(parseInt(g, 16)), 0n);
}

function sourceRange(text: unknown): SourceRange {
  return typeof text === 'string' ? { text, cidr: parseCidr(text) } : { text: '(no CIDR)', cidr: undefined };
}

/** The partition of a region's ARNs. */
function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function arnOf(region: string, owner: string | undefined, account: string, type: string, id: string): string {
  return `arn:${partition(region)}:ec2:${region}:${owner ?? account}:${type}/${id}`;
}

/** The id at the end of an EC2 ARN of the given type, if `arn` is one. */
function idFromArn(arn: unknown, type: string): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const match = new RegExp(`^arn:[a-z-]+:ec2:[^:]*:[^:]*:${type}/([^/]+)$`).exec(arn);
  return match?.[1];
}

// ---- EBS ----------------------------------------------------------------------------------------

/**
 * `ec2:GetEbsEncryptionByDefault`: whether new EBS volumes in the region are encrypted by default;
 * `undefined` when the answer does not say (the field is missing or not a boolean).
 */
export const ebsEncryptionByDefault = defineEvidence<boolean | undefined>({
  name: 'EBS encryption by default',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'GetEbsEncryptionByDefault' };
    return mapEvidence(await loadPages<GetEbsEncryptionByDefaultResult>(bundle, key), (pages) => {
      const value: unknown = pages[0]?.EbsEncryptionByDefault;
      return typeof value === 'boolean' ? value : undefined;
    });
  },
});

// ---- Security groups ----------------------------------------------------------------------------

/** One security-group rule (an `IpPermission`), typed. */
export interface SecurityGroupRule {
  protocol: RuleProtocol;
  ports: PortSpan;
  /** IPv4 (`IpRanges`) and IPv6 (`Ipv6Ranges`) sources or destinations. */
  ranges: SourceRange[];
  /** Other security groups (`UserIdGroupPairs`) and prefix lists (`PrefixListIds`): never "anyone". */
  referencedSources: number;
}

/** A security group: the SDK record plus its id, ARN and typed rules. */
export type Ec2SecurityGroup = Wire<SecurityGroup> & {
  id: string;
  arn: string;
  /** `GroupName`; undefined when the record leaves it out. */
  name: string | undefined;
  vpcId: string | undefined;
  inbound: SecurityGroupRule[];
  outbound: SecurityGroupRule[];
};

function securityGroupRule(rule: Wire<IpPermission>): SecurityGroupRule {
  const protocol = ruleProtocol(rule.IpProtocol);
  return {
    protocol,
    ports: portSpan(protocol, rule.FromPort, rule.ToPort, 'FromPort/ToPort'),
    ranges: [
      ...listField(rule, 'IpRanges').map((r) => sourceRange(r.CidrIp)),
      ...listField(rule, 'Ipv6Ranges').map((r) => sourceRange(r.CidrIpv6)),
    ],
    referencedSources: listField(rule, 'UserIdGroupPairs').length + listField(rule, 'PrefixListIds').length,
  };
}

/** `ec2:DescribeSecurityGroups` of one region, every page; a group without an id is an unusable record. */
export const securityGroups = defineEvidence<Ec2SecurityGroup[]>({
  name: 'EC2 security groups',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeSecurityGroups' };
    const where = `DescribeSecurityGroups of ${account}/${region}`;
    return mapRecords(
      await loadPages<DescribeSecurityGroupsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'SecurityGroups')),
      where,
      (group, index): Ec2SecurityGroup => {
        const id = group.GroupId ?? idFromArn(group.SecurityGroupArn, 'security-group');
        if (!id)
          throw new UnusableRecordError(`${where}, record ${index + 1}${group.GroupName ? ` (${group.GroupName})` : ''}`, 'lacks GroupId');
        return {
          ...group,
          GroupId: id,
          id,
          arn: group.SecurityGroupArn ?? arnOf(region, group.OwnerId, account, 'security-group', id),
          name: group.GroupName,
          vpcId: group.VpcId,
          inbound: listField(group, 'IpPermissions').map(securityGroupRule),
          outbound: listField(group, 'IpPermissionsEgress').map(securityGroupRule),
        };
      },
    );
  },
});

// ---- Network ACLs -------------------------------------------------------------------------------

/** One network ACL entry, typed. */
export interface NetworkAclRule {
  /** Undefined when missing or not an integer: the entry's place in the order is unknown. */
  ruleNumber: number | undefined;
  /** Only `Egress: true` makes an outbound entry; a missing flag is read as inbound (the stricter reading). */
  egress: boolean;
  /** Undefined when the stored RuleAction is neither allow nor deny. */
  action: 'allow' | 'deny' | undefined;
  protocol: RuleProtocol;
  ports: PortSpan;
  /** `CidrBlock` or `Ipv6CidrBlock`. */
  range: SourceRange;
}

/** A network ACL with its typed entries. */
export interface Ec2NetworkAcl {
  id: string;
  arn: string;
  vpcId: string | undefined;
  isDefault: boolean;
  entries: NetworkAclRule[];
}

function networkAclRule(entry: Wire<NetworkAclEntry>): NetworkAclRule {
  const protocol = ruleProtocol(entry.Protocol);
  const action = typeof entry.RuleAction === 'string' ? entry.RuleAction.toLowerCase() : undefined;
  const ruleNumber: unknown = entry.RuleNumber;
  return {
    ruleNumber: typeof ruleNumber === 'number' && Number.isInteger(ruleNumber) ? ruleNumber : undefined,
    egress: entry.Egress === true,
    action: action === 'allow' || action === 'deny' ? action : undefined,
    protocol,
    ports: portSpan(protocol, entry.PortRange?.From, entry.PortRange?.To, 'PortRange'),
    range: sourceRange(entry.CidrBlock ?? entry.Ipv6CidrBlock),
  };
}

/** `ec2:DescribeNetworkAcls` of one region (every page); an ACL without an id is an unusable record. */
export const networkAcls = defineEvidence<Ec2NetworkAcl[]>({
  name: 'VPC network ACLs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeNetworkAcls' };
    const where = `DescribeNetworkAcls of ${account}/${region}`;
    return mapRecords(
      await loadPages<DescribeNetworkAclsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'NetworkAcls')),
      where,
      (acl, index): Ec2NetworkAcl => {
        if (!acl.NetworkAclId)
          throw new UnusableRecordError(`${where}, record ${index + 1}${acl.VpcId ? ` (${acl.VpcId})` : ''}`, 'lacks NetworkAclId');
        return {
          id: acl.NetworkAclId,
          arn: arnOf(region, acl.OwnerId, account, 'network-acl', acl.NetworkAclId),
          vpcId: acl.VpcId,
          isDefault: acl.IsDefault === true,
          entries: listField(acl, 'Entries').map(networkAclRule),
        };
      },
    );
  },
});

// ---- Instances ----------------------------------------------------------------------------------

/** An EC2 instance, reduced to what checks read. */
export interface Ec2Instance {
  id: string;
  arn: string;
  /** pending, running, shutting-down, terminated, stopping, stopped; `unknown` when the record has no state. */
  state: string;
  /** The `Name` tag, if any (set by the account owner: untrusted text). */
  name: string | undefined;
  /** The instance profile's ARN, else its id; `undefined` when none is associated. */
  instanceProfileArn: string | undefined;
  /** True when the record has an `IamInstanceProfile` that names neither an ARN nor an id. */
  instanceProfileUnnamed: boolean;
  metadataOptions: Wire<InstanceMetadataOptionsResponse> | undefined;
}

/** `ec2:DescribeInstances` of one region (no filters, every page); an instance without an id is an unusable record. */
export const ec2Instances = defineEvidence<Ec2Instance[]>({
  name: 'EC2 instances',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeInstances' };
    const where = `DescribeInstances of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<DescribeInstancesResult>(bundle, key),
      (pages) =>
        pages
          .flatMap((page) => listField(page, 'Reservations'))
          .flatMap((reservation) =>
            listField(reservation, 'Instances').map((i) => ({ i, owner: reservation.OwnerId, reservation: reservation.ReservationId })),
          ),
      where,
      ({ i, owner, reservation }, index): Ec2Instance => {
        if (!i.InstanceId) {
          throw new UnusableRecordError(
            `${where}, instance ${index + 1}${reservation ? ` of reservation ${reservation}` : ''}`,
            'lacks InstanceId',
          );
        }
        const profile = i.IamInstanceProfile;
        return {
          id: i.InstanceId,
          arn: arnOf(region, owner, account, 'instance', i.InstanceId),
          state: i.State?.Name ?? 'unknown',
          name: nameTag(i.Tags),
          instanceProfileArn: profile?.Arn ?? profile?.Id,
          instanceProfileUnnamed: profile !== undefined && !profile.Arn && !profile.Id,
          metadataOptions: i.MetadataOptions,
        };
      },
    );
    if (!listed.ok) return listed;
    // An active route to an instance needs the instance to exist (a route to a terminated or
    // stopped instance turns blackhole): one the listing lacks was lost from it.
    const ids = new Set(listed.value.map((i) => i.id));
    const routed = await routedInstances(bundle, account, region);
    const orphans = [...routed].filter(([id]) => !ids.has(id));
    return {
      ...listed,
      files: [...listed.files, ...(orphans.length > 0 ? routed.files : [])],
      unusable: [
        ...listField(listed, 'unusable'),
        ...orphans.map(([id, tables]) => ({
          resource: arnOf(region, undefined, account, 'instance', id),
          reason: `an active route of ${namers(tables)} leads to instance ${id}, but ${where} does not list it; the listing is incomplete`,
        })),
      ],
    };
  },
});

/** Instances that active routes of the region's route tables lead to, with the tables naming each. */
async function routedInstances(
  bundle: EvidenceBundle,
  account: string,
  region: string,
): Promise<Map<string, string[]> & { files: FileRef[] }> {
  const found = Object.assign(new Map<string, string[]>(), { files: [] as FileRef[] });
  const pages = await loadPages<unknown>(bundle, { account, region, service: 'ec2', operation: 'DescribeRouteTables' });
  if (!pages.ok) return found;
  found.files.push(...pages.files);
  for (const table of pages.value.flatMap((p) => objectsIn(p, 'RouteTables'))) {
    const name = typeof table['RouteTableId'] === 'string' ? table['RouteTableId'] : 'a route table without an id';
    for (const route of objectsIn(table, 'Routes')) {
      const target = route['InstanceId'];
      if (typeof target !== 'string' || !target.startsWith('i-') || route['State'] !== 'active') continue;
      found.set(target, [...new Set([...(found.get(target) ?? []), name])]);
    }
  }
  return found;
}

/** The objects in a list field of a raw record; anything malformed yields none (its own reader reports it). */
function objectsIn(value: unknown, field: string): Record<string, unknown>[] {
  const list = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
  return Array.isArray(list)
    ? list.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r))
    : [];
}

// ---- VPCs and flow logs -------------------------------------------------------------------------

/** A VPC, reduced to what checks read. */
export interface Ec2Vpc {
  id: string;
  arn: string;
  isDefault: boolean;
  cidrBlock: string | undefined;
  name: string | undefined;
}

/** `ec2:DescribeVpcs` of one region (every page); a VPC without an id is an unusable record. */
export const vpcs = defineEvidence<Ec2Vpc[]>({
  name: 'VPCs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeVpcs' };
    const where = `DescribeVpcs of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<DescribeVpcsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'Vpcs')),
      where,
      (v, index): Ec2Vpc => {
        if (!v.VpcId)
          throw new UnusableRecordError(`${where}, record ${index + 1}${v.CidrBlock ? ` (${v.CidrBlock})` : ''}`, 'lacks VpcId');
        return {
          id: v.VpcId,
          arn: arnOf(region, v.OwnerId, account, 'vpc', v.VpcId),
          isDefault: v.IsDefault === true,
          cidrBlock: v.CidrBlock,
          name: nameTag(v.Tags),
        };
      },
    );
    if (!listed.ok) return listed;
    // A VPC that another record of the region names but the listing lacks: the listing lost it,
    // and the lost VPC must not drop out of every per-VPC verdict.
    const ids = new Set(listed.value.map((v) => v.id));
    const orphans = [...(await vpcReferences(bundle, account, region))].filter(([id]) => !ids.has(id));
    return {
      ...listed,
      files: [...listed.files, ...orphans.flatMap(([, ref]) => ref.files)],
      unusable: [
        ...listField(listed, 'unusable'),
        ...orphans.map(([id, ref]) => ({
          resource: arnOf(region, undefined, account, 'vpc', id),
          reason: `${namers([...ref.by])} ${ref.by.size === 1 ? 'names' : 'name'} VPC ${id}, but ${where} does not list it; the listing is incomplete`,
        })),
      ],
    };
  },
});

/** Where each region record that names a VPC lives: the list field, the record's id field, and where it keeps the VPC id. */
const VPC_REFERENCES: readonly { operation: string; list: string; id: string; vpc: (record: Record<string, unknown>) => unknown }[] = [
  { operation: 'DescribeSecurityGroups', list: 'SecurityGroups', id: 'GroupId', vpc: (r) => r['VpcId'] },
  { operation: 'DescribeNetworkAcls', list: 'NetworkAcls', id: 'NetworkAclId', vpc: (r) => r['VpcId'] },
  { operation: 'DescribeRouteTables', list: 'RouteTables', id: 'RouteTableId', vpc: (r) => r['VpcId'] },
  // A flow log names a VPC only when it watches the VPC itself (not a subnet or an interface).
  {
    operation: 'DescribeFlowLogs',
    list: 'FlowLogs',
    id: 'FlowLogId',
    vpc: (r) => (isVpcId(r['ResourceId']) ? r['ResourceId'] : undefined),
  },
];

/** The records that name a VPC, the first three by name. */
function namers(by: readonly string[]): string {
  return by.length <= 3 ? by.join(', ') : `${by.slice(0, 3).join(', ')} and ${by.length - 3} more`;
}

const isVpcId = (value: unknown): value is string => typeof value === 'string' && /^vpc-[0-9A-Za-z]+$/.test(value);

/**
 * Every VPC id that the region's security groups, network ACLs, route tables, VPC flow logs and
 * instances name, with the records naming it. Sources that are unavailable or malformed name
 * nothing here: their own readers report them.
 */
async function vpcReferences(
  bundle: EvidenceBundle,
  account: string,
  region: string,
): Promise<Map<string, { by: Set<string>; files: FileRef[] }>> {
  const found = new Map<string, { by: Set<string>; files: FileRef[] }>();
  const note = (vpc: unknown, by: string, files: FileRef[]): void => {
    if (!isVpcId(vpc)) return;
    const entry = found.get(vpc) ?? { by: new Set<string>(), files: [] };
    entry.by.add(by);
    for (const f of files) if (!entry.files.some((e) => e.path === f.path)) entry.files.push(f);
    found.set(vpc, entry);
  };
  for (const ref of VPC_REFERENCES) {
    const pages = await loadPages<unknown>(bundle, { account, region, service: 'ec2', operation: ref.operation });
    if (!pages.ok) continue;
    for (const record of pages.value.flatMap((p) => objectsIn(p, ref.list))) {
      const id = record[ref.id];
      note(ref.vpc(record), `${ref.operation} (${typeof id === 'string' ? id : 'a record without an id'})`, pages.files);
    }
  }
  const instances = await loadPages<unknown>(bundle, { account, region, service: 'ec2', operation: 'DescribeInstances' });
  if (instances.ok) {
    for (const instance of instances.value.flatMap((p) => objectsIn(p, 'Reservations')).flatMap((r) => objectsIn(r, 'Instances'))) {
      // A terminated instance stays listed for a while after its VPC may be gone: it proves nothing.
      const state = instance['State'];
      if (state !== null && typeof state === 'object' && (state as Record<string, unknown>)['Name'] === 'terminated') continue;
      const id = instance['InstanceId'];
      note(instance['VpcId'], `DescribeInstances (${typeof id === 'string' ? id : 'an instance without an id'})`, instances.files);
    }
  }
  return found;
}

/** A VPC flow log, reduced to what checks read. */
export interface FlowLog {
  /** `FlowLogId`, or `(no FlowLogId)` when the record leaves it out. */
  id: string;
  /** The VPC, subnet, network interface or transit gateway it watches; undefined when the record does not say. */
  resourceId: string | undefined;
  /** ACTIVE is the only status AWS documents. */
  status: string | undefined;
  /** ACCEPT, REJECT or ALL. */
  trafficType: string | undefined;
  destinationType: string | undefined;
  /** SUCCESS or FAILED; absent for some destinations. */
  deliverLogsStatus: string | undefined;
}

/**
 * `ec2:DescribeFlowLogs` of one region (no filters, every page). A flow log that does not name its
 * resource is kept (with `resourceId` undefined) so a check can say it might be any VPC's.
 */
export const flowLogs = defineEvidence<FlowLog[]>({
  name: 'VPC flow logs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeFlowLogs' };
    return mapEvidence(await loadPages<DescribeFlowLogsResult>(bundle, key), (pages) =>
      pages
        .flatMap((page) => listField(page, 'FlowLogs'))
        .map((f) => ({
          id: f.FlowLogId ?? '(no FlowLogId)',
          resourceId: f.ResourceId,
          status: f.FlowLogStatus,
          trafficType: f.TrafficType,
          destinationType: f.LogDestinationType,
          deliverLogsStatus: f.DeliverLogsStatus,
        })),
    );
  },
});

// ---- Route tables -------------------------------------------------------------------------------

/** A VPC route table, reduced to what checks read. */
export interface RouteTable {
  id: string;
  arn: string;
  vpcId: string | undefined;
  /** The VPC's main route table (used by every subnet not associated with another). */
  main: boolean;
  /** The `Name` tag, if any (set by the account owner: untrusted text). */
  name: string | undefined;
  routes: Wire<Route>[];
}

/** `ec2:DescribeRouteTables` of one region (no filters, every page); a table without an id is an unusable record. */
export const routeTables = defineEvidence<RouteTable[]>({
  name: 'VPC route tables',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeRouteTables' };
    const where = `DescribeRouteTables of ${account}/${region}`;
    return mapRecords(
      await loadPages<DescribeRouteTablesResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'RouteTables')),
      where,
      (t, index): RouteTable => {
        if (!t.RouteTableId)
          throw new UnusableRecordError(`${where}, record ${index + 1}${t.VpcId ? ` (${t.VpcId})` : ''}`, 'lacks RouteTableId');
        return {
          id: t.RouteTableId,
          arn: arnOf(region, t.OwnerId, account, 'route-table', t.RouteTableId),
          vpcId: t.VpcId,
          main: listField(t, 'Associations').some((a) => a.Main === true),
          name: nameTag(t.Tags),
          routes: listField(t, 'Routes'),
        };
      },
    );
  },
});

function nameTag(tags: readonly Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value;
}
