import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Manifest, ManifestFile, MergedShard } from '../bundle/manifest.js';
import { openBundle } from '../bundle/read-bundle.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { readSmallFileSync } from '../shared/limits.js';
import { sha256 } from '../shared/hash.js';
import type { TrustedKey } from '../sign/keys.js';
import { BUNDLE_SIGNATURE } from '../sign/seal.js';
import { verifyBundleDir } from '../sign/verify.js';

/** What `auditpack merge` is given. */
export interface MergeOptions {
  /** The shard bundles, in any order. */
  inputs: string[];
  /** The merged bundle's directory: must not exist, or be empty. */
  out: string;
  /** Keys a shard's seal must verify against; a sealed shard is always checked. */
  trusted: readonly TrustedKey[];
  /** Refuse a shard that is not sealed. */
  requireSigned: boolean;
  /** Most hours between the earliest and the latest start of the shards' collections. */
  windowToleranceHours: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What a merge did. */
export interface MergeResult {
  dir: string;
  manifest: Manifest;
  /** Notes for the user: unsealed shards accepted, regions that differ between shards. */
  warnings: string[];
}

/** The default `--window-tolerance`: shards of one quarterly run start within a day of each other. */
export const DEFAULT_WINDOW_TOLERANCE_HOURS = 24;

// Files copied between two turns of the event loop.
const COPY_BATCH = 500;

interface Copy {
  from: string;
  to: string;
  file: ManifestFile;
}

interface Loaded {
  dir: string;
  manifest: Manifest;
  manifestBytes: Buffer;
  signature?: { bytes: Buffer; keyFingerprint: string };
}

/**
 * Merges the bundles of one sharded collection into one bundle: every evidence file copied with its
 * manifest entry as it was, scope and errors combined, and each shard's manifest and signature kept
 * under shards/NNNN/ and listed. The result does not depend on the order of the inputs. Refuses
 * overlapping accounts, shards of different runs or organisations, a missing shard, collection
 * windows further apart than the tolerance, shards whose seal does not verify, and (with
 * requireSigned) unsealed shards.
 */
export async function mergeBundles(options: MergeOptions): Promise<MergeResult> {
  const log = options.log ?? (() => undefined);
  if (options.inputs.length === 0) throw new AuditpackError('USAGE', 'merge: give the shard bundles to merge');
  const warnings: string[] = [];
  const loaded: Loaded[] = [];
  for (const dir of options.inputs) {
    loaded.push(await loadShard(dir, options, warnings));
    log(`checked ${dir}\n`);
  }
  loaded.sort((a, b) => order(a.manifest) - order(b.manifest) || (a.manifest.bundleId < b.manifest.bundleId ? -1 : 1));
  checkShards(loaded, options.windowToleranceHours);

  const target = options.out;
  await ensureEmpty(target);
  const staging = `${target.replace(/\/+$/, '')}.merging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const files: ManifestFile[] = [];
    const copies: Copy[] = [];
    for (const shard of loaded) {
      for (const file of shard.manifest.files) {
        files.push(file);
        copies.push({ from: join(shard.dir, file.path), to: join(staging, file.path), file });
      }
    }
    await copyAll(copies, log);
    const shards: MergedShard[] = [];
    for (const [position, shard] of loaded.entries()) {
      const index = shard.manifest.collection.shard?.index ?? position;
      const folder = `shards/${String(index).padStart(4, '0')}`;
      await mkdir(join(staging, folder), { recursive: true });
      await writeFile(join(staging, folder, 'manifest.json'), shard.manifestBytes);
      const entry: MergedShard = {
        index,
        bundleId: shard.manifest.bundleId,
        startedAt: shard.manifest.collection.startedAt,
        finishedAt: shard.manifest.collection.finishedAt,
        accounts: shard.manifest.scope.accounts.map((a) => a.id),
        manifest: { path: `${folder}/manifest.json`, sha256: sha256(shard.manifestBytes), size: shard.manifestBytes.length },
      };
      if (shard.signature) {
        await writeFile(join(staging, folder, BUNDLE_SIGNATURE), shard.signature.bytes);
        entry.signature = {
          path: `${folder}/${BUNDLE_SIGNATURE}`,
          sha256: sha256(shard.signature.bytes),
          size: shard.signature.bytes.length,
          keyFingerprint: shard.signature.keyFingerprint,
        };
      }
      shards.push(entry);
    }
    const manifest = mergedManifest(loaded, files, shards);
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // The result is checked like any bundle before it takes the target's place: its manifest against
    // the schema, every listed file there with its size, nothing unlisted. The hashes were checked
    // on the bytes as they were copied.
    await openBundle(staging, { sizesOnly: true });
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return { dir: target, manifest, warnings };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function loadShard(dir: string, options: MergeOptions, warnings: string[]): Promise<Loaded> {
  // openBundle checks the schema, every file's size, and that nothing is unlisted; each file's
  // SHA-256 is checked as it is copied (copyAll), so a changed byte still refuses the merge.
  const bundle = await openBundle(dir, { sizesOnly: true });
  const manifestBytes = await readFile(join(dir, 'manifest.json'));
  const signatureBytes = await readFile(join(dir, BUNDLE_SIGNATURE)).catch(() => undefined);
  const loaded: Loaded = { dir, manifest: bundle.manifest, manifestBytes };
  if (bundle.manifest.shards) {
    throw new AuditpackError('USAGE', `${dir}: is itself a merged bundle; merge the original shards together instead`);
  }
  if (signatureBytes === undefined) {
    if (options.requireSigned)
      throw new AuditpackError(
        'SIGNATURE_INVALID',
        `${dir}/${BUNDLE_SIGNATURE}: is missing; --require-signed accepts only sealed shards. Seal it ("auditpack seal ${dir} --key KEY") where it was collected, or collect it again with --sign.`,
      );
    warnings.push(`${dir}: is not sealed; its evidence is merged on the strength of its manifest's hashes alone`);
    return loaded;
  }
  if (options.trusted.length === 0)
    throw new AuditpackError(
      'USAGE',
      `${dir}: is sealed, and a seal is checked before merging; give the public key it was sealed with (--key PUBLIC.pem)`,
    );
  const verified = await verifyBundleDir(dir, dir, options.trusted, { sizesOnly: true });
  if (!verified.ok || !verified.signer) {
    const problems = verified.problems.map((p) => p.message);
    throw new AuditpackError('SIGNATURE_INVALID', `${dir}: its seal does not verify, so it is not merged`, problems);
  }
  loaded.signature = { bytes: signatureBytes, keyFingerprint: verified.signer.fingerprint };
  return loaded;
}

