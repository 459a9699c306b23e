import type {
  DescribeFlowLogsResult,
  DescribeInstancesResult,
  DescribeInstanceTypesResult,
  DescribeNetworkAclsResult,
  DescribeRouteTablesResult,
  DescribeSecurityGroupsResult,
  DescribeSnapshotAttributeResult,
  DescribeSnapshotsResult,
  DescribeSubnetsResult,
  DescribeVolumesResult,
  DescribeVpcsResult,
  DescribeVpnConnectionsResult,
  GetEbsEncryptionByDefaultResult,
  InstanceMetadataOptionsResponse,
  IpPermission,
  NetworkAclEntry,
  Route,
  SecurityGroup,
  Tag,
  VgwTelemetry,
  VolumeAttachment,
} from '@aws-sdk/client-ec2';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import { describeFailure } from '../manifest.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { callWhere, loadPages, mapEvidence, mapRecords, type Wire, listField } from './wire.js';

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

/** One attachment of an EBS volume, typed. */
export interface EbsVolumeAttachment {
  instanceId: string | undefined;
  /** attaching, attached, detaching, detached, busy; undefined when the record does not say. */
  state: string | undefined;
  /** Undefined when missing or not a boolean. */
  deleteOnTermination: boolean | undefined;
}

/** An EBS volume, reduced to what checks read. */
export interface EbsVolume {
  id: string;
  arn: string;
  /** creating, available, in-use, deleting, deleted, error; undefined when the record does not say. */
  state: string | undefined;
  /** Undefined when missing or not a boolean. */
  encrypted: boolean | undefined;
  kmsKeyId: string | undefined;
  attachments: EbsVolumeAttachment[];
}

/**
 * `ec2:DescribeVolumes` of one region (no filters, every page); a volume without an id, or with an
 * attachment list that is not a list, is an unusable record. A volume that a live instance's block
 * device mapping names but the listing lacks is an unusable record too: the listing lost it.
 */
