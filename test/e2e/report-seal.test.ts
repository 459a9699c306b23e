import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/evaluate/results.js';

const cli = join(process.cwd(), 'dist/cli/main.js');

function auditpack(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000', ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'auditpack-e2e-seal-'));

/** A copy of the sample bundle, sealed with `privateKey` when given. */
function sampleCopy(privateKey?: string): string {
  const dir = join(tempDir(), 'acme-2026-q3');
  cpSync('evidence/sample', dir, { recursive: true });
  if (privateKey) expect(auditpack(['seal', dir, '--key', privateKey]).code).toBe(0);
  return dir;
}

function keygen(subject = 'Acme audit team'): { privateKey: string; publicKey: string; fingerprint: string } {
  const dir = join(tempDir(), 'keys');
  const run = auditpack(['keygen', '--out', dir, '--subject', subject]);
  expect(run.code, run.stderr).toBe(0);
  const fingerprint = /key fingerprint (SHA256:[0-9a-f]{64})/.exec(run.stdout)?.[1] ?? '';
  return { privateKey: join(dir, 'private.pem'), publicKey: join(dir, 'public.pem'), fingerprint };
}

function results(out: string): Results {
  return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
}

/** Renames the operation of the manifest entry for `file` and rehashes nothing: what an editor of manifest.json does. */
function renameOperation(bundle: string, operation: string, to: string): void {
  const path = join(bundle, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: { operation: string }[] };
  const entry = manifest.files.find((f) => f.operation === operation);
  if (!entry) throw new Error(`the sample has no ${operation} file`);
  entry.operation = to;
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

let signer: ReturnType<typeof keygen>;
let attacker: ReturnType<typeof keygen>;
beforeAll(() => {
  signer = keygen();
  attacker = keygen('Mallory');
});

describe('auditpack report checks the bundle seal before evaluating', () => {
  it('verifies a sealed bundle with --key and says who sealed it, on stderr, in results.json and on the cover', () => {
    const out = tempDir();
    const run = auditpack(['report', sampleCopy(signer.privateKey), '--out', out, '--format', 'html,json', '--key', signer.publicKey]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`sealed by ${signer.fingerprint}, verified`);
    expect(results(out).bundle.seal).toEqual({ state: 'verified', fingerprint: signer.fingerprint });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`Sealed by ${signer.fingerprint}, verified`);
  });

  it('accepts the trust options verify has (--trusted-keys), naming the subject of a trusted certificate', () => {
    const trust = join(tempDir(), 'trusted.pem');
    const certificate = join(signer.publicKey, '..', 'certificate.pem');
    writeFileSync(trust, `${readFileSync(attacker.publicKey, 'utf8')}${readFileSync(certificate, 'utf8')}`);
    const out = tempDir();
    const run = auditpack(['report', sampleCopy(signer.privateKey), '--out', out, '--format', 'json', '--trusted-keys', trust]);
    expect(run.code, run.stderr).toBe(0);
    expect(results(out).bundle.seal).toEqual({ state: 'verified', fingerprint: signer.fingerprint, subject: 'CN=Acme audit team' });
  });

  it('refuses (exit 10) a sealed bundle whose manifest entry was renamed after sealing, naming manifest.json, and writes nothing', () => {
    const bundle = sampleCopy(signer.privateKey);
    renameOperation(bundle, 'GetAccountPasswordPolicy', 'GetAccountPasswordPolicyX');
    const out = tempDir();
    const run = auditpack(['report', bundle, '--out', out, '--format', 'json', '--key', signer.publicKey]);
    expect(run.code).toBe(10);
    expect(run.stderr).toMatch(/manifest\.json: changed after the bundle was sealed/);
    expect(() => readFileSync(join(out, 'results.json'))).toThrow();
  });

  it('refuses (exit 10) the same tampering without a key: manifest.json differs from its sealed copy', () => {
    const bundle = sampleCopy(signer.privateKey);
    renameOperation(bundle, 'GetAccountPasswordPolicy', 'GetAccountPasswordPolicyX');
    const run = auditpack(['report', bundle, '--out', tempDir(), '--format', 'json']);
    expect(run.code).toBe(10);
    expect(run.stderr).toMatch(/manifest\.json: differs from the sealed copy signatures\/0001\/manifest\.json/);
  });

  it('refuses (exit 4) a renamed operation in an unsealed bundle, naming the entry, instead of NOT_EVALUATED with exit 0', () => {
    const bundle = sampleCopy();
    renameOperation(bundle, 'GetAccountPasswordPolicy', 'GetAccountPasswordPolicyX');
    const run = auditpack(['report', bundle, '--out', tempDir(), '--format', 'json']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /files\[\d+\] \(aws\/111122223333\/global\/iam\/GetAccountPasswordPolicy\.json\)\.operation: "GetAccountPasswordPolicyX" does not match its path/,
    );
  });

  it('refuses (exit 10) a bundle re-sealed by another key', () => {
    const bundle = sampleCopy(signer.privateKey);
    // Everything the seal wrote goes, then the attacker seals with a key of their own.
    for (const seal of ['signatures', 'manifest.json.sig', 'seal.json', 'seal.json.sig'])
      rmSync(join(bundle, seal), { recursive: true, force: true });
    expect(auditpack(['seal', bundle, '--key', attacker.privateKey]).code).toBe(0);
    const run = auditpack(['report', bundle, '--out', tempDir(), '--format', 'json', '--key', signer.publicKey]);
    expect(run.code).toBe(10);
    expect(run.stderr).toMatch(/manifest\.json\.sig: does not verify manifest\.json with/);
  });

  it('refuses (exit 10) a bundle whose seal was removed when a key is given', () => {
    const bundle = sampleCopy(signer.privateKey);
    for (const seal of ['signatures', 'manifest.json.sig', 'seal.json', 'seal.json.sig'])
      rmSync(join(bundle, seal), { recursive: true, force: true });
    const run = auditpack(['report', bundle, '--out', tempDir(), '--format', 'json', '--key', signer.publicKey]);
    expect(run.code).toBe(10);
    expect(run.stderr).toMatch(/manifest\.json\.sig: is missing; the bundle is not sealed, but a key to verify its seal was given/);
  });

  it('refuses (exit 10) a seal removed while its history stays, even without a key', () => {
    const bundle = sampleCopy(signer.privateKey);
    rmSync(join(bundle, 'manifest.json.sig'));
    const run = auditpack(['report', bundle, '--out', tempDir(), '--format', 'json']);
    expect(run.code).toBe(10);
    expect(run.stderr).toMatch(/manifest\.json\.sig: is missing although signatures\/ holds 1 seal\(s\)/);
  });

  it('reports on a sealed bundle without a key, saying the signer is not pinned', () => {
    const out = tempDir();
    const run = auditpack(['report', sampleCopy(signer.privateKey), '--out', out, '--format', 'html,json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/sealed, signer not pinned/);
    expect(results(out).bundle.seal).toEqual({ state: 'unverified' });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Sealed, signer not pinned');
  });

  it('reports on an unsealed bundle and says it is not sealed', () => {
    const out = tempDir();
    const run = auditpack(['report', sampleCopy(), '--out', out, '--format', 'html,json']);
    expect(run.code, run.stderr).toBe(0);
    expect(results(out).bundle.seal).toEqual({ state: 'unsealed' });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Not sealed');
  });
});

describe('auditpack report --sign into a directory that is not empty', () => {
  it('refuses (exit 2) when --out holds a file this run would not rewrite, before writing anything', () => {
    const out = tempDir();
    expect(auditpack(['report', 'evidence/sample', '--out', out, '--format', 'html,json']).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'left here\n');
    const before = readFileSync(join(out, 'results.json'));
    const run = auditpack(['report', 'evidence/sample', '--out', out, '--format', 'json', '--sign', signer.privateKey]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.txt: is already in --out .* this run would not rewrite it/);
    expect(run.stderr).toMatch(/Choose an empty --out/);
    expect(run.stderr).toMatch(/report\.html/);
    expect(readFileSync(join(out, 'results.json')).equals(before)).toBe(true);
  });

  it('signs over its own earlier outputs, and the signed report verifies', () => {
    const out = tempDir();
    const args = ['report', 'evidence/sample', '--out', out, '--format', 'html,json', '--sign', signer.privateKey];
    expect(auditpack(args).code).toBe(0);
    const again = auditpack(args);
    expect(again.code, again.stderr).toBe(0);
    const verify = auditpack(['verify', out, '--key', signer.publicKey]);
    expect(verify.code, verify.stderr).toBe(0);
  });
});
