import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, makeDirectory, readRegularFile } from '../shared/limits.js';
import { closest } from '../shared/suggest.js';
import { writeFileAtomic } from '../shared/write-file.js';
import { evidenceName } from './add-attestation.js';
import type { CheckedDecision } from './decisions.js';
import { isDay } from './decisions.js';
import {
  DEFAULT_REGISTER_FILE,
  entryId,
  loadRegister,
  parseRegisterFile,
  readRegisterText,
  type RawRegisterEntry,
  type Register,
  type RegisterEntry,
  type Revocation,
} from './register.js';

/** What {@link importDecisions} did. */
export interface ImportResult {
  /** The register file the new entries were appended to. */
  file: string;
  /** The new entries, as stored. */
  added: RegisterEntry[];
  /** Decisions the register already held (same id): nothing was added for them. */
  alreadyThere: RegisterEntry[];
  /** Evidence files copied into the register, as paths. */
  evidence: string[];
}

/** A register file name auditpack may write: letters, digits, ".", "_", "-", ending .yaml or .yml. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.ya?ml$/;

/**
 * Adds checked decisions to a register, creating it when the path does not exist (a folder, or a
 * single file when the path ends in .yaml/.yml). Each entry gets its id ({@link entryId}), its
 * evidence is copied to `evidence/<first 12 hex of SHA-256>-<name>` beside the register's files,
 * and the entries are appended to `into` (default attestations.yaml) in a folder, or to the file.
 * A decision the register already holds (same id) is not added again, so importing the same file
 * twice changes nothing. The register must load cleanly first. Evidence files are written first
 * (named by their hash, they change nothing until an entry cites them), then the YAML file is
 * replaced in one rename: a crash leaves the register as it was, or with every new entry.
 */
export async function importDecisions(
  registerPath: string,
  decisions: readonly CheckedDecision[],
  options: { into?: string } = {},
): Promise<ImportResult> {
  const existing = await existingRegister(registerPath);
  const kind = existing?.kind ?? (/\.ya?ml$/i.test(registerPath) ? 'file' : 'directory');
  if (options.into !== undefined && kind === 'file') {
    throw new AuditpackError(
      'USAGE',
      `--into ${options.into}: the register ${registerPath} is one file; --into names a file in a register folder.`,
    );
  }
  const name = kind === 'file' ? basename(registerPath) : (options.into ?? DEFAULT_REGISTER_FILE);
  if (!FILE_NAME.test(name)) {
    throw new AuditpackError(
      'USAGE',
      `${name}: a register file name is letters, digits, ".", "_" and "-", ending in .yaml. Choose another name.`,
    );
  }
  const root = kind === 'file' ? dirname(registerPath) : registerPath;
  const file = kind === 'file' ? registerPath : join(registerPath, name);
  const known = new Map((existing?.entries ?? []).map((e) => [e.id, e]));

  const targetText = existing?.files.includes(file) ? await readRegisterText(file) : undefined;
  const doc = targetText !== undefined ? parseDocument(targetText) : newRegisterDocument();
  const list = doc.get('attestations', true);
  if (!isSeq(list) || !isMap(doc.contents)) throw new Error(`${file}: loaded as a register but has no attestations list`);
  list.flow = false;

  const evidence = new Map<string, Buffer>();
  const newIds: string[] = [];
  const alreadyThere: RegisterEntry[] = [];
  for (const decision of decisions) {
    const files = decision.evidence.map((e) => {
      const path = `evidence/${e.sha256.slice(0, 12)}-${evidenceName(e.source)}`;
      evidence.set(path, e.bytes);
      return { path, sha256: e.sha256 };
    });
    const { input, catalog } = decision;
    const raw: RawRegisterEntry = {
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
      ...(files.length > 0 ? { evidence: files } : {}),
    };
    const id = entryId(raw);
    const there = known.get(id);
    if (there) {
      alreadyThere.push(there);
      continue;
    }
    if (newIds.includes(id)) continue;
    newIds.push(id);
    list.items.push(doc.createNode({ id, ...raw }));
  }

  if (newIds.length === 0) return { file, added: [], alreadyThere, evidence: [] };
  const text = doc.toString({ lineWidth: 0 });
  // What is about to be written must load: a bad value is refused before anything changes.
  const stored = parseRegisterFile(text, file);
  const added = stored.filter((e) => newIds.includes(e.id));
  const cited = new Set(added.flatMap((e) => e.evidence.map((x) => x.path)));
  const written: string[] = [];
  if (kind === 'directory') await makeDirectory(registerPath);
  for (const [path, bytes] of evidence) {
    if (!cited.has(path)) continue;
    const target = join(root, path);
    const present = await readIfPresent(target);
    if (present !== undefined && sha256(present) === sha256(bytes)) continue;
    await writeFileAtomic(target, bytes);
    written.push(target);
  }
  await writeFileAtomic(file, text);
  return { file, added, alreadyThere, evidence: written };
}

