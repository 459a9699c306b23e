import { createPublicKey } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openBundle } from '../bundle/read-bundle.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { recoverFiles, writeFilesAtomically, type StagedFile } from '../shared/write-file.js';
import { displayFingerprint, type SigningKey, type TrustedKey } from './keys.js';
import { signDetached, verifyDetached } from './signature.js';
import { parseJsonBytes } from '../shared/json-bytes.js';

/** The bundle's current signature, beside manifest.json. */
export const BUNDLE_SIGNATURE = 'manifest.json.sig';
/** Every seal ever made of the bundle: `signatures/0001/manifest.json` + `manifest.json.sig`, … */
export const SIGNATURE_HISTORY = 'signatures';
/** The seal record: which manifest and signature a seal covers, and the seal before it. */
export const SEAL_RECORD = 'seal.json';
/** Detached signature over seal.json's exact bytes. */
export const SEAL_RECORD_SIGNATURE = 'seal.json.sig';

/** What {@link sealBundle} did. */
export interface SealResult {
  /** SHA-256 of the manifest bytes that were signed: the bundle's fingerprint. */
  manifestSha256: string;
  /** The history entry holding this seal, `signatures/0002`. */
  historyEntry: string;
  /** False when the manifest was already sealed by this key and the existing seal was kept. */
  signed: boolean;
}

/** One entry of the signature history, oldest first. */
export interface HistoryEntry {
  /** `signatures/0001`, relative to the bundle. */
  path: string;
  /** The number its folder name says (1 for 0001). */
  number: number;
  manifest?: Buffer;
  signature?: Buffer;
  /** The seal record; absent in seals made before seal chains. */
  seal?: Buffer;
  sealSignature?: Buffer;
}

/**
 * A seal record, signatures/NNNN/seal.json (canonical JSON). `previous` binds the seal before it,
 * so the history is a hash chain: removing, replacing or reordering a seal breaks it.
 */
export interface SealRecord {
  formatVersion: 1;
  kind: 'auditpack-seal';
  /** Its number in signatures/, from 1. */
  sequence: number;
  /** SHA-256 of the manifest it seals. */
  manifestSha256: string;
  /** SHA-256 of the detached signature over that manifest (manifest.json.sig). */
  signatureSha256: string;
  /** `SHA256:<hex>` of the signing key. */
  signer: string;
  /** The seal before it, or null for the first. */
  previous: SealLink | null;
}

/** What a seal record says about the seal before it. */
export interface SealLink {
  entry: string;
  manifestSha256: string;
  signatureSha256: string;
  /** SHA-256 of its seal.json; absent when it was made before seal chains. */
  sealSha256?: string;
}

/** Options for {@link sealBundle}. */
export interface SealOptions {
  /** Public keys besides the signing key that may have made the existing seals. */
  trusted?: readonly TrustedKey[];
  /** Other files to write in the same all-or-nothing change (an attestation and its new manifest.json). */
  changes?: readonly StagedFile[];
}

/**
 * Seals a bundle: checks it (schema, every hash, nothing unlisted) and, when it is already sealed,
 * that it still verifies against its seal and seal chain (re-sealing must never hide a change);
 * then signs manifest.json (manifest.json.sig), records the seal in signatures/NNNN/ with a
 * seal record chained to the seal before, and copies the record beside the manifest. All files
 * are written at once or not at all. Sealing a manifest this key already sealed changes nothing.
 */
export async function sealBundle(dir: string, key: SigningKey, options: SealOptions = {}): Promise<SealResult> {
  await recoverFiles(dir);
  await assertUntampered(dir, key, options.trusted ?? []);
  const changed = options.changes?.find((c) => c.path === 'manifest.json');
  const manifest = changed ? Buffer.from(changed.data) : await readFile(join(dir, 'manifest.json'));
  const plan = planSeal(await readSignatureHistory(dir), manifest, key);
  const files: StagedFile[] = [];
  for (const file of [...(options.changes ?? []), ...plan.files]) {
    // Leave files that already hold these bytes alone: sealing a sealed bundle writes nothing.
    if (!(await readOptional(join(dir, file.path)))?.equals(Buffer.from(file.data))) files.push(file);
  }
  await writeFilesAtomically(dir, files);
  return plan.result;
}

