import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The facades (src/shared/aws-sdk/) and the bundles `npm run build` makes of them (test/global-setup.ts builds dist/).
const facades = readdirSync('src/shared/aws-sdk')
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.replace(/\.ts$/, ''));
const bundle = (name: string): string => pathToFileURL(join(process.cwd(), 'dist/shared/aws-sdk', `${name}.js`)).href;

describe('the AWS SDK bundles of scripts/bundle-sdk.mjs', () => {
  it('there is one for every AWS SDK package auditpack depends on, and one for the @smithy helpers', () => {
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const clients = Object.keys(dependencies).filter((name) => name.startsWith('@aws-sdk/client-'));
    expect(facades.sort()).toEqual([...clients.map((name) => name.slice('@aws-sdk/'.length)), 'smithy'].sort());
  });

  it.each(facades)('%s exports what its facade in src/shared/aws-sdk/ names, and nothing else', async (name) => {
    const source = (await import(`../../src/shared/aws-sdk/${name}.ts`)) as Record<string, unknown>;
    const built = (await import(bundle(name))) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
    for (const [key, value] of Object.entries(built)) expect(typeof value, key).toBe(typeof source[key]);
  });

  it('stay small: the SDK code of a full collection is about 3 MB (the packages themselves, 10 MB)', () => {
    // Guards the pruning: if a new SDK version's layout defeated it (scripts/bundle-sdk.mjs keys
    // the schemas by literals), EC2 alone would be over 1 MB again.
    const sizes = readdirSync('dist/shared/aws-sdk').map((name) => statSync(join('dist/shared/aws-sdk', name)).size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(4_500_000);
    expect(statSync('dist/shared/aws-sdk/client-ec2.js').size).toBeLessThan(400_000);
  });

  it('load no AWS SDK package of their own, and neither undici nor node:http2 until a call needs them', () => {
    // A child process with a resolve hook: it imports every bundle and makes a client of each service.
    const script = `
      import { registerHooks } from 'node:module';
      const resolved = [];
      registerHooks({ resolve: (specifier, context, next) => { const result = next(specifier, context); resolved.push(result.url); return result; } });
      const { NodeHttpHandler } = await import(${JSON.stringify(bundle('smithy'))});
      let clients = 0;
      for (const url of ${JSON.stringify(facades.filter((name) => name !== 'smithy').map(bundle))}) {
        const module = await import(url);
        for (const [name, value] of Object.entries(module)) {
          if (!name.endsWith('Client')) continue;
          new value({ region: 'us-east-1', requestHandler: new NodeHttpHandler() });
          clients++;
        }
      }
      const builtins = process.moduleLoadList.filter((m) => /undici|http2/.test(m));
      console.log(JSON.stringify({ clients, resolved, builtins }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { clients, resolved, builtins } = JSON.parse(run.stdout) as { clients: number; resolved: string[]; builtins: string[] };
    expect(clients).toBe(facades.length - 1);
    expect(resolved.filter((url) => /\/node_modules\/@(aws-sdk|smithy)\//.test(url))).toEqual([]);
    expect(builtins).toEqual([]);
  });
});
