import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CollectionError, Manifest, ManifestFile } from '../../src/bundle/manifest.js';
import { openBundle, type CallKey, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { sha256 } from '../../src/shared/hash.js';

/**
 * Single-record mutations of an evidence bundle, evaluated in memory: a bundle is read once through
 * the real reader (schema and hash checks), held as a manifest plus the text of every file, and each
 * mutation yields a new snapshot whose changed files are rehashed, so what a check cites is what it read.
 */

/** A JSON value as evidence files hold it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A bundle held in memory: its manifest and every evidence file's text by path. */
export interface BundleSnapshot {
  /** Where it came from, for messages. */
  readonly dir: string;
  readonly manifest: Manifest;
  readonly texts: ReadonlyMap<string, string>;
}

/** One change to one evidence record. */
export interface Mutation {
  /** Stable, readable id: `<kind> <file> <where> <how>`. */
  readonly id: string;
  readonly kind: 'remove' | 'corrupt' | 'contradict';
  /** The evidence file it touches (bundle-relative path). */
  readonly file: string;
  /** `file`: the whole file goes or breaks; `fields`: its manifest entry's response fields; `record`: one record or field inside it. */
  readonly scope: 'file' | 'fields' | 'record';
  /** How deep in the file the change is (1: a top-level list or CSV row); sampling prefers shallow changes. */
  readonly depth: number;
  /** For a change inside a JSON file: where, as keys and list positions from the top (`['Reservations', 2]`). */
  readonly at?: readonly (string | number)[];
  apply(snapshot: BundleSnapshot): BundleSnapshot;
}

/** Opens a bundle directory through the real reader (verifying every hash) and reads every file into memory. */
export async function loadSnapshot(dir: string): Promise<BundleSnapshot> {
  const bundle = await openBundle(dir);
  const texts = new Map<string, string>();
  for (const file of bundle.manifest.files) texts.set(file.path, await bundle.readText(file));
  return { dir, manifest: structuredClone(bundle.manifest), texts };
}

/**
 * An EvidenceBundle over a snapshot with the reader's lookup semantics (calls keyed by account,
 * region, service, operation and canonical parameters; pages in order).
 */
export function memoryBundle(snapshot: BundleSnapshot): EvidenceBundle {
  const { manifest, texts } = snapshot;
  const operationId = (k: Omit<CallKey, 'parameters'>): string => `${k.account}|${k.region}|${k.service}|${k.operation}`;
  const callId = (k: CallKey): string => `${operationId(k)}|${canonicalJson(k.parameters ?? {})}`;
  const byCall = new Map<string, ManifestFile[]>();
  const byOperation = new Map<string, ManifestFile[]>();
  const errorsByCall = new Map<string, CollectionError[]>();
  const errorsByOperation = new Map<string, CollectionError[]>();
  const push = <V>(map: Map<string, V[]>, key: string, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const file of manifest.files) {
    push(byCall, callId(file), file);
    push(byOperation, operationId(file), file);
  }
  for (const pages of byCall.values()) pages.sort((a, b) => (a.page ?? 1) - (b.page ?? 1));
  for (const error of manifest.errors) {
    push(errorsByCall, callId(error), error);
    push(errorsByOperation, operationId(error), error);
  }
  // Hashes are not re-checked here: every mutation rehashes what it changes (withText), and the
  // invariant test opens a sample of mutated bundles through the real reader to prove it.
  const read = (file: ManifestFile): string => {
    const text = texts.get(file.path);
    if (text === undefined) throw new Error(`${file.path}: listed in the mutated manifest but has no text (a bug in the mutation)`);
    return text;
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  return {
    dir: snapshot.dir,
    manifest,
    manifestSha256: sha256(manifestText),
    collectedAt: new Date(manifest.collection.finishedAt),
    files: (key) => byCall.get(callId(key)) ?? [],
    filesOf: (key) => byOperation.get(operationId(key)) ?? [],
    errors: (key) => (key.parameters ? errorsByCall.get(callId(key)) : errorsByOperation.get(operationId(key))) ?? [],
    readText: (file) => Promise.resolve(read(file)),
    readJson: (file) => {
      const text = read(file);
      try {
        return Promise.resolve(JSON.parse(text) as unknown);
      } catch (error) {
        return Promise.reject(
          new AuditpackError(
            'BUNDLE_INVALID',
            `${join(snapshot.dir, file.path)}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
          ),
        );
      }
    },
    readAttachment: () => Promise.resolve(undefined),
  };
}

/** A snapshot with one file's text replaced and its manifest entry rehashed (and optionally edited). */
export function withText(snapshot: BundleSnapshot, path: string, text: string, editEntry?: (entry: ManifestFile) => void): BundleSnapshot {
  const manifest = structuredClone(snapshot.manifest);
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new Error(`${path}: not in the manifest`);
  entry.sha256 = sha256(text);
  entry.size = Buffer.byteLength(text);
  editEntry?.(entry);
  const texts = new Map(snapshot.texts);
  texts.set(path, text);
  return { dir: snapshot.dir, manifest, texts };
}

/** A snapshot without one file (and its manifest entry); with `error`, the call is recorded as failed instead. */
export function withoutFile(
  snapshot: BundleSnapshot,
  path: string,
  error?: Pick<CollectionError, 'code' | 'message' | 'httpStatus'>,
): BundleSnapshot {
  const manifest = structuredClone(snapshot.manifest);
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new Error(`${path}: not in the manifest`);
  manifest.files = manifest.files.filter((f) => f.path !== path);
  if (error) {
    const { account, region, service, operation, parameters } = entry;
    manifest.errors = [
      ...manifest.errors,
      { account, region, service, operation, parameters, ...error, at: manifest.collection.finishedAt },
    ];
  }
  const texts = new Map(snapshot.texts);
  texts.delete(path);
  return { dir: snapshot.dir, manifest, texts };
}

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Field names that identify a record (GroupId, UserName, Arn, TrailARN, KeyId, DBInstanceIdentifier, …). */
const ID_FIELD = /(^|[a-z])(Id|ID|Name|Arn|ARN|Identifier)$|^(Id|Name|Arn|ARN|user|arn)$/;
const GARBAGE = '<corrupted>';
/** Timestamps that lie in the future by nature (a certificate's Expiration, password_next_rotation): moving them later contradicts nothing. */
const FUTURE_FIELD = /expir|until|next|notafter|validto/i;

/** A timestamp `days` after `from` in the format AWS writes (ISO 8601, milliseconds, Z). */
export function shiftedIso(from: string, days: number): string {
  return new Date(Date.parse(from) + days * DAY_MS).toISOString();
}

type Step = string | number;

/** A value of the wrong JSON type for `value`, one that a lenient reader might still find truthy or comparable. */
function wrongType(value: Json): Json {
  if (typeof value === 'string') return 12345;
  return GARBAGE;
}

function describeValue(value: Json): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : JSON.stringify(value);
}

function pathText(path: readonly Step[]): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('') || '(root)';
}

/** Replaces (or, with `remove`, deletes) the value at `path` inside a deep copy of `root`. */
function edit(root: Json, path: readonly Step[], replacement: Json | typeof REMOVE): Json {
  const copy = structuredClone(root);
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  let parent: Json = copy;
  for (const step of parentPath) parent = (parent as Record<string | number, Json>)[step] as Json;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (replacement === REMOVE) parent.splice(last, 1);
    else parent[last] = replacement;
  } else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent) && typeof last === 'string') {
    if (replacement === REMOVE) delete parent[last];
    else parent[last] = replacement;
  } else {
    throw new Error(`cannot edit ${pathText(path)}`);
  }
  return copy;
}
const REMOVE = Symbol('remove');

/** Every single-record mutation of one JSON evidence file. */
function* jsonMutations(path: string, body: Json, collectedAt: string): Generator<Mutation> {
  const json = (id: string, kind: Mutation['kind'], at: readonly Step[], replacement: Json | typeof REMOVE): Mutation => ({
    id: `${kind} ${path} ${pathText(at)} ${id}`,
    kind,
    file: path,
    scope: 'record',
    depth: at.length,
    at,
    apply: (s) => withText(s, path, `${JSON.stringify(edit(body, at, replacement), null, 2)}\n`),
  });
  function* walk(value: Json, at: Step[]): Generator<Mutation> {
    const last = at[at.length - 1];
    if (typeof last === 'number') yield json('removed', 'remove', at, REMOVE);
    if (typeof last === 'string') {
      if (ID_FIELD.test(last)) yield json('dropped', 'corrupt', at, REMOVE);
      yield json(`${describeValue(value)} → ${describeValue(wrongType(value))}`, 'corrupt', at, wrongType(value));
      const timestamp = typeof value === 'string' && ISO.test(value);
      if (timestamp) yield json('→ not a timestamp', 'corrupt', at, 'not-a-timestamp');
      if (timestamp && !FUTURE_FIELD.test(last)) {
        yield json('→ 1 day after the collection', 'contradict', at, shiftedIso(collectedAt, 1));
        yield json('→ 3 years after the collection', 'contradict', at, shiftedIso(collectedAt, 3 * 365));
      }
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) yield* walk(item, [...at, i]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) yield* walk(item, [...at, key]);
    }
  }
  yield* walk(body, []);
}

/** Every single-row and single-cell mutation of a CSV evidence file (the credential report). */
function* csvMutations(path: string, text: string, collectedAt: string): Generator<Mutation> {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split(',');
  const csv = (id: string, kind: Mutation['kind'], change: (rows: string[][]) => void, depth = 2): Mutation => ({
    id: `${kind} ${path} ${id}`,
    kind,
    file: path,
    scope: 'record',
    depth,
    apply: (s) => {
      const rows = lines.map((l) => l.split(','));
      change(rows);
      return withText(s, path, rows.map((r) => r.join(',')).join('\n'));
    },
  });
  for (let row = 1; row < lines.length; row++) {
    const cells = (lines[row] ?? '').split(',');
    if (cells.length < 2) continue;
    const who = cells[0] ?? `line ${row + 1}`;
    yield csv(`row ${who} removed`, 'remove', (rows) => rows.splice(row, 1), 1);
    for (const [col, value] of cells.entries()) {
      const column = header[col] ?? `column ${col + 1}`;
      const set = (replacement: string) => (rows: string[][]) => {
        (rows[row] as string[])[col] = replacement;
      };
      if (ID_FIELD.test(column)) yield csv(`row ${who} ${column} emptied`, 'corrupt', set(''));
      if (ISO.test(value)) yield csv(`row ${who} ${column} → not a timestamp`, 'corrupt', set('not-a-timestamp'));
      if (ISO.test(value) && !FUTURE_FIELD.test(column)) {
        yield csv(
          `row ${who} ${column} → 1 day after the collection`,
          'contradict',
          set(shiftedIso(collectedAt, 1).replace('.000Z', '+00:00')),
        );
        yield csv(
          `row ${who} ${column} → 3 years after the collection`,
          'contradict',
          set(shiftedIso(collectedAt, 3 * 365).replace('.000Z', '+00:00')),
        );
      }
      if (value === 'true' || value === 'false') yield csv(`row ${who} ${column} ${value} → ${GARBAGE}`, 'corrupt', set(GARBAGE));
    }
  }
}

/** Mutations of a manifest entry's response fields (the credential report's GeneratedTime). */
function* fieldMutations(file: ManifestFile, collectedAt: string): Generator<Mutation> {
  for (const [field, value] of Object.entries(file.fields ?? {})) {
    const set = (id: string, kind: Mutation['kind'], replacement: unknown): Mutation => ({
      id: `${kind} ${file.path} fields.${field} ${id}`,
      kind,
      file: file.path,
      scope: 'fields',
      depth: 0,
      apply: (s) =>
        withText(s, file.path, s.texts.get(file.path) ?? '', (entry) => {
          const fields = { ...(entry.fields ?? {}) };
          if (replacement === REMOVE) delete fields[field];
          else fields[field] = replacement;
          entry.fields = fields;
        }),
    });
    yield set('dropped', 'corrupt', REMOVE);
    if (typeof value === 'string' && ISO.test(value)) {
      yield set('→ not a timestamp', 'corrupt', 'not-a-timestamp');
      yield set('→ 3 years before the collection', 'contradict', shiftedIso(collectedAt, -3 * 365));
      // AWS serves a cached report for at most 4 hours; one a day old was not fetched by this collection.
      yield set('→ 1 day before the collection', 'contradict', shiftedIso(collectedAt, -1));
      yield set('→ 1 hour after the collection', 'contradict', shiftedIso(collectedAt, 1 / 24));
      yield set('→ 3 years after the collection', 'contradict', shiftedIso(collectedAt, 3 * 365));
    }
  }
}

/**
 * Every single mutation of a snapshot, file by file: the whole file removed, replaced by a
 * collection error, made unparseable; its manifest fields changed; then each record inside it
 * removed, its id fields dropped, each field given a wrong type, each timestamp garbled or moved
 * past the collection.
 */
export function* mutationsOf(snapshot: BundleSnapshot): Generator<Mutation> {
  const collectedAt = snapshot.manifest.collection.finishedAt;
  for (const file of snapshot.manifest.files) {
    const text = snapshot.texts.get(file.path) ?? '';
    const whole = (id: string, kind: Mutation['kind'], apply: Mutation['apply']): Mutation => ({
      id: `${kind} ${file.path} ${id}`,
      kind,
      file: file.path,
      scope: 'file',
      depth: 0,
      apply,
    });
    yield whole('file and manifest entry removed', 'remove', (s) => withoutFile(s, file.path));
    yield whole('file replaced by an AccessDenied collection error', 'remove', (s) =>
      withoutFile(s, file.path, {
        code: 'AccessDenied',
        message: `User is not authorized to perform: ${file.service}:${file.operation}`,
        httpStatus: 403,
      }),
    );
    yield whole('file truncated (unparseable)', 'corrupt', (s) => withText(s, file.path, text.slice(0, Math.floor(text.length / 2))));
    yield* fieldMutations(file, collectedAt);
    if (file.status !== 'ok') continue;
    if (file.contentType === 'text/csv' || file.path.endsWith('.csv')) {
      yield* csvMutations(file.path, text, collectedAt);
    } else {
      let body: Json;
      try {
        body = JSON.parse(text) as Json;
      } catch {
        continue;
      }
      yield* jsonMutations(file.path, body, collectedAt);
    }
  }
}

/** How many mutations {@link sampleMutations} keeps. */
export interface SampleOptions {
  /** `all`: every whole-file mutation of every file; `one`: one per file, the kinds taken in turn. */
  files: 'all' | 'one';
  /** How many record mutations to keep (`Infinity` for all). */
  records: number;
  /** Ids of mutations always kept (violations a full sweep once found), whatever the budget. */
  pinned?: readonly string[];
}

const hashOf = (id: string): number => createHash('sha256').update(id).digest().readUInt32BE(0);

/**
 * A deterministic sample: whole-file mutations as `files` says, every manifest-field mutation, and
 * `records` record mutations spread over the files, so each run checks the same set and every file
 * is touched at least once.
 */
export function sampleMutations(mutations: Iterable<Mutation>, options: SampleOptions): Mutation[] {
  const all = [...mutations];
  const pinned = new Set(options.pinned ?? []);
  const keep = new Set<Mutation>(all.filter((m) => m.scope === 'fields' || pinned.has(m.id)));
  const files = [...new Set(all.map((m) => m.file))];
  for (const [i, file] of files.entries()) {
    const whole = all.filter((m) => m.file === file && m.scope === 'file');
    const chosen = options.files === 'all' ? whole : whole.slice(i % Math.max(whole.length, 1), (i % Math.max(whole.length, 1)) + 1);
    for (const m of chosen) keep.add(m);
  }
  // Round robin over files, each file's record mutations shallow first (whole lists and records
  // before the leaves of a policy document), in hash order among equals: small files (a KMS key,
  // a trail status) are covered whole before a large one (the authorization details) takes the rest.
  const byFile = new Map<string, Mutation[]>();
  for (const m of all) if (m.scope === 'record') byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  const queues = [...byFile.values()].map((list) => [...list].sort((x, y) => x.depth - y.depth || hashOf(x.id) - hashOf(y.id)));
  const ranked: Mutation[] = [];
  for (let round = 0; ranked.length < options.records && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) {
      const m = queue[round];
      if (m && ranked.length < options.records) ranked.push(m);
    }
  }
  for (const m of ranked) keep.add(m);
  return all.filter((m) => keep.has(m));
}

/** Writes a snapshot as a bundle directory (manifest last), so the real reader can open it. */
export function writeSnapshot(snapshot: BundleSnapshot, dir: string): string {
  for (const [path, text] of snapshot.texts) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(snapshot.manifest, null, 2)}\n`);
  return dir;
}

/** The two accounts of {@link generateSnapshot}: a copy of the sample account, and a mostly compliant one. */
export const GENERATED_ACCOUNTS = { copy: '444455556666', compliant: '777788889999' } as const;

const CSV_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** A credential report timestamp as AWS writes it (`2026-09-30T08:04:12+00:00`). */
function reportTime(iso: string): string {
  return `${iso.slice(0, 19)}+00:00`;
}

/** Credential report of the compliant account: every user with MFA, keys at and just inside the 90-day limit, all recently used. */
function compliantReport(account: string, collectedAt: string): string {
  const t = (days: number): string => reportTime(shiftedIso(collectedAt, -days));
  const rows = [
    `<root_account>,arn:aws:iam::${account}:root,2019-04-02T16:20:11+00:00,not_supported,${t(20)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ];
  for (const [i, keyAge] of [90, 89, 30, 1].entries()) {
    const name = `gen-user-${i}`;
    rows.push(
      `${name},arn:aws:iam::${account}:user/${name},2021-06-14T09:30:02+00:00,true,${t(1)},${t(10)},${t(-80)},true,true,${t(keyAge)},${t(0.5)},us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    );
  }
  // A user without console or keys: nothing to rotate, nothing unused.
  rows.push(
    `gen-service,arn:aws:iam::${account}:user/gen-service,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  );
  return [CSV_HEADER, ...rows].join('\n');
}

/**
 * Security groups of the compliant account: a default group without rules in each VPC, and groups
 * over every protocol and IP version with admin ports open only to private ranges.
 */
function compliantGroups(account: string, region: string, vpcs: readonly string[]): Json {
  const permission = (protocol: string, from: number | undefined, to: number | undefined, v4: string[], v6: string[]): Json => ({
    IpProtocol: protocol,
    ...(from === undefined ? {} : { FromPort: from }),
    ...(to === undefined ? {} : { ToPort: to }),
    UserIdGroupPairs: [],
    IpRanges: v4.map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: [],
  });
  const group = (id: string, name: string, ingress: Json[], vpc = vpcs[0] ?? 'vpc-0b1c2d3e4f5a6b7c8'): Json => ({
    GroupId: id,
    IpPermissionsEgress: name === 'default' ? [] : [permission('-1', undefined, undefined, ['0.0.0.0/0'], [])],
    VpcId: vpc,
    SecurityGroupArn: `arn:aws:ec2:${region}:${account}:security-group/${id}`,
    OwnerId: account,
    GroupName: name,
    Description: `${name} (generated)`,
    IpPermissions: ingress,
  });
  return {
    SecurityGroups: [
      ...vpcs.map((vpc, i) => group(`sg-00000000000000d0${i}`, 'default', [], vpc)),
      group('sg-00000000000000a01', 'web', [
        permission('tcp', 443, 443, ['0.0.0.0/0'], ['::/0']),
        permission('tcp', 80, 80, ['0.0.0.0/0'], []),
      ]),
      group('sg-00000000000000a02', 'dns', [permission('udp', 53, 53, ['0.0.0.0/0'], ['::/0'])]),
      group('sg-00000000000000a03', 'admin-private', [
        permission('tcp', 22, 22, ['10.0.0.0/8'], []),
        permission('tcp', 3389, 3389, ['192.168.0.0/16'], ['fd00::/8']),
      ]),
      group('sg-00000000000000a04', 'all-private', [permission('-1', undefined, undefined, ['172.16.0.0/12'], [])]),
      group('sg-00000000000000a05', 'high-ports', [
        permission('tcp', 3390, 65535, ['0.0.0.0/0'], []),
        permission('udp', 3390, 4000, [], ['::/0']),
      ]),
    ],
  };
}

/**
 * A generated bundle of two accounts in the sample's two regions: one account is the sample's
 * (its ids rewritten, its denied call kept), the other the sample's with its identity, password
 * policy, security groups and EBS settings replaced by compliant ones, so that a requirement fails
 * in one account only and a single record can decide it.
 */
export function generateSnapshot(sample: BundleSnapshot): BundleSnapshot {
  const from = sample.manifest.scope.accounts[0]?.id ?? '';
  const collectedAt = sample.manifest.collection.finishedAt;
  const files: ManifestFile[] = [];
  const texts = new Map<string, string>();
  const put = (entry: ManifestFile, text: string): void => {
    files.push({ ...entry, sha256: sha256(text), size: Buffer.byteLength(text) });
    texts.set(entry.path, text);
  };
  const json = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;
  const vpcsOf = (region: string): string[] => {
    const file = sample.manifest.files.find((f) => f.region === region && f.operation === 'DescribeVpcs');
    const body = file ? (JSON.parse(sample.texts.get(file.path) ?? '{}') as { Vpcs?: { VpcId?: string }[] }) : {};
    return (body.Vpcs ?? []).flatMap((v) => (v.VpcId ? [v.VpcId] : []));
  };
  for (const account of [GENERATED_ACCOUNTS.copy, GENERATED_ACCOUNTS.compliant]) {
    const compliant = account === GENERATED_ACCOUNTS.compliant;
    for (const file of sample.manifest.files) {
      const entry: ManifestFile = { ...structuredClone(file), account, path: file.path.split(from).join(account) };
      // The copy's per-resource calls name its own resources, as its paths do (openBundle checks they agree).
      entry.parameters = JSON.parse(JSON.stringify(file.parameters).split(from).join(account)) as ManifestFile['parameters'];
      const text = (sample.texts.get(file.path) ?? '').split(from).join(account);
      if (!compliant) put(entry, text);
      else if (file.operation === 'GetCredentialReport') {
        put(
          { ...entry, fields: { GeneratedTime: shiftedIso(collectedAt, -5 / 1440), ReportFormat: 'text/csv' } },
          compliantReport(account, collectedAt),
        );
      } else if (file.operation === 'GetAccountPasswordPolicy') {
        const policy = JSON.parse(text) as { PasswordPolicy: Record<string, Json> };
        put(entry, json({ PasswordPolicy: { ...policy.PasswordPolicy, MinimumPasswordLength: 15, PasswordReusePrevention: 24 } }));
      } else if (file.operation === 'DescribeSecurityGroups') {
        put(entry, json(compliantGroups(account, file.region, vpcsOf(file.region))));
      } else if (file.operation === 'GetEbsEncryptionByDefault') {
        put(entry, json({ EbsEncryptionByDefault: true, SseType: 'sse-kms' }));
      } else {
        put(entry, text);
      }
    }
    // The sample's denied call stays denied in the copy; the compliant account answered it.
    if (compliant) {
      for (const error of sample.manifest.errors.filter((e) => e.operation === 'DescribeSecurityGroups')) {
        const path = `aws/${account}/${error.region}/ec2/DescribeSecurityGroups.json`;
        put(
          {
            path,
            sha256: '',
            size: 0,
            account,
            region: error.region,
            service: 'ec2',
            operation: 'DescribeSecurityGroups',
            parameters: {},
            collectedAt: error.at ?? collectedAt,
            status: 'ok',
          },
          json(compliantGroups(account, error.region, vpcsOf(error.region))),
        );
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = {
    ...structuredClone(sample.manifest),
    bundleId: '00000000-0000-4000-8000-0000000000a2',
    scope: {
      accounts: [
        { id: GENERATED_ACCOUNTS.copy, name: 'generated-copy' },
        { id: GENERATED_ACCOUNTS.compliant, name: 'generated-compliant' },
      ],
      regions: [...sample.manifest.scope.regions],
    },
    files,
    errors: sample.manifest.errors.map((e) => ({
      ...structuredClone(e),
      account: GENERATED_ACCOUNTS.copy,
      message: e.message.split(from).join(GENERATED_ACCOUNTS.copy),
    })),
  };
  return { dir: `${sample.dir} (generated, 2 accounts)`, manifest, texts };
}
