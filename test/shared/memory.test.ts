import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built module (test/global-setup.ts builds dist/ before the suite), in a fresh process each time.
const memory = pathToFileURL(join(process.cwd(), 'dist/shared/memory.js')).href;

/** The V8 heap a fresh node process holds after loading the EC2 SDK package, with or without favourMemoryOverSpeed first. */
function heapAfterLoading(favour: boolean): number {
  const script = `
    const { favourMemoryOverSpeed } = await import(${JSON.stringify(memory)});
    if (${favour}) favourMemoryOverSpeed();
    await import('@aws-sdk/client-ec2');
    console.log(process.memoryUsage().heapTotal);
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() });
  expect(run.status, run.stderr).toBe(0);
  return Number(run.stdout.trim());
}

describe('favourMemoryOverSpeed', () => {
  it('takes effect in a running process: the heap that loads the largest SDK package stays much smaller', () => {
    const favoured = heapAfterLoading(true);
    const defaults = heapAfterLoading(false);
    // About 34 MB against 62 MB on Node 24; the margin leaves room for other versions.
    expect(favoured).toBeGreaterThan(0);
    expect(favoured).toBeLessThan(defaults * 0.8);
  });
});
