import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LIMITS, readRegularFile } from '../shared/limits.js';
import { basename, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import type { Attachment, Manifest } from '../bundle/manifest.js';
import { openBundle, type EvidenceBundle } from '../bundle/read-bundle.js';
import type { Catalog } from '../catalog/catalog.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { closest } from '../shared/suggest.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { recoverFiles, writeFilesAtomically, type StagedFile } from '../shared/write-file.js';
import { ATTESTATIONS_PATH, parseAttestations, type Attestation } from './attestations.js';

/** What a person attests, before it is stored. Evidence names local files to copy into the bundle. */
export interface AttestationInput {
  requirement: string;
  account?: string;
  result: Attestation['result'];
  attestedBy: string;
  role: string;
  date: string;
  expires: string;
  justification: string;
  evidence: string[];
}

/** What {@link planAttestation} would change: the files to write, all at once. */
export interface AttestationPlan {
  attestation: Attestation;
  /** manifest.json's new bytes. */
  manifest: string;
  /** Files to write in one all-or-nothing change; empty when the same attestation is already recorded. */
  changes: StagedFile[];
  /** False when an identical attestation is already in the bundle (a re-run): nothing is appended. */
  added: boolean;
}

/**
 * Adds an attestation to an unsealed bundle (see {@link planAttestation}), writing every file at
 * once or not at all. A sealed bundle is attested through the CLI, which seals the same change.
 */
export async function addAttestation(
  bundleDir: string,
  catalog: Catalog,
  input: AttestationInput,
): Promise<{ attestation: Attestation; manifest: string; added: boolean }> {
  await recoverFiles(bundleDir);
  const plan = await planAttestation(bundleDir, catalog, input);
  await writeFilesAtomically(bundleDir, plan.changes);
  return { attestation: plan.attestation, manifest: plan.manifest, added: plan.added };
}

/**
 * Plans an attestation: checks the bundle first (never add to a tampered one), checks the
 * requirement is a manual one of the catalog, refuses key material as evidence, names each
 * evidence file attestations/evidence/<first 12 digits of its SHA-256>-<name>, appends the entry
 * to attestations/attestations.yaml (keeping comments and earlier entries) and lists every new
 * file in manifest.json. Nothing is written: the caller writes `changes` (and seals them). An
 * attestation identical to one already recorded is not appended again, so re-running after a
 * crash is safe.
 */
export async function planAttestation(bundleDir: string, catalog: Catalog, input: AttestationInput): Promise<AttestationPlan> {
  const plan = await planAttestations(bundleDir, [{ catalog, input }]);
  const [attestation] = plan.attestations;
  if (!attestation) throw new Error('planAttestations returned no attestation for one input');
  return { attestation, manifest: plan.manifest, changes: plan.changes, added: plan.added > 0 };
}

/** What {@link planAttestations} would change for many decisions at once. */
export interface AttestationsPlan {
  /** One per input, in order: the stored attestation (the earlier identical one when it was already recorded). */
  attestations: Attestation[];
  /** How many were appended; the others were already in the bundle (or twice in the input). */
  added: number;
  /** manifest.json's new bytes. */
  manifest: string;
  /** Files to write in one all-or-nothing change; empty when nothing is new. */
  changes: StagedFile[];
}

/**
 * {@link planAttestation} for many decisions, each with its own catalog: all are checked before
 * anything is planned (the first problem stops it), appended in order to attestations.yaml, and
 * written as one change (one re-seal). Decisions already recorded are skipped. `opened` is the
 * bundle when the caller has just opened (and so verified) it.
 */
export async function planAttestations(
  bundleDir: string,
  items: readonly { catalog: Catalog; input: AttestationInput }[],
  opened?: EvidenceBundle,
): Promise<AttestationsPlan> {
  const bundle = opened ?? (await openBundle(bundleDir, { allowIncomplete: true }));
  for (const { catalog, input } of items) checkDecision(catalog, input, bundle.manifest.scope.accounts);

  const changes: StagedFile[] = [];
  const attachments = new Map<string, Attachment>();
  const yamlPath = join(bundleDir, ATTESTATIONS_PATH);
  const existing = await bundle.readAttachment(ATTESTATIONS_PATH);
  const doc = existing ? parseDocument(existing.toString('utf8')) : newAttestationsDocument();
  const before = existing ? parseAttestations(existing.toString('utf8'), yamlPath) : [];
  const recorded = new Map(before.map((a) => [decisionKey(a), a]));
  const attestations: Attestation[] = [];
  let added = 0;
  for (const { catalog, input } of items) {
    const evidence: { path: string; sha256: string }[] = [];
    for (const source of input.evidence) {
      const bytes = await readEvidence(source);
      const digest = sha256(bytes);
      const path = `attestations/evidence/${digest.slice(0, 12)}-${evidenceName(source)}`;
      if (!attachments.has(path)) {
        changes.push({ path, data: bytes });
        attachments.set(path, { path, sha256: digest, size: bytes.length });
      }
      evidence.push({ path, sha256: digest });
    }
    const entry = {
      framework: catalog.framework,
      version: catalog.version,
      requirement: input.requirement,
      ...(input.account !== undefined ? { account: input.account } : {}),
      result: input.result,
      attested_by: input.attestedBy,
      role: input.role,
      date: input.date,
      expires: input.expires,
      justification: input.justification,
      ...(evidence.length > 0 ? { evidence } : {}),
    };
    const attestation: Attestation = {
      framework: entry.framework,
      version: entry.version,
      requirement: entry.requirement,
      result: entry.result,
      attestedBy: entry.attested_by,
      role: entry.role,
      date: entry.date,
      expires: entry.expires,
      justification: entry.justification,
      evidence,
      line: 0,
    };
    if (input.account !== undefined) attestation.account = input.account;
    const same = recorded.get(decisionKey(attestation));
    if (same) {
      attestations.push(same);
      continue;
    }
    appendEntry(doc, entry);
    recorded.set(decisionKey(attestation), attestation);
    attestations.push(attestation);
    added++;
  }
  const manifestText = (await readFile(join(bundleDir, 'manifest.json'))).toString('utf8');
  if (added === 0) return { attestations, added, manifest: manifestText, changes: [] };

  const text = doc.toString({ lineWidth: 0 });
  // Parse what we are about to write: a bad date or result is refused before anything changes.
  const all = parseAttestations(text, yamlPath);
  const stored = new Map(all.slice(before.length).map((a) => [decisionKey(a), a]));
  const final = attestations.map((a) => stored.get(decisionKey(a)) ?? a);

  // Evidence only the skipped decisions named is not written.
  const cited = new Set(all.flatMap((a) => a.evidence.map((e) => e.path)));
  const kept = changes.filter((c) => cited.has(c.path));
  kept.push({ path: ATTESTATIONS_PATH, data: text });
  const manifest = JSON.parse(manifestText) as Manifest;
  const byPath = new Map((manifest.attestations ?? []).map((a) => [a.path, a]));
  for (const a of attachments.values()) if (cited.has(a.path)) byPath.set(a.path, a);
  byPath.set(ATTESTATIONS_PATH, { path: ATTESTATIONS_PATH, sha256: sha256(text), size: Buffer.byteLength(text) });
  manifest.attestations = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const newManifest = `${JSON.stringify(manifest, null, 2)}\n`;
  kept.push({ path: 'manifest.json', data: newManifest });
  return { attestations: final, added, manifest: newManifest, changes: kept };
}

/** Refuses (USAGE) a requirement the catalog lacks or evidence decides, and an account outside the bundle. */
function checkDecision(catalog: Catalog, input: AttestationInput, accounts: readonly { id: string }[]): void {
  const requirement = catalog.requirements.find((r) => r.id === input.requirement);
  if (!requirement) {
    const hint = closest(
      input.requirement,
      catalog.requirements.map((r) => r.id),
    );
    throw new AuditpackError(
      'USAGE',
      `--requirement ${input.requirement}: ${catalog.framework} ${catalog.version} has no such requirement.${hint ? ` Did you mean "${hint}"?` : ''}`,
    );
  }
  if (requirement.assessment !== 'manual') {
    throw new AuditpackError(
      'USAGE',
      `--requirement ${input.requirement}: "${requirement.title}" is automated; evidence decides it, not an attestation. Attest manual requirements only.`,
    );
  }
  if (input.account !== undefined && !accounts.some((a) => a.id === input.account)) {
    throw new AuditpackError(
      'USAGE',
      `--account ${input.account}: not an account of this bundle (${accounts.map((a) => a.id).join(', ')}).`,
    );
  }
}

/**
 * An evidence file's bytes: a regular file of bounded size (a FIFO or device here would hang or
 * never end) that holds no key material (exit 13: keys never go into a bundle or a register).
 */
export async function readEvidence(source: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(source, LIMITS.evidenceBytes);
  } catch (error) {
    throw new AuditpackError('IO', `--evidence ${source}: cannot read it (${messageOf(error)}). Give the path of a file to attach.`);
  }
  const kind = keyMaterialIn(bytes);
  if (kind) {
    throw new AuditpackError(
      'ATTESTATION_INVALID',
      `--evidence ${source}: is ${kind}. Keys never go into a bundle; attach a screenshot or document instead, and keep the key where it was.`,
    );
  }
  return bytes;
}

