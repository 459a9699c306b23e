import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Io } from '../../src/cli/io.js';
import { generateSigningKeys, loadSigningKey, type SigningKey } from '../../src/sign/keys.js';
import { signPdf } from '../../src/sign/pdf.js';
import { sealReport } from '../../src/sign/report-manifest.js';
import { sealBundle } from '../../src/sign/seal.js';
import { sha256 } from '../../src/shared/hash.js';
import { writeTestBundle } from '../helpers/bundle-builder.js';

/** A fresh temporary directory. */
export function tempDir(prefix = 'auditpack-sign-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Key files as keygen writes them, in a fresh directory, and the loaded signing key. */
export interface TestKeys {
  dir: string;
  privatePath: string;
  publicPath: string;
  certificatePath: string;
  key: SigningKey;
}

/** Writes private.pem, public.pem and certificate.pem for a new P-256 key. */
export async function testKeys(commonName = 'auditpack test signer'): Promise<TestKeys> {
  const dir = tempDir('auditpack-keys-');
  const generated = generateSigningKeys({ commonName, notBefore: new Date('2026-01-01T00:00:00Z'), validDays: 3650 });
  const privatePath = join(dir, 'private.pem');
  const publicPath = join(dir, 'public.pem');
  const certificatePath = join(dir, 'certificate.pem');
  writeFileSync(privatePath, generated.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicPath, generated.publicKeyPem);
  writeFileSync(certificatePath, generated.certificatePem);
  return { dir, privatePath, publicPath, certificatePath, key: await loadSigningKey(privatePath) };
}

/** A small bundle of three evidence files (JSON and CSV), not sealed. */
export function testBundleDir(): string {
  return writeTestBundle({
    files: [
      { service: 'iam', operation: 'GetAccountPasswordPolicy', body: { PasswordPolicy: { MinimumPasswordLength: 14 } } },
      { service: 'iam', operation: 'GetCredentialReport', body: 'user,arn\n<root_account>,arn:aws:iam::111122223333:root\n' },
      { service: 's3', operation: 'ListBuckets', body: { Buckets: [{ Name: 'acme-logs' }] } },
    ],
  });
}

/** A bundle sealed with `key`. */
export async function sealedBundle(key: SigningKey): Promise<string> {
  const dir = testBundleDir();
  await sealBundle(dir, key);
  return dir;
}

/** A one-page PDF made with pdf-lib (fast; the Chromium path is tested on its own). */
export async function simplePdf(text = 'auditpack test report'): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage().drawText(text, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/** A signed report directory for `bundleDir`: report.html, results.json, a signed report.pdf, the manifest. */
export async function signedReport(bundleDir: string, key: SigningKey): Promise<string> {
  const dir = tempDir('auditpack-report-');
  writeFileSync(join(dir, 'report.html'), '<!doctype html><title>CIS AWS Foundations</title><p>3 PASS, 1 FAIL</p>\n');
  writeFileSync(join(dir, 'results.json'), '{\n  "summary": { "PASS": 3, "FAIL": 1 }\n}\n');
  writeFileSync(
    join(dir, 'report.pdf'),
    await signPdf(await simplePdf(), key, { reason: 'auditpack report', signedAt: new Date('2026-10-01T09:00:00Z') }),
  );
  await sealReport(
    dir,
    ['report.html', 'results.json', 'report.pdf'].map((f) => join(dir, f)),
    {
      bundleManifestSha256: sha256(readFileSync(join(bundleDir, 'manifest.json'))),
      catalogs: [{ file: 'cis-aws-foundations-v5.0.0.yaml', sha256: sha256('catalog') }],
      toolVersion: '0.1.0',
      signedAt: '2026-10-01T09:00:00Z',
    },
    key,
  );
  return dir;
}

/** Adds an attestation file under attestations/ and lists it in manifest.json, as `auditpack attest` does. */
export function addAttestationFile(bundleDir: string): void {
  const body = 'attestations:\n  - requirement: "1.1"\n    result: PASS\n';
  mkdirSync(join(bundleDir, 'attestations'), { recursive: true });
  writeFileSync(join(bundleDir, 'attestations/attestations.yaml'), body);
  const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.attestations = [{ path: 'attestations/attestations.yaml', sha256: sha256(body), size: Buffer.byteLength(body) }];
  writeFileSync(join(bundleDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Flips the lowest bit of one byte (default: the middle one). */
export function flipByte(path: string, offset?: number): void {
  const bytes = readFileSync(path);
  const at = offset ?? Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(path, bytes);
}

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the real CLI entry point, main(), with its own output buffers. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const { main } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), env, now: () => new Date('2026-10-01T09:00:00Z') };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Runs a program and returns its exit status and output (never throws on a non-zero exit). */
export function runTool(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  try {
    const out = execFileSync(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, out, err: '' };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, out: e.stdout ?? '', err: e.stderr ?? '' };
  }
}
