import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assertObjectLockEnabled, downloadDir, parseS3Url, putFile, s3Client, uploadDir } from '../../src/store/s3.js';
import { FakeAws } from '../collect/helpers/fake-aws.js';
import { fakeCredentialsEnv } from '../collect/helpers/run.js';
import { serveS3, type FakeBucket } from '../helpers/fake-s3.js';

let fake: FakeAws;
let buckets: Record<string, FakeBucket>;
beforeEach(async () => {
  fakeCredentialsEnv();
  fake = await FakeAws.start();
  buckets = { 'acme-evidence': { objects: new Map(), objectLock: false }, 'acme-archive': { objects: new Map(), objectLock: true } };
  serveS3(fake, buckets, 2);
});
afterEach(async () => {
  await fake.stop();
  vi.unstubAllEnvs();
});

const client = () => s3Client({ env: process.env, endpointUrl: fake.url });

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-s3-'));
  mkdirSync(join(dir, 'aws/111122223333/global/iam'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), '{"formatVersion":1}\n');
  writeFileSync(join(dir, 'aws/111122223333/global/iam/GetAccountSummary.json'), '{"SummaryMap":{}}\n');
  writeFileSync(join(dir, 'aws/111122223333/global/iam/GetCredentialReport.csv'), 'user,arn\n');
  return dir;
}

describe('s3:// locations', () => {
  it('parses bucket and prefix, and refuses what S3 could not hold', () => {
    expect(parseS3Url('s3://acme-evidence/2026-Q4/shard-3/', '--out')).toEqual({ bucket: 'acme-evidence', prefix: '2026-Q4/shard-3' });
    expect(parseS3Url('s3://acme-evidence', '--out')).toEqual({ bucket: 'acme-evidence', prefix: '' });
    expect(() => parseS3Url('s3://Acme_Evidence/x', '--out')).toThrow(/--out s3:\/\/Acme_Evidence\/x: expected s3:\/\/BUCKET\/PREFIX/);
    expect(() => parseS3Url('s3://acme-evidence/a/../b', '--out')).toThrow(/may not contain "\." or "\.\." segments/);
  });

  it('uploads a bundle folder with SHA-256 checksums and SSE-KMS, and downloads it back byte for byte across pages', async () => {
    const dir = tree();
    const s3 = await client();
    const count = await uploadDir(s3, dir, parseS3Url('s3://acme-evidence/2026-Q4/shard-3', '--out'), { kmsKeyId: 'alias/audit-evidence' });
    expect(count).toBe(3);
    const stored = buckets['acme-evidence']?.objects;
    expect([...(stored?.keys() ?? [])].sort()).toEqual([
      '2026-Q4/shard-3/aws/111122223333/global/iam/GetAccountSummary.json',
      '2026-Q4/shard-3/aws/111122223333/global/iam/GetCredentialReport.csv',
      '2026-Q4/shard-3/manifest.json',
    ]);
    expect(stored?.get('2026-Q4/shard-3/manifest.json')?.headers).toMatchObject({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'alias/audit-evidence',
    });
    const back = join(mkdtempSync(join(tmpdir(), 'auditpack-s3-')), 'bundle');
    // Pages of two keys: the listing is followed to its end.
    expect(await downloadDir(s3, parseS3Url('s3://acme-evidence/2026-Q4/shard-3', 'bundle'), back)).toBe(3);
    expect(fake.calls('s3', 'ListObjectsV2')).toHaveLength(2);
    for (const path of ['manifest.json', 'aws/111122223333/global/iam/GetCredentialReport.csv'])
      expect(readFileSync(join(back, path))).toEqual(readFileSync(join(dir, path)));
  });

  it('writes with Object Lock in compliance mode only to a bucket that has it, and checks the retention S3 reports', async () => {
    const dir = tree();
    const s3 = await client();
    const until = new Date('2033-12-31T00:00:00.000Z');
    await expect(assertObjectLockEnabled(s3, parseS3Url('s3://acme-evidence/archive', '--to'), '--to')).rejects.toThrow(
      /--to s3:\/\/acme-evidence\/archive: the bucket does not have S3 Object Lock enabled/,
    );
    await assertObjectLockEnabled(s3, parseS3Url('s3://acme-archive/2026-Q4', '--to'), '--to');
    await putFile(s3, join(dir, 'manifest.json'), { bucket: 'acme-archive', prefix: '2026-Q4/acme.tar.gz' }, { retainUntil: until });
    const object = buckets['acme-archive']?.objects.get('2026-Q4/acme.tar.gz');
    expect(object?.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
    expect(new Date(object?.headers['x-amz-object-lock-retain-until-date'] ?? '').toISOString()).toBe(until.toISOString());
    expect(fake.calls('s3', 'HeadObject')).toHaveLength(1);
  });

  it('names the object and what to do when S3 refuses', async () => {
    const s3 = await client();
    await expect(downloadDir(s3, parseS3Url('s3://acme-missing/x', 'bundle'), join(tmpdir(), 'never'))).rejects.toThrow(
      /s3:\/\/acme-missing\/x: cannot list \(NoSuchBucket: .*\)\. The bucket does not exist; check its name/,
    );
    await expect(downloadDir(s3, parseS3Url('s3://acme-evidence/empty', 'bundle'), join(tmpdir(), 'never'))).rejects.toThrow(
      /holds no objects/,
    );
  });
});
