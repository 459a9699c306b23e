import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/main.js';
import { sha256 } from '../../src/shared/hash.js';
import { TRANSACTION_DIR, recoverFiles, setWriteHook } from '../../src/shared/write-file.js';
import { loadTrustedKeys } from '../../src/sign/keys.js';
import { sealBundle } from '../../src/sign/seal.js';
import { verifyPath } from '../../src/sign/verify.js';
import { runCli, sealedBundle, tempDir, testBundleDir, testKeys, type TestKeys } from './helpers.js';

afterEach(() => void setWriteHook(undefined));

/** How many writes, renames and deletes `action` makes. */
async function countWrites(action: () => Promise<unknown>): Promise<number> {
  let count = 0;
  setWriteHook(() => void count++);
  try {
    await action();
  } finally {
    setWriteHook(undefined);
  }
  return count;
}

/** Makes the n-th write fail as a full disk would; the run stops there, as if killed. */
function crashAt(n: number): void {
  let count = 0;
  setWriteHook((action, path) => {
    count++;
    if (count === n) throw Object.assign(new Error(`ENOSPC: no space left on device, ${action} '${path}'`), { code: 'ENOSPC' });
  });
}

function attestArgs(bundle: string, keys: TestKeys): string[] {
  return [
    ...['attest', bundle, '-c', 'test/fixtures/catalog-small.yaml', '-r', '1.1', '--result', 'pass', '--by', 'Dana Smith'],
    ...['--role', 'CISO', '--justification', 'Contacts reviewed.', '--date', '2026-09-15', '--key', keys.privatePath],
  ];
}

async function verdict(bundle: string, keys: TestKeys) {
  return verifyPath(bundle, await loadTrustedKeys(keys.publicPath));
}

describe('a crash at any write of seal', () => {
  it('leaves the unsealed or the sealed bundle, and a re-run seals it once', async () => {
    const keys = await testKeys();
    const fresh = testBundleDir();
    const writes = await countWrites(() => sealBundle(fresh, keys.key));
    expect(writes).toBeGreaterThan(8);
    for (let n = 1; n <= writes; n++) {
      const bundle = testBundleDir();
      crashAt(n);
      await expect(sealBundle(bundle, keys.key), `write ${n}`).rejects.toThrow(/ENOSPC/);
      setWriteHook(undefined);

      await recoverFiles(bundle);
      const state = await verdict(bundle, keys);
      const sealed = existsSync(join(bundle, 'manifest.json.sig'));
      // Old state: not sealed at all, nothing of a seal left. New state: sealed and verifying.
      if (sealed) expect(state.ok, `write ${n}: ${JSON.stringify(state.items[0]?.problems)}`).toBe(true);
      else expect(existsSync(join(bundle, 'signatures')), `write ${n}`).toBe(false);

      const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
      expect(run.code, `write ${n}: ${run.err}`).toBe(0);
      expect((await verdict(bundle, keys)).ok, `write ${n}`).toBe(true);
      expect(readdirSync(join(bundle, 'signatures')), `write ${n}`).toEqual(['0001']);
      expect(existsSync(join(bundle, TRANSACTION_DIR))).toBe(false);
    }
  });
});

describe('a crash at any write of attest --key', () => {
  it('leaves the old or the new bundle, and a re-run adds the attestation exactly once', async () => {
    const keys = await testKeys();
    const fresh = await sealedBundle(keys.key);
    const writes = await countWrites(async () => {
      const run = await runCli(attestArgs(fresh, keys));
      expect(run.code, run.err).toBe(0);
    });
    expect(writes).toBeGreaterThan(10);
    for (let n = 1; n <= writes; n++) {
      const bundle = await sealedBundle(keys.key);
      const before = sha256(readFileSync(join(bundle, 'manifest.json')));
      crashAt(n);
      const crashed = await runCli(attestArgs(bundle, keys));
      expect(crashed.code, `write ${n}`).not.toBe(0);
      setWriteHook(undefined);

      await recoverFiles(bundle);
      const state = await verdict(bundle, keys);
      expect(state.ok, `write ${n}: ${JSON.stringify(state.items[0]?.problems)}`).toBe(true);
      const after = sha256(readFileSync(join(bundle, 'manifest.json')));
      if (after === before) expect(existsSync(join(bundle, 'attestations')), `write ${n}`).toBe(false);
      else expect(readdirSync(join(bundle, 'signatures')), `write ${n}`).toEqual(['0001', '0002']);

      const rerun = await runCli(attestArgs(bundle, keys));
      expect(rerun.code, `write ${n}: ${rerun.err}`).toBe(0);
      expect((await verdict(bundle, keys)).ok, `write ${n}`).toBe(true);
      const yaml = readFileSync(join(bundle, 'attestations/attestations.yaml'), 'utf8');
      expect(yaml.match(/requirement: "?1\.1"?/g), `write ${n}`).toHaveLength(1);
      expect(readdirSync(join(bundle, 'signatures')), `write ${n}`).toEqual(['0001', '0002']);
    }
  });

  it('a re-run after the crash needs nothing else: run straight away, it finishes and verifies', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    // Crash just after the commit point: the journal is written, the files not yet moved.
    let renames = 0;
    setWriteHook((action) => {
      if (action === 'rename' && ++renames === 2) throw new Error('killed');
    });
    expect((await runCli(attestArgs(bundle, keys))).code).not.toBe(0);
    setWriteHook(undefined);
    const broken = await runCli(['verify', bundle, '--key', keys.publicPath]);
    expect(broken.code).not.toBe(0);
    expect(broken.err).toMatch(/was left by an interrupted "auditpack seal" or "auditpack attest"\. Run the same command again/);
    const rerun = await runCli(attestArgs(bundle, keys));
    expect(rerun.code, rerun.err).toBe(0);
    expect(rerun.out).toMatch(/Already recorded/);
    expect((await runCli(['verify', bundle, '--key', keys.publicPath])).code).toBe(0);
  });
});

