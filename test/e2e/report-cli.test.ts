import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/evaluate/results.js';

const cli = join(process.cwd(), 'dist/cli/main.js');

function auditpack(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'auditpack-e2e-'));

describe('auditpack report on the sample bundle', () => {
  let out: string;
  let run: ReturnType<typeof auditpack>;

  beforeAll(() => {
    out = tempDir();
    run = auditpack(['report', 'evidence/sample', '--out', out, '--catalog', 'cis-aws-foundations-v5.0.0'], { SOURCE_DATE_EPOCH: '1790000000' });
  });

  it('exits 0 and says what it wrote', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/CIS Amazon Web Services Foundations Benchmark 5\.0\.0: \d+ PASS, \d+ FAIL, \d+ NOT_EVALUATED, \d+ MANUAL of \d+ requirements/);
    expect(run.stdout).toMatch(/wrote .*report\.html/);
    expect(run.stdout).toMatch(/wrote .*report\.pdf/);
    expect(run.stdout).toMatch(/wrote .*results\.json/);
  });

  it('decides the sample honestly: failures fail, the denied region is not evaluated, manual stays manual', () => {
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    const status = (id: string) => results.requirements.find((r) => r.id === id)?.status;
    expect(status('1.3')).toBe('PASS'); // root has no access key
    expect(status('1.4')).toBe('PASS'); // root MFA
    expect(status('1.9')).toBe('FAIL'); // bob has no MFA
    expect(status('1.8')).toBe('FAIL'); // reuse prevention 12 < 24
    expect(status('1.13')).toBe('FAIL'); // carol's old key
    expect(status('5.1.1')).toBe('FAIL'); // eu-west-1 EBS default off
    expect(status('5.3')).toBe('FAIL'); // bastion-ssh open in us-east-1, even though eu-west-1 is unknown
    expect(status('1.1')).toBe('MANUAL');
    const sg = results.requirements.find((r) => r.id === '5.3')!;
    const euWest = sg.checks[0]!.findings.filter((f) => f.region === 'eu-west-1');
    expect(euWest).toHaveLength(1);
    expect(euWest[0]).toMatchObject({ status: 'NOT_EVALUATED' });
    expect(euWest[0]!.reason).toMatch(/UnauthorizedOperation/);
    expect(results.bundle.errors).toHaveLength(1);
  });

  it('writes a PDF whose text shows the requirement ids and page numbers', () => {
    const text = execFileSync('pdftotext', ['-layout', join(out, 'report.pdf'), '-'], { encoding: 'utf8' });
    for (const id of ['1.13', '2.1.4', '3.2', '5.1.1', '5.4']) expect(text).toContain(id);
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('writes byte-identical HTML and results JSON for the same inputs', () => {
    const again = tempDir();
    expect(auditpack(['report', 'evidence/sample', '--out', again, '--format', 'html,json', '--catalog', 'cis-aws-foundations-v5.0.0'], { SOURCE_DATE_EPOCH: '1790000000' }).code).toBe(0);
    expect(readFileSync(join(again, 'report.html'))).toEqual(readFileSync(join(out, 'report.html')));
    expect(readFileSync(join(again, 'results.json'))).toEqual(readFileSync(join(out, 'results.json')));
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('2026-09-21 14:13:20 UTC');
  });
});

describe('auditpack report errors', () => {
  it('names the tampered evidence file and exits non-zero', () => {
    const bundle = tempDir();
    cpSync('evidence/sample', bundle, { recursive: true });
    appendFileSync(join(bundle, 'aws/111122223333/global/iam/GetCredentialReport.csv'), '\nmallory,arn:aws:iam::111122223333:user/mallory');
    const run = auditpack(['report', bundle, '--out', tempDir(), '--format', 'json']);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/GetCredentialReport\.csv: sha256 does not match manifest\.json/);
  });

  it('names file and line of a broken catalog and exits non-zero', () => {
    const catalog = join(tempDir(), 'bad.yaml');
    writeFileSync(
      catalog,
      readFileSync('controls/cis-aws-foundations-v5.0.0.yaml', 'utf8').replace('check: iam-access-key-rotated', 'check: iam-acess-key-rotated'),
    );
    const run = auditpack(['report', 'evidence/sample', '--out', tempDir(), '--catalog', catalog, '--format', 'json']);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/bad\.yaml:\d+: requirement "1\.13" names unknown check "iam-acess-key-rotated"\. Did you mean "iam-access-key-rotated"\?/);
  });

  it('uses the newest CIS AWS Foundations catalog by default', () => {
    const run = auditpack(['report', 'evidence/sample', '--out', tempDir(), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/CIS Amazon Web Services Foundations Benchmark 7\.0\.0: /);
  });

  it('explains a missing bundle, an unknown format and a missing --out', () => {
    expect(auditpack(['report', 'no/such/bundle', '--out', tempDir()]).stderr).toMatch(/Point at a bundle directory/);
    const format = auditpack(['report', 'evidence/sample', '--out', tempDir(), '--format', 'docx']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/unknown format "docx"/);
    const noOut = auditpack(['report', 'evidence/sample']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out/);
  });

  it('teaches with --help', () => {
    const help = auditpack(['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect(help.stdout).toMatch(/SOURCE_DATE_EPOCH/);
  });
});

describe('auditpack report --sign', () => {
  it('signs every output, embeds a PDF signature, shows the key, and verifies', () => {
    const keys = join(tempDir(), 'keys');
    expect(auditpack(['keygen', '--out', keys]).code).toBe(0);
    const out = tempDir();
    const run = auditpack(['report', 'evidence/sample', '--out', out, '--sign', join(keys, 'private.pem')], { SOURCE_DATE_EPOCH: '1790000000' });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'report-manifest.json'), 'utf8')) as { files: { path: string }[]; signer: { fingerprint: string } };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(['report.html', 'report.pdf', 'results.json']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(manifest.signer.fingerprint);
    execFileSync('openssl', ['dgst', '-sha256', '-verify', join(keys, 'public.pem'), '-signature', join(out, 'report-manifest.json.sig'), join(out, 'report-manifest.json')]);
    const pdfsig = spawnSync('pdfsig', [join(out, 'report.pdf')], { encoding: 'utf8' });
    expect(pdfsig.stdout).toMatch(/Signature is Valid/);
    const verify = auditpack(['verify', out, '--key', join(keys, 'public.pem')]);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  it('refuses a key kept inside the report directory', () => {
    const out = tempDir();
    expect(auditpack(['keygen', '--out', join(out, 'keys')]).code).toBe(0);
    const run = auditpack(['report', 'evidence/sample', '--out', out, '--format', 'json', '--sign', join(out, 'keys', 'private.pem')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Keys never go into a bundle or report directory/);
  });
});