/**
 * Refuses a bundle whose current state does not verify: evidence against manifest.json, and,
 * once sealed, manifest.json and the seal history against the seals. Names what differs.
 */
export async function assertUntampered(dir: string, key: SigningKey, trusted: readonly TrustedKey[]): Promise<void> {
  const history = await readSignatureHistory(dir);
  const sealed =
    history.length > 0 ||
    (await readOptional(join(dir, BUNDLE_SIGNATURE))) !== undefined ||
    (await readOptional(join(dir, SEAL_RECORD))) !== undefined;
  if (!sealed) {
    await openBundle(dir, { allowIncomplete: true });
    return;
  }
  const self: TrustedKey = { publicKey: createPublicKey(key.privateKey), fingerprint: key.fingerprint, source: 'the signing key' };
  // Imported here: verify.ts imports this module.
  const { verifyBundleDir } = await import('./verify.js');
  const verdict = await verifyBundleDir(dir, dir, [self, ...trusted]);
  if (verdict.problems.length === 0) return;
  const latest = history.at(-1);
  const lines = verdict.problems.map((p) => p.message);
  const manifest = await readFile(join(dir, 'manifest.json'));
  if (latest?.manifest && !latest.manifest.equals(manifest))
    lines.unshift(...describeManifestChange(dir, latest.path, latest.manifest, manifest));
  const first = verdict.problems.find((p) => p.code === 'SIGNATURE_INVALID') ?? verdict.problems[0];
  throw new AuditpackError(
    first?.code ?? 'SIGNATURE_INVALID',
    `${dir}: does not verify against its existing seal, so it will not be sealed again (that would hide the change). Restore the bundle from its archive, or pass the public key of the earlier signer with --trusted-keys if it was sealed with another key.`,
    lines,
  );
}

/** What differs between the sealed copy of the manifest and the current one, field by field. */
function describeManifestChange(dir: string, entry: string, sealedBytes: Buffer, currentBytes: Buffer): string[] {
  let sealed: Record<string, unknown>;
  let current: Record<string, unknown>;
  try {
    sealed = parseJsonBytes(sealedBytes) as Record<string, unknown>;
    current = parseJsonBytes(currentBytes) as Record<string, unknown>;
  } catch {
    return [`${dir}/manifest.json: differs from the sealed copy ${entry}/manifest.json and is not valid JSON.`];
  }
  const lines: string[] = [];
  for (const list of ['files', 'attestations']) {
    const byPath = (value: unknown): Map<string, string> =>
      new Map(((Array.isArray(value) ? value : []) as { path?: unknown }[]).map((f) => [String(f.path), JSON.stringify(f)]));
    const before = byPath(sealed[list]);
    const after = byPath(current[list]);
    for (const [path, was] of before) {
      const now = after.get(path);
      if (now === undefined)
        lines.push(`${dir}/manifest.json: ${list} entry ${path} was removed after sealing (it is in ${entry}/manifest.json).`);
      else if (now !== was) {
        const a = JSON.parse(was) as Record<string, unknown>;
        const b = JSON.parse(now) as Record<string, unknown>;
        const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
        lines.push(
          `${dir}/manifest.json: ${list} entry ${path} changed after sealing: ${fields.map((f) => `${f} ${JSON.stringify(a[f])} → ${JSON.stringify(b[f])}`).join(', ')}.`,
        );
      }
    }
    for (const path of after.keys())
      if (!before.has(path)) lines.push(`${dir}/manifest.json: ${list} entry ${path} was added after sealing.`);
  }
  for (const field of [...new Set([...Object.keys(sealed), ...Object.keys(current)])].sort()) {
    if (field === 'files' || field === 'attestations') continue;
    if (JSON.stringify(sealed[field]) !== JSON.stringify(current[field]))
      lines.push(`${dir}/manifest.json: field "${field}" changed after sealing.`);
  }
  if (lines.length === 0)
    lines.push(`${dir}/manifest.json: its bytes differ from the sealed copy ${entry}/manifest.json (formatting only).`);
  return lines;
}

