import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built collector and `collect` command (test/global-setup.ts builds dist/ before the suite), as the CLI imports them.
const modules = ['dist/collect/collect.js', 'dist/collect/sources/index.js', 'dist/cli/collect.js'].map(
  (path) => pathToFileURL(join(process.cwd(), path)).href,
);

// A child process with a resolve hook that records every URL a module resolves to, then imports the modules.
const child = `
import { registerHooks } from 'node:module';
const resolved = [];
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    resolved.push(result.url);
    return result;
  },
});
const [collector, index, command] = await Promise.all(${JSON.stringify(modules)}.map((url) => import(url)));
console.log(JSON.stringify({ collect: typeof collector.collect, command: typeof command.runCollectCommand, sources: index.sources.length, resolved }));
`;

describe('the collector imports its AWS SDK clients when a source runs, not when it is loaded', () => {
  it('importing collect.ts, sources/index.ts and the collect command loads no SDK client, nor the signing libraries', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '--eval', child], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = JSON.parse(run.stdout) as { collect: string; command: string; sources: number; resolved: string[] };
    // The modules did load: the collector, the command and every source are there.
    expect(loaded.collect).toBe('function');
    expect(loaded.command).toBe('function');
    expect(loaded.sources).toBeGreaterThan(20);
    const packages = new Set(loaded.resolved.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
    expect([...packages].filter((p) => p.startsWith('@aws-sdk/client-')).sort()).toEqual([]);
    // The build's SDK bundles: only the @smithy helpers the client pool configures, no client.
    const bundles = loaded.resolved.flatMap((url) => /\/dist\/shared\/aws-sdk\/(client-[^/]+)\.js$/.exec(url)?.[1] ?? []);
    expect(bundles).toEqual([]);
    // Signing (certificates, PKCS#12, the manifest's schema) is loaded only by collect --sign.
    expect([...packages].filter((p) => /^(@peculiar\/|asn1js$|ajv$|pdf-lib$|@signpdf\/)/.test(p)).sort()).toEqual([]);
  });
});
