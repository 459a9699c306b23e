import { createHash } from 'node:crypto';
import { s3Error, type FakeAws, type WireReply, type WireRequest } from '../collect/helpers/fake-aws.js';

/** One stored object and the headers it was written with. */
export interface FakeObject {
  body: Buffer;
  headers: Record<string, string>;
}

/** A bucket of the fake S3: its objects by key and whether Object Lock is enabled. */
export interface FakeBucket {
  objects: Map<string, FakeObject>;
  objectLock: boolean;
}

/**
 * Serves S3 object calls (PutObject, GetObject, HeadObject, ListObjectsV2 in pages of `pageSize`,
 * GetObjectLockConfiguration) from memory on the fake endpoint, as S3 answers them on the wire
 * (headers, XML, aws-chunked uploads with trailing checksums, checksum headers on reads).
 */
export function serveS3(fake: FakeAws, buckets: Record<string, FakeBucket>, pageSize = 1000): void {
  const bucketOf = (r: WireRequest): FakeBucket | undefined => buckets[r.bucket ?? ''];
  const noBucket = () => s3Error('NoSuchBucket', 'The specified bucket does not exist', 404);

  fake.on('s3', 'PutObject', (r) => {
    const bucket = bucketOf(r);
    if (!bucket) return noBucket();
    const lockMode = header(r, 'x-amz-object-lock-mode');
    if (lockMode && !bucket.objectLock) return s3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400);
    const raw = r.raw ?? Buffer.alloc(0);
    const chunked = header(r, 'content-encoding')?.includes('aws-chunked') === true;
    const body = chunked ? dechunk(raw) : raw;
    const checksum = createHash('sha256').update(body).digest('base64');
    // The checksum comes as a header, or (aws-chunked) as a trailer after the last chunk.
    const sent =
      header(r, 'x-amz-checksum-sha256') ??
      (chunked ? /x-amz-checksum-sha256:(\S+)/.exec(raw.subarray(-300).toString('latin1'))?.[1] : undefined);
    if (sent !== undefined && sent !== checksum)
      return s3Error('BadDigest', 'The SHA256 you specified did not match the calculated checksum.', 400);
    const kept: Record<string, string> = {};
    for (const name of [
      'x-amz-server-side-encryption',
      'x-amz-server-side-encryption-aws-kms-key-id',
      'x-amz-object-lock-mode',
      'x-amz-object-lock-retain-until-date',
    ]) {
      const value = header(r, name);
      if (value !== undefined) kept[name] = value;
    }
    kept['x-amz-checksum-sha256'] = checksum;
    bucket.objects.set(r.key ?? '', { body, headers: kept });
    return {
      body: '',
      headers: {
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        'x-amz-checksum-sha256': checksum,
        ...pick(kept, 'x-amz-server-side-encryption'),
      },
    };
  });

  const read = (r: WireRequest, withBody: boolean): WireReply => {
    const bucket = bucketOf(r);
    if (!bucket) return noBucket();
    const object = bucket.objects.get(r.key ?? '');
    if (!object) return withBody ? s3Error('NoSuchKey', 'The specified key does not exist.', 404) : { status: 404, body: '' };
    const headers: Record<string, string> = {
      etag: `"${createHash('md5').update(object.body).digest('hex')}"`,
      'last-modified': 'Sun, 06 Dec 2026 08:00:00 GMT',
      'content-length': String(object.body.length),
      ...object.headers,
    };
    if (header(r, 'x-amz-checksum-mode') !== 'ENABLED') delete headers['x-amz-checksum-sha256'];
    return { body: withBody ? object.body : '', contentType: 'application/octet-stream', headers };
  };
  fake.on('s3', 'GetObject', (r) => read(r, true));
  fake.on('s3', 'HeadObject', (r) => read(r, false));

  fake.on('s3', 'ListObjectsV2', (r) => {
    const bucket = bucketOf(r);
    if (!bucket) return noBucket();
    const prefix = r.params.prefix ?? '';
    const delimiter = r.params.delimiter;
    // With a delimiter, keys with it after the prefix roll up into CommonPrefixes, as S3 does; both count towards a page.
    const entries = [
      ...new Set(
        [...bucket.objects.keys()]
          .filter((k) => k.startsWith(prefix))
          .map((k) => {
            const cut = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
            return cut < 0 ? k : `${k.slice(0, cut + (delimiter ?? '').length)}\u0000`;
          }),
      ),
    ].sort();
    const start = r.params['continuation-token'] ? Number(Buffer.from(r.params['continuation-token'], 'base64').toString()) : 0;
    const page = entries.slice(start, start + pageSize);
    const truncated = start + pageSize < entries.length;
    const contents = page
      .map((k) =>
        k.endsWith('\u0000')
          ? `<CommonPrefixes><Prefix>${k.slice(0, -1)}</Prefix></CommonPrefixes>`
          : `<Contents><Key>${k}</Key><LastModified>2026-12-06T08:00:00.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>${bucket.objects.get(k)?.body.length ?? 0}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      )
      .join('');
    return {
      contentType: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${r.bucket ?? ''}</Name><Prefix>${prefix}</Prefix>${delimiter ? `<Delimiter>${delimiter}</Delimiter>` : ''}<KeyCount>${page.length}</KeyCount><MaxKeys>${pageSize}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${Buffer.from(String(start + pageSize)).toString('base64')}</NextContinuationToken>` : ''}</ListBucketResult>`,
    };
  });

  fake.on('s3', 'GetObjectLockConfiguration', (r) => {
    const bucket = bucketOf(r);
    if (!bucket) return noBucket();
    if (!bucket.objectLock)
      return s3Error('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404);
    return {
      contentType: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`,
    };
  });
}

function header(r: WireRequest, name: string): string | undefined {
  const value = r.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pick(headers: Record<string, string>, name: string): Record<string, string> {
  return headers[name] === undefined ? {} : { [name]: headers[name] };
}

/** The payload of an aws-chunked body: `size-hex[;ext]\r\n data \r\n … 0\r\n trailers \r\n\r\n`. */
function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = raw.indexOf('\r\n', at);
    if (end < 0) break;
    const size = parseInt(raw.subarray(at, end).toString('latin1').split(';')[0] ?? '0', 16);
    at = end + 2;
    if (!size) break;
    parts.push(raw.subarray(at, at + size));
    at += size + 2;
  }
  return Buffer.concat(parts);
}
