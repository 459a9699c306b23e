import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename, sep } from 'node:path';
import { AuditpackError } from './errors.js';
import { sha256File } from './hash.js';
import { makeDirectory } from './limits.js';

/** A file's content: bytes, or pieces produced while it is written (a report too large for one string). */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

/** Writes a file atomically (temp file + rename), so a crash never leaves half a report. */
export async function writeFileAtomic(path: string, data: FileContent): Promise<void> {
  await makeDirectory(dirname(path));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(temp, data);
  else await writePieces(temp, data, false);
  await rename(temp, path);
}

/** Writes pieces to a new file, optionally fsynced; returns the SHA-256 and size of what it wrote. */
async function writePieces(path: string, data: FileContent, durable: boolean): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(path, 'w');
  try {
    const pieces = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await handle.write(Buffer.concat(batch));
      batch = [];
      batchBytes = 0;
    };
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      hash.update(bytes);
      size += bytes.length;
      batch.push(bytes);
      batchBytes += bytes.length;
      if (batchBytes >= 1 << 20) await flush();
    }
    await flush();
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/** Called before every write, rename and delete of {@link writeFilesAtomically}: tests inject crashes (a throw) here. */
export type WriteHook = (action: 'write' | 'rename' | 'remove', path: string) => void;
let writeHook: WriteHook | undefined;

/** Installs (or, with undefined, removes) the {@link WriteHook}; returns the one it replaced. */
export function setWriteHook(hook: WriteHook | undefined): WriteHook | undefined {
  const previous = writeHook;
  writeHook = hook;
  return previous;
}

/** The folder in a bundle where a multi-file change is staged and journalled until it is applied. */
export const TRANSACTION_DIR = '.auditpack-transaction';
const JOURNAL = 'journal.json';
/** writeFileAtomic's temporary names: `.<name>.<pid>.tmp`. */
const TEMP_FILE = /^\..+\.\d+\.tmp$/;
const SAFE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** One file of a multi-file change: a path relative to the root, and its new content. */
export interface StagedFile {
  path: string;
  data: string | Uint8Array;
}

interface Journal {
  formatVersion: 1;
  files: { path: string; sha256: string; staged: string }[];
}

/**
 * Writes several files under `root` all or nothing. Each file is first written and fsynced into
 * TRANSACTION_DIR; then a journal listing them is renamed into place (the commit point); then
 * each is renamed over its target and the folder deleted. A crash before the commit leaves the
 * old files (and a staging folder that the next run deletes); a crash after it leaves a journal
 * that the next run, through {@link recoverFiles}, finishes. Files are fsynced, and so are the
 * folders whose entries changed, so a power loss cannot undo a committed change.
 */
export async function writeFilesAtomically(root: string, files: readonly StagedFile[]): Promise<void> {
  const change = await beginChange(root);
  for (const file of files) await change.stage(file.path, file.data);
  await change.commit();
}

/** A multi-file change being staged: see {@link writeFilesAtomically}, which is begin, stage each, commit. */
export interface FileChange {
  /** Writes one file's new content into the staging folder; returns its SHA-256 and size (to seal it before the commit). */
  stage(path: string, data: FileContent): Promise<{ sha256: string; size: number }>;
  /** The commit point, then the files moved into place. Nothing changes under root before this. */
  commit(): Promise<void>;
}

/** Starts a multi-file change under `root` (finishing or undoing an interrupted one first). */
export async function beginChange(root: string): Promise<FileChange> {
  await recoverFiles(root);
  const txn = join(root, TRANSACTION_DIR);
  const journal: Journal = { formatVersion: 1, files: [] };
  return {
    stage: async (path, data) => {
      if (!SAFE_PATH.test(path)) throw new Error(`writeFilesAtomically: unsafe path ${path}`);
      if (journal.files.length === 0) await mkdir(join(txn, 'files'), { recursive: true });
      const staged = `files/${journal.files.length}`;
      hook('write', join(txn, staged));
      const written = await writePieces(join(txn, staged), data, true);
      journal.files.push({ path, sha256: written.sha256, staged });
      return written;
    },
    commit: async () => {
      if (journal.files.length === 0) return;
      await syncDir(join(txn, 'files'));
      await writeDurable(join(txn, `${JOURNAL}.tmp`), `${JSON.stringify(journal, null, 2)}\n`);
      hook('rename', join(txn, JOURNAL));
      await rename(join(txn, `${JOURNAL}.tmp`), join(txn, JOURNAL));
      await syncDir(txn);
      await applyJournal(root, journal);
    },
  };
}