export const ebsVolumes = defineEvidence<EbsVolume[]>({
  name: 'EBS volumes',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeVolumes' };
    const where = `DescribeVolumes of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<DescribeVolumesResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'Volumes')),
      where,
      (v, index): EbsVolume => {
        if (typeof v.VolumeId !== 'string' || v.VolumeId === '')
          throw new UnusableRecordError(`${where}, record ${index + 1}`, 'lacks VolumeId');
        const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
        const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
        const arn = text(v.VolumeArn) ?? arnOf(region, text(v.OwnerId), account, 'volume', v.VolumeId);
        let attachments: Wire<VolumeAttachment>[];
        try {
          attachments = listField(v, 'Attachments');
        } catch (error) {
          throw new UnusableRecordError(arn, error instanceof Error ? error.message : String(error));
        }
        return {
          id: v.VolumeId,
          arn,
          state: text(v.State),
          encrypted: flag(v.Encrypted),
          kmsKeyId: text(v.KmsKeyId),
          attachments: attachments.map((a) => ({
            instanceId: text(a?.InstanceId),
            state: text(a?.State),
            deleteOnTermination: flag(a?.DeleteOnTermination),
          })),
        };
      },
    );
    if (!listed.ok) return listed;
    const ids = new Set(listed.value.map((v) => v.id));
    const mapped = await mappedVolumes(bundle, account, region);
    const orphans = [...mapped].filter(([id]) => !ids.has(id));
    return {
      ...listed,
      files: [...listed.files, ...(orphans.length > 0 ? mapped.files : [])],
      unusable: [
        ...listField(listed, 'unusable'),
        ...orphans.map(([id, instances]) => ({
          resource: arnOf(region, undefined, account, 'volume', id),
          reason: `the block device mapping of ${namers(instances)} names volume ${id}, but ${where} does not list it; the listing is incomplete`,
        })),
      ],
    };
  },
});

/** Volumes that the block device mappings of the region's instances (terminated ones aside) name, with the instances naming each. */
async function mappedVolumes(
  bundle: EvidenceBundle,
  account: string,
  region: string,
): Promise<Map<string, string[]> & { files: FileRef[] }> {
  const found = Object.assign(new Map<string, string[]>(), { files: [] as FileRef[] });
  const pages = await loadPages<unknown>(bundle, { account, region, service: 'ec2', operation: 'DescribeInstances' });
  if (!pages.ok) return found;
  found.files.push(...pages.files);
  for (const instance of pages.value.flatMap((p) => objectsIn(p, 'Reservations')).flatMap((r) => objectsIn(r, 'Instances'))) {
    // A terminated instance keeps listing volumes that were deleted with it.
    const state = instance['State'];
    if (state !== null && typeof state === 'object' && (state as Record<string, unknown>)['Name'] === 'terminated') continue;
    const name = typeof instance['InstanceId'] === 'string' ? `instance ${instance['InstanceId']}` : 'an instance without an id';
    for (const mapping of objectsIn(instance, 'BlockDeviceMappings')) {
      const ebs = mapping['Ebs'];
      const volume = ebs !== null && typeof ebs === 'object' ? (ebs as Record<string, unknown>)['VolumeId'] : undefined;
      if (typeof volume !== 'string' || !/^vol-[0-9A-Za-z]+$/.test(volume)) continue;
      found.set(volume, [...new Set([...(found.get(volume) ?? []), name])]);
    }
  }
  return found;
}

// ---- EBS snapshots -----------------------------------------------------------------------------

/** Who may create volumes from a snapshot, from its `createVolumePermission` attribute. */
export interface SnapshotRestorers {
  /** A `Group: "all"` entry: anyone may restore it. */
  public: boolean;
  /** Accounts it is shared with (`UserId` entries). */
  accounts: string[];
  /** Entries that name neither a known group nor an account. */
  unreadable: string[];
}

/** An EBS snapshot the account owns, with its own DescribeSnapshotAttribute answer. */
export interface EbsSnapshot {
  id: string;
  arn: string;
  volumeId: string | undefined;
  /** The DescribeSnapshots pages that list it. */
  files: FileRef[];
  restorers: Evidence<SnapshotRestorers>;
}

/**
 * `ec2:DescribeSnapshots` (OwnerIds self) of one region, then per snapshot
 * `ec2:DescribeSnapshotAttribute` (createVolumePermission), found by its SnapshotId parameter. A
 * snapshot without an id is an unusable record; a missing or malformed attribute answer leaves
 * only that snapshot without evidence.
 */
export const ebsSnapshots = defineEvidence<EbsSnapshot[]>({
  name: 'EBS snapshots',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeSnapshots', parameters: { OwnerIds: 'self' } };
    const where = `DescribeSnapshots of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<DescribeSnapshotsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'Snapshots')),
      where,
      (snap, index) => {
        if (typeof snap.SnapshotId !== 'string' || snap.SnapshotId === '')
          throw new UnusableRecordError(`${where}, record ${index + 1}`, 'lacks SnapshotId');
        return {
          id: snap.SnapshotId,
          // EBS snapshot ARNs leave the account out.
          arn: `arn:${partition(region)}:ec2:${region}::snapshot/${snap.SnapshotId}`,
          volumeId: typeof snap.VolumeId === 'string' ? snap.VolumeId : undefined,
        };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (snap): Promise<EbsSnapshot> => {
        const attributeKey = callWhere(bundle, { account, region, service: 'ec2', operation: 'DescribeSnapshotAttribute' }, 'SnapshotId', [
          snap.id,
        ]);
        const loaded = await loadPages<DescribeSnapshotAttributeResult>(bundle, attributeKey);
        let restorers: Evidence<SnapshotRestorers>;
        try {
          restorers = mapEvidence(loaded, (pages) => snapshotRestorers(pages[0] ?? {}));
        } catch (error) {
          restorers = { ok: false, reason: `DescribeSnapshotAttribute of ${snap.id} could not be read: ${messageOf(error)}`, errors: [] };
        }
        return { ...snap, files: listed.files, restorers };
      }),
    );
    return { ...listed, value };
  },
});

