import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResults } from '../../src/cli/diff.js';
import { EXIT_CODES, main } from '../../src/cli/main.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { buildResults } from '../helpers/results-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'auditpack-results-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A results file as this auditpack writes it, with top-level fields replaced. */
function resultsFile(name: string, fields: Record<string, unknown> = {}): string {
  const file = join(dir, name);
  writeFileSync(file, canonicalJson({ ...buildResults(), ...fields }));
  return file;
}

async function refusal(file: string): Promise<AuditpackError> {
  const error: unknown = await readResults(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuditpackError);
  return error as AuditpackError;
}

describe('diff reading a results file of another format version', () => {
  it('reads format version 1', async () => {
    const results = await readResults(resultsFile('v1.json'));
    expect(results.formatVersion).toBe(1);
  });

  it('refuses a newer format version, saying what to do', async () => {
    const file = resultsFile('v2.json', { formatVersion: 2 });
    const error = await refusal(file);
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(
      `${file}: was written by a newer auditpack (results format version 2; this auditpack reads version 1). Upgrade auditpack, or diff the evidence bundles instead.`,
    );
  });

  it('refuses a newer version even when the rest no longer looks like version 1', async () => {
    const file = join(dir, 'v7-reshaped.json');
    writeFileSync(file, canonicalJson({ formatVersion: 7, outcomes: [] }));
    expect((await refusal(file)).message).toContain('(results format version 7; this auditpack reads version 1)');
  });

  it.each([
    ['0', 0, 'formatVersion is 0, not 1'],
    ['"2" (a string)', '2', 'formatVersion is "2", not 1'],
    ['absent', undefined, 'formatVersion is undefined, not 1'],
  ])('keeps calling a file with formatVersion %s not an auditpack results file', async (_name, formatVersion, problem) => {
    const file = resultsFile(`other-${String(formatVersion)}.json`, { formatVersion });
    const error = await refusal(file);
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(
      `${file}: is not an auditpack results file (${problem}). Give a results.json written by "auditpack report", an evidence bundle directory, or a report directory.`,
    );
  });

  it(`exits ${EXIT_CODES.USAGE} from "auditpack diff" and writes nothing`, async () => {
    const old = resultsFile('old.json');
    const neu = resultsFile('new.json', { formatVersion: 2 });
    const out = join(dir, 'out');
    const err: string[] = [];
    const code = await main(['diff', old, neu, '--out', out, '--format', 'json'], {
      out: () => undefined,
      err: (t) => err.push(t),
      env: { SOURCE_DATE_EPOCH: '1790000000' },
      now: () => new Date('2026-12-31T12:00:00Z'),
    });
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err.join('')).toContain(`${neu}: was written by a newer auditpack (results format version 2; this auditpack reads version 1).`);
    expect(err.join('')).not.toMatch(/internal error/i);
    expect(existsSync(out)).toBe(false);
  });
});
