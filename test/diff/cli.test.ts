import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIFF_EXIT_CODES } from '../../src/cli/diff.js';
import { main } from '../../src/cli/main.js';
import type { Diff } from '../../src/diff/diff.js';
import type { Trend } from '../../src/diff/trend.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { CATALOG_V1, periodQ2, periodQ3, periodQ4 } from './helpers/periods.js';

const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-diff-cli-'));
  temps.push(dir);
  return dir;
};

async function auditpack(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { SOURCE_DATE_EPOCH: '1790000000' },
    now: () => new Date('2026-12-31T12:00:00Z'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let q2: string;
let q3: string;
let q4: string;

beforeAll(() => {
  [q2, q3, q4] = [periodQ2(), periodQ3(), periodQ4()];
  temps.push(q2, q3, q4);
});

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('auditpack diff', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof auditpack>>;

  beforeAll(async () => {
    out = temp();
    run = await auditpack(['diff', q3, q4, '--catalog', CATALOG_V1, '--history', q2, '--out', out, '--fail-on', 'regression']);
  });

  it(`writes the diff, then exits ${DIFF_EXIT_CODES.regression} with --fail-on regression when something regressed`, () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(DIFF_EXIT_CODES.regression);
    expect(run.stdout).toContain(
      'Diff 2026-09-30 → 2026-12-31 (diff-fixture 1.0.0): 1 regressed, 1 new failing resource in a failing requirement, 1 not a fix (evidence missing), 1 fixed; 7 still failing; pass rate 18% → 18%',
    );
    expect(run.stderr).toContain('auditpack: 2026-09-30 → 2026-12-31: 2 requirements regressed (--fail-on regression): 1.7, 1.9.');
    for (const file of ['diff.json', 'diff.html', 'diff.pdf']) expect(existsSync(join(out, file))).toBe(true);
  });

  it('writes canonical JSON for tools', () => {
    const text = readFileSync(join(out, 'diff.json'), 'utf8');
    const diff = JSON.parse(text) as Diff;
    expect(canonicalJson(diff)).toBe(text);
    expect(diff.kind).toBe('auditpack-diff');
    expect(diff.summary.regressed).toBe(true);
    expect(diff.requirements.find((r) => r.newId === '3.3')?.change).toBe('unverified-fix');
  });

  it('writes HTML that opens offline', () => {
    const html = readFileSync(join(out, 'diff.html'), 'utf8');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).toContain('2026-09-21 14:13:20 UTC'); // SOURCE_DATE_EPOCH
  });

  it('writes a PDF whose text shows what got worse first', () => {
    const text = execFileSync('pdftotext', ['-layout', join(out, 'diff.pdf'), '-'], { encoding: 'utf8' });
    const at = (s: string): number => text.indexOf(s);
    expect(at('What got worse')).toBeGreaterThan(0);
    expect(at('1.7 Ensure IAM password policy requires minimum length of 14 or greater')).toBeGreaterThan(at('What got worse'));
    expect(at('Looks fixed, but the evidence is missing')).toBeGreaterThan(at('1.7 Ensure IAM password policy'));
    expect(at('What got better')).toBeGreaterThan(at('Looks fixed, but the evidence is missing'));
    expect(text).toMatch(/appeared: arn:aws:iam::111122223333:user\/frank/);
    expect(text).toMatch(/diff diff-fixture 1\.0\.0 · acme-prod \(111122223333\) · 2026-09-30 → 2026-12-31/);
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('exits 0 without --fail-on, and on an unchanged diff with it', async () => {
    const plain = await auditpack(['diff', q3, q4, '--catalog', CATALOG_V1, '--out', temp(), '--format', 'json']);
    expect(plain.code).toBe(0);
    const same = await auditpack(['diff', q3, q3, '--catalog', CATALOG_V1, '--out', temp(), '--format', 'json', '--fail-on', 'regression']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/: nothing changed; 9 still failing; pass rate 18% → 18%/);
  });

  it('takes report directories and results files as sides, and refuses a catalog for them', async () => {
    const r3 = temp();
    expect((await auditpack(['report', q3, '--out', r3, '--catalog', CATALOG_V1, '--format', 'json'])).code).toBe(0);
    const fromReport = await auditpack(['diff', r3, q4, '--catalog', CATALOG_V1, '--out', temp(), '--format', 'json']);
    expect(fromReport.code).toBe(0);
    expect(fromReport.stdout).toContain('1 regressed');
    const fromFile = await auditpack([
      'diff',
      join(r3, 'results.json'),
      q4,
      '--new-catalog',
      CATALOG_V1,
      '--out',
      temp(),
      '--format',
      'json',
    ]);
    expect(fromFile.code).toBe(0);
    const refused = await auditpack(['diff', r3, q4, '--old-catalog', CATALOG_V1, '--out', temp(), '--format', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--old-catalog ${CATALOG_V1}: ${r3} is already evaluated (a results file)`);
  });

  it('refuses results changed after their report was signed', async () => {
    const r3 = temp();
    expect((await auditpack(['report', q3, '--out', r3, '--catalog', CATALOG_V1, '--format', 'json'])).code).toBe(0);
    writeFileSync(join(r3, 'report-manifest.json'), JSON.stringify({ files: [{ path: 'results.json', sha256: '0'.repeat(64), size: 1 }] }));
    const run = await auditpack(['diff', r3, q4, '--catalog', CATALOG_V1, '--out', temp(), '--format', 'json']);
    expect(run.code).toBe(11);
    expect(run.stderr).toContain('results.json: sha256 does not match');
  });

  it('says what a side must be when it is neither a bundle nor results', async () => {
    const run = await auditpack(['diff', temp(), q4, '--out', temp(), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds neither manifest\.json \(an evidence bundle\) nor results\.json \(a report\)/);
    expect((await auditpack(['diff', q3, q4, '--out', temp(), '--fail-on', 'everything'])).code).toBe(2);
  });

  it('signs like a report: auditpack verify checks the diff directory', async () => {
    const keys = join(temp(), 'keys');
    expect((await auditpack(['keygen', '--out', keys])).code).toBe(0);
    const signed = temp();
    const run = await auditpack([
      'diff',
      q3,
      q4,
      '--catalog',
      CATALOG_V1,
      '--out',
      signed,
      '--format',
      'html,json',
      '--sign',
      join(keys, 'private.pem'),
    ]);
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(signed, 'report-manifest.json'), 'utf8')) as {
      files: { path: string }[];
      catalogs: { file: string }[];
    };
    expect(manifest.files.map((f) => f.path)).toEqual(['diff.html', 'diff.json']);
    expect(manifest.catalogs.map((c) => c.file)).toEqual(['diff-fixture-v1.0.0.yaml']);
    expect(readFileSync(join(signed, 'diff.html'), 'utf8')).toContain('This diff is signed by key');
    const verified = await auditpack(['verify', signed, '--key', join(keys, 'public.pem')]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  });
});

describe('auditpack trend', () => {
  it('puts periods in collection order and writes the chart, table and PDF', async () => {
    const out = temp();
    const run = await auditpack(['trend', q4, q2, q3, '--catalog', CATALOG_V1, '--out', out]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Trend over 3 periods (2026-06-30, 2026-09-30, 2026-12-31): overall pass rate 27% → 18% → 18%');
    expect(run.stderr).toContain(`Periods put in collection order: ${q2}, ${q3}, ${q4}`);
    const trend = JSON.parse(readFileSync(join(out, 'trend.json'), 'utf8')) as Trend;
    expect(trend.sections.map((s) => s.id)).toEqual(['1', '2', '3', '5']);
    expect(readFileSync(join(out, 'trend.html'), 'utf8')).toContain('<polyline class="series overall"');
    const text = execFileSync('pdftotext', ['-layout', join(out, 'trend.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Pass rate over time');
    expect(text).toMatch(/Overall\s+27%\s+18%\s+18%/);
  });

  it(`exits ${DIFF_EXIT_CODES.regression} with --fail-on regression when the latest period regressed, 2 with one period`, async () => {
    const failing = await auditpack([
      'trend',
      q2,
      q3,
      q4,
      '--catalog',
      CATALOG_V1,
      '--out',
      temp(),
      '--format',
      'json',
      '--fail-on',
      'regression',
    ]);
    expect(failing.code).toBe(DIFF_EXIT_CODES.regression);
    const one = await auditpack(['trend', q3, '--out', temp()]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('trend: 1 period given. Give two or more');
  });
});