function order(manifest: Manifest): number {
  return manifest.collection.shard?.index ?? Number.MAX_SAFE_INTEGER;
}

function checkShards(shards: Loaded[], toleranceHours: number): void {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const { dir, manifest } of shards) {
    const twice = ids.get(manifest.bundleId);
    if (twice !== undefined) problems.push(`${dir}: is the same bundle as ${twice} (bundle id ${manifest.bundleId}); give each shard once`);
    ids.set(manifest.bundleId, dir);
  }
  const owner = new Map<string, string>();
  for (const { dir, manifest } of shards) {
    for (const { id } of manifest.scope.accounts) {
      const other = owner.get(id);
      if (other !== undefined && other !== dir)
        problems.push(`account ${id}: is in both ${other} and ${dir}; each account must come from one shard`);
      owner.set(id, dir);
    }
  }
  const tools = new Set(shards.map((s) => `${s.manifest.tool.name} ${s.manifest.tool.version}`));
  if (tools.size > 1)
    problems.push(
      `the shards were collected by different versions (${[...tools].sort().join(', ')}); collect every shard with one version`,
    );

  const sharded = shards.filter((s) => s.manifest.collection.shard);
  if (sharded.length > 0 && sharded.length < shards.length) {
    const plain = shards.filter((s) => !s.manifest.collection.shard).map((s) => s.dir);
    problems.push(`${plain.join(', ')}: not collected with --shard, unlike the others; merge shards of one sharded run`);
  }
  if (sharded.length === shards.length) {
    const runs = new Set(shards.map(({ manifest }) => `${manifest.collection.shard?.count}/${manifest.collection.shard?.accountsSha256}`));
    if (runs.size > 1)
      problems.push(
        `the shards come from different runs: ${shards.map((s) => `${s.dir} is shard ${s.manifest.collection.shard?.index}/${s.manifest.collection.shard?.count} of an organisation of ${s.manifest.collection.shard?.organizationAccounts} accounts (${s.manifest.collection.shard?.accountsSha256.slice(0, 12)}…)`).join('; ')}`,
      );
    const byIndex = new Map<number, string>();
    for (const { dir, manifest } of shards) {
      const index = manifest.collection.shard?.index ?? -1;
      const other = byIndex.get(index);
      if (other !== undefined) problems.push(`${other} and ${dir}: are both shard ${index}; give each shard once`);
      byIndex.set(index, dir);
    }
    const expected = shards[0]?.manifest.collection.shard?.organizationAccounts ?? 0;
    if (runs.size === 1 && owner.size < expected) {
      const count = shards[0]?.manifest.collection.shard?.count ?? 0;
      const absent = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
      problems.push(
        `the shards hold ${owner.size} of the organisation's ${expected} accounts; shard${absent.length === 1 ? '' : 's'} ${absent.join(', ')} of ${count} ${absent.length === 1 ? 'is' : 'are'} missing. Collect ${absent.length === 1 ? 'it' : 'them'} (--shard ${absent[0] ?? 0}/${count}) and merge again`,
      );
    }
  }
  const starts = shards.map((s) => Date.parse(s.manifest.collection.startedAt));
  const spread = (Math.max(...starts) - Math.min(...starts)) / 3_600_000;
  if (spread > toleranceHours) {
    const first = shards[starts.indexOf(Math.min(...starts))];
    const last = shards[starts.indexOf(Math.max(...starts))];
    problems.push(
      `the collections started ${spread.toFixed(1)} hours apart (${first?.dir} at ${first?.manifest.collection.startedAt}, ${last?.dir} at ${last?.manifest.collection.startedAt}), more than --window-tolerance ${toleranceHours}; one audit's evidence must be from one point in time. Collect the late or early shards again, or raise the tolerance if that is what you mean`,
    );
  }
  if (problems.length > 0) throw new AuditpackError('BUNDLE_INVALID', `merge: ${problems[0] as string}`, problems.slice(1));
}

