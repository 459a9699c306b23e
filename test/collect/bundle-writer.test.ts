import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { BundleWriter, JOURNAL_NAME } from '../../src/collect/bundle-writer.js';
import { encodeKey, type CallRef } from '../../src/collect/paths.js';
import { newBundleDir } from './helpers/run.js';

const plan = { mode: 'single' as const };
const start = (dir: string) =>
  BundleWriter.create(dir, {
    bundleId: '3b9d6f0e-8a41-4c7e-b2d5-91f04a6c7e18',
    startedAt: '2026-09-30T08:00:00.000Z',
    toolVersion: '0.0.0-test',
    plan,
  });
const call = (operation: string, parameters: Record<string, unknown> = {}, key?: string): CallRef => ({
  account: '111122223333',
  region: 'us-east-1',
  service: 'cloudtrail',
  operation,
  parameters,
  ...(key === undefined ? {} : { key }),
});
const at = { collectedAt: '2026-09-30T08:00:01.000Z', status: 'ok' as const };

describe('BundleWriter', () => {
  it('spells resource keys with %XX outside A-Za-z0-9._-', () => {
    expect(encodeKey('acme-data.lake_raw')).toBe('acme-data.lake_raw');
    expect(encodeKey('aws-cloudtrail-logs/acme:*')).toBe('aws-cloudtrail-logs%2Facme%3A%2A');
    expect(encodeKey('café')).toBe('caf%C3%A9');
    expect(encodeKey('..')).toBe('%2E%2E');
  });

  it('rebuilds its state from the journal, a torn last line included, and keeps answers but not retryable failures', async () => {
    const dir = newBundleDir();
    const writer = await start(dir);
    writer.setAccount({ id: '111122223333', regions: ['us-east-1'] });
    await writer.writePage(call('DescribeTrails'), 1, '{}\n', at);
    writer.markDone(call('DescribeTrails'));
    await writer.writePage(call('ListTrails'), 1, '{"NextToken":"t2"}\n', { ...at, nextToken: 't2' });
    const error = {
      account: '111122223333',
      region: 'us-east-1',
      service: 'cloudtrail',
      operation: 'GetTrailStatus',
      code: 'AccessDenied',
      message: 'no',
    };
    writer.recordError({ ...error, parameters: { Name: 'a' } }, 'answer', call('GetTrailStatus', { Name: 'a' }));
    writer.recordError(
      { ...error, parameters: { Name: 'b' }, code: 'ThrottlingException' },
      'retryable',
      call('GetTrailStatus', { Name: 'b' }),
    );
    writer.close();
    appendFileSync(join(dir, JOURNAL_NAME), '{"t":"done","call":"111122');

    const resumed = await BundleWriter.resume(dir);
    expect(resumed.bundleId).toBe('3b9d6f0e-8a41-4c7e-b2d5-91f04a6c7e18');
    expect(resumed.accounts).toEqual([{ id: '111122223333', regions: ['us-east-1'] }]);
    expect(resumed.isDone(call('DescribeTrails'))).toBe(true);
    expect(resumed.finishedBefore(call('DescribeTrails'))).toBe(true);
    expect(resumed.isDone(call('ListTrails'))).toBe(false);
    expect(resumed.resumeToken(call('ListTrails'))).toBe('t2');
    expect(resumed.isDone(call('GetTrailStatus', { Name: 'a' }))).toBe(true);
    expect(resumed.isDone(call('GetTrailStatus', { Name: 'b' }))).toBe(false);
    expect(resumed.errors.map((e) => e.code)).toEqual(['AccessDenied']);
    resumed.close();
  });

  it('keeps two resources of the same name apart, and removes strays under aws/ when it finishes', async () => {
    const dir = newBundleDir();
    const writer = await start(dir);
    writer.setAccount({ id: '111122223333', regions: ['us-east-1'] });
    const local = await writer.writePage(
      call('GetTrailStatus', { Name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' }, 'main'),
      1,
      '{}\n',
      at,
    );
    const org = await writer.writePage(
      call('GetTrailStatus', { Name: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/main' }, 'main'),
      1,
      '{"IsLogging":true}\n',
      at,
    );
    expect(local.path).toBe('aws/111122223333/us-east-1/cloudtrail/GetTrailStatus/main.json');
    expect(org.path).toMatch(/^aws\/111122223333\/us-east-1\/cloudtrail\/GetTrailStatus\/main-[0-9a-f]{8}\.json$/);
    mkdirSync(join(dir, 'aws/111122223333/us-east-1/ec2'), { recursive: true });
    writeFileSync(join(dir, 'aws/111122223333/us-east-1/ec2/.GetEbsEncryptionByDefault.json.123.tmp'), '{');
    const manifest = await writer.finish('2026-09-30T08:04:12.000Z');
    expect(manifest.collection).toEqual({ startedAt: '2026-09-30T08:00:00.000Z', finishedAt: '2026-09-30T08:04:12.000Z', complete: true });
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
    expect(existsSync(join(dir, 'aws/111122223333/us-east-1/ec2/.GetEbsEncryptionByDefault.json.123.tmp'))).toBe(false);
    const bundle = await openBundle(dir);
    expect(bundle.manifest.files).toHaveLength(2);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8').endsWith('\n')).toBe(true);
  });
});
