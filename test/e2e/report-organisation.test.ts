import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle } from '../../bench/generate-bundle.js';
import type { Results } from '../../src/evaluate/results.js';
import { statusLabel } from '../../src/report/format.js';

const cli = join(process.cwd(), 'dist/cli/main.js');

function auditpack(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `12 findings: 2 FAIL, 10 PASS`, as the reports print a check's tally. */
function tally(findings: readonly { status: 'PASS' | 'FAIL' | 'NOT_EVALUATED' }[]): string {
  if (findings.length === 0) return 'no findings';
  const parts = (['FAIL', 'NOT_EVALUATED', 'PASS'] as const)
    .map((s) => [s, findings.filter((f) => f.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${statusLabel(s)}`);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

describe('a signed report of a four-account organisation, end to end', () => {
  let dir: string;
  let out: string;
  let results: Results;
  let pdfText: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-org-e2e-'));
    for (const name of ['q3', 'q4']) mkdirSync(join(dir, name));
    generateBundle(join(dir, 'q3'), { accounts: 4, users: 15, sgs: 20 });
    // Next quarter: one more user per account, so the diff has something to say.
    generateBundle(join(dir, 'q4'), { accounts: 4, users: 16, sgs: 20 });
    expect(auditpack(['keygen', '--out', join(dir, 'keys')]).code).toBe(0);
    out = join(dir, 'out-q3');
    const run = auditpack([
      'report',
      join(dir, 'q3'),
      '--out',
      out,
      '--catalog',
      'cis-aws-foundations-v5.0.0',
      '--sign',
      join(dir, 'keys', 'private.pem'),
    ]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    pdfText = execFileSync('pdftotext', ['-layout', join(out, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies: the report manifest lists every output, and pdfsig accepts the joined, signed PDF', () => {
    const verify = auditpack(['verify', out, '--key', join(dir, 'keys', 'public.pem')]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const pdfsig = spawnSync('pdfsig', [join(out, 'report.pdf')], { encoding: 'utf8' });
    expect(pdfsig.stdout + pdfsig.stderr).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsig.stdout + pdfsig.stderr).toContain('Total document signed');
  });

  it('results.json and the PDF agree on every count: summary, each account, each check', () => {
    const c = results.summary.counts;
    // The summary cards, in order: PASS, FAIL, NOT EVALUATED, MANUAL, NOT APPLICABLE, TOTAL.
    const cards = pdfText.match(/^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/m);
    expect(cards?.slice(1).map(Number)).toEqual([c.PASS, c.FAIL, c.NOT_EVALUATED, c.MANUAL, c.NOT_APPLICABLE, c.total]);
    const accounts = results.summary.accounts ?? [];
    expect(accounts).toHaveLength(4);
    for (const a of accounts) {
      const row = pdfText.split('\n').find((l) => l.includes(a.id) && /%/.test(l));
      expect(row, `account ${a.id}`).toBeDefined();
      const numbers =
        (row ?? '')
          .slice((row ?? '').indexOf(a.id) + a.id.length)
          .replace(/\)/, '')
          .match(/\d+%|\d+/g) ?? [];
      expect(numbers.slice(-11)).toEqual(
        [a.counts.PASS, a.counts.FAIL, a.counts.NOT_EVALUATED, a.counts.MANUAL, a.counts.NOT_APPLICABLE, a.counts.total].map(String).concat(
          [a.passRate, a.coverage].map((x) => `${Math.floor((x ?? 0) * 100)}%`),
          [a.findings.FAIL, a.findings.NOT_EVALUATED, a.findings.PASS].map(String),
        ),
      );
    }
    const squeezed = pdfText.replace(/\s+/g, ' ');
    for (const r of results.requirements) {
      for (const check of r.checks) expect(squeezed, `${r.id} ${check.check}`).toContain(tally(check.findings));
    }
  });

  it('lists every FAIL and NOT_EVALUATED resource in the PDF, and the HTML carries every finding', () => {
    // -raw keeps each table cell whole (-layout interleaves wrapped columns).
    const joined = execFileSync('pdftotext', ['-raw', join(out, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(
      /\s+/g,
      '',
    );
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const r of results.requirements)
      for (const check of r.checks)
        for (const f of check.findings) {
          if (f.status !== 'PASS') expect(joined).toContain(f.resource.replace(/\s+/g, ''));
        }
    expect(html).toContain('id="findings-data"');
  });

  it('diffs against the next quarter from the signed report directory', () => {
    const run = auditpack(['diff', out, join(dir, 'q4'), '--out', join(dir, 'diff'), '--catalog', 'cis-aws-foundations-v5.0.0']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'diff', 'diff.json'), 'utf8')).toContain('user15');
  });
});