/**
 * Brings `root` back to a consistent state after a crash: finishes a committed change (a journal
 * in TRANSACTION_DIR), deletes an uncommitted one, and deletes writeFileAtomic's stale temporary
 * files. Returns what it did.
 */
export async function recoverFiles(root: string): Promise<'none' | 'rolled-back' | 'rolled-forward'> {
  const txn = join(root, TRANSACTION_DIR);
  let outcome: 'none' | 'rolled-back' | 'rolled-forward' = 'none';
  let text: string | undefined;
  try {
    text = await readFile(join(txn, JOURNAL), 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    await applyJournal(root, parseJournal(text, join(txn, JOURNAL)));
    outcome = 'rolled-forward';
  } else if (await exists(txn)) {
    hook('remove', txn);
    await rm(txn, { recursive: true, force: true });
    await syncDir(root);
    outcome = 'rolled-back';
  }
  await removeStaleTemps(root);
  return outcome;
}

function parseJournal(text: string, path: string): Journal {
  const problem = `${path}: is not a journal auditpack wrote. Restore the bundle from its archive, or delete ${TRANSACTION_DIR} to keep the files as they are.`;
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch {
    throw new AuditpackError('BUNDLE_INVALID', problem);
  }
  const ok =
    journal.formatVersion === 1 &&
    Array.isArray(journal.files) &&
    journal.files.every(
      (f) =>
        typeof f.path === 'string' &&
        SAFE_PATH.test(f.path) &&
        !f.path.startsWith(TRANSACTION_DIR) &&
        /^files\/\d+$/.test(f.staged) &&
        /^[0-9a-f]{64}$/.test(f.sha256),
    );
  if (!ok) throw new AuditpackError('BUNDLE_INVALID', problem);
  return journal;
}

async function applyJournal(root: string, journal: Journal): Promise<void> {
  const txn = join(root, TRANSACTION_DIR);
  const dirs = new Set<string>();
  for (const file of journal.files) {
    const target = join(root, file.path);
    const staged = join(txn, file.staged);
    if (await exists(staged)) {
      // A journal in a bundle someone else handed over must not write outside it (through a
      // symbolic link) or put anything there but what it lists.
      let existing = dirname(target);
      while (!(await exists(existing)) && existing !== root) existing = dirname(existing);
      const [base, parent] = await Promise.all([realpath(root), realpath(existing)]);
      const staysInside = parent === base || parent.startsWith(`${base}${sep}`);
      const digest = (await sha256File(staged)).sha256;
      if (!staysInside || digest !== file.sha256) {
        throw new AuditpackError(
          'BUNDLE_INVALID',
          `${join(txn, JOURNAL)}: is not a journal auditpack wrote (${staysInside ? `the staged copy of ${file.path} does not match it` : `${file.path} leads outside the bundle`}). Restore the bundle from its archive, or delete ${TRANSACTION_DIR} to keep the files as they are.`,
        );
      }
      await mkdir(dirname(target), { recursive: true });
      hook('rename', target);
      await rename(staged, target);
      dirs.add(dirname(target));
    } else {
      // Moved before the crash; it must hold what the journal says, or the change cannot be finished.
      let actual: string | undefined;
      try {
        actual = (await sha256File(target)).sha256;
      } catch {
        actual = undefined;
      }
      if (actual !== file.sha256) {
        throw new AuditpackError(
          'BUNDLE_INVALID',
          `${target}: an interrupted change cannot be finished (the file is not what ${join(TRANSACTION_DIR, JOURNAL)} says was written). Restore the bundle from its archive.`,
        );
      }
    }
  }
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await syncDir(dir);
  hook('remove', txn);
  await rm(txn, { recursive: true, force: true });
  await syncDir(root);
}

async function removeStaleTemps(dir: string): Promise<void> {
  for await (const path of walkFiles(dir)) {
    if (!TEMP_FILE.test(basename(path))) continue;
    hook('remove', path);
    await rm(path, { force: true });
  }
}

/** Every entry below `dir` that is not a directory, depth first; a directory that cannot be read yields nothing. */
export async function* walkFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path);
    else yield path;
  }
}

async function writeDurable(path: string, data: string | Uint8Array): Promise<void> {
  hook('write', path);
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a folder so the names created or renamed in it survive a power loss (a no-op where unsupported). */
async function syncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** Whether anything exists at `path` (a file, a directory, anything `stat` can see). */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function hook(action: 'write' | 'rename' | 'remove', path: string): void {
  writeHook?.(action, path);
}