describe('stale temporary files', () => {
  it('are named by verify and deleted by the next seal', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    writeFileSync(join(bundle, '.manifest.json.sig.4242.tmp'), 'half a signature');
    mkdirSync(join(bundle, 'signatures/0001'), { recursive: true });
    writeFileSync(join(bundle, 'signatures/0001/.manifest.json.4242.tmp'), '{');
    const stale = await runCli(['verify', bundle, '--key', keys.publicPath]);
    expect(stale.code).toBe(EXIT_CODES.BUNDLE_INTEGRITY);
    expect(stale.err).toMatch(/\.manifest\.json\.sig\.4242\.tmp: was left by an interrupted/);
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(join(bundle, '.manifest.json.sig.4242.tmp'))).toBe(false);
    expect(existsSync(join(bundle, 'signatures/0001/.manifest.json.4242.tmp'))).toBe(false);
    expect((await runCli(['verify', bundle, '--key', keys.publicPath])).code).toBe(0);
  });

  it('a journal that auditpack did not write is refused, never followed', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    mkdirSync(join(bundle, TRANSACTION_DIR, 'files'), { recursive: true });
    writeFileSync(join(bundle, TRANSACTION_DIR, 'files/0'), 'pwned');
    writeFileSync(
      join(bundle, TRANSACTION_DIR, 'journal.json'),
      JSON.stringify({ formatVersion: 1, files: [{ path: '../outside.txt', sha256: sha256('pwned'), staged: 'files/0' }] }),
    );
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code).toBe(EXIT_CODES.BUNDLE_INVALID);
    expect(run.err).toMatch(/journal\.json: is not a journal auditpack wrote/);
    expect(existsSync(join(bundle, '..', 'outside.txt'))).toBe(false);
  });
});

describe('the real CLI killed with SIGKILL during attest --key', () => {
  const cli = join(process.cwd(), 'dist/cli/main.js');
  it('is finished by a re-run: verify passes and the attestation is there once', async () => {
    const keys = await testKeys();
    // First, middle and late writes: before the commit, at it, and while files are moved into place.
    for (const n of [1, 8, 16]) {
      const bundle = await sealedBundle(keys.key);
      const killed = spawnSync(process.execPath, [cli, ...attestArgs(bundle, keys)], {
        env: { ...process.env, AUDITPACK_CRASH_AT_WRITE: String(n) },
        encoding: 'utf8',
      });
      expect(killed.signal, `write ${n}: ${killed.stderr}`).toBe('SIGKILL');
      const rerun = spawnSync(process.execPath, [cli, ...attestArgs(bundle, keys)], { encoding: 'utf8' });
      expect(rerun.status, `write ${n}: ${rerun.stderr}`).toBe(0);
      const verified = spawnSync(process.execPath, [cli, 'verify', bundle, '--key', keys.publicPath], { encoding: 'utf8' });
      expect(verified.status, `write ${n}: ${verified.stderr}`).toBe(0);
      const yaml = readFileSync(join(bundle, 'attestations/attestations.yaml'), 'utf8');
      expect(yaml.match(/requirement: "?1\.1"?/g), `write ${n}`).toHaveLength(1);
    }
  });
});

describe('a journal planted in a bundle', () => {
  it('cannot write through a symbolic link out of the bundle', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const outside = tempDir();
    symlinkSync(outside, join(bundle, 'linked'));
    mkdirSync(join(bundle, TRANSACTION_DIR, 'files'), { recursive: true });
    writeFileSync(join(bundle, TRANSACTION_DIR, 'files/0'), 'pwned');
    writeFileSync(
      join(bundle, TRANSACTION_DIR, 'journal.json'),
      JSON.stringify({ formatVersion: 1, files: [{ path: 'linked/evil.txt', sha256: sha256('pwned'), staged: 'files/0' }] }),
    );
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code).toBe(EXIT_CODES.BUNDLE_INVALID);
    expect(run.err).toMatch(/linked\/evil\.txt leads outside the bundle/);
    expect(existsSync(join(outside, 'evil.txt'))).toBe(false);
  });
});
