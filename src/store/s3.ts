import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { SHARD_FOLDER } from '../collect/shard.js';
import { eachLimited } from '../shared/each-limited.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { walkFiles } from '../shared/write-file.js';

/** Where a bundle, report or archive lives in S3: `s3://bucket/prefix`. */
export interface S3Location {
  bucket: string;
  /** The key prefix, without leading or trailing `/` (empty: the bucket's root). */
  prefix: string;
}

/** How to reach S3: the same settings as collection (profile, endpoint, the SDK's environment variables). */
export interface S3Settings {
  env: NodeJS.ProcessEnv;
  profile?: string;
  endpointUrl?: string;
}

/** How objects are written. */
export interface PutSettings {
  /** SSE-KMS with this key (id, ARN or alias); absent: the bucket's default encryption. */
  kmsKeyId?: string;
  /** S3 Object Lock in compliance mode until this time: nobody can delete the objects or shorten it. */
  retainUntil?: Date;
}

// Objects sent or fetched at once.
const TRANSFERS = 8;

/** True for `s3://…` text. */
export function isS3Url(text: string): boolean {
  return text.startsWith('s3://');
}

/** Parses `s3://bucket/prefix`; throws a usage error naming `flag` for anything else. */
export function parseS3Url(text: string, flag: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text);
  if (!match)
    throw new AuditpackError(
      'USAGE',
      `${flag} ${text}: expected s3://BUCKET/PREFIX with a valid bucket name (3–63 lower-case letters, digits, dots and hyphens)`,
    );
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((part) => part === '.' || part === '..'))
    throw new AuditpackError('USAGE', `${flag} ${text}: the prefix may not contain "." or ".." segments`);
  return { bucket: match[1] as string, prefix };
}

/** `s3://bucket/prefix` as text. */
export function s3Url(location: S3Location): string {
  return `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
}

/** An S3 client for these settings; the SDK is imported only when S3 is used. */
export async function s3Client(settings: S3Settings): Promise<S3Client> {
  const { S3Client: Client } = await import('../shared/aws-sdk/client-s3.js');
  const env = settings.env;
  const endpoint =
    settings.endpointUrl ??
    ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true'
      ? undefined
      : env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined);
  return new Client({
    ...(settings.profile !== undefined ? { profile: settings.profile } : {}),
    ...(endpoint !== undefined ? { endpoint, forcePathStyle: true } : {}),
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
  });
}

const key = (location: S3Location, path: string): string => (location.prefix ? `${location.prefix}/${path}` : path);

/**
 * Refuses a bucket without Object Lock before anything is written with a retention date: S3 would
 * refuse each object, and a half-written archive is worse than none.
 */
export async function assertObjectLockEnabled(client: S3Client, location: S3Location, flag: string): Promise<void> {
  const { GetObjectLockConfigurationCommand } = await import('../shared/aws-sdk/client-s3.js');
  let enabled: string | undefined;
  try {
    const answer = await client.send(new GetObjectLockConfigurationCommand({ Bucket: location.bucket }));
    enabled = answer.ObjectLockConfiguration?.ObjectLockEnabled;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'ObjectLockConfigurationNotFoundError')
      throw s3Error(error, `${flag} ${s3Url(location)}`, 'read the bucket’s Object Lock configuration');
  }
  if (enabled !== 'Enabled') {
    throw new AuditpackError(
      'USAGE',
      `${flag} ${s3Url(location)}: the bucket does not have S3 Object Lock enabled, so --retain-until cannot protect the evidence. Use a bucket created with Object Lock (aws s3api create-bucket … --object-lock-enabled-for-bucket), or enable it on the bucket (put-object-lock-configuration)`,
    );
  }
}

/**
 * Uploads every file under `dir` to `location` (keys: prefix + the file's path inside `dir`), each
 * with a SHA-256 checksum S3 verifies, SSE-KMS when asked, and Object Lock in compliance mode when
 * a retention date is given (checked back on each object). Returns the number of objects written.
 */
export async function uploadDir(
  client: S3Client,
  dir: string,
  location: S3Location,
  settings: PutSettings,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const files: string[] = [];
  for await (const path of walkFiles(dir)) files.push(relative(dir, path).split(sep).join('/'));
  // The manifest and the seal go last: a reader that finds manifest.json finds everything it lists.
  const last = (path: string): number => (/^(manifest\.json|report-manifest\.json)(\.sig)?$|^seal\.json(\.sig)?$/.test(path) ? 1 : 0);
  files.sort((a, b) => last(a) - last(b) || (a < b ? -1 : a > b ? 1 : 0));
  const ordered = files.filter((f) => last(f) === 0);
  const tail = files.filter((f) => last(f) === 1);
  let done = 0;
  const upload = (batch: string[]): Promise<void> =>
    eachLimited(batch, TRANSFERS, async (path) => {
      await putFile(client, join(dir, path), { bucket: location.bucket, prefix: key(location, path) }, settings);
      if (++done % 500 === 0) log(`uploaded ${done} of ${files.length} files to ${s3Url(location)}\n`);
    });
  await upload(ordered);
  await upload(tail);
  return files.length;
}

/** Uploads one file to the object `location.prefix` (see {@link uploadDir}). */
export async function putFile(client: S3Client, file: string, location: S3Location, settings: PutSettings): Promise<void> {
  const { PutObjectCommand, HeadObjectCommand } = await import('../shared/aws-sdk/client-s3.js');
  const size = (await stat(file)).size;
  const where = `s3://${location.bucket}/${location.prefix}`;
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: location.bucket,
        Key: location.prefix,
        Body: createReadStream(file),
        ContentLength: size,
        ChecksumAlgorithm: 'SHA256',
        ...(settings.kmsKeyId !== undefined ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: settings.kmsKeyId } : {}),
        ...(settings.retainUntil !== undefined ? { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: settings.retainUntil } : {}),
      }),
    );
  } catch (error) {
    throw s3Error(error, where, 'write');
  }
  if (settings.retainUntil !== undefined) {
    const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.prefix })).catch((error: unknown) => {
      throw s3Error(error, where, 'read back');
    });
    const until = head.ObjectLockRetainUntilDate?.getTime();
    if (head.ObjectLockMode !== 'COMPLIANCE' || until === undefined || until < settings.retainUntil.getTime()) {
      throw new AuditpackError(
        'IO',
        `${where}: S3 accepted the object but reports Object Lock ${head.ObjectLockMode ?? 'none'} until ${head.ObjectLockRetainUntilDate?.toISOString() ?? 'never'}, not COMPLIANCE until ${settings.retainUntil.toISOString()}. Check the bucket's Object Lock settings`,
      );
    }
  }
}

