import { describe, expect, it } from 'vitest';
import { json, type FakeAws } from '../collect/helpers/fake-aws.js';
import { runBuiltCli, useAcmeServer } from '../collect/helpers/run.js';
import { serveS3, type FakeBucket } from '../helpers/fake-s3.js';
import { runCli, testKeys } from '../sign/helpers.js';

let fake: FakeAws;
let buckets: Record<string, FakeBucket>;
useAcmeServer((f) => {
  fake = f;
  buckets = { 'acme-audit': { objects: new Map(), objectLock: false }, 'acme-audit-archive': { objects: new Map(), objectLock: true } };
  serveS3(fake, buckets);
  fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
});

const env = () => ({ ...process.env, AWS_ENDPOINT_URL: fake.url });
const keysUnder = (bucket: string, prefix: string) => [...(buckets[bucket]?.objects.keys() ?? [])].filter((k) => k.startsWith(prefix));
const ORG = ['--organization', '--role-name', 'OrganizationAccountAccessRole', '--regions', 'us-east-1', '--endpoint-url'];

describe('s3:// wherever bundles and reports are written or read', () => {
  it('collects shards into S3, merges them from S3 into S3 and reports from S3 into S3', async () => {
    for (const index of [1, 2]) {
      const run = await runCli(
        [
          'collect',
          ...ORG,
          fake.url,
          '--shard',
          'auto/3',
          '--out',
          `s3://acme-audit/2026-Q4/shard-${index}`,
          '--sse-kms-key-id',
          'alias/audit',
          '-q',
        ],
        { ...env(), JOB_COMPLETION_INDEX: String(index) },
      );
      expect(run.err).toMatch(/uploaded \d+ files to s3:\/\/acme-audit\/2026-Q4\/shard-\d/);
      expect([0, 20]).toContain(run.code);
    }
    expect(keysUnder('acme-audit', '2026-Q4/shard-1/')).toContain('2026-Q4/shard-1/manifest.json');
    expect(
      buckets['acme-audit']?.objects.get('2026-Q4/shard-2/manifest.json')?.headers['x-amz-server-side-encryption-aws-kms-key-id'],
    ).toBe('alias/audit');

    const merged = await runCli(
      ['merge', 's3://acme-audit/2026-Q4/shard-2', 's3://acme-audit/2026-Q4/shard-1', '--out', 's3://acme-audit/2026-Q4/org'],
      env(),
    );
    expect(merged.err).not.toMatch(/auditpack:/);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/^merged 2 shards into s3:\/\/acme-audit\/2026-Q4\/org: 2 accounts, 1 regions, \d+ files/);
    expect(keysUnder('acme-audit', '2026-Q4/org/shards/')).toEqual(
      expect.arrayContaining(['2026-Q4/org/shards/0001/manifest.json', '2026-Q4/org/shards/0002/manifest.json']),
    );
    // The prefix the shards were written under stands for every shard-<index> in it (org/ is not one).
    const byPrefix = await runCli(['merge', 's3://acme-audit/2026-Q4/', '--out', 's3://acme-audit/2026-Q4-again/org'], env());
    expect(byPrefix.code).toBe(0);
    expect(byPrefix.err).toMatch(/s3:\/\/acme-audit\/2026-Q4\/: 2 shards \(shard-1, shard-2\)/);
    expect(byPrefix.out).toMatch(/^merged 2 shards into s3:\/\/acme-audit\/2026-Q4-again\/org/);
    expect(buckets['acme-audit']?.objects.get('2026-Q4-again/org/manifest.json')?.body).toEqual(
      buckets['acme-audit']?.objects.get('2026-Q4/org/manifest.json')?.body,
    );
    const none = await runCli(['merge', 's3://acme-audit/nothing-here/', '--out', 's3://acme-audit/x/org'], env());
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/s3:\/\/acme-audit\/nothing-here\/: holds no shard-<index>\/ folders/);

    const report = await runCli(
      ['report', 's3://acme-audit/2026-Q4/org', '--out', 's3://acme-audit/2026-Q4/report', '--format', 'json'],
      env(),
    );
    expect(report.code).toBe(0);
    expect(keysUnder('acme-audit', '2026-Q4/report/')).toEqual(['2026-Q4/report/results.json']);
  });

  it('archives a sealed bundle from S3 into an Object Lock bucket and verifies it there', async () => {
    const keys = await testKeys();
    const collected = await runCli(
      [
        'collect',
        '--regions',
        'us-east-1',
        '--endpoint-url',
        fake.url,
        '--out',
        's3://acme-audit/q4/acme',
        '--sign',
        keys.privatePath,
        '-q',
      ],
      env(),
    );
    expect([0, 20]).toContain(collected.code);
    const verified = await runCli(['verify', 's3://acme-audit/q4/acme', '--key', keys.publicPath], env());
    expect(verified.code).toBe(0);

    const refused = await runCli(
      ['archive', 's3://acme-audit/q4/acme', '--out', 's3://acme-audit/q4.tar.gz', '--retain-until', '2033-12-31'],
      env(),
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--out s3:\/\/acme-audit\/q4\.tar\.gz: the bucket does not have S3 Object Lock enabled/);
    const past = await runCli(
      ['archive', 's3://acme-audit/q4/acme', '--out', 's3://acme-audit-archive/q4.tar.gz', '--retain-until', '2020-01-01'],
      env(),
    );
    expect(past.err).toMatch(/--retain-until 2020-01-01: is not in the future/);

    const archived = await runCli(
      ['archive', 's3://acme-audit/q4/acme', '--out', 's3://acme-audit-archive/acme-2026-q4.tar.gz', '--retain-until', '2033-12-31'],
      env(),
    );
    expect(archived.code).toBe(0);
    expect(archived.err).toMatch(/locked \(compliance mode\) until 2033-12-31T00:00:00.000Z/);
    const object = buckets['acme-audit-archive']?.objects.get('acme-2026-q4.tar.gz');
    expect(object?.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
    const check = await runCli(['verify', 's3://acme-audit-archive/acme-2026-q4.tar.gz', '--key', keys.publicPath], env());
    expect(check.code).toBe(0);
  });

  it('the built CLI, whose S3 client is bundled, uploads a bundle and reports from it into S3', async () => {
    // dist/ as a user runs it (test/global-setup.ts builds it): the S3 calls go through the build's SDK bundles.
    const built = (args: string[]) => runBuiltCli(args, env());
    const collected = await built([
      'collect',
      '--regions',
      'us-east-1',
      '--endpoint-url',
      fake.url,
      '--out',
      's3://acme-audit/built/acme',
      '-q',
    ]);
    expect(collected.code, collected.output).toBe(0);
    expect(collected.output).toMatch(/uploaded \d+ files to s3:\/\/acme-audit\/built\/acme/);
    expect(keysUnder('acme-audit', 'built/acme/')).toContain('built/acme/manifest.json');
    const reported = await built(['report', 's3://acme-audit/built/acme', '--out', 's3://acme-audit/built/report', '--format', 'json']);
    expect(reported.code, reported.output).toBe(0);
    expect(keysUnder('acme-audit', 'built/report/')).toContain('built/report/results.json');
  }, 60_000);
});
