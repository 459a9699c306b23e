import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditpackError } from '../../src/shared/errors.js';
import { pendingCleanups } from '../../src/shared/cleanup.js';
import { findChromium, renderPdf } from '../../src/report/pdf.js';

const cli = join(process.cwd(), 'dist/cli/main.js');
const hasChromium = (() => {
  try {
    findChromium();
    return true;
  } catch {
    return false;
  }
})();

/**
 * Command lines of every process on the machine, by pid (Linux /proc). Processes forked from
 * Chromium's zygote rewrite theirs as one space-separated string, so it is split on both.
 */
function processes(): { pid: number; args: string[] }[] {
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/).filter(Boolean);
      found.push({ pid: Number(entry), args });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/** Chromium processes whose profile directory lies in `dir`; zombies (already dead, not yet reaped) have no command line and do not count. */
function chromiumIn(dir: string): { pid: number; args: string[] }[] {
  return processes().filter((p) => p.args.some((a) => a.startsWith(`--user-data-dir=${dir}`)));
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

/** Kills what a failing test left behind, so one failure does not leak Chromium into the next. */
function reap(dir: string): void {
  for (const p of chromiumIn(dir)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

let temp: string;
beforeEach(() => {
  // Short: Chromium's socket paths under TMPDIR must stay within 107 bytes.
  temp = mkdtempSync(join(tmpdir(), 'ap-int-'));
});
afterEach(() => {
  reap(temp);
  rmSync(temp, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('interrupting report while Chromium prints the PDF', () => {
  // Chromium's helpers (zygotes, GPU, network, renderers) start within a second of the browser;
  // five or more processes mean it is up and printing.
  const cases = [
    { signal: 'SIGTERM', code: 143, when: 'as soon as Chromium starts', processes: 1 },
    { signal: 'SIGINT', code: 130, when: 'once Chromium and its helpers are printing', processes: 5 },
  ] as const;

  for (const { signal, code, when, processes: running } of cases) {
    it(`${signal} ${when} exits ${code}, kills every Chromium process and deletes the profile directory`, async () => {
      const tmp = join(temp, 'tmp');
      const out = join(temp, 'out');
      mkdirSync(tmp); // a private TMPDIR, so only this run's profile directories are seen
      const child = spawn(process.execPath, [cli, 'report', 'evidence/sample', '--out', out, '--format', 'pdf'], {
        env: { ...process.env, TMPDIR: tmp, SOURCE_DATE_EPOCH: '1790000000' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const done = exited(child);
      const profileDirs = (): string[] => readdirSync(tmp).filter((n) => n.startsWith('auditpack-chromium-'));

      let finished: string | undefined;
      void done.then((e) => (finished = JSON.stringify(e)));
      await waitFor(`Chromium (${when})`, () => {
        if (finished !== undefined)
          throw new Error(`the report ended (${finished}) before Chromium was seen (${when}); stderr:\n${stderr}`);
        return chromiumIn(tmp).length >= running ? true : undefined;
      });
      expect(profileDirs()).toHaveLength(1);
      child.kill(signal);
      const { code: exitCode } = await done;

      expect(stderr).not.toMatch(/internal error/);
      expect(exitCode).toBe(code);
      expect(stderr).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
      // SIGKILLed processes vanish at once; allow the kernel a moment to reap them.
      await waitFor('every Chromium process to end', () => (chromiumIn(tmp).length === 0 ? true : undefined), 5_000).catch(() => undefined);
      expect(chromiumIn(tmp).map((p) => p.args[0])).toEqual([]);
      expect(profileDirs()).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    });
  }
});

describe.skipIf(!hasChromium)('Chromium failing mid-render', () => {
  it('reports RENDER_FAILED, leaves no Chromium process and deletes the profile directory', async () => {
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      // A long report keeps Chromium busy long enough to be killed while it prints.
      const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>row ${i}</td><td>${'text '.repeat(20)}</td></tr>`).join('');
      const rendering = renderPdf(`<!doctype html><html><body><table>${rows}</table></body></html>`, { title: 't', headerText: 'h' });
      let settled = false;
      const outcome = rendering.then(
        () => 'printed before Chromium could be killed',
        (error: unknown) => error,
      );
      void outcome.then(() => (settled = true));
      const main = await waitFor('the Chromium browser process', () =>
        chromiumIn(temp).find((p) => !p.args.some((a) => a.startsWith('--type='))),
      );
      await waitFor('Chromium and its helpers', () => {
        if (settled) throw new Error('renderPdf ended before Chromium was up');
        return chromiumIn(temp).length >= 5 ? true : undefined;
      });
      process.kill(main.pid, 'SIGKILL'); // Chromium crashes
      const error = await outcome;
      expect(error).toBeInstanceOf(AuditpackError);
      expect((error as AuditpackError).code).toBe('RENDER_FAILED');
      await waitFor('every Chromium process to end', () => (chromiumIn(temp).length === 0 ? true : undefined), 5_000).catch(
        () => undefined,
      );
      expect(chromiumIn(temp)).toEqual([]);
      expect(readdirSync(temp).filter((n) => n.startsWith('auditpack-chromium-'))).toEqual([]);
      expect(pendingCleanups()).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });
});

describe('interrupting verify of an archive', () => {
  it('SIGTERM while the archive is extracted exits 143 and leaves nothing in TMPDIR', async () => {
    // A plain tar with a 256 MiB member takes long enough to extract to be caught in the act.
    const staging = join(temp, 'staging');
    cpSync('evidence/sample', join(staging, 'bundle'), { recursive: true });
    truncateSync(join(staging, 'bundle', 'aws/111122223333/us-east-1/ec2/DescribeSecurityGroups.json'), 256 * 1024 * 1024);
    const archive = join(temp, 'big.tar');
    execFileSync('tar', ['-cf', archive, '-C', staging, 'bundle']);
    rmSync(staging, { recursive: true, force: true });
    execFileSync(process.execPath, [cli, 'keygen', '--out', join(temp, 'keys')], { stdio: 'ignore' });
    const tmp = join(temp, 'tmp');
    mkdirSync(tmp);

    const child = spawn(process.execPath, [cli, 'verify', archive, '--key', join(temp, 'keys', 'public.pem')], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = exited(child);
    let finished: string | undefined;
    void done.then((e) => (finished = JSON.stringify(e)));
    await waitFor('the extraction to start', () => {
      if (finished !== undefined) throw new Error(`verify ended (${finished}) before its extraction was seen; stderr:\n${stderr}`);
      const extracting = readdirSync(tmp).find((n) => n.startsWith('auditpack-verify-'));
      return extracting !== undefined && readdirSync(join(tmp, extracting)).length > 0 ? true : undefined;
    });
    child.kill('SIGTERM');
    const { code } = await done;
    expect(stderr).not.toMatch(/internal error/);
    expect(code).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