function snapshotRestorers(answer: Wire<DescribeSnapshotAttributeResult>): SnapshotRestorers {
  const found: SnapshotRestorers = { public: false, accounts: [], unreadable: [] };
  for (const entry of listField(answer, 'CreateVolumePermissions')) {
    const group: unknown = entry?.Group;
    const user: unknown = entry?.UserId;
    if (group === 'all') found.public = true;
    else if (typeof user === 'string' && user !== '') found.accounts.push(user);
    else found.unreadable.push(JSON.stringify(entry)?.slice(0, 60) ?? 'an empty entry');
  }
  return found;
}

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
  /** `StateTransitionReason` as stored ("User initiated (2026-03-02 18:40:11 GMT)"); undefined when missing or not text. */
  stateTransitionReason: string | undefined;
  /** `InstanceType` ("t3.micro"); undefined when missing or not text. */
  instanceType: string | undefined;
  /** `EbsOptimized`; undefined when missing or not a boolean. */
  ebsOptimized: boolean | undefined;
  /** `PublicIpAddress` (IPv4): none, the address, or a value that is present but not text. */
  publicIp: { kind: 'none' } | { kind: 'address'; address: string } | { kind: 'unreadable'; text: string };
  /** `VpcId`; undefined when missing or not text. */
  vpcId: string | undefined;
}

/**
 * The time inside a state transition reason, "User initiated (2026-03-02 18:40:11 GMT)" (the form
 * EC2 writes for stops and terminations); undefined when the text carries no such time.
 */
export function transitionTime(reason: string): Date | undefined {
  const match = /\((\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT\)/.exec(reason);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, se] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  // Date.UTC rolls 2026-02-30 over to March: such a text is not a time.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && se < 60
    ? date
    : undefined;
}

function publicIpOf(value: unknown): Ec2Instance['publicIp'] {
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  return typeof value === 'string' ? { kind: 'address', address: value } : { kind: 'unreadable', text: JSON.stringify(value).slice(0, 40) };
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
          stateTransitionReason: typeof i.StateTransitionReason === 'string' ? i.StateTransitionReason : undefined,
          publicIp: publicIpOf(i.PublicIpAddress),
          instanceType: typeof i.InstanceType === 'string' && i.InstanceType ? i.InstanceType : undefined,
          ebsOptimized: typeof i.EbsOptimized === 'boolean' ? i.EbsOptimized : undefined,
          vpcId: typeof i.VpcId === 'string' && i.VpcId ? i.VpcId : undefined,
        };
      },
    );
    if (!listed.ok) return listed;
    // An active route to an instance needs the instance to exist (a route to a terminated or
    // stopped instance turns blackhole): one the listing lacks was lost from it.
    const ids = new Set(listed.value.map((i) => i.id));
    const routed = await routedInstances(bundle, account, region);
    const orphans = [...routed].filter(([id]) => !ids.has(id));
    // A volume attached to an instance needs the instance to exist, too.
    const attached = await attachedInstances(bundle, account, region);
    const unattested = [...attached].filter(([id]) => !ids.has(id) && !routed.has(id));
    return {
      ...listed,
      files: [...listed.files, ...(orphans.length > 0 ? routed.files : []), ...(unattested.length > 0 ? attached.files : [])],
      unusable: [
        ...listField(listed, 'unusable'),
        ...orphans.map(([id, tables]) => ({
          resource: arnOf(region, undefined, account, 'instance', id),
          reason: `an active route of ${namers(tables)} leads to instance ${id}, but ${where} does not list it; the listing is incomplete`,
        })),
        ...unattested.map(([id, volumes]) => ({
          resource: arnOf(region, undefined, account, 'instance', id),
          reason: `${namers(volumes)} ${volumes.length === 1 ? 'is' : 'are'} attached to instance ${id}, but ${where} does not list it; the listing is incomplete`,
        })),
      ],
    };
  },
});

