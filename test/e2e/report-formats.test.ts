import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'dist/cli/main.js');
const ALL = ['report.html', 'report.pdf', 'results.json', 'findings.csv', 'assessment-results.json', 'findings.ocsf.jsonl', 'junit.xml'];

function auditpack(args: string[]): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000' } });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('report --format with every output, signed', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-formats-'));
    expect(auditpack(['keygen', '--out', join(dir, 'keys')]).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every format, the signed report manifest covers each, and verify passes', () => {
    const out = join(dir, 'signed');
    const run = auditpack([
      'report',
      'evidence/sample',
      '--out',
      out,
      '--format',
      'html,pdf,json,csv,oscal,ocsf,junit',
      '--sign',
      join(dir, 'keys', 'private.pem'),
    ]);
    expect(run.code, run.out).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'report-manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual([...ALL].sort());
    const verify = auditpack(['verify', out, '--key', join(dir, 'keys', 'public.pem')]);
    expect(verify.code, verify.out).toBe(0);
  });

  it('gives byte-identical machine outputs for the same inputs', () => {
    const formats = 'json,csv,oscal,ocsf,junit';
    for (const name of ['a', 'b'])
      expect(auditpack(['report', 'evidence/sample', '--out', join(dir, name), '--format', formats]).code).toBe(0);
    for (const file of ALL.filter((f) => !f.startsWith('report.'))) {
      expect(readFileSync(join(dir, 'a', file)).equals(readFileSync(join(dir, 'b', file))), file).toBe(true);
    }
  });

  it('refuses an unknown format, naming every format it knows', () => {
    const run = auditpack(['report', 'evidence/sample', '--out', join(dir, 'bad'), '--format', 'html,xlsx']);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/unknown format "xlsx".*html, pdf, json, csv, oscal, ocsf, junit/);
  });
});
