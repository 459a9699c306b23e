import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { CollectionError, Manifest, ManifestFile, ShardRecord } from '../bundle/manifest.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { walkFiles, writeFileAtomic } from '../shared/write-file.js';
import { withCause, type FailureKind } from './aws-errors.js';
import { callId, evidencePath, type CallRef } from './paths.js';

/** The journal beside manifest.json: one JSON line per finished call, page and error. Not under aws/, so never part of the bundle. */
export const JOURNAL_NAME = '.collect-state.jsonl';

/** How the run chose its accounts and regions; recorded so that `--resume` repeats the same scope. */
export interface RunPlan {
  /** `single`: the credentials' own account; `accounts`/`organization`: each assumed with `roleName`. */
  mode: 'single' | 'accounts' | 'organization';
  /** Regions given with `--regions`; absent when every enabled region is collected. */
  regions?: string[];
  roleName?: string;
  /** Whether an external id was used (its value is never written down). */
  externalId?: boolean;
  /** `--shard I/N`: this run collects one slice of the accounts. */
  shard?: ShardRecord;
}

/** One account of the run and, once known, its regions. */
export interface AccountEntry {
  id: string;
  name?: string;
  regions?: string[];
}

type JournalLine =
  | { t: 'begin'; bundleId: string; startedAt: string; tool: { name: string; version: string }; plan: RunPlan }
  | { t: 'account'; account: AccountEntry }
  | { t: 'file'; call: string; file: ManifestFile; next?: string }
  | { t: 'done'; call: string }
  | { t: 'drop'; call: string }
  | { t: 'error'; error: CollectionError; call?: string; kind: FailureKind };

/** What to start a new bundle with. */
export interface NewBundle {
  bundleId: string;
  startedAt: string;
  toolVersion: string;
  plan: RunPlan;
}

/**
 * Writes an evidence bundle as a run goes: each response atomically as it arrives, a journal line
 * per finished call (so `--resume` skips it), and manifest.json — `complete: false` until the end.
 */