/** What `ec2:DescribeInstanceTypes` says of one type's EBS optimization, or why it cannot be told. */
export type EbsOptimizedSupport =
  { ok: true; support: 'unsupported' | 'supported' | 'default'; files: FileRef[] } | { ok: false; reason: string; files: FileRef[] };

/**
 * `ec2:DescribeInstanceTypes`, one call per instance type in use, by type: `EbsInfo.EbsOptimizedSupport`.
 * Types the bundle holds no answer for are absent from the map (the check says "not collected").
 */
export const instanceTypeEbsSupport = defineEvidence<Map<string, EbsOptimizedSupport>>({
  name: 'EC2 instance types',
  scope: 'region',
  async load(bundle, { account, region }) {
    const operation = { account, region, service: 'ec2', operation: 'DescribeInstanceTypes' };
    const found = new Map<string, EbsOptimizedSupport>();
    const typeOf = (parameters: Record<string, unknown> | undefined): string | undefined => {
      // The collector records the one-element list it sends as its element.
      const type = parameters?.['InstanceTypes'];
      return typeof type === 'string' && type !== '' ? type : undefined;
    };
    for (const error of bundle.errors({ ...operation, parameters: undefined })) {
      const type = typeOf(error.parameters);
      if (type) found.set(type, { ok: false, reason: describeFailure({ ...operation, parameters: error.parameters }, error), files: [] });
    }
    for (const file of bundle.filesOf(operation)) {
      const type = typeOf(file.parameters);
      if (!type || (file.page ?? 1) > 1) continue;
      const pages = await loadPages<DescribeInstanceTypesResult>(bundle, { ...operation, parameters: file.parameters });
      if (!pages.ok) {
        found.set(type, { ok: false, reason: pages.reason, files: [] });
        continue;
      }
      try {
        const records = pages.value.flatMap((page) => listField(page, 'InstanceTypes'));
        const record = records.find((r) => r?.InstanceType === type);
        const support: unknown = record?.EbsInfo?.EbsOptimizedSupport;
        if (support === 'unsupported' || support === 'supported' || support === 'default')
          found.set(type, { ok: true, support, files: pages.files });
        else
          found.set(type, {
            ok: false,
            reason: record
              ? `DescribeInstanceTypes of ${type} shows no EbsInfo.EbsOptimizedSupport`
              : `DescribeInstanceTypes of ${type} does not describe it`,
            files: pages.files,
          });
      } catch (error) {
        found.set(type, {
          ok: false,
          reason: `DescribeInstanceTypes of ${type} could not be read: ${messageOf(error)}`,
          files: pages.files,
        });
      }
    }
    return { ok: true, value: found, files: [...found.values()].flatMap((f) => f.files) };
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

/** Instances that DescribeVolumes shows volumes attached to (attaching, attached or busy), with those volumes. */
async function attachedInstances(
  bundle: EvidenceBundle,
  account: string,
  region: string,
): Promise<Map<string, string[]> & { files: FileRef[] }> {
  const found = Object.assign(new Map<string, string[]>(), { files: [] as FileRef[] });
  const pages = await loadPages<unknown>(bundle, { account, region, service: 'ec2', operation: 'DescribeVolumes' });
  if (!pages.ok) return found;
  found.files.push(...pages.files);
  for (const volume of pages.value.flatMap((p) => objectsIn(p, 'Volumes'))) {
    const name = typeof volume['VolumeId'] === 'string' ? `volume ${volume['VolumeId']}` : 'a volume without an id';
    for (const attachment of objectsIn(volume, 'Attachments')) {
      const instance = attachment['InstanceId'];
      if (typeof instance !== 'string' || !/^i-[0-9A-Za-z]+$/.test(instance)) continue;
      if (!['attaching', 'attached', 'busy'].includes(String(attachment['State']))) continue;
      found.set(instance, [...new Set([...(found.get(instance) ?? []), name])]);
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

/** A VPC subnet, reduced to what checks read. */
export interface Ec2Subnet {
  id: string;
  arn: string;
  vpcId: string | undefined;
  /** `MapPublicIpOnLaunch`; undefined when missing or not a boolean. */
  mapPublicIpOnLaunch: boolean | undefined;
  /** `AssignIpv6AddressOnCreation`; undefined when missing or not a boolean. */
  assignIpv6AddressOnCreation: boolean | undefined;
  name: string | undefined;
}

/** `ec2:DescribeSubnets` of one region (no filters, every page); a subnet without an id is an unusable record. */
export const subnets = defineEvidence<Ec2Subnet[]>({
  name: 'VPC subnets',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeSubnets' };
    const where = `DescribeSubnets of ${account}/${region}`;
    const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
    return mapRecords(
      await loadPages<DescribeSubnetsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'Subnets')),
      where,
      (n, index): Ec2Subnet => {
        if (typeof n.SubnetId !== 'string' || n.SubnetId === '')
          throw new UnusableRecordError(`${where}, record ${index + 1}${n.CidrBlock ? ` (${n.CidrBlock})` : ''}`, 'lacks SubnetId');
        return {
          id: n.SubnetId,
          arn:
            typeof n.SubnetArn === 'string' && n.SubnetArn !== '' ? n.SubnetArn : arnOf(region, n.OwnerId, account, 'subnet', n.SubnetId),
          vpcId: n.VpcId,
          mapPublicIpOnLaunch: flag(n.MapPublicIpOnLaunch),
          assignIpv6AddressOnCreation: flag(n.AssignIpv6AddressOnCreation),
          name: nameTag(n.Tags),
        };
      },
    );
  },
});

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

// ---- Site-to-Site VPN ---------------------------------------------------------------------------

/** One tunnel of a VPN connection, from `VgwTelemetry`. */
export interface VpnTunnel {
  outsideIp: string | undefined;
  /** UP or DOWN; undefined when the record does not say. */
  status: string | undefined;
  statusMessage: string | undefined;
}

/** A Site-to-Site VPN connection, reduced to what checks read. */
export interface VpnConnection {
  id: string;
  arn: string;
  /** pending, available, deleting, deleted; undefined when the record does not say. */
  state: string | undefined;
  name: string | undefined;
  tunnels: VpnTunnel[];
}

/**
 * `ec2:DescribeVpnConnections` of one region (no filters, one answer); a connection without an id,
 * or whose VgwTelemetry is not a list, is an unusable record.
 */
export const vpnConnections = defineEvidence<VpnConnection[]>({
  name: 'Site-to-Site VPN connections',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeVpnConnections' };
    const where = `DescribeVpnConnections of ${account}/${region}`;
    const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
    return mapRecords(
      await loadPages<DescribeVpnConnectionsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'VpnConnections')),
      where,
      (c, index): VpnConnection => {
        const id = text(c.VpnConnectionId);
        if (!id) throw new UnusableRecordError(`${where}, record ${index + 1}`, 'lacks VpnConnectionId');
        const arn = arnOf(region, undefined, account, 'vpn-connection', id);
        let telemetry: Wire<VgwTelemetry>[];
        try {
          telemetry = listField(c, 'VgwTelemetry');
        } catch (error) {
          throw new UnusableRecordError(arn, messageOf(error));
        }
        return {
          id,
          arn,
          state: text(c.State),
          name: nameTag(c.Tags),
          tunnels: telemetry.map((t) => ({
            outsideIp: text(t?.OutsideIpAddress),
            status: text(t?.Status),
            statusMessage: text(t?.StatusMessage),
          })),
        };
      },
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