/** The evidence file's name as stored after its hash: characters other than letters, digits, ".", "_" and "-" become "_". */
export function evidenceName(source: string): string {
  return basename(source).replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The decision without where it stands in the file: equal keys record the same decision. */
function decisionKey(a: Attestation): string {
  const { line: _line, source: _source, ...decision } = a;
  return canonicalJson(decision);
}

/**
 * What kind of key material `bytes` holds, or undefined: a PEM private key (any PEM "PRIVATE KEY"
 * block, wherever it is in the file), a PKCS#12/PFX file, or a DER private key. Decided by
 * content, never by file name.
 */
export function keyMaterialIn(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1');
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return 'a PEM private key';
  if (/-----BEGIN (?:PKCS12|PFX)-----/.test(text)) return 'a PKCS#12 (PFX) key store';
  if (isPkcs12(bytes)) return 'a PKCS#12 (PFX) key store';
  if (bytes[0] === 0x30 && bytes.length < 1 << 16) {
    for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
      try {
        createPrivateKey({ key: bytes, format: 'der', type });
        return 'a DER private key';
      } catch {
        // not this encoding
      }
    }
  }
  return undefined;
}

/** PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo (id-data or id-signedData), … } */
function isPkcs12(bytes: Buffer): boolean {
  if (bytes[0] !== 0x30) return false;
  let at = 1;
  const first = bytes[at] ?? 0;
  at += first & 0x80 ? 1 + (first & 0x7f) : 1;
  if (bytes[at] !== 0x02 || bytes[at + 1] !== 0x01 || bytes[at + 2] !== 0x03) return false;
  at += 3;
  if (bytes[at] !== 0x30) return false;
  const second = bytes[at + 1] ?? 0;
  at += 2 + (second & 0x80 ? second & 0x7f : 0);
  // OID 1.2.840.113549.1.7.1 (data) or .7.2 (signedData)
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07]);
  return bytes.subarray(at, at + oid.length).equals(oid) && (bytes[at + oid.length] === 0x01 || bytes[at + oid.length] === 0x02);
}

function newAttestationsDocument(): Document {
  const doc = parseDocument('attestations: []\n');
  doc.commentBefore =
    ' Attestations: decisions by people on manual requirements. Written by "auditpack attest";\n' +
    ' each entry is hashed in manifest.json, so edit entries only through auditpack.';
  return doc;
}

function appendEntry(doc: Document, entry: Record<string, unknown>): void {
  const list = doc.get('attestations', true);
  if (!isSeq(list) || !isMap(doc.contents))
    throw new AuditpackError('ATTESTATION_INVALID', `${ATTESTATIONS_PATH}: has no "attestations:" list. Restore it from the archive.`);
  const node = doc.createNode(entry);
  list.flow = false;
  list.items.push(node);
}