export class BundleWriter {
  private readonly files = new Map<string, ManifestFile>();
  private readonly pagesByCall = new Map<string, ManifestFile[]>();
  private readonly nextTokens = new Map<string, string>();
  private readonly pathOwner = new Map<string, string>();
  private readonly doneCalls = new Set<string>();
  private readonly doneBefore = new Set<string>();
  private readonly errorList: { error: CollectionError; kind: FailureKind; call?: string }[] = [];
  private readonly accountList: AccountEntry[] = [];
  private journalFd: number | undefined;
  private dirty = true;
  private manifestWrite: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly bundleId: string,
    readonly startedAt: string,
    readonly tool: { name: string; version: string },
    readonly plan: RunPlan,
  ) {}

  /** Starts a bundle in `dir`, which must not exist or be empty. */
  static async create(dir: string, init: NewBundle): Promise<BundleWriter> {
    const state = await inspect(dir);
    if (state === 'complete') throw completeBundleError(dir);
    if (state === 'unfinished') {
      throw new AuditpackError(
        'USAGE',
        `${dir}: holds an unfinished collection. Finish it with "auditpack collect --out ${dir} --resume", or choose another --out.`,
      );
    }
    if (state === 'other')
      throw new AuditpackError('USAGE', `${dir}: is not empty and holds no evidence bundle. Choose a new or empty directory for --out.`);
    const writer = new BundleWriter(dir, init.bundleId, init.startedAt, { name: 'auditpack', version: init.toolVersion }, init.plan);
    await writeFileAtomic(join(dir, JOURNAL_NAME), '');
    writer.journalFd = openSync(join(dir, JOURNAL_NAME), 'a');
    writer.append({ t: 'begin', bundleId: writer.bundleId, startedAt: writer.startedAt, tool: writer.tool, plan: init.plan });
    return writer;
  }

  /** Reopens an unfinished bundle from its journal; failed calls other than AWS's answers (AccessDenied, …) are tried again. */
  static async resume(dir: string): Promise<BundleWriter> {
    const state = await inspect(dir);
    if (state === 'complete') throw completeBundleError(dir);
    if (state !== 'unfinished') {
      throw new AuditpackError(
        'USAGE',
        `${dir}: holds no unfinished collection to resume (no ${JOURNAL_NAME}). Run "auditpack collect --out ${dir}" without --resume to start one.`,
      );
    }
    const journalPath = join(dir, JOURNAL_NAME);
    const lines = (await readFile(journalPath, 'utf8')).split('\n');
    let writer: BundleWriter | undefined;
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let line: JournalLine;
      try {
        line = JSON.parse(text) as JournalLine;
      } catch (error) {
        // A crash can cut the last line short; anything earlier is damage we must not guess about.
        if (i >= lines.length - 2) return;
        throw new AuditpackError(
          'BUNDLE_INVALID',
          `${journalPath}:${i + 1}: not valid JSON (${messageOf(error)}). The journal is damaged; collect again into a new directory.`,
        );
      }
      if (line.t === 'begin') writer = new BundleWriter(dir, line.bundleId, line.startedAt, line.tool, line.plan);
      else if (!writer)
        throw new AuditpackError(
          'BUNDLE_INVALID',
          `${journalPath}:1: does not start with the run's begin line. Collect again into a new directory.`,
        );
      else writer.replay(line);
    });
    if (!writer) throw new AuditpackError('BUNDLE_INVALID', `${journalPath}: is empty. Collect again into a new directory.`);
    writer.journalFd = openSync(journalPath, 'a');
    return writer;
  }

  private replay(line: Exclude<JournalLine, { t: 'begin' }>): void {
    switch (line.t) {
      case 'account':
        this.putAccount(line.account);
        break;
      case 'file':
        this.addFile(line.call, line.file, line.next);
        break;
      case 'done':
        this.doneCalls.add(line.call);
        this.doneBefore.add(line.call);
        break;
      case 'drop':
        this.forget(line.call);
        break;
      case 'error':
        // An answer (AccessDenied, …) stands; anything else is asked again.
        if (line.kind === 'answer' && line.call !== undefined) {
          this.errorList.push({ error: line.error, kind: line.kind, call: line.call });
          this.doneCalls.add(line.call);
          this.doneBefore.add(line.call);
        }
        break;
    }
  }

  /** Accounts in scope, in the order they were added. */
  get accounts(): readonly AccountEntry[] {
    return this.accountList;
  }

  /** Adds an account to the scope, or records its regions once they are known. */
  setAccount(account: AccountEntry): void {
    this.putAccount(account);
    this.append({ t: 'account', account });
    this.dirty = true;
  }

  private putAccount(account: AccountEntry): void {
    const existing = this.accountList.find((a) => a.id === account.id);
    if (existing) Object.assign(existing, Object.fromEntries(Object.entries(account).filter(([, v]) => v !== undefined)));
    else this.accountList.push({ ...account });
  }

  /** True when every page of the call was written in this run or an earlier one. */
  isDone(call: CallRef): boolean {
    return this.doneCalls.has(callId(call));
  }

  /** True when an earlier run (not this one) finished the call. */
  finishedBefore(call: CallRef): boolean {
    return this.doneBefore.has(callId(call));
  }

  /** The pages of a call written so far, in page order. */
  pages(call: CallRef): readonly ManifestFile[] {
    return this.pagesByCall.get(callId(call)) ?? [];
  }

  /** The token for the page after the last one written, when a paginated call was cut short. */
  resumeToken(call: CallRef): string | undefined {
    return this.nextTokens.get(callId(call));
  }

  /** Writes one page (or the only page) of a call's answer, atomically, and journals it. */
  async writePage(
    call: CallRef,
    page: number,
    body: string,
    meta: {
      collectedAt: string;
      status: 'ok' | 'not-found';
      contentType?: 'text/csv';
      fields?: Record<string, unknown>;
      nextToken?: string;
    },
  ): Promise<ManifestFile> {
    const id = callId(call);
    const extension = meta.contentType === 'text/csv' ? 'csv' : 'json';
    let path = evidencePath(call, page, extension);
    const owner = this.pathOwner.get(path);
    // Two resources with the same name in one listing (a shadow trail named like a local one):
    // keep both, telling them apart by a digest of the call.
    if (owner !== undefined && owner !== id) path = evidencePath(call, page, extension, `-${sha256(id).slice(0, 8)}`);
    await writeFileAtomic(join(this.dir, path), body);
    const bytes = Buffer.from(body, 'utf8');
    const file: ManifestFile = {
      path,
      sha256: sha256(bytes),
      size: bytes.length,
      account: call.account,
      region: call.region,
      service: call.service,
      operation: call.operation,
      parameters: call.parameters,
      ...(page > 1 ? { page } : {}),
      collectedAt: meta.collectedAt,
      status: meta.status,
      ...(meta.contentType ? { contentType: meta.contentType } : {}),
      ...(meta.fields ? { fields: meta.fields } : {}),
    };
    this.addFile(id, file, meta.nextToken);
    this.append(meta.nextToken === undefined ? { t: 'file', call: id, file } : { t: 'file', call: id, file, next: meta.nextToken });
    this.dirty = true;
    return file;
  }

  private addFile(id: string, file: ManifestFile, next: string | undefined): void {
    this.files.set(file.path, file);
    this.pathOwner.set(file.path, id);
    const pages = (this.pagesByCall.get(id) ?? []).filter((p) => (p.page ?? 1) !== (file.page ?? 1));
    pages.push(file);
    pages.sort((a, b) => (a.page ?? 1) - (b.page ?? 1));
    this.pagesByCall.set(id, pages);
    if (next === undefined) this.nextTokens.delete(id);
    else this.nextTokens.set(id, next);
  }

  /** Marks a call finished: `--resume` will not make it again. */
  markDone(call: CallRef): void {
    const id = callId(call);
    this.doneCalls.add(id);
    this.nextTokens.delete(id);
    this.append({ t: 'done', call: id });
  }

  /** Removes the pages written for a call that then failed, so no reader mistakes a part for the whole. */
  async dropPages(call: CallRef): Promise<void> {
    const id = callId(call);
    const pages = this.pagesByCall.get(id) ?? [];
    if (pages.length === 0) return;
    this.forget(id);
    this.append({ t: 'drop', call: id });
    await Promise.all(pages.map((p) => rm(join(this.dir, p.path), { force: true })));
    this.dirty = true;
  }

  private forget(id: string): void {
    for (const page of this.pagesByCall.get(id) ?? []) {
      this.files.delete(page.path);
      this.pathOwner.delete(page.path);
    }
    this.pagesByCall.delete(id);
    this.nextTokens.delete(id);
    this.doneCalls.delete(id);
    this.doneBefore.delete(id);
  }

  /** Records a failed call in the manifest's `errors`; an `answer` for a call marks that call done. */
  recordError(error: CollectionError, kind: FailureKind, call?: CallRef): void {
    error = withCause(error); // the cause is decided once, here, for every failure the run records
    const id = call ? callId(call) : undefined;
    this.errorList.push(id === undefined ? { error, kind } : { error, kind, call: id });
    if (kind === 'answer' && id !== undefined) this.doneCalls.add(id);
    this.append(id === undefined ? { t: 'error', error, kind } : { t: 'error', error, kind, call: id });
    this.dirty = true;
  }

  /** Reads back a page written earlier (resume needs the answers that later calls depend on). */
  async readPage(file: ManifestFile): Promise<string> {
    return readFile(join(this.dir, file.path), 'utf8');
  }

  get fileCount(): number {
    return this.files.size;
  }

  get errors(): readonly CollectionError[] {
    return this.errorList.map((e) => e.error);
  }

  /** Calls that got no answer at all (network gone): the bundle stays incomplete for --resume. */
  get unreachable(): number {
    return this.errorList.filter((e) => e.kind === 'unreachable').length;
  }

  /** Writes manifest.json with `complete: false` when anything changed since the last write (or when forced). */
  async checkpoint(finishedAt: string, force = false): Promise<Manifest> {
    if ((!this.dirty && !force) || this.accountList.length === 0) return this.manifest(false, finishedAt);
    return this.writeManifest(false, finishedAt);
  }

  /** Ends the run: removes strays under aws/, writes the complete manifest, deletes the journal. */
  async finish(finishedAt: string): Promise<Manifest> {
    await this.removeStrays();
    const manifest = await this.writeManifest(true, finishedAt);
    this.close();
    await rm(join(this.dir, JOURNAL_NAME), { force: true });
    return manifest;
  }

  /** Closes the journal; an unfinished bundle stays resumable. */
  close(): void {
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
  }

  /** The manifest as it stands. */
  manifest(complete: boolean, finishedAt: string): Manifest {
    const regions = new Set(this.accountList.flatMap((a) => a.regions ?? []));
    const errors = this.errorList.map((e) => e.error).sort((a, b) => errorOrder(a).localeCompare(errorOrder(b)));
    return {
      formatVersion: 1,
      bundleId: this.bundleId,
      tool: this.tool,
      collection: {
        startedAt: this.startedAt,
        finishedAt: finishedAt < this.startedAt ? this.startedAt : finishedAt,
        complete,
        ...(this.plan.shard ? { shard: this.plan.shard } : {}),
      },
      scope: {
        accounts: this.accountList.map((a) => (a.name === undefined ? { id: a.id } : { id: a.id, name: a.name })),
        regions: [...regions].sort(),
      },
      files: [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      errors,
    };
  }

  private async writeManifest(complete: boolean, finishedAt: string): Promise<Manifest> {
    const manifest = this.manifest(complete, finishedAt);
    this.dirty = false;
    // Serialised so that a periodic checkpoint never lands after the final write.
    this.manifestWrite = this.manifestWrite.then(() =>
      writeFileAtomic(join(this.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`),
    );
    await this.manifestWrite;
    return manifest;
  }

  private async removeStrays(): Promise<void> {
    // A crash between a file's rename and its journal line, or a temp file, leaves something
    // under aws/ the manifest does not list; a reader would reject the bundle for it.
    const root = join(this.dir, 'aws');
    for await (const path of walkFiles(root)) {
      const rel = relative(this.dir, path).split(sep).join('/');
      if (!this.files.has(rel)) await rm(path, { force: true });
    }
  }

  private append(line: JournalLine): void {
    if (this.journalFd === undefined) return;
    writeSync(this.journalFd, `${JSON.stringify(line)}\n`);
  }
}

function errorOrder(e: CollectionError): string {
  return `${e.account}|${e.region}|${e.service}|${e.operation}|${JSON.stringify(e.parameters ?? {})}`;
}

/**
 * The manifest of the finished collection in `dir`, or undefined when `dir` holds none (absent,
 * unfinished or something else). A journal that {@link BundleWriter.finish} had not yet deleted
 * when it was stopped is deleted here: the complete manifest is written, so the run is over.
 */
export async function finishedCollection(dir: string): Promise<Manifest | undefined> {
  if ((await inspect(dir)) !== 'complete') return undefined;
  await rm(join(dir, JOURNAL_NAME), { force: true });
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

function completeBundleError(dir: string): AuditpackError {
  return new AuditpackError(
    'USAGE',
    `${dir}: holds a complete evidence bundle, which is never overwritten. Choose a new directory for --out.`,
  );
}

async function inspect(dir: string): Promise<'absent' | 'complete' | 'unfinished' | 'other'> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw new AuditpackError('IO', `${dir}: cannot read the directory (${messageOf(error)}). Choose another --out.`);
  }
  if (entries.includes('manifest.json')) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Partial<Manifest>;
      if (manifest.collection?.complete === true) return 'complete';
    } catch {
      // unreadable manifest: decided by the journal below
    }
  }
  if (entries.includes(JOURNAL_NAME)) return 'unfinished';
  return entries.length === 0 ? 'absent' : 'other';
}
