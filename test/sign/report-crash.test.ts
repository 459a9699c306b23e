import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSACTION_DIR, setWriteHook } from '../../src/shared/write-file.js';
import { loadTrustedKeys } from '../../src/sign/keys.js';
import type { ReportManifest } from '../../src/sign/report-manifest.js';
import { verifyPath } from '../../src/sign/verify.js';
import { runCli, tempDir, testBundleDir, testKeys, type TestKeys } from './helpers.js';

afterEach(() => void setWriteHook(undefined));

/** Makes the n-th write, rename or delete fail as a full disk would; the run stops there, as if killed. */
function crashAt(n: number): () => number {
  let count = 0;
  setWriteHook((action, path) => {
    count++;
    if (count === n) throw Object.assign(new Error(`ENOSPC: no space left on device, ${action} '${path}'`), { code: 'ENOSPC' });
  });
  return () => count;
}

function reportArgs(bundle: string, out: string, keys: TestKeys, format = 'json,html'): string[] {
  return ['report', bundle, '--out', out, '-c', 'test/fixtures/catalog-small.yaml', '--format', format, '--sign', keys.privatePath];
}

/** Every file under `dir`, relative, sorted, dot files and folders included. */
function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listAll(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

async function verified(out: string, keys: TestKeys): Promise<{ ok: boolean; problems: string }> {
  const result = await verifyPath(out, await loadTrustedKeys(keys.publicPath));
  return { ok: result.ok, problems: JSON.stringify(result.items.map((i) => i.problems)) };
}

/** After a crash and a re-run: verifies, holds exactly the expected files, each listed once. */
async function expectFinished(out: string, keys: TestKeys, expected: string[], label: string): Promise<void> {
  const state = await verified(out, keys);
  expect(state.ok, `${label}: ${state.problems}`).toBe(true);
  expect(listAll(out), label).toEqual([...expected, 'report-manifest.json', 'report-manifest.json.sig'].sort());
  const manifest = JSON.parse(readFileSync(join(out, 'report-manifest.json'), 'utf8')) as ReportManifest;
  expect(
    manifest.files.map((f) => f.path),
    label,
  ).toEqual([...expected].sort());
}

const SOURCE_DATE = { SOURCE_DATE_EPOCH: '1790000000' };

describe('a crash at any write of report --sign', () => {
  it('into an empty --out: a re-run into the same --out succeeds, verifies and lists each file once', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    let writes = 0;
    setWriteHook(() => void writes++);
    const fresh = await runCli(reportArgs(bundle, tempDir('auditpack-report-'), keys), SOURCE_DATE);
    setWriteHook(undefined);
    expect(fresh.code, fresh.err).toBe(0);
    // results.json, report.html, the manifest and its signature: staged, committed, moved into place.
    expect(writes).toBeGreaterThan(8);
    for (let n = 1; n <= writes; n++) {
      const out = tempDir('auditpack-report-');
      crashAt(n);
      const crashed = await runCli(reportArgs(bundle, out, keys), SOURCE_DATE);
      expect(crashed.code, `write ${n}`).not.toBe(0);
      setWriteHook(undefined);
      // All or nothing: either no report yet, or the whole signed report.
      if (existsSync(join(out, 'report-manifest.json.sig')) && !existsSync(join(out, TRANSACTION_DIR))) {
        expect((await verified(out, keys)).ok, `write ${n}`).toBe(true);
      } else {
        expect(existsSync(join(out, 'results.json')) && !existsSync(join(out, TRANSACTION_DIR)), `write ${n}`).toBe(false);
      }

      const rerun = await runCli(reportArgs(bundle, out, keys), SOURCE_DATE);
      expect(rerun.code, `write ${n}: ${rerun.err}`).toBe(0);
      await expectFinished(out, keys, ['report.html', 'results.json'], `write ${n}`);
    }
  });

  it('over an earlier signed report: the old report stays valid until the new one replaces it whole', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    const first = tempDir('auditpack-report-');
    expect((await runCli(reportArgs(bundle, first, keys), SOURCE_DATE)).code).toBe(0);
    let writes = 0;
    setWriteHook(() => void writes++);
    expect((await runCli(reportArgs(bundle, first, keys), { SOURCE_DATE_EPOCH: '1790000999' })).code).toBe(0);
    setWriteHook(undefined);
    expect(writes).toBeGreaterThan(8);
    for (let n = 1; n <= writes; n++) {
      const out = tempDir('auditpack-report-');
      expect((await runCli(reportArgs(bundle, out, keys), SOURCE_DATE)).code).toBe(0);
      const before = readFileSync(join(out, 'report-manifest.json'), 'utf8');
      crashAt(n);
      expect((await runCli(reportArgs(bundle, out, keys), { SOURCE_DATE_EPOCH: '1790000999' })).code, `write ${n}`).not.toBe(0);
      setWriteHook(undefined);
      if (!existsSync(join(out, TRANSACTION_DIR))) {
        // Nothing half-way: the old report or the new one, each verifying.
        expect((await verified(out, keys)).ok, `write ${n}`).toBe(true);
      } else if (readFileSync(join(out, 'report-manifest.json'), 'utf8') === before) {
        expect(
          listAll(out).filter((p) => !p.startsWith(`${TRANSACTION_DIR}/`)),
          `write ${n}`,
        ).toEqual(['report-manifest.json', 'report-manifest.json.sig', 'report.html', 'results.json']);
      }
      const rerun = await runCli(reportArgs(bundle, out, keys), { SOURCE_DATE_EPOCH: '1790000999' });
      expect(rerun.code, `write ${n}: ${rerun.err}`).toBe(0);
      await expectFinished(out, keys, ['report.html', 'results.json'], `write ${n}`);
      expect(readFileSync(join(out, 'report-manifest.json'), 'utf8'), `write ${n}`).toMatch(/2026-09-21T14:29:59/);
    }
  });

  it('a temp file left by a killed write is deleted by the re-run, not refused as a stranger', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    const out = tempDir('auditpack-report-');
    writeFileSync(join(out, 'results.json'), '{"half": ');
    writeFileSync(join(out, '.results.json.4242.tmp'), '{"half": ');
    writeFileSync(join(out, '.report-manifest.json.sig.4242.tmp'), 'half a signature');
    const rerun = await runCli(reportArgs(bundle, out, keys), SOURCE_DATE);
    expect(rerun.code, rerun.err).toBe(0);
    await expectFinished(out, keys, ['report.html', 'results.json'], 'temp files');
  });

  it('still refuses a file it did not write, and a temp file of a name it does not write', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    const out = tempDir('auditpack-report-');
    writeFileSync(join(out, '.notes.txt.4242.tmp'), 'mine');
    const run = await runCli(reportArgs(bundle, out, keys), SOURCE_DATE);
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(/\.notes\.txt\.4242\.tmp: is already in --out/);
    expect(existsSync(join(out, '.notes.txt.4242.tmp'))).toBe(true);
  });

  it('--out under /proc: exit 3 with the path, not a hang in mkdir -p', async () => {
    const keys = await testKeys();
    const run = await runCli(reportArgs(testBundleDir(), '/proc/self/auditpack-signed-out', keys), SOURCE_DATE);
    expect(run.err).toMatch(/\/proc\/self\/auditpack-signed-out: cannot mkdir \(ENOENT/);
    expect(run.code).toBe(3);
  });

  it('with a PDF: a crash while the signed PDF is being put in place is finished by a re-run', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    const out = tempDir('auditpack-report-');
    let renames = 0;
    setWriteHook((action, path) => {
      if (action === 'rename' && path.endsWith('report.pdf') && ++renames === 1) throw new Error('killed');
    });
    const crashed = await runCli(reportArgs(bundle, out, keys, 'json,pdf'), SOURCE_DATE);
    setWriteHook(undefined);
    expect(crashed.code).not.toBe(0);
    expect(renames).toBe(1);
    const rerun = await runCli(reportArgs(bundle, out, keys, 'json,pdf'), SOURCE_DATE);
    expect(rerun.code, rerun.err).toBe(0);
    await expectFinished(out, keys, ['report.pdf', 'results.json'], 'pdf');
  }, 60_000);
});
