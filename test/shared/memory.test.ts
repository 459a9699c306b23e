import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built module (test/global-setup.ts builds dist/ before the suite), in a fresh process each time.
const memory = pathToFileURL(join(process.cwd(), 'dist/shared/memory.js')).href;

// Every AWS SDK client package the collector may load.
const packages = Object.keys(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies,
).filter((name) => name.startsWith('@aws-sdk/client-'));

/** The largest V8 heap a fresh node process holds while it loads every SDK package, with or without favourMemoryOverSpeed first. */
function heapAfterLoading(favour: boolean): number {
  const script = `
    const { favourMemoryOverSpeed } = await import(${JSON.stringify(memory)});
    if (${favour}) favourMemoryOverSpeed();
    let peak = 0;
    for (const name of ${JSON.stringify(packages)}) {
      await import(name);
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(peak);
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() });
  expect(run.status, run.stderr).toBe(0);
  return Number(run.stdout.trim());
}

describe('favourMemoryOverSpeed', () => {
  it('sets flags this V8 knows (setFlagsFromString ignores unknown ones silently)', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of ['heap-growing-percent', 'turbofan', 'maglev']) expect(options).toMatch(new RegExp(`^\\s+--${flag}\\b`, 'm'));
  });

  it('takes effect in a running process: a hot function is no longer optimised', () => {
    /** V8's optimisation status of a function called ten million times, after asking for it to be optimised. */
    const status = (favour: boolean): number => {
      const script = `
        const { favourMemoryOverSpeed } = await import(${JSON.stringify(memory)});
        if (${favour}) favourMemoryOverSpeed();
        const hot = (x) => x * 2 + 1;
        %PrepareFunctionForOptimization(hot);
        hot(1);
        %OptimizeFunctionOnNextCall(hot);
        let sum = 0;
        for (let i = 0; i < 1e7; i++) sum += hot(i);
        console.log(%GetOptimizationStatus(hot));
      `;
      const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return Number(run.stdout.trim());
    };
    // Bit 4 of the status: "optimized" (by Maglev or Turbofan).
    const OPTIMIZED = 1 << 4;
    expect(status(false) & OPTIMIZED).toBe(OPTIMIZED);
    expect(status(true) & OPTIMIZED).toBe(0);
  });

  it('takes effect in a running process: the heap that loads the SDK packages stays smaller', () => {
    expect(packages.length).toBeGreaterThan(30);
    const favoured = heapAfterLoading(true);
    const defaults = heapAfterLoading(false);
    // About 139 MB against 228 MB on an idle machine. How much smaller depends on how soon V8's
    // concurrent marking threads get a core (210 MB against 228 MB was seen on a busy one), so only
    // the direction is asserted here; bench/org-scale.ts measures the effect on a collection.
    expect(favoured).toBeGreaterThan(0);
    expect(favoured).toBeLessThan(defaults);
  });
});