/** The files that seal `manifest` as the next entry of `history` (none when already sealed). */
function planSeal(history: HistoryEntry[], manifest: Buffer, key: SigningKey): { files: StagedFile[]; result: SealResult } {
  const manifestSha256 = sha256(manifest);
  const latest = history.at(-1);
  const self = [{ publicKey: createPublicKey(key.privateKey), fingerprint: key.fingerprint, source: 'signing key' }];
  if (
    latest?.manifest?.equals(manifest) &&
    latest.signature &&
    latest.seal &&
    latest.sealSignature &&
    verifyDetached(manifest, latest.signature, self)
  ) {
    // Already sealed: only make the copies beside the manifest agree with the newest seal again.
    return {
      files: [
        { path: BUNDLE_SIGNATURE, data: latest.signature },
        { path: SEAL_RECORD, data: latest.seal },
        { path: SEAL_RECORD_SIGNATURE, data: latest.sealSignature },
      ],
      result: { manifestSha256, historyEntry: latest.path, signed: false },
    };
  }
  const signature = signDetached(manifest, key);
  const sequence = history.length + 1;
  const entry = `${SIGNATURE_HISTORY}/${String(sequence).padStart(4, '0')}`;
  const record: SealRecord = {
    formatVersion: 1,
    kind: 'auditpack-seal',
    sequence,
    manifestSha256,
    signatureSha256: sha256(signature),
    signer: displayFingerprint(key.fingerprint),
    previous: latest ? linkTo(latest) : null,
  };
  const recordBytes = Buffer.from(canonicalJson(record));
  const recordSignature = signDetached(recordBytes, key);
  return {
    files: [
      { path: `${entry}/manifest.json`, data: manifest },
      { path: `${entry}/${BUNDLE_SIGNATURE}`, data: signature },
      { path: `${entry}/${SEAL_RECORD}`, data: recordBytes },
      { path: `${entry}/${SEAL_RECORD_SIGNATURE}`, data: recordSignature },
      { path: BUNDLE_SIGNATURE, data: signature },
      { path: SEAL_RECORD, data: recordBytes },
      { path: SEAL_RECORD_SIGNATURE, data: recordSignature },
    ],
    result: { manifestSha256, historyEntry: entry, signed: true },
  };
}

/** The link a seal record holds to `entry`, the seal before it. */
export function linkTo(entry: HistoryEntry): SealLink {
  return {
    entry: entry.path,
    manifestSha256: sha256(entry.manifest ?? Buffer.alloc(0)),
    signatureSha256: sha256(entry.signature ?? Buffer.alloc(0)),
    ...(entry.seal ? { sealSha256: sha256(entry.seal) } : {}),
  };
}

/** The entries of signatures/, oldest first; a file missing from an entry is left undefined. */
export async function readSignatureHistory(dir: string): Promise<HistoryEntry[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, SIGNATURE_HISTORY));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw new AuditpackError('IO', `${join(dir, SIGNATURE_HISTORY)}: cannot read the signature history (${messageOf(error)}).`);
  }
  const entries: HistoryEntry[] = [];
  for (const name of names.filter((n) => /^\d{4,}$/.test(n)).sort((a, b) => Number(a) - Number(b))) {
    const path = `${SIGNATURE_HISTORY}/${name}`;
    entries.push({
      path,
      number: Number(name),
      manifest: await readOptional(join(dir, path, 'manifest.json')),
      signature: await readOptional(join(dir, path, BUNDLE_SIGNATURE)),
      seal: await readOptional(join(dir, path, SEAL_RECORD)),
      sealSignature: await readOptional(join(dir, path, SEAL_RECORD_SIGNATURE)),
    });
  }
  return entries;
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}