/** Refuses a prefix that already holds objects: a bundle or report never mixes with an earlier one's leftovers. */
export async function assertEmptyPrefix(client: S3Client, location: S3Location, flag: string): Promise<void> {
  const { ListObjectsV2Command } = await import('../shared/aws-sdk/client-s3.js');
  const prefix = location.prefix ? `${location.prefix}/` : '';
  let count = 0;
  try {
    count = (await client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, MaxKeys: 1 }))).KeyCount ?? 0;
  } catch (error) {
    throw s3Error(error, `${flag} ${s3Url(location)}`, 'list');
  }
  if (count > 0)
    throw new AuditpackError(
      'USAGE',
      `${flag} ${s3Url(location)}: already holds objects; write to a new prefix, or remove the old ones first (aws s3 rm --recursive ${s3Url(location)}/)`,
    );
}

/**
 * The `shard-<index>` folders directly under `location` (as `collect --out s3://…/ --shard` writes
 * them), by index: one ListObjectsV2 with a `/` delimiter per page of folders.
 */
export async function listShardFolders(client: S3Client, location: S3Location): Promise<S3Location[]> {
  const { paginateListObjectsV2 } = await import('../shared/aws-sdk/client-s3.js');
  const prefix = location.prefix ? `${location.prefix}/` : '';
  const shards: { index: number; location: S3Location }[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: location.bucket, Prefix: prefix, Delimiter: '/' })) {
      for (const common of page.CommonPrefixes ?? []) {
        const name = (common.Prefix ?? '').slice(prefix.length).replace(/\/$/, '');
        const index = SHARD_FOLDER.exec(name)?.[1];
        if (index !== undefined) shards.push({ index: Number(index), location: { bucket: location.bucket, prefix: `${prefix}${name}` } });
      }
    }
  } catch (error) {
    throw s3Error(error, s3Url(location), 'list');
  }
  return shards.sort((a, b) => a.index - b.index).map((s) => s.location);
}

/**
 * Downloads every object under `location` into `dir` (which it creates), keeping the paths below the
 * prefix. Keys that would land outside `dir` are refused. Returns the number of objects read.
 */
export async function downloadDir(
  client: S3Client,
  location: S3Location,
  dir: string,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const { paginateListObjectsV2, GetObjectCommand } = await import('../shared/aws-sdk/client-s3.js');
  const prefix = location.prefix ? `${location.prefix}/` : '';
  const keys: string[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: location.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) if (object.Key && !object.Key.endsWith('/')) keys.push(object.Key);
    }
  } catch (error) {
    throw s3Error(error, s3Url(location), 'list');
  }
  if (keys.length === 0) throw new AuditpackError('IO', `${s3Url(location)}: holds no objects; check the bucket and prefix`);
  const root = resolve(dir);
  let done = 0;
  await eachLimited(keys, TRANSFERS, async (objectKey) => {
    const target = resolve(root, objectKey.slice(prefix.length));
    if (!target.startsWith(`${root}${sep}`))
      throw new AuditpackError('IO', `s3://${location.bucket}/${objectKey}: its key leads outside the download folder; refused`);
    let bytes: Uint8Array;
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: objectKey, ChecksumMode: 'ENABLED' }));
      bytes = (await answer.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      throw s3Error(error, `s3://${location.bucket}/${objectKey}`, 'read');
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
    if (++done % 500 === 0) log(`downloaded ${done} of ${keys.length} files from ${s3Url(location)}\n`);
  });
  return keys.length;
}

function s3Error(error: unknown, where: string, action: string): AuditpackError {
  const name = (error as { name?: string }).name ?? 'Error';
  const advice =
    name === 'AccessDenied' || name === 'AccessDeniedException'
      ? 'The credentials may not do this; check the role’s S3 (and KMS) permissions and the bucket policy'
      : name === 'NoSuchBucket'
        ? 'The bucket does not exist; check its name'
        : 'Check the bucket, the credentials and the network, then run again';
  return new AuditpackError('IO', `${where}: cannot ${action} (${name}: ${messageOf(error)}). ${advice}`);
}
