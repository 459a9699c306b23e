import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { JOURNAL_NAME } from '../../src/collect/bundle-writer.js';
import { FakeAws, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, newBundleDir, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

/** What identifies a request on the wire, page token included. */
const requestKey = (r: WireRequest): string =>
  `${r.service}:${r.operation} ${r.region} ${r.bucket ?? ''} ${JSON.stringify({ ...r.params, ...r.body })}`;

/** Interrupts the run as the `nth` request matching `when` arrives (that request is then cut off, as by Ctrl-C). */
function interruptAt(controller: AbortController, when: (r: WireRequest) => boolean): { cut: WireRequest[] } {
  const cut: WireRequest[] = [];
  for (const [service, operation] of [
    ['config', 'GetComplianceDetailsByConfigRule'],
    ['ec2', 'DescribeSecurityGroups'],
  ] as const) {
    fake.on(service, operation, (r) => {
      if (!controller.signal.aborted && when(r)) {
        cut.push(r);
        controller.abort();
      }
      return undefined;
    });
  }
  return { cut };
}

describe('collect --resume', () => {
  it('finishes an interrupted bundle without repeating a finished call, and the result equals an uninterrupted run', async () => {
    const out = newBundleDir();
    const controller = new AbortController();
    const { cut } = interruptAt(
      controller,
      (r) => r.operation === 'GetComplianceDetailsByConfigRule' && r.body.ConfigRuleName === 'iam-password-policy',
    );
    const first = await collectFrom(fake, { out, signal: controller.signal, concurrency: 1 });
    expect(first.outcome).toBe('interrupted');
    expect(cut).toHaveLength(1);
    // The bundle on disk is marked incomplete and is refused unless the reader accepts that.
    const partial = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { collection: { complete: boolean }; files: unknown[] };
    expect(partial.collection.complete).toBe(false);
    expect(partial.files.length).toBeGreaterThan(10);
    expect(existsSync(join(out, JOURNAL_NAME))).toBe(true);
    await expect(openBundle(out)).rejects.toThrow(/collection did not finish/);
    await openBundle(out, { allowIncomplete: true });

    const finishedInFirstRun = new Set(fake.requests.filter((r) => !cut.includes(r)).map(requestKey));
    const firstCount = fake.requests.length;
    const second = await collectFrom(fake, { out, resume: true, concurrency: 1 });
    expect(second.outcome).toBe('partial');
    const secondRun = fake.requests.slice(firstCount);
    const repeated = secondRun.filter((r) => finishedInFirstRun.has(requestKey(r))).map((r) => `${r.service}:${r.operation}`);
    // Only the identity check that proves the credentials are for the same account.
    expect(repeated).toEqual(['sts:GetCallerIdentity']);
    expect(secondRun.map(requestKey)).toContain(requestKey(cut[0] as WireRequest));
    expect(second.resumed).toBeGreaterThan(10);
    expect(existsSync(join(out, JOURNAL_NAME))).toBe(false);

    const resumed = await openBundle(out);
    expect(resumed.manifest.bundleId).toBe(first.bundleId);
    expect(resumed.manifest.collection.startedAt).toBe(first.manifest.collection.startedAt);
    const straight = await collectFrom(fake);
    const digest = (files: { path: string; sha256: string; status: string }[]) =>
      files.map((f) => `${f.path} ${f.sha256} ${f.status}`).sort();
    expect(digest(resumed.manifest.files)).toEqual(digest(straight.manifest.files));
    expect(resumed.manifest.errors.map((e) => e.code)).toEqual(['UnauthorizedOperation']);
  });

  it('leaves the bundle incomplete when the network goes away, and --resume asks only what got no answer', async () => {
    const out = newBundleDir();
    let down = true;
    fake.on('config', 'DescribeConfigurationRecorderStatus', () => (down ? { body: '', drop: true } : undefined));
    const first = await collectFrom(fake, { out, regions: ['us-east-1', 'eu-west-1'] });
    expect(first.outcome).toBe('interrupted');
    expect(first.manifest.collection.complete).toBe(false);
    expect(
      first.manifest.errors.filter((e) => e.operation === 'DescribeConfigurationRecorderStatus').map((e) => [e.code, e.httpStatus]),
    ).toEqual([
      [expect.stringMatching(/^(ECONNRESET|TimeoutError)$/), undefined],
      [expect.stringMatching(/^(ECONNRESET|TimeoutError)$/), undefined],
    ]);
    expect(fake.calls('config', 'DescribeConfigurationRecorderStatus')).toHaveLength(6); // 3 attempts in each region
    down = false;
    const firstCount = fake.requests.length;
    const second = await collectFrom(fake, { out, resume: true });
    expect(second.outcome).toBe('partial');
    expect(
      fake.requests
        .slice(firstCount)
        .map((r) => `${r.service}:${r.operation}`)
        .sort(),
    ).toEqual(['config:DescribeConfigurationRecorderStatus', 'config:DescribeConfigurationRecorderStatus', 'sts:GetCallerIdentity']);
    expect(second.manifest.errors.map((e) => `${e.operation} ${e.code}`)).toEqual(['DescribeSecurityGroups UnauthorizedOperation']);
  });

  it('continues a paginated call from the last page written, with its NextToken', async () => {
    const out = newBundleDir();
    const controller = new AbortController();
    interruptAt(controller, (r) => r.operation === 'DescribeSecurityGroups' && r.params.NextToken !== undefined);
    const first = await collectFrom(fake, { out, signal: controller.signal, concurrency: 1, regions: ['us-east-1'] });
    expect(first.outcome).toBe('interrupted');
    expect(first.manifest.files.filter((f) => f.operation === 'DescribeSecurityGroups').map((f) => f.page ?? 1)).toEqual([1]);
    const firstCount = fake.requests.length;
    await collectFrom(fake, { out, resume: true, concurrency: 1 });
    const again = fake.requests.slice(firstCount).filter((r) => r.operation === 'DescribeSecurityGroups');
    expect(again.map((r) => r.params.NextToken)).toEqual(['eyJ2IjoiMiIsImMiOiJzZy0wYjhjNGQwZTJmNmExMzU3OSJ9']);
    const bundle = await openBundle(out);
    expect(bundle.manifest.files.filter((f) => f.operation === 'DescribeSecurityGroups').map((f) => f.page ?? 1)).toEqual([1, 2]);
  });

  it('never writes into a complete bundle, a foreign directory, or an unfinished one without --resume', async () => {
    const done = await collectFrom(fake, { regions: ['us-east-1'] });
    const manifestBefore = readFileSync(join(done.dir, 'manifest.json'), 'utf8');
    await expect(collectFrom(fake, { out: done.dir })).rejects.toThrow(/holds a complete evidence bundle, which is never overwritten/);
    await expect(collectFrom(fake, { out: done.dir, resume: true })).rejects.toThrow(/holds a complete evidence bundle/);
    expect(readFileSync(join(done.dir, 'manifest.json'), 'utf8')).toBe(manifestBefore);

    const foreign = newBundleDir();
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    await expect(collectFrom(fake, { out: foreign })).rejects.toThrow(/is not empty and holds no evidence bundle/);
    await expect(collectFrom(fake, { out: newBundleDir(), resume: true })).rejects.toThrow(/holds no unfinished collection to resume/);

    const out = newBundleDir();
    const controller = new AbortController();
    interruptAt(controller, (r) => r.operation === 'DescribeSecurityGroups');
    await collectFrom(fake, { out, signal: controller.signal, concurrency: 1, regions: ['us-east-1'] });
    await expect(collectFrom(fake, { out })).rejects.toThrow(
      /holds an unfinished collection. Finish it with "auditpack collect --out .* --resume"/,
    );
    await expect(collectFrom(fake, { out, resume: true, regions: ['eu-west-1'] })).rejects.toThrow(
      /--regions eu-west-1: the bundle in .* is collecting us-east-1/,
    );
  });
});
