import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAttestations } from '../../src/attest/attestations.js';
import { parseCrosswalk } from '../../src/catalog/crosswalk.js';
import { loadCatalog, parseCatalog } from '../../src/catalog/load-catalog.js';
import { applyTailoring } from '../../src/catalog/tailoring.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { AuditpackError, type ErrorCode } from '../../src/shared/errors.js';
import { LIMITS } from '../../src/shared/limits.js';

const knownChecks = checks.map((c) => c.id);
const catalog = await loadCatalog('test/fixtures/catalog-small.yaml', findCheck, knownChecks);
const cli = join(process.cwd(), 'dist/cli/main.js');

/** "Billion laughs": ten levels of nine aliases each would expand to 9^10 strings. */
function aliasBomb(topKey: string): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 10; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  lines.push(`${topKey}: *j`);
  return `${lines.join('\n')}\n`;
}

/** A document nested 10,000 levels deep, in flow style. */
const deep = (key: string): string => `${key}: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;

function refusal(code: ErrorCode, parse: () => unknown): string {
  const started = Date.now();
  let caught: unknown;
  try {
    parse();
  } catch (error) {
    caught = error;
  }
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(caught).toBeInstanceOf(AuditpackError);
  expect((caught as AuditpackError).code).toBe(code);
  return (caught as AuditpackError).message;
}

const parsers = [
  {
    kind: 'catalog',
    code: 'CATALOG_INVALID',
    key: 'requirements',
    parse: (text: string) => parseCatalog(text, 'bomb.yaml', findCheck, knownChecks),
  },
  {
    kind: 'tailoring file',
    code: 'CATALOG_INVALID',
    key: 'overrides',
    parse: (text: string) => applyTailoring(catalog, text, 'bomb.yaml', findCheck),
  },
  { kind: 'crosswalk', code: 'CATALOG_INVALID', key: 'rows', parse: (text: string) => parseCrosswalk(text, 'bomb.yaml') },
  {
    kind: 'attestations file',
    code: 'ATTESTATION_INVALID',
    key: 'attestations',
    parse: (text: string) => parseAttestations(text, 'bomb.yaml'),
  },
] as const;

describe.each(parsers)('a hostile $kind', ({ code, key, parse }) => {
  it('with an alias bomb is refused at once, naming the file and the aliases', () => {
    const message = refusal(code, () => parse(aliasBomb(key)));
    expect(message).toMatch(/^bomb\.yaml: aliases \(\*name\) expand to more than 100 copies, which looks like an alias bomb/);
  });

  it('nested 10,000 levels deep is refused, never a stack overflow', () => {
    const message = refusal(code, () => parse(deep(key)));
    expect(message).toMatch(/^bomb\.yaml(:1)?: nests (more than 100 levels deep|too deeply to read)/);
  });

  it(`larger than ${LIMITS.yamlBytes} characters is refused before it is parsed`, () => {
    const message = refusal(code, () => parse(`# ${'x'.repeat(LIMITS.yamlBytes)}\n${key}: []\n`));
    expect(message).toMatch(/^bomb\.yaml: is \d+ characters, more than the \d+ a YAML file may have/);
  });

  it('with a few ordinary aliases still parses as far as its schema', () => {
    // Anchors reused a handful of times are legitimate YAML; only the schema may object.
    const text = `x: &shared [1, 2]\ny: *shared\n${key}: []\n`;
    try {
      parse(text);
    } catch (error) {
      expect(error).toBeInstanceOf(AuditpackError);
      expect((error as AuditpackError).message).not.toMatch(/alias|nests/);
    }
  });
});

describe('the CLI on a catalog alias bomb', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-yaml-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report --catalog exits 6 with the file named, not 70', () => {
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, aliasBomb('requirements'));
    const run = spawnSync(
      process.execPath,
      [cli, 'report', 'evidence/sample', '--out', join(dir, 'out'), '--catalog', file, '--format', 'json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr).toContain(`${file}: aliases (*name) expand to more than 100 copies`);
    expect(run.status).toBe(6);
  });

  it('report --tailoring exits 6, and catalog lint of a bomb crosswalk exits 6', () => {
    const tailoring = join(dir, 'tailoring-bomb.yaml');
    writeFileSync(tailoring, aliasBomb('overrides'));
    const report = spawnSync(
      process.execPath,
      [cli, 'report', 'evidence/sample', '--out', join(dir, 'out2'), '--tailoring', tailoring, '--format', 'json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(report.stderr).not.toMatch(/internal error/);
    expect(report.status).toBe(6);
    const crosswalk = join(dir, 'crosswalk-bomb.yaml');
    writeFileSync(crosswalk, aliasBomb('rows'));
    const lint = spawnSync(process.execPath, [cli, 'catalog', 'lint', crosswalk], { encoding: 'utf8', timeout: 60_000 });
    expect(lint.stderr).not.toMatch(/internal error/);
    expect(lint.status).toBe(6);
  });

  it('catalog lint of a crosswalk whose neighbouring catalog is a bomb exits 6', () => {
    const folder = join(dir, 'controls');
    cpSync('controls', folder, { recursive: true });
    writeFileSync(join(folder, 'cis-aws-foundations-v5.0.0.yaml'), aliasBomb('requirements'));
    const lint = spawnSync(process.execPath, [cli, 'catalog', 'lint', join(folder, 'crosswalk-cis-aws-foundations.yaml')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(lint.stderr).not.toMatch(/internal error/);
    expect(lint.stdout + lint.stderr).toContain('cis-aws-foundations-v5.0.0.yaml: aliases (*name) expand to more than 100 copies');
    expect(lint.status).toBe(6);
  });
});
