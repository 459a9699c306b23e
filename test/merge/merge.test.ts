import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_WINDOW_TOLERANCE_HOURS, mergeBundles, type MergeOptions } from '../../src/merge/merge.js';
import { loadTrustedKeys } from '../../src/sign/keys.js';
import { sealBundle } from '../../src/sign/seal.js';
import { verifyBundleDir } from '../../src/sign/verify.js';
import { json, type FakeAws } from '../collect/helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from '../collect/helpers/run.js';
import { flipByte, runCli, testKeys, type TestKeys } from '../sign/helpers.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

// A fixed clock, so that findings measured from the collection time compare across runs.
const ORG = {
  organization: true,
  roleName: 'OrganizationAccountAccessRole',
  regions: ['us-east-1'],
  now: () => new Date('2026-09-30T08:00:00.000Z'),
};
const CATALOG = new URL('../../controls/cis-aws-foundations-v5.0.0.yaml', import.meta.url).pathname;

const tmp = () => mkdtempSync(join(tmpdir(), 'auditpack-merge-'));
const copyOf = (dir: string) => {
  const to = join(tmp(), 'copy');
  cpSync(dir, to, { recursive: true });
  return to;
};
const options = (inputs: string[], extra: Partial<MergeOptions> = {}): MergeOptions => ({
  inputs,
  out: join(tmp(), 'merged'),
  trusted: [],
  requireSigned: false,
  windowToleranceHours: DEFAULT_WINDOW_TOLERANCE_HOURS,
  ...extra,
});

async function findings(dir: string): Promise<string[]> {
  const catalog = await loadCatalog(
    CATALOG,
    findCheck,
    checks.map((c) => c.id),
  );
  const results = await evaluate(await openBundle(dir), catalog, { findCheck, toolVersion: 't', catalogFileName: 'c' });
  return results.requirements
    .flatMap((r) => r.checks.flatMap((c) => c.findings.map((f) => `${r.id} ${c.check} ${f.resource} ${f.status} ${f.reason}`)))
    .sort();
}

/** Shards 1 and 2 of 3 of the sample organisation (shard 0 holds none of its two active accounts), and the unsharded run. */
async function collectShards(): Promise<{ shards: string[]; whole: string }> {
  fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
  const shards = [];
  for (const index of [1, 2]) shards.push((await collectFrom(fake, { ...ORG, shard: { index, count: 3 } })).dir);
  const whole = (await collectFrom(fake, ORG)).dir;
  return { shards, whole };
}

let keys: TestKeys;
beforeAll(async () => {
  keys = await testKeys();
});

