import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTER_FILE } from '../../src/attest/register.js';
import { DEFAULT_REGISTER_FILE_NAME } from '../../src/cli/attest-command.js';

// The built CLI (test/global-setup.ts builds dist/ before the suite), run as a user runs it.
const cli = join(process.cwd(), 'dist/cli/main.js');

/** Packages a command must not load unless it needs them: the SDK for collect, Puppeteer and PDF signing for PDFs. */
const HEAVY = [/^@aws-sdk\//, /^@smithy\//, /^puppeteer-core$/, /^pdf-lib$/, /^@signpdf\//];

let dir: string;
let hook: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'auditpack-lazy-'));
  // A resolve hook that records every URL a module resolves to; --import registers it first.
  writeFileSync(
    join(dir, 'record-resolve.mjs'),
    `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(log, resolved.url + '\\n');
  return resolved;
}
`,
  );
  hook = join(dir, 'register.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'record-resolve.mjs')).href)}, { data: { log: process.env.AUDITPACK_RESOLVE_LOG } });
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;

/** Runs the CLI with the hook; returns its exit code, output and the npm packages it loaded. */
function loads(args: string[]): { code: number | null; stdout: string; stderr: string; packages: string[] } {
  const log = join(dir, `resolved-${++runs}.log`);
  writeFileSync(log, '');
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, AUDITPACK_RESOLVE_LOG: log, SOURCE_DATE_EPOCH: '1790000000' },
  });
  const packages = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match?.[1] !== undefined) packages.add(match[1]);
    // The build's bundles of the AWS SDK (scripts/bundle-sdk.mjs) count as the SDK.
    if (/\/dist\/shared\/aws-sdk\//.test(url)) packages.add('@aws-sdk/(bundled)');
  }
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, packages: [...packages].sort() };
}

const heavyIn = (packages: readonly string[]): string[] => packages.filter((p) => HEAVY.some((pattern) => pattern.test(p)));

describe('auditpack loads only the modules a command needs', () => {
  it('--version and --help load commander and no other package', () => {
    for (const args of [['--version'], ['--help']]) {
      const run = loads(args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.packages, args.join(' ')).toEqual(['commander']);
    }
  });

  it('collect --help loads no AWS SDK client (nor anything else but commander)', () => {
    const run = loads(['collect', '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Collect live AWS evidence/);
    expect(run.packages.filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
    expect(run.packages).toEqual(['commander']);
  });

  it('report --format json loads neither the AWS SDK nor Puppeteer, pdf-lib or the PDF signers, nor Handlebars', () => {
    const out = join(dir, 'report-json');
    const run = loads(['report', 'evidence/sample', '--out', out, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote .*results\.json/);
    expect(heavyIn(run.packages)).toEqual([]);
    expect(run.packages).not.toContain('handlebars');
    // What it does need is loaded: catalogs (yaml, ajv) are read and the bundle is verified.
    expect(run.packages).toEqual(expect.arrayContaining(['commander', 'yaml', 'ajv']));
  });

  it('verify of a sealed bundle loads neither the AWS SDK nor Puppeteer, pdf-lib or the PDF signers', () => {
    const bundle = join(dir, 'bundle');
    const keys = join(dir, 'keys');
    cpSync('evidence/sample', bundle, { recursive: true });
    for (const args of [
      ['keygen', '--out', keys],
      ['seal', bundle, '--key', join(keys, 'private.pem')],
    ]) {
      const setup = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
      expect(setup.status, setup.stderr).toBe(0);
    }
    const run = loads(['verify', bundle, '--key', join(keys, 'public.pem')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^OK +bundle /m);
    expect(heavyIn(run.packages)).toEqual([]);
    expect(run.packages).not.toContain('handlebars');
  });

  it("the attest declaration's default register file name is the register's", () => {
    expect(DEFAULT_REGISTER_FILE_NAME).toBe(DEFAULT_REGISTER_FILE);
  });
});
