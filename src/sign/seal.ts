import { createPublicKey } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openBundle } from '../bundle/read-bundle.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { writeFileAtomic } from '../shared/write-file.js';
import type { SigningKey } from './keys.js';
import { signDetached, verifyDetached } from './signature.js';

/** The bundle's current signature, beside manifest.json. */
export const BUNDLE_SIGNATURE = 'manifest.json.sig';
/** Every seal ever made of the bundle: `signatures/0001/manifest.json` + `manifest.json.sig`, … */
export const SIGNATURE_HISTORY = 'signatures';

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
  manifest?: Buffer;
  signature?: Buffer;
}

/**
 * Seals a bundle: checks it (schema, every hash, nothing unlisted), then writes a detached
 * signature over the exact bytes of manifest.json to manifest.json.sig, and keeps a copy of the
 * manifest and signature in signatures/NNNN/ so a re-seal after an attestation was added leaves
 * every earlier seal verifiable. Sealing a manifest this key already sealed changes nothing.
 */
export async function sealBundle(dir: string, key: SigningKey): Promise<SealResult> {
  await openBundle(dir, { allowIncomplete: true });
  const manifest = await readFile(join(dir, 'manifest.json'));
  const manifestSha256 = sha256(manifest);
  const history = await readSignatureHistory(dir);
  const latest = history.at(-1);
  const self = [{ publicKey: createPublicKey(key.privateKey), fingerprint: key.fingerprint, source: 'signing key' }];
  if (latest?.manifest?.equals(manifest) && latest.signature && verifyDetached(manifest, latest.signature, self)) {
    await writeFileAtomic(join(dir, BUNDLE_SIGNATURE), latest.signature);
    return { manifestSha256, historyEntry: latest.path, signed: false };
  }
  const signature = signDetached(manifest, key);
  const entry = `${SIGNATURE_HISTORY}/${String(history.length + 1).padStart(4, '0')}`;
  await writeFileAtomic(join(dir, entry, 'manifest.json'), manifest);
  await writeFileAtomic(join(dir, entry, BUNDLE_SIGNATURE), signature);
  await writeFileAtomic(join(dir, BUNDLE_SIGNATURE), signature);
  return { manifestSha256, historyEntry: entry, signed: true };
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
      manifest: await readOptional(join(dir, path, 'manifest.json')),
      signature: await readOptional(join(dir, path, BUNDLE_SIGNATURE)),
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
