import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COLLECT_EXIT_CODES } from '../../src/cli/collect.js';
import { DIFF_EXIT_CODES } from '../../src/cli/diff.js';
import type { Io } from '../../src/cli/io.js';
import { EXIT_CODES, SIGNAL_EXIT_CODES, main, systemErrorMessage } from '../../src/cli/main.js';
import type { ErrorCode } from '../../src/shared/errors.js';

/** Paths under this folder fail to write with the errno the test names (see the fs mock below). */
const failing = new Map<string, string>();

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const refuse = (path: unknown): void => {
    for (const [prefix, code] of failing) {
      if (String(path).startsWith(prefix)) {
        throw Object.assign(new Error(`${code}: simulated, open '${String(path)}'`), {
          code,
          syscall: 'open',
          path: String(path),
          errno: -1,
        });
      }
    }
  };
  const writeFile: typeof actual.writeFile = async (path, ...rest) => {
    refuse(path);
    return actual.writeFile(path, ...rest);
  };
  const open: typeof actual.open = async (path, ...rest) => {
    if (rest[0] !== undefined && rest[0] !== 'r') refuse(path);
    return actual.open(path, ...rest);
  };
  return { ...actual, default: { ...actual, writeFile, open }, writeFile, open };
});

/**
 * README.md's exit codes, number → what it says: "`3` I/O; `4` malformed bundle; …". A run of
 * numbers ("`129`, `130`, `143` stopped by …") shares the text that follows.
 */
function readmeExitCodes(): Map<number, string> {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('Exit codes:');
  const end = readme.indexOf('\n\n', start);
  expect(start).toBeGreaterThan(0);
  const paragraph = readme.slice(start, end).replace(/\s+/g, ' ');
  const table = new Map<number, string>();
  for (const match of paragraph.matchAll(/((?:`\d+`,? )+)([^`]*)/g)) {
    const text = (match[2] ?? '').replace(/[;.,:]\s*$/, '').trim();
    for (const number of (match[1] ?? '').matchAll(/`(\d+)`/g)) table.set(Number(number[1]), text);
  }
  return table;
}

/** What the README must say for each code: a new code fails to compile until it is added here and to the README. */
const MEANING: Record<ErrorCode | 'BUG', RegExp> = {
  USAGE: /^bad usage$/,
  IO: /^I\/O$/,
  BUNDLE_INVALID: /^malformed bundle$/,
  BUNDLE_INTEGRITY: /^bundle files do not match the manifest$/,
  CATALOG_INVALID: /^invalid catalog or tailoring$/,
  CHROMIUM_MISSING: /^no Chromium$/,
  RENDER_FAILED: /^PDF rendering failed$/,
  KEY_INVALID: /^bad key$/,
  SIGNATURE_INVALID: /^bad signature$/,
  REPORT_INTEGRITY: /^report files do not match their manifest$/,
  ARCHIVE_INVALID: /^unsafe or broken archive$/,
  ATTESTATION_INVALID: /^invalid attestations or exceptions$/,
  BUG: /^a bug in auditpack$/,
};

describe("README's exit-code table", () => {
  const table = readmeExitCodes();

  it.each(Object.entries(EXIT_CODES))('states the exit code of %s as the code does', (code, exit) => {
    expect(table.get(exit), `README has no \`${exit}\` for ${code}`).toBeDefined();
    expect(table.get(exit)).toMatch(MEANING[code as ErrorCode | 'BUG']);
  });

  it('lists no exit code the code does not have, and every one it has', () => {
    const inCode = new Set<number>([
      0,
      ...Object.values(EXIT_CODES),
      ...Object.values(COLLECT_EXIT_CODES),
      ...Object.values(DIFF_EXIT_CODES),
      ...Object.values(SIGNAL_EXIT_CODES),
    ]);
    expect([...table.keys()].sort((a, b) => a - b)).toEqual([...inCode].sort((a, b) => a - b));
  });

  it('gives each error code its own exit code', () => {
    const values = Object.values(EXIT_CODES);
    expect(new Set(values).size).toBe(values.length);
  });

  it('describes the signal and outcome codes', () => {
    expect(table.get(130)).toMatch(/Ctrl-C/);
    expect(table.get(143)).toMatch(/SIGTERM/);
    expect(table.get(COLLECT_EXIT_CODES.interrupted)).toMatch(/interrupted/);
    expect(table.get(DIFF_EXIT_CODES.regression)).toMatch(/regressed/);
  });
});

describe('systemErrorMessage', () => {
  const errno = (code: string, syscall: string, path: string): Error =>
    Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, syscall, path });

  it('turns file-system errors into "<path>: cannot <call> (<code>: …). <what to do>."', () => {
    expect(systemErrorMessage(errno('ENOSPC', 'write', 'out/report.pdf'))).toBe(
      'out/report.pdf: cannot write (ENOSPC: something). The disk is full; free some space, or write somewhere else, and run again.',
    );
    expect(systemErrorMessage(errno('EACCES', 'open', 'out/x'))).toMatch(/^out\/x: cannot open \(EACCES: something\)\. Permission denied/);
  });

  it('leaves anything else to the "bug" path', () => {
    expect(systemErrorMessage(new TypeError('x is undefined'))).toBeUndefined();
    expect(systemErrorMessage(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined();
  });
});

describe('write errors during report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-exit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]): Promise<{ code: number; err: string }> {
    let err = '';
    const io: Io = { out: () => undefined, err: (t) => void (err += t), env: { SOURCE_DATE_EPOCH: '1790000000' }, now: () => new Date(0) };
    const code = await main(argv, io);
    return { code, err };
  }

  it.each([
    ['ENOSPC', /The disk is full/],
    ['EACCES', /Permission denied/],
    ['EROFS', /read-only/],
  ])('%s while writing the report exits 3, naming the file', async (code, advice) => {
    const out = join(dir, code);
    failing.set(out, code);
    try {
      const result = await run(['report', 'evidence/sample', '--out', out, '--format', 'json']);
      expect(result.err).not.toMatch(/internal error/);
      expect(result.err).toMatch(new RegExp(`${out}/[^ ]*: cannot open \\(${code}: simulated\\)`));
      expect(result.err).toMatch(advice);
      expect(result.code).toBe(3);
    } finally {
      failing.delete(out);
    }
  });
});
