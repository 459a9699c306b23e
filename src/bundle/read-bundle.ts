import { readdirSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { LIMITS, formatBytes, nestingDepth, readRegularFile } from '../shared/limits.js';
import { sha256, sha256File } from '../shared/hash.js';
import { parseJsonBytes } from '../shared/json-bytes.js';
import { describeSchemaError, loadSchema } from '../shared/schema.js';
import { LISTED_ROOTS, attachmentsOf, type CollectionError, type Manifest, type ManifestFile } from './manifest.js';

/** Where a call was made and with what parameters: the key evidence is looked up by. */
export interface CallKey {
  account: string;
  region: string;
  service: string;
  operation: string;
  /** Omit to match the call with no parameters. */
  parameters?: Record<string, unknown>;
}

/** A file behind a finding, as reports cite it. */
export interface FileRef {
  path: string;
  sha256: string;
}

/** An opened, verified evidence bundle. Files are read on demand, one at a time. */
export interface EvidenceBundle {
  readonly dir: string;
  readonly manifest: Manifest;
  /** SHA-256 of manifest.json's exact bytes: the bundle's fingerprint. */
  readonly manifestSha256: string;
  /** End of collection: "now" for every time-based check. */
  readonly collectedAt: Date;
  /** Pages of one call in page order; empty when it was not collected. */
  files(key: CallKey): readonly ManifestFile[];
  /** Every file of an operation, whatever its parameters (per-resource calls). */
  filesOf(key: Omit<CallKey, 'parameters'>): readonly ManifestFile[];
  /** Collection errors for one call (with parameters) or for every call of the operation. */
  errors(key: CallKey): readonly CollectionError[];
  /** Reads a listed file, checking its SHA-256 again so what is evaluated is what was hashed. */
  readText(file: ManifestFile): Promise<string>;
  readJson(file: ManifestFile): Promise<unknown>;
  /** Reads an attachment listed in manifest.attestations (hash checked), or undefined when not listed. */
  readAttachment(path: string): Promise<Buffer | undefined>;
}

/** Options for {@link openBundle}. */
export interface OpenBundleOptions {
  /** Accept a bundle whose collection did not finish (`collection.complete: false`). */
  allowIncomplete?: boolean;
  /**
   * Check each listed file's size only, not its SHA-256: for a bundle this process has just written
   * from files whose hashes it checked (merge). Every other reader checks hashes.
   */
  sizesOnly?: boolean;
}

const validateManifest = loadSchema('bundle-manifest.v1.schema.json');
// Files checked between two turns of the event loop.
const YIELD_EVERY = 500;

/**
 * Opens a bundle directory: validates manifest.json against its schema, then checks that every
 * listed file exists with its size and SHA-256 and that nothing unlisted sits under aws/.
 */
export async function openBundle(dir: string, options: OpenBundleOptions = {}): Promise<EvidenceBundle> {
  const manifestPath = join(dir, 'manifest.json');
  let manifestBytes: Buffer;
  try {
    manifestBytes = await readRegularFile(manifestPath, LIMITS.manifestBytes);
  } catch (error) {
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: cannot read the bundle manifest (${messageOf(error)}). Point at a bundle directory, the one that holds manifest.json.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parseJsonBytes(manifestBytes);
  } catch (error) {
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: not valid JSON (${messageOf(error)}). Restore the bundle from its archive.`,
    );
  }
  if (nestingDepth(parsed) > LIMITS.depth) {
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: nests more than ${LIMITS.depth} levels deep, which no bundle does. Restore the bundle from its archive.`,
    );
  }
  if (!validateManifest(parsed)) {
    const problems = (validateManifest.errors ?? []).map((e) => describeSchemaError(e));
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: ${problems[0] ?? 'does not match the bundle format'}. See docs/bundle-format.md for the format.`,
      problems.slice(1).map((p) => `${manifestPath}: ${p}`),
    );
  }
  const manifest = parsed as Manifest;
  checkConsistency(manifest, manifestPath);
  if (!manifest.collection.complete && !options.allowIncomplete) {
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: the collection did not finish (collection.complete is false). Finish it with "auditpack collect --resume", or pass --allow-incomplete to report on what is there.`,
    );
  }
  await verifyFiles(dir, manifest, options.sizesOnly === true);
  return createBundle(dir, manifest, sha256(manifestBytes));
}

