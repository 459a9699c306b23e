import { constants, createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { isSafeRelativePath, REPORT_MANIFEST, REPORT_SIGNATURE } from './report-manifest.js';
import { BUNDLE_SIGNATURE } from './seal.js';

/** Bounds on what extraction writes, so a hostile archive cannot fill the disk. */
export interface ArchiveLimits {
  /** Largest single member, bytes. Default 1 GiB. */
  maxMemberBytes: number;
  /** All members together, bytes. Default 8 GiB. */
  maxTotalBytes: number;
  /** Number of members. Default 200,000. */
  maxEntries: number;
}

/** Largest decompressed-to-compressed ratio accepted for a .tar.gz (a gzip bomb goes far beyond). */
export const MAX_GZIP_RATIO = 100;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxMemberBytes: 1 << 30, maxTotalBytes: 8 * (1 << 30), maxEntries: 200_000 };

/** Options for {@link createArchive}. */
export interface CreateArchiveOptions {
  /** Modification time stamped on every member (SOURCE_DATE_EPOCH makes archives reproducible). */
  mtime: Date;
}

/**
 * Writes one .tar.gz holding a sealed bundle and its signed reports, each under its directory's
 * name: `acme-2026-q3/manifest.json`, `q3-report/report-manifest.json`, … Members are regular
 * files and directories only, in sorted order, with fixed owner and modes, so the same inputs
 * and mtime give the same archive. Inputs must be sealed; a private key found in one is refused.
 */
