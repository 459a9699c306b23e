import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Document } from 'yaml';

const MiB = 1024 * 1024;

/**
 * Bounds on what auditpack reads from files it did not write: hostile input gets a clear error
 * (with the exit code of its kind) instead of exhausting memory, the stack or the clock.
 */
export const LIMITS = {
  /** Catalogs, crosswalks, tailoring and attestations files. The largest shipped catalog is about 60 KiB. */
  yamlBytes: 16 * MiB,
  /** Aliases a YAML document may expand (the yaml package's maxAliasCount): stops "billion laughs". */
  yamlAliases: 100,
  /**
   * manifest.json of a bundle (about 400 bytes per file it lists): room for an organisation's
   * 2.5 million files. Over 64 MiB it is parsed in pieces, never as one string (see json-bytes.ts).
   */
  manifestBytes: 1024 * MiB,
  /**
   * One evidence file (one page of one API call). A genuine page is a few MiB at most; an operator
   * with a larger one raises the bound with AUDITPACK_MAX_EVIDENCE_MIB (read once, here, because
   * it guards the reader itself rather than changing any result).
   */
  evidenceBytes: evidenceLimit(process.env['AUDITPACK_MAX_EVIDENCE_MIB']),
  /** How deeply arrays and objects may nest in JSON and YAML; AWS responses nest fewer than 20 levels. */
  depth: 100,
  /** Key, certificate and PKCS#12 files. */
  keyBytes: 1 * MiB,
} as const;

function evidenceLimit(setting: string | undefined): number {
  const mib = setting === undefined ? NaN : Number(setting);
  return Number.isInteger(mib) && mib > 0 ? mib * MiB : 128 * MiB;
}

/** `128 MiB`: a byte count as people read limits. */
export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : `${bytes} bytes`;
}

/**
 * Opens a file for reading only when it is a regular file of at most `maxBytes`. The open does not
 * block (O_NONBLOCK), so a FIFO or device planted at the path is refused instead of hanging the
 * run; the type is checked on the opened descriptor, so the path cannot be swapped in between.
 * Throws an Error whose message says what is wrong; callers add the file's role and exit code.
 */
export async function openRegularFile(path: string, maxBytes: number): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`is ${describeNonRegular(info)}, not a regular file`);
    if (info.size > maxBytes) throw new Error(`is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} auditpack reads`);
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads a regular file of at most `maxBytes` whole (see {@link openRegularFile}); a file that grows past the limit while read is refused too. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path, maxBytes);
  try {
    // One byte more than the limit tells a file that grew past it from one that ends exactly there.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw new Error(`grew past the ${formatBytes(maxBytes)} auditpack reads while it was read`);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new Error(`grew past the ${formatBytes(maxBytes)} auditpack reads while it was read`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * A regular file of at most `maxBytes` read whole with synchronous calls, for callers that read many
 * small files in batches (a round trip to libuv's thread pool per call costs more than the read);
 * undefined when the file is larger or grows past that while it is read. A FIFO, device or directory
 * at the path is refused, not read (see {@link openRegularFile}).
 */
export function readSmallFileSync(path: string, maxBytes: number): Buffer | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Error(`is ${describeNonRegular(info)}, not a regular file`);
    if (info.size > maxBytes) return undefined;
    // One byte more than the size tells a file that grew while it was read.
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) return undefined;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** What a path that is not a regular file is, for messages: "a directory", "a FIFO (named pipe)", … */
export function describeNonRegular(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * The deepest nesting of arrays and objects in a value, counted without recursion (so a hostile
 * document cannot overflow the stack here) and only up to `limit + 1`.
 */
export function nestingDepth(value: unknown, limit: number = LIMITS.depth): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number };
    if (top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(top.value as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
    }
  }
  return deepest;
}

/**
 * A parsed YAML document as plain values, within {@link LIMITS}: too many aliases (a "billion
 * laughs" bomb), too deep a nesting or a text over the size limit throw an Error saying which, for
 * the caller to wrap with the file name and its error code.
 */
export function boundedYamlToJs(doc: Document, textLength: number): unknown {
  if (textLength > LIMITS.yamlBytes)
    throw new Error(`is ${formatBytes(textLength)}, more than the ${formatBytes(LIMITS.yamlBytes)} auditpack reads`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new Error(
        `aliases (*name) expand to more than ${LIMITS.yamlAliases} copies, which looks like an alias bomb; write the values out instead of aliasing them`,
      );
    }
    if (error instanceof RangeError) throw new Error(`nests too deeply to read (more than ${LIMITS.depth} levels)`);
    throw error;
  }
  if (nestingDepth(value) > LIMITS.depth) throw new Error(`nests more than ${LIMITS.depth} levels deep; no auditpack file needs that many`);
  return value;
}

/**
 * Creates a directory and its missing parents, like `mkdir -p`. Node's own recursive mkdir loops
 * for ever under /proc and /sys (the kernel answers ENOENT for a parent that exists); this one
 * creates each missing level once and reports the first failure.
 */
export async function makeDirectory(path: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    try {
      const info = await stat(dir);
      if (!info.isDirectory())
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: dir });
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      missing.push(dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level, mode === undefined ? {} : { mode });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * The first line of a yaml parse error, for `file:line: <text>`. The parser reports a document
 * nested too deeply for its recursion as a bare "Maximum call stack size exceeded"; say what that means.
 */
export function yamlErrorText(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `nests too deeply to read (more than ${LIMITS.depth} levels)`;
  return message.split('\n')[0] ?? 'YAML syntax error';
}
