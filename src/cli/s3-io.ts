import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { onInterrupt } from '../shared/cleanup.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import type { Io } from './io.js';

// The S3 code (and the S3 SDK client) is imported only when an s3:// path is given.

/** True for `s3://…`. */
export function isS3(path: string): boolean {
  return path.startsWith('s3://');
}

/** A temporary folder, removed when the process ends, however it ends. */
export async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `auditpack-${prefix}-`));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  onInterrupt(remove);
  process.once('exit', remove);
  return dir;
}

/**
 * A local folder holding what `path` names: the path itself, or for `s3://bucket/prefix` a
 * temporary copy of every object under the prefix (a bundle or report folder).
 */
export async function localCopy(path: string, flag: string, io: Io): Promise<string> {
  if (!isS3(path)) return path;
  const { parseS3Url, s3Client, downloadDir } = await import('../store/s3.js');
  const location = parseS3Url(path, flag);
  const dir = join(await tempFolder('s3'), basename(location.prefix) || location.bucket);
  const count = await downloadDir(await s3Client({ env: io.env }), location, dir, io.err);
  io.err(`read ${count} files from ${path}\n`);
  return dir;
}

/** A single object (an archive): a local file path, or a temporary copy of `s3://bucket/key`. */
export async function localFile(path: string, flag: string, io: Io): Promise<string> {
  if (!isS3(path)) return path;
  const { parseS3Url, s3Client } = await import('../store/s3.js');
  const { GetObjectCommand } = await import('../shared/aws-sdk/client-s3.js');
  const location = parseS3Url(path, flag);
  const client = await s3Client({ env: io.env });
  let bytes: Uint8Array;
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.prefix, ChecksumMode: 'ENABLED' }));
    bytes = (await answer.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    throw new AuditpackError(
      'IO',
      `${path}: cannot read (${(error as { name?: string }).name ?? 'Error'}: ${messageOf(error)}). Check the bucket, the key and the credentials`,
    );
  }
  const file = join(await tempFolder('s3'), basename(location.prefix) || 'object');
  await writeFile(file, bytes);
  io.err(`read ${path}\n`);
  return file;
}

/** Where S3 writes go, and how they are protected. */
export interface S3WriteFlags {
  sseKmsKeyId?: string;
  retainUntil?: string;
}

/** Parses `--retain-until` (a date in the future, ISO 8601); undefined when not given. */
export function retainUntilOf(flags: S3WriteFlags, io: Io): Date | undefined {
  if (flags.retainUntil === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(flags.retainUntil) ? new Date(flags.retainUntil) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new AuditpackError('USAGE', `--retain-until ${flags.retainUntil}: expected a date such as 2033-12-31 (or 2033-12-31T00:00:00Z)`);
  if (date.getTime() <= io.now().getTime())
    throw new AuditpackError(
      'USAGE',
      `--retain-until ${flags.retainUntil}: is not in the future; give the date until which nobody may delete the archive`,
    );
  return date;
}

/** The client, location and put settings of an S3 write; a retention date needs a bucket with Object Lock. */
async function writeTarget(url: string, flag: string, flags: S3WriteFlags, io: Io) {
  const store = await import('../store/s3.js');
  const location = store.parseS3Url(url, flag);
  const client = await store.s3Client({ env: io.env });
  const retainUntil = retainUntilOf(flags, io);
  if (retainUntil) await store.assertObjectLockEnabled(client, location, flag);
  const settings = { ...(flags.sseKmsKeyId !== undefined ? { kmsKeyId: flags.sseKmsKeyId } : {}), ...(retainUntil ? { retainUntil } : {}) };
  const locked = retainUntil ? `, locked (compliance mode) until ${retainUntil.toISOString()}` : '';
  return { store, location, client, settings, locked };
}

/** Uploads a finished local folder to `s3://…` (SSE-KMS and Object Lock as the flags ask). */
export async function publishFolder(dir: string, url: string, flag: string, flags: S3WriteFlags, io: Io): Promise<void> {
  const { store, location, client, settings, locked } = await writeTarget(url, flag, flags, io);
  await store.assertEmptyPrefix(client, location, flag);
  const count = await store.uploadDir(client, dir, location, settings, io.err);
  io.err(`uploaded ${count} files to ${url}${locked}\n`);
}

/** Checks before long work that an s3:// destination can be written: a valid location holding nothing yet. */
export async function checkS3Target(url: string, flag: string, io: Io): Promise<void> {
  const { parseS3Url, s3Client, assertEmptyPrefix } = await import('../store/s3.js');
  await assertEmptyPrefix(await s3Client({ env: io.env }), parseS3Url(url, flag), flag);
}

/** Uploads one finished file to the object `s3://bucket/key`. */
export async function publishFile(file: string, url: string, flag: string, flags: S3WriteFlags, io: Io): Promise<void> {
  if (/^s3:\/\/[^/]+\/?$|\/$/.test(url))
    throw new AuditpackError('USAGE', `${flag} ${url}: name the object, e.g. ${url.replace(/\/?$/, '/')}archive.tar.gz`);
  const { store, location, client, settings, locked } = await writeTarget(url, flag, flags, io);
  await store.putFile(client, file, location, settings);
  io.err(`uploaded ${url}${locked}\n`);
}