/**
 * Marks an entry revoked from `revocation.date` on, in its file (keeping comments and the other
 * entries), writing its id when the file had none. Reports of bundles collected before that day
 * still use the entry; later ones report it as revoked. Revoking an entry that is already revoked
 * changes nothing (`changed: false`).
 */
export async function revokeEntry(
  registerPath: string,
  id: string,
  revocation: Revocation,
): Promise<{ entry: RegisterEntry; changed: boolean }> {
  if (!isDay(revocation.date)) throw new AuditpackError('USAGE', `--date ${revocation.date}: not a date. Write it as YYYY-MM-DD.`);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (!revocation.by.trim() || /[\u0000-\u001f\u007f-\u009f]/.test(revocation.by))
    throw new AuditpackError('USAGE', '--by: give the name of who revokes it, on one line.');
  if (!revocation.reason.trim()) throw new AuditpackError('USAGE', '--reason: say why the decision no longer holds.');
  const register = await loadRegister(registerPath);
  const entry = register.entries.find((e) => e.id === id);
  if (!entry) {
    const hint = closest(
      id,
      register.entries.map((e) => e.id),
    );
    throw new AuditpackError(
      'USAGE',
      `${id}: no such entry in the register ${registerPath}.${hint ? ` Did you mean "${hint}"?` : ''} "auditpack attest list --register ${registerPath}" lists the ids.`,
    );
  }
  if (entry.revoked) return { entry, changed: false };
  const doc = parseDocument(await readRegisterText(entry.file));
  const node = doc.getIn(['attestations', entry.index], true);
  if (!isMap(node)) throw new Error(`${entry.file}: entry ${entry.index} is not a map though it loaded`);
  if (!entry.idWritten) node.items.unshift(doc.createPair('id', entry.id));
  node.set('revoked', doc.createNode({ date: revocation.date, by: revocation.by, reason: revocation.reason }));
  const text = doc.toString({ lineWidth: 0 });
  const revised = parseRegisterFile(text, entry.file).find((e) => e.id === id);
  if (!revised) throw new Error(`${entry.file}: entry ${id} lost while revoking it`);
  await writeFileAtomic(entry.file, text);
  return { entry: revised, changed: true };
}

/** The register at a path, or undefined when nothing is there yet. */
async function existingRegister(path: string): Promise<Register | undefined> {
  try {
    await stat(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw new AuditpackError('IO', `--register ${path}: cannot read it (${messageOf(error)}).`);
  }
  return loadRegister(path);
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readRegularFile(path, LIMITS.evidenceBytes);
  } catch {
    return undefined;
  }
}

function newRegisterDocument(): Document {
  const doc = parseDocument('attestations: []\n');
  doc.commentBefore =
    ' Attestation register: decisions by people on manual requirements, applied to every bundle\n' +
    ' collected while they hold (docs/attestations.md). Add with "auditpack attest import", revoke\n' +
    ' with "auditpack attest revoke"; keep it in git. Evidence files live in evidence/ beside it.';
  return doc;
}
