import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import type { Attachment, Manifest } from '../bundle/manifest.js';
import { openBundle } from '../bundle/read-bundle.js';
import type { Catalog } from '../catalog/catalog.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { closest } from '../shared/suggest.js';
import { writeFileAtomic } from '../shared/write-file.js';
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

/**
 * Adds an attestation to a bundle: checks the bundle first (never add to a tampered one), checks
 * the requirement is a manual one of the catalog, copies each evidence file into
 * attestations/evidence/ under a name that starts with its SHA-256, appends the entry to
 * attestations/attestations.yaml (keeping comments and earlier entries) and lists every new file
 * in manifest.json. Returns the stored attestation and the manifest's new bytes.
 */
export async function addAttestation(bundleDir: string, catalog: Catalog, input: AttestationInput): Promise<{ attestation: Attestation; manifest: string }> {
  const bundle = await openBundle(bundleDir, { allowIncomplete: true });
  const requirement = catalog.requirements.find((r) => r.id === input.requirement);
  if (!requirement) {
    const hint = closest(input.requirement, catalog.requirements.map((r) => r.id));
    throw new AuditpackError('USAGE', `--requirement ${input.requirement}: ${catalog.framework} ${catalog.version} has no such requirement.${hint ? ` Did you mean "${hint}"?` : ''}`);
  }
  if (requirement.assessment !== 'manual') {
    throw new AuditpackError('USAGE', `--requirement ${input.requirement}: "${requirement.title}" is automated; evidence decides it, not an attestation. Attest manual requirements only.`);
  }
  if (input.account !== undefined && !bundle.manifest.scope.accounts.some((a) => a.id === input.account)) {
    throw new AuditpackError('USAGE', `--account ${input.account}: not an account of this bundle (${bundle.manifest.scope.accounts.map((a) => a.id).join(', ')}).`);
  }

  const attachments: Attachment[] = [];
  const evidence: { path: string; sha256: string }[] = [];
  for (const source of input.evidence) {
    let bytes: Buffer;
    try {
      bytes = await readFile(source);
    } catch (error) {
      throw new AuditpackError('IO', `--evidence ${source}: cannot read it (${messageOf(error)}). Give the path of a file to attach.`);
    }
    const digest = sha256(bytes);
    const path = `attestations/evidence/${digest.slice(0, 12)}-${basename(source).replace(/[^A-Za-z0-9._-]/g, '_')}`;
    await writeFileAtomic(join(bundleDir, path), bytes);
    attachments.push({ path, sha256: digest, size: bytes.length });
    evidence.push({ path, sha256: digest });
  }

  const yamlPath = join(bundleDir, ATTESTATIONS_PATH);
  const existing = await bundle.readAttachment(ATTESTATIONS_PATH);
  const doc = existing ? parseDocument(existing.toString('utf8')) : newAttestationsDocument();
  appendEntry(doc, {
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
  });
  const text = doc.toString({ lineWidth: 0 });
  // Parse what we are about to write: a bad date or result is refused before anything changes.
  const stored = parseAttestations(text, yamlPath).at(-1) as Attestation;
  await writeFileAtomic(yamlPath, text);
  attachments.push({ path: ATTESTATIONS_PATH, sha256: sha256(text), size: Buffer.byteLength(text) });

  const manifestPath = join(bundleDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const byPath = new Map((manifest.attestations ?? []).map((a) => [a.path, a]));
  for (const a of attachments) byPath.set(a.path, a);
  manifest.attestations = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFileAtomic(manifestPath, manifestText);
  return { attestation: stored, manifest: manifestText };
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
  if (!isSeq(list) || !isMap(doc.contents)) throw new AuditpackError('ATTESTATION_INVALID', `${ATTESTATIONS_PATH}: has no "attestations:" list. Restore it from the archive.`);
  const node = doc.createNode(entry);
  list.flow = false;
  list.items.push(node);
}
