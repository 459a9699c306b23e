import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectOutcomeError } from '../../src/cli/collect.js';
import { keygen } from '../../src/cli/sign.js';
import { TRANSACTION_DIR, setWriteHook } from '../../src/shared/write-file.js';
import { loadTrustedKeys } from '../../src/sign/keys.js';
import { verifyPath } from '../../src/sign/verify.js';
import { JOURNAL_NAME } from '../../src/collect/bundle-writer.js';
import { FakeAws } from './helpers/fake-aws.js';
import { newBundleDir, runBuiltCli, runCollectCli, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));
afterEach(() => void setWriteHook(undefined));

const run = runCollectCli;

async function keys(): Promise<{ privatePath: string; publicPath: string }> {
  const dir = join(newBundleDir(), '..', 'keys');
  await keygen({ out: dir, subject: 'test', days: 30, now: new Date() });
  return { privatePath: join(dir, 'private.pem'), publicPath: join(dir, 'public.pem') };
}

function collectArgs(dir: string, key: string, ...extra: string[]): string[] {
  return ['collect', '--out', dir, '--endpoint-url', fake.url, '--regions', 'us-east-1', '--quiet', '--sign', key, ...extra];
}

describe('collect --sign crashing in its seal step', () => {
  it('at any write: "collect --resume --sign" seals the bundle once and it verifies', async () => {
    const key = await keys();
    let writes = 0;
    setWriteHook(() => void writes++);
    const fresh = await run(collectArgs(newBundleDir(), key.privatePath));
    setWriteHook(undefined);
    expect(fresh.out, fresh.err).toMatch(/sealed /);
    expect(fresh.error).toBeUndefined();
    expect(writes).toBeGreaterThan(8);
    const trusted = await loadTrustedKeys(key.publicPath);
    for (let n = 1; n <= writes; n++) {
      const dir = newBundleDir();
      let count = 0;
      setWriteHook((action, path) => {
        if (++count === n) throw Object.assign(new Error(`ENOSPC: no space left on device, ${action} '${path}'`), { code: 'ENOSPC' });
      });
      const crashed = await run(collectArgs(dir, key.privatePath));
      setWriteHook(undefined);
      expect(crashed.error, `write ${n}`).toBeDefined();
      expect(crashed.error, `write ${n}`).not.toBeInstanceOf(CollectOutcomeError);

      const rerun = await run(collectArgs(dir, key.privatePath, '--resume'));
      expect(rerun.out, `write ${n}: ${rerun.err} ${String(rerun.error)}`).toMatch(/sealed /);
      // The run ends as the uninterrupted one did: the collection's outcome is what it was.
      expect(rerun.error, `write ${n}`).toEqual(fresh.error);
      const result = await verifyPath(dir, trusted);
      expect(result.ok, `write ${n}: ${JSON.stringify(result.items.map((i) => i.problems))}`).toBe(true);
      expect(readdirSync(join(dir, 'signatures')), `write ${n}`).toEqual(['0001']);
      expect(existsSync(join(dir, TRANSACTION_DIR)), `write ${n}`).toBe(false);
      expect(existsSync(join(dir, JOURNAL_NAME)), `write ${n}`).toBe(false);
    }
  }, 120_000);

  it('a second "collect --resume --sign" on a sealed bundle changes nothing', async () => {
    const key = await keys();
    const dir = newBundleDir();
    await run(collectArgs(dir, key.privatePath));
    const before = readFileSync(join(dir, 'manifest.json.sig'));
    const again = await run(collectArgs(dir, key.privatePath, '--resume'));
    expect(again.out, again.err).toMatch(/already sealed/);
    expect(readFileSync(join(dir, 'manifest.json.sig'))).toEqual(before);
    expect(readdirSync(join(dir, 'signatures'))).toEqual(['0001']);
  });

  it('"collect --resume" without --sign still refuses a complete bundle', async () => {
    const key = await keys();
    const dir = newBundleDir();
    await run(collectArgs(dir, key.privatePath));
    const again = await run(['collect', '--out', dir, '--endpoint-url', fake.url, '--regions', 'us-east-1', '--quiet', '--resume']);
    expect(String(again.error)).toMatch(/holds a complete evidence bundle, which is never overwritten/);
  });

  it('a journal left by a run stopped just after writing the complete manifest is deleted, and the bundle sealed', async () => {
    const key = await keys();
    const dir = newBundleDir();
    expect((await run(['collect', '--out', dir, '--endpoint-url', fake.url, '--regions', 'us-east-1', '--quiet'])).error).toBeUndefined();
    writeFileSync(join(dir, JOURNAL_NAME), '{"t":"begin"}\n');
    const rerun = await run(collectArgs(dir, key.privatePath, '--resume'));
    expect(rerun.out, `${rerun.err} ${String(rerun.error)}`).toMatch(/^sealed /);
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
    expect((await verifyPath(dir, await loadTrustedKeys(key.publicPath))).ok).toBe(true);
  });
});

describe('the real CLI killed with SIGKILL in the seal step of collect --sign', () => {
  /** Runs the built CLI without blocking this process, which serves the fake AWS. */
  const spawnCli = (args: string[], env: NodeJS.ProcessEnv = {}) => runBuiltCli(args, { ...process.env, ...env });

  it('is finished by "collect --resume --sign": the bundle verifies with one seal', async () => {
    const key = await keys();
    // Before the commit, at it, and while the seal's files are moved into place.
    for (const n of [5, 12]) {
      const dir = newBundleDir();
      const killed = await spawnCli(collectArgs(dir, key.privatePath), { AUDITPACK_CRASH_AT_WRITE: String(n) });
      expect(killed.signal, `write ${n}: ${killed.err}`).toBe('SIGKILL');
      const rerun = await spawnCli(collectArgs(dir, key.privatePath, '--resume'));
      expect(rerun.code, `write ${n}: ${rerun.err}`).toBe(0);
      const verified = await spawnCli(['verify', dir, '--key', key.publicPath]);
      expect(verified.code, `write ${n}: ${verified.err}`).toBe(0);
      expect(readdirSync(join(dir, 'signatures')), `write ${n}`).toEqual(['0001']);
    }
  }, 60_000);
});