describe('merge', () => {
  it('gives the same bundle in any order, the unsharded run’s findings, and a bundle that verifies and evaluates like any other', async () => {
    const { shards, whole } = await collectShards();
    const a = await mergeBundles(options(shards));
    const b = await mergeBundles(options([...shards].reverse()));
    expect(readFileSync(join(b.dir, 'manifest.json'), 'utf8')).toBe(readFileSync(join(a.dir, 'manifest.json'), 'utf8'));
    expect(a.manifest.scope.accounts.map((x) => x.id)).toEqual(['111122223333', '444455556666']);
    expect(a.manifest.shards?.map((s) => [s.index, s.accounts, s.manifest.path, s.signature])).toEqual([
      [1, ['444455556666'], 'shards/0001/manifest.json', undefined],
      [2, ['111122223333'], 'shards/0002/manifest.json', undefined],
    ]);
    expect(a.warnings).toHaveLength(2);
    expect(a.warnings[0]).toMatch(/is not sealed/);
    // Every evidence file of the unsharded run is there, with the same bytes.
    const wholeManifest = (await openBundle(whole)).manifest;
    expect(a.manifest.files.map((f) => `${f.path} ${f.sha256}`)).toEqual(wholeManifest.files.map((f) => `${f.path} ${f.sha256}`));
    expect(await findings(a.dir)).toEqual(await findings(whole));
    // Sealed after merging, it verifies; the shard manifests are listed, so a changed one is noticed.
    await sealBundle(a.dir, keys.key);
    const trusted = await loadTrustedKeys(keys.publicPath);
    expect((await verifyBundleDir(a.dir, 'merged', trusted)).ok).toBe(true);
    flipByte(join(a.dir, 'shards/0001/manifest.json'));
    const after = await verifyBundleDir(a.dir, 'merged', trusted);
    expect(after.ok).toBe(false);
    expect(after.problems.map((p) => p.message).join('\n')).toMatch(/shards\/0001\/manifest\.json/);

    // On the command line, a folder of shard-<index> bundles stands for every one of them.
    const folder = tmp();
    for (const [i, shard] of shards.entries()) cpSync(shard, join(folder, `shard-${i + 1}`), { recursive: true });
    const out = join(tmp(), 'merged');
    const run = await runCli(['merge', folder, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`${folder}: 2 shards (shard-1, shard-2)`);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(readFileSync(join(b.dir, 'manifest.json'), 'utf8'));
    const empty = tmp();
    const none = await runCli(['merge', empty, '--out', join(tmp(), 'merged')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain(`${empty}: holds neither manifest.json nor shard-<index>/ bundles`);
  });

  it('checks and keeps each shard’s seal, and refuses a tampered or unsealed shard under --require-signed', async () => {
    const { shards } = await collectShards();
    const trusted = await loadTrustedKeys(keys.publicPath);
    const sealed = shards.map(copyOf);
    for (const dir of sealed) await sealBundle(dir, keys.key);
    const merged = await mergeBundles(options(sealed, { trusted, requireSigned: true }));
    expect(merged.manifest.shards?.map((s) => s.signature?.keyFingerprint)).toEqual([
      expect.stringMatching(/^SHA256:/),
      expect.stringMatching(/^SHA256:/),
    ]);
    expect(readFileSync(join(merged.dir, 'shards/0002/manifest.json.sig'))).toEqual(
      readFileSync(join(sealed[1] as string, 'manifest.json.sig')),
    );

    await expect(mergeBundles(options([sealed[0] as string, shards[1] as string], { trusted, requireSigned: true }))).rejects.toThrow(
      /manifest\.json\.sig: is missing; --require-signed accepts only sealed shards/,
    );
    await expect(mergeBundles(options(sealed))).rejects.toThrow(/is sealed, and a seal is checked before merging; give the public key/);
    const other = await testKeys('someone else');
    await expect(mergeBundles(options(sealed, { trusted: await loadTrustedKeys(other.publicPath) }))).rejects.toThrow(
      /its seal does not verify/,
    );
    // A changed evidence byte: refused whether sealed or not.
    const tampered = copyOf(shards[0] as string);
    const evidence = (await openBundle(tampered)).manifest.files[0]?.path as string;
    flipByte(join(tampered, evidence));
    await expect(mergeBundles(options([tampered, shards[1] as string]))).rejects.toThrow(/SHA-256|sha256|changed|differs/i);
    // The same in a sealed shard, whose seal still verifies (the manifest is unchanged): the bytes are
    // checked as they are copied, and nothing is left behind.
    const sealedTampered = copyOf(sealed[0] as string);
    flipByte(join(sealedTampered, evidence));
    const out = join(mkdtempSync(join(tmpdir(), 'auditpack-merge-out-')), 'merged');
    await expect(mergeBundles({ ...options([sealedTampered, sealed[1] as string], { trusted }), out })).rejects.toThrow(
      new RegExp(`${evidence.replaceAll('.', '\\.')}: sha256 does not match its shard's manifest\\.json .*restore the shard`),
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.merging-${process.pid}`)).toBe(false);

    // A FIFO where a file should be, its manifest entry made to fit (size 0): refused, not waited on.
    const fifo = copyOf(shards[0] as string);
    const manifestPath = join(fifo, 'manifest.json');
    const edited = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
    const entry = edited.files.find((f) => f.path === evidence) as { size: number; sha256: string };
    entry.size = 0;
    entry.sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    writeFileSync(manifestPath, JSON.stringify(edited, null, 2));
    rmSync(join(fifo, evidence));
    execFileSync('mkfifo', [join(fifo, evidence)]);
    await expect(mergeBundles(options([fifo, shards[1] as string]))).rejects.toThrow(/is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses overlapping accounts, a shard given twice, a missing shard, shards of different runs and windows too far apart', async () => {
    const { shards, whole } = await collectShards();
    const [one, two] = shards as [string, string];
    await expect(mergeBundles(options([one, one]))).rejects.toThrow(/is the same bundle as/);
    await expect(mergeBundles(options([one, whole]))).rejects.toThrow(/account 444455556666: is in both/);
    await expect(mergeBundles(options([two]))).rejects.toThrow(
      /the shards hold 1 of the organisation's 2 accounts; shards 0, 1 of 3 are missing/,
    );
    const late = copyOf(two);
    const manifest = JSON.parse(readFileSync(join(late, 'manifest.json'), 'utf8')) as {
      collection: { startedAt: string; finishedAt: string };
    };
    manifest.collection.startedAt = new Date(Date.parse(manifest.collection.startedAt) + 30 * 3_600_000).toISOString();
    manifest.collection.finishedAt = new Date(Date.parse(manifest.collection.finishedAt) + 30 * 3_600_000).toISOString();
    writeFileSync(join(late, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await expect(mergeBundles(options([one, late]))).rejects.toThrow(
      /the collections started 30\.0 hours apart .* more than --window-tolerance 24/,
    );
    expect((await mergeBundles(options([one, late], { windowToleranceHours: 48 }))).manifest.collection.complete).toBe(true);
    const foreign = copyOf(two);
    const m2 = JSON.parse(readFileSync(join(foreign, 'manifest.json'), 'utf8')) as { collection: { shard: { accountsSha256: string } } };
    m2.collection.shard.accountsSha256 = 'f'.repeat(64);
    writeFileSync(join(foreign, 'manifest.json'), JSON.stringify(m2, null, 2));
    await expect(mergeBundles(options([one, foreign]))).rejects.toThrow(/the shards come from different runs/);
    const merged = await mergeBundles(options(shards));
    await expect(mergeBundles(options([merged.dir, one]))).rejects.toThrow(/is itself a merged bundle/);
    await expect(mergeBundles(options(shards, { out: merged.dir }))).rejects.toThrow(/exists and is not an empty directory/);
  });
});