function mergedManifest(shards: Loaded[], files: ManifestFile[], merged: MergedShard[]): Manifest {
  const first = shards[0] as Loaded;
  const accounts = shards.flatMap((s) => s.manifest.scope.accounts).sort((a, b) => (a.id < b.id ? -1 : 1));
  const regions = [...new Set(shards.flatMap((s) => s.manifest.scope.regions))].sort();
  const errors = shards.flatMap((s) => s.manifest.errors).sort((a, b) => key(a).localeCompare(key(b)));
  const starts = shards.map((s) => s.manifest.collection.startedAt).sort();
  const ends = shards.map((s) => s.manifest.collection.finishedAt).sort();
  return {
    formatVersion: 1,
    bundleId: derivedUuid(shards.map((s) => s.manifest.bundleId).sort()),
    tool: first.manifest.tool,
    collection: { startedAt: starts[0] as string, finishedAt: ends.at(-1) as string, complete: true },
    scope: { accounts, regions },
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    errors,
    shards: merged,
  };
}

function key(error: Manifest['errors'][number]): string {
  return [error.account, error.region, error.service, error.operation, JSON.stringify(error.parameters ?? {}), error.code].join('\u0000');
}

/** A UUID (version 8, name-based on SHA-256) of the shards' bundle ids: the same shards give the same merged id. */
function derivedUuid(ids: string[]): string {
  const bytes = createHash('sha256')
    .update(`auditpack-merge\n${ids.join('\n')}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function ensureEmpty(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory() || (await readdir(dir)).length > 0)
    throw new AuditpackError('USAGE', `--out ${dir}: exists and is not an empty directory; choose a new directory for the merged bundle`);
}

/**
 * Copies the shards' files into the staging folder, checking each file's size and SHA-256 against
 * its shard's manifest on the bytes it writes: the shards' hashes are checked here, once, and the
 * merged bundle holds exactly what the shards' manifests list. Synchronous calls in batches, the
 * event loop running between them: at 165,000 files a round trip to libuv's thread pool per call
 * cost more than the copying, and so did copyFile's attempt to clone each file.
 */
async function copyAll(copies: Copy[], log: (line: string) => void): Promise<void> {
  const folders = new Set(copies.map(({ to }) => dirname(to)));
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
  const problems: string[] = [];
  for (const [i, { from, to, file }] of copies.entries()) {
    let bytes: Buffer | undefined;
    try {
      // Never more than the manifest says: a file larger than that is a mismatch, not a long read.
      bytes = readSmallFileSync(from, file.size);
    } catch (error) {
      problems.push(`${from}: cannot be read (${messageOf(error)}). Restore the shard from its archive and merge again.`);
      continue;
    }
    const found = bytes ? sha256(bytes) : 'a larger file';
    if (!bytes || bytes.length !== file.size || found !== file.sha256)
      problems.push(
        `${from}: sha256 does not match its shard's manifest.json (expected ${file.sha256}, found ${found}). The file changed after collection; restore the shard from its archive and merge again.`,
      );
    else writeFileSync(to, bytes, { flag: 'wx' });
    if ((i + 1) % COPY_BATCH === 0) {
      if ((i + 1) % 10_000 === 0) log(`copied ${i + 1} of ${copies.length} files\n`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (problems.length > 0) throw new AuditpackError('BUNDLE_INTEGRITY', `merge: ${problems[0] as string}`, problems.slice(1));
}