export async function createArchive(out: string, inputs: string[], options: CreateArchiveOptions): Promise<string[]> {
  const members = new Map<string, string>();
  for (const input of inputs) {
    await checkSealed(input);
    const name = basename(resolve(input));
    const other = members.get(name);
    if (other !== undefined) {
      throw new AuditpackError(
        'USAGE',
        `${input}: has the same directory name as ${other}; archive members are named by directory. Rename one of them.`,
      );
    }
    if (!relative(resolve(input), resolve(out)).startsWith('..')) {
      throw new AuditpackError('USAGE', `${out}: is inside ${input}; the archive would contain itself. Write it elsewhere.`);
    }
    members.set(name, input);
  }
  await refuseReportsWithoutBundle(inputs);
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  await mkdir(dirname(out), { recursive: true });
  const pack = tar.pack();
  const writing = pipeline(pack, createGzip(), createWriteStream(temp));
  const names: string[] = [];
  try {
    for (const [name, dir] of [...members].sort(([a], [b]) => (a < b ? -1 : 1))) {
      pack.entry({ name: `${name}/`, type: 'directory', mode: 0o755, mtime: options.mtime, uid: 0, gid: 0, uname: '', gname: '' });
      for (const file of await listFiles(dir)) {
        const path = join(dir, file);
        const { size } = await stat(path);
        await refusePrivateKey(path);
        const entry = pack.entry({
          name: `${name}/${file}`,
          type: 'file',
          size,
          mode: 0o644,
          mtime: options.mtime,
          uid: 0,
          gid: 0,
          uname: '',
          gname: '',
        });
        await pipeline(createReadStream(path), entry);
        names.push(`${name}/${file}`);
      }
    }
    pack.finalize();
    await writing;
    await rename(temp, out);
  } catch (error) {
    pack.destroy();
    await writing.catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return names;
}

async function checkSealed(dir: string): Promise<void> {
  const has = async (name: string): Promise<boolean> => (await stat(join(dir, name)).catch(() => undefined))?.isFile() ?? false;
  if (await has('manifest.json')) {
    if (!(await has(BUNDLE_SIGNATURE)))
      throw new AuditpackError(
        'USAGE',
        `${dir}: the bundle is not sealed (no ${BUNDLE_SIGNATURE}). Seal it first: auditpack seal ${dir} --key KEY.`,
      );
    return;
  }
  if (await has(REPORT_MANIFEST)) {
    if (!(await has(REPORT_SIGNATURE)))
      throw new AuditpackError(
        'USAGE',
        `${dir}: the report is not signed (no ${REPORT_SIGNATURE}). Write it again with "auditpack report --sign KEY".`,
      );
    return;
  }
  throw new AuditpackError(
    'USAGE',
    `${dir}: is neither an evidence bundle (manifest.json) nor a signed report (${REPORT_MANIFEST}). Archive a bundle and its report directories.`,
  );
}

/**
 * A report is only evidence together with the bundle it was computed from: an archive holding
 * reports but no bundle could never verify as complete, so it is not written. (A report next to
 * another bundle is written, and `verify` names the report whose bundle is not in the archive.)
 */
async function refuseReportsWithoutBundle(inputs: readonly string[]): Promise<void> {
  const reports: { dir: string; bundle: unknown }[] = [];
  for (const input of inputs) {
    if ((await stat(join(input, 'manifest.json')).catch(() => undefined))?.isFile()) return;
    let bundle: unknown;
    try {
      bundle = (JSON.parse(await readFile(join(input, REPORT_MANIFEST), 'utf8')) as { bundle?: { manifestSha256?: unknown } }).bundle
        ?.manifestSha256;
    } catch (error) {
      throw new AuditpackError(
        'REPORT_INTEGRITY',
        `${join(input, REPORT_MANIFEST)}: cannot be read (${messageOf(error)}). Write the report again with "auditpack report --sign KEY".`,
      );
    }
    reports.push({ dir: input, bundle });
  }
  const [report] = reports;
  if (report) {
    throw new AuditpackError(
      'USAGE',
      `${report.dir}: was computed from the evidence bundle with manifest sha256 ${String(report.bundle)}, and no bundle was given to archive with it. Archive the report with its own bundle: auditpack archive BUNDLE ${report.dir} --out FILE.tar.gz.`,
    );
  }
}

/** Every regular file under `dir`, relative and `/`-separated, sorted; links and devices are refused. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  const entries = (await readdir(join(dir, prefix), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, path)));
    else if (entry.isFile()) files.push(path);
    else
      throw new AuditpackError(
        'USAGE',
        `${join(dir, path)}: is not a regular file (a link or device). Archives hold only files; remove it.`,
      );
  }
  return files;
}

async function refusePrivateKey(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(80);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(head.subarray(0, bytesRead).toString('latin1'))) {
      throw new AuditpackError('USAGE', `${path}: is a private key. Keys never go into an archive; move it out of the directory.`);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Extracts a .tar.gz (or plain .tar) into `target`, an empty directory. Refuses, before writing
 * anything for that member: absolute paths, `..`, links of any kind (an auditpack archive has
 * none; a link pointing outside is named as such), devices, duplicate names, and members or
 * totals beyond `limits`. On refusal the caller deletes `target`.
 */
export async function extractArchive(file: string, target: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<string[]> {
  const root = resolve(target);
  const gzip = await isGzip(file);
  const extract = tar.extract();
  // A gzip bomb is caught by its ratio before it fills the disk: bundles of JSON and PDF reports
  // compress far less than 100 to 1, so a total beyond that (or 64 MiB for tiny archives) is refused
  // as soon as a member's header announces it, and the stream itself is cut at the same bound.
  const ratioCap = gzip ? Math.max((await stat(file)).size * MAX_GZIP_RATIO, 64 * (1 << 20)) : Infinity;
  const maxTotal = Math.min(limits.maxTotalBytes, ratioCap);
  // Headers and padding decompress too: bound the whole stream, not only the members' bodies.
  const budget = new ByteBudget(maxTotal + limits.maxEntries * 1024 + (1 << 20), file);
  const feeding = gzip
    ? pipeline(createReadStream(file), createGunzip(), budget, extract)
    : pipeline(createReadStream(file), budget, extract);
  feeding.catch(() => undefined);
  const written: string[] = [];
  let total = 0;
  const refuse = (message: string): never => {
    throw new AuditpackError(
      'ARCHIVE_INVALID',
      `${file}: ${message}. The archive is not one auditpack wrote; nothing outside the extraction directory was written.`,
    );
  };
  try {
    for await (const entry of extract) {
      const { header } = entry;
      const name = header.name.replace(/\/+$/, '');
      if (written.length >= limits.maxEntries) refuse(`has more than ${limits.maxEntries} members`);
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) refuse(`member "${header.name}" has an absolute path`);
      if (name.split(/[/\\]/).includes('..')) refuse(`member "${header.name}" climbs out of the archive with ".."`);
      if (!isSafeRelativePath(name)) refuse(`member "${header.name}" has an unsafe path`);
      const path = resolve(root, ...name.split('/'));
      if (!path.startsWith(root + sep)) refuse(`member "${header.name}" lies outside the archive`);
      if (header.type === 'symlink' || header.type === 'link') {
        const linkTarget = header.linkname ?? '';
        const resolved =
          header.type === 'symlink' ? posix.normalize(posix.join(posix.dirname(name), linkTarget)) : posix.normalize(linkTarget);
        const outside = linkTarget.startsWith('/') || resolved === '..' || resolved.startsWith('../');
        refuse(
          `member "${header.name}" is a ${header.type === 'symlink' ? 'symbolic' : 'hard'} link to "${linkTarget}"${outside ? ', outside the archive' : ''}; auditpack archives hold no links`,
        );
      }
      if (header.type === 'directory') {
        await mkdir(path, { recursive: true });
        entry.resume();
        continue;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file')
        refuse(`member "${header.name}" is a ${header.type ?? 'special file'}, not a regular file`);
      const size = header.size ?? 0;
      if (size > limits.maxMemberBytes) refuse(`member "${header.name}" is ${size} bytes, over the limit of ${limits.maxMemberBytes}`);
      total += size;
      if (total > limits.maxTotalBytes) refuse(`members add up to more than ${limits.maxTotalBytes} bytes`);
      if (total > maxTotal) refuse(`members add up to more than ${MAX_GZIP_RATIO} times the archive's compressed size (${maxTotal} bytes)`);
      await mkdir(dirname(path), { recursive: true });
      if ((await lstat(dirname(path))).isSymbolicLink()) refuse(`member "${header.name}" would be written through a link`);
      // O_EXCL: a second member of the same name is refused, never overwrites; O_NOFOLLOW: never through a link.
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
      let handle;
      try {
        handle = await open(path, flags, 0o644);
      } catch (error) {
        if ((error as { code?: string }).code === 'EEXIST') refuse(`member "${header.name}" appears twice`);
        throw error;
      }
      await pipeline(entry, handle.createWriteStream());
      written.push(name);
    }
    await feeding;
  } catch (error) {
    extract.destroy();
    if (error instanceof AuditpackError) throw error;
    throw new AuditpackError(
      'ARCHIVE_INVALID',
      `${file}: cannot be read as a .tar.gz archive (${messageOf(error)}). Check that it is the archive "auditpack archive" wrote.`,
    );
  }
  return written;
}

async function isGzip(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new AuditpackError('IO', `${file}: cannot open the archive (${messageOf(error)}). Check the path.`);
  }
  try {
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    return magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Passes bytes through until `limit`, then fails the stream. */
class ByteBudget extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly file: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit)
      callback(
        new AuditpackError(
          'ARCHIVE_INVALID',
          `${this.file}: unpacks to more than ${this.limit} bytes. The archive is not one auditpack wrote; extraction stopped.`,
        ),
      );
    else callback(null, chunk);
  }
}