function checkConsistency(manifest: Manifest, manifestPath: string): void {
  const accounts = new Set(manifest.scope.accounts.map((a) => a.id));
  const regions = new Set(manifest.scope.regions);
  const seen = new Set<string>();
  const problems: string[] = [];
  const calls = new Map<string, number>();
  // A file larger than the reader takes is not a contradiction: say so, and how to take it.
  const oversize = manifest.files.findIndex((file) => file.size > LIMITS.evidenceBytes);
  const big = manifest.files[oversize];
  if (big) {
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: files[${oversize}] (${big.path}) is ${formatBytes(big.size)}, more than the ${formatBytes(LIMITS.evidenceBytes)} auditpack reads from one evidence file. If the bundle is genuine, raise the limit with AUDITPACK_MAX_EVIDENCE_MIB=${Math.ceil(big.size / (1024 * 1024))}.`,
    );
  }
  manifest.files.forEach((file, i) => {
    if (seen.has(file.path)) problems.push(`files[${i}].path: "${file.path}" is listed twice`);
    seen.add(file.path);
    problems.push(...pathProblems(file, i));
    const call = `${callId(file)}|${file.page ?? 1}`;
    const first = calls.get(call);
    if (first !== undefined) problems.push(`files[${i}] (${file.path}): is the same call and page as files[${first}]`);
    else calls.set(call, i);
    if (!accounts.has(file.account)) problems.push(`files[${i}].account: ${file.account} is not in scope.accounts`);
    if (file.region !== 'global' && !regions.has(file.region)) problems.push(`files[${i}].region: ${file.region} is not in scope.regions`);
  });
  if (Date.parse(manifest.collection.finishedAt) < Date.parse(manifest.collection.startedAt)) {
    problems.push('collection.finishedAt: is before collection.startedAt');
  }
  if (problems.length > 0) {
    throw new AuditpackError(
      'BUNDLE_INVALID',
      `${manifestPath}: ${problems[0]}. The manifest contradicts itself; restore the bundle from its archive.`,
      problems.slice(1).map((p) => `${manifestPath}: ${p}`),
    );
  }
}

/**
 * What an entry's path records about its call must be what the entry says: the collector names
 * files `aws/<account>/<region>/<service>/<Operation>[/<key>][.pNNNN].<ext>` (src/collect/paths.ts),
 * so an entry edited after collection (an operation renamed, a bucket swapped) is caught here
 * instead of silently making requirements NOT_EVALUATED.
 */
function pathProblems(file: ManifestFile, i: number): string[] {
  const where = `files[${i}] (${file.path})`;
  const parts = file.path.split('/');
  if (parts[0] !== 'aws' || parts.length < 5 || parts.length > 6) {
    return [`${where}.path: is not aws/<account>/<region>/<service>/<Operation>[/<key>].<ext>`];
  }
  const problems: string[] = [];
  const extension = file.contentType === 'text/csv' ? 'csv' : 'json';
  const page = file.page ?? 1;
  const suffix = `${page > 1 ? `.p${String(page).padStart(4, '0')}` : ''}.${extension}`;
  const last = parts.length - 1;
  const name = parts[last] as string;
  if (name.endsWith(suffix) && !(page === 1 && /\.p\d{4,}$/.test(name.slice(0, -suffix.length)) && parts.length === 5)) {
    parts[last] = name.slice(0, -suffix.length);
  } else {
    problems.push(
      `${where}.${page > 1 ? 'page' : 'contentType'}: page ${page} of a ${extension} file would end in "${suffix}", which its path does not`,
    );
    parts[last] = name.replace(/(\.p\d{4,})?\.[a-z]+$/, '');
  }
  const [, account, region, service, operation, key] = parts;
  const fields = { account, region, service, operation } as const;
  for (const field of ['account', 'region', 'service', 'operation'] as const) {
    if (file[field] !== fields[field]) {
      problems.push(`${where}.${field}: "${file[field]}" does not match its path, which records "${fields[field] ?? ''}"`);
    }
  }
  if (key !== undefined && !keyNamesParameters(key, file.parameters)) {
    problems.push(
      `${where}.parameters: ${JSON.stringify(file.parameters)} do not name the resource its path records, "${decodeKey(key) ?? key}"`,
    );
  }
  return problems;
}

/**
 * A per-resource file's key is a parameter's value (a bucket name, a key id) or its last `/` or
 * `:` segment (a trail's name from its ARN), `%XX`-encoded, with `-<8 hex digits>` appended when
 * two resources of one listing share a name.
 */
function keyNamesParameters(key: string, parameters: Record<string, unknown>): boolean {
  const names = new Set<string>();
  for (const value of Object.values(parameters)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value);
    names.add(text);
    names.add(text.split(/[/:]/).pop() ?? text);
  }
  const decoded = decodeKey(key);
  const undisambiguated = decodeKey(key.replace(/-[0-9a-f]{8}$/, ''));
  return (decoded !== undefined && names.has(decoded)) || (undisambiguated !== undefined && names.has(undisambiguated));
}

function decodeKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
}

async function verifyFiles(dir: string, manifest: Manifest, sizesOnly: boolean): Promise<void> {
  const problems: string[] = [];
  const all: { path: string; sha256: string; size: number }[] = [...manifest.files, ...attachmentsOf(manifest)];
  const listed = new Set(all.map((f) => f.path));
  // One file after another: small files are hashed with synchronous reads (see sha256File), and
  // the event loop runs between batches so signals and progress are not held up.
  for (const [i, file] of all.entries()) {
    const problem = sizesOnly ? verifySize(dir, file) : await verifyFile(dir, file);
    if (problem) problems.push(problem);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  for (const root of LISTED_ROOTS) {
    for (const path of walk(join(dir, root), dir)) {
      if (!listed.has(path))
        problems.push(
          `${path}: is not listed in manifest.json. Something was added to the bundle after collection; remove it or restore the bundle from its archive.`,
        );
    }
  }
  if (problems.length > 0) {
    problems.sort();
    throw new AuditpackError(
      'BUNDLE_INTEGRITY',
      `${join(dir, problems[0] as string)}`,
      problems.slice(1).map((p) => join(dir, p)),
    );
  }
}

async function verifyFile(dir: string, file: { path: string; sha256: string; size: number }): Promise<string | undefined> {
  const path = join(dir, file.path);
  let actual: { sha256: string; size: number };
  try {
    actual = await sha256File(path);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT')
      return `${file.path}: cannot be read (${messageOf(error)}). Restore the bundle from its archive.`;
    return `${file.path}: is listed in manifest.json but missing. Restore the bundle from its archive.`;
  }
  if (actual.size !== file.size || actual.sha256 !== file.sha256) {
    return `${file.path}: sha256 does not match manifest.json (expected ${file.sha256}, found ${actual.sha256}). The file changed after collection; restore the bundle from its archive.`;
  }
  return undefined;
}

function verifySize(dir: string, file: { path: string; size: number }): string | undefined {
  let size: number;
  try {
    size = statSync(join(dir, file.path)).size;
  } catch {
    return `${file.path}: is listed in manifest.json but missing.`;
  }
  return size === file.size ? undefined : `${file.path}: is ${size} bytes, but manifest.json says ${file.size}.`;
}

/** Every file below root, as a bundle path; synchronous, like the hashing (a merged bundle has 85,000 folders). */
function* walk(root: string, base: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = join(root, entry.name);
    if (entry.isDirectory()) yield* walk(full, base);
    else yield relative(base, full).split(sep).join('/');
  }
}

/** Builds the lookup indexes once; every lookup afterwards is a map access. */
function createBundle(dir: string, manifest: Manifest, manifestSha256: string): EvidenceBundle {
  const byCall = new Map<string, ManifestFile[]>();
  const byOperation = new Map<string, ManifestFile[]>();
  for (const file of manifest.files) {
    push(byCall, callId(file), file);
    push(byOperation, operationId(file), file);
  }
  for (const pages of byCall.values()) pages.sort((a, b) => (a.page ?? 1) - (b.page ?? 1));
  const errorsByCall = new Map<string, CollectionError[]>();
  const errorsByOperation = new Map<string, CollectionError[]>();
  for (const error of manifest.errors) {
    push(errorsByCall, callId(error), error);
    push(errorsByOperation, operationId(error), error);
  }

  const readVerified = async (file: { path: string; sha256: string }): Promise<Buffer> => {
    const bytes = await readFile(join(dir, file.path));
    if (sha256(bytes) !== file.sha256) {
      throw new AuditpackError(
        'BUNDLE_INTEGRITY',
        `${join(dir, file.path)}: sha256 does not match manifest.json. The file changed while the bundle was open; restore it from the archive.`,
      );
    }
    return bytes;
  };

  return {
    dir,
    manifest,
    manifestSha256,
    collectedAt: new Date(manifest.collection.finishedAt),
    files: (key) => byCall.get(callId(key)) ?? [],
    filesOf: (key) => byOperation.get(operationId(key)) ?? [],
    errors: (key) => (key.parameters ? errorsByCall.get(callId(key)) : errorsByOperation.get(operationId(key))) ?? [],
    readText: async (file) => (await readVerified(file)).toString('utf8'),
    readAttachment: async (path) => {
      const attachment = manifest.attestations?.find((a) => a.path === path);
      return attachment ? readVerified(attachment) : undefined;
    },
    readJson: async (file) => {
      const bytes = await readVerified(file);
      try {
        return JSON.parse(bytes.toString('utf8')) as unknown;
      } catch (error) {
        throw new AuditpackError('BUNDLE_INVALID', `${join(dir, file.path)}: not valid JSON (${messageOf(error)}).`);
      }
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function operationId(key: Omit<CallKey, 'parameters'>): string {
  return `${key.account}|${key.region}|${key.service}|${key.operation}`;
}

function callId(key: CallKey): string {
  return `${operationId(key)}|${stableParams(key.parameters ?? {})}`;
}

/** Parameters as text with sorted keys, so `{a, b}` and `{b, a}` name the same call. */
function stableParams(parameters: Record<string, unknown>): string {
  return canonicalJson(parameters);
}

/** Exposed for tests and tools that need to know whether a path is a bundle at all. */
export async function isBundleDir(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'manifest.json'))).isFile();
  } catch {
    return false;
  }
}
