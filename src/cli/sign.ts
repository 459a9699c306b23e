import { writeFile, chmod } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { AuditpackError } from '../shared/errors.js';
import { exists, setWriteHook } from '../shared/write-file.js';
import { makeDirectory } from '../shared/limits.js';
import {
  displayFingerprint,
  generateSigningKeys,
  loadSigningKey,
  loadTrustedKeys,
  type SigningKey,
  type TrustedKey,
} from '../sign/keys.js';
import { BUNDLE_SIGNATURE, sealBundle } from '../sign/seal.js';
// The verifier and the archive writer (tar-stream) load only for `verify` and `archive`: the
// commands that use this module for its key helpers do without them.
import type { VerifiedItem, VerifyResult } from '../sign/verify.js';
import type { Io } from './io.js';
import { isS3, localCopy, localFile, publishFile, retainUntilOf, tempFolder } from './s3-io.js';
import type { KeygenFlags, SealFlags, VerifyFlags } from './sign-command.js';

/** The key options `seal`, `report --sign` and `collect --sign` share. */
export interface KeyOptions {
  /** Private key PEM (or PKCS#12 file). */
  key?: string;
  cert?: string;
  p12?: string;
  /** Name of the environment variable holding the passphrase. */
  passphraseEnv?: string;
}

/** `auditpack keygen`: checks --days, writes the key files and prints them with the fingerprint. */
export async function runKeygen(opts: KeygenFlags, io: Io): Promise<void> {
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1)
    throw new AuditpackError('USAGE', `--days ${opts.days}: not a whole number of days. Give e.g. --days 3650.`);
  const written = await keygen({
    out: opts.out,
    subject: opts.subject,
    days,
    passphrase: passphraseFrom(io, opts.passphraseEnv),
    now: io.now(),
  });
  for (const file of written.files) io.out(`wrote ${file}\n`);
  io.out(`key fingerprint ${displayFingerprint(written.fingerprint)}\n`);
}

/** `auditpack seal BUNDLE`: seals (or re-seals) the bundle with the key given. */
export async function runSeal(bundle: string, opts: SealFlags, io: Io): Promise<void> {
  const key = await loadKeyFromOptions(opts, io, [bundle]);
  if (!key) throw new AuditpackError('USAGE', 'seal: no key given. Name the private key with --key keys/private.pem (or --p12 FILE).');
  const trusted = opts.trustedKeys ? await loadTrustedKeys(opts.trustedKeys) : [];
  installCrashHook(io);
  const sealed = await sealBundle(bundle, key, { trusted });
  io.out(`${sealed.signed ? 'sealed' : 'already sealed'} ${bundle}: manifest sha256 ${sealed.manifestSha256}\n`);
  io.out(
    `  signed by ${displayFingerprint(key.fingerprint)}${key.subject ? ` (${key.subject})` : ''} → ${join(bundle, BUNDLE_SIGNATURE)}, kept as ${sealed.historyEntry}\n`,
  );
}

/** `auditpack verify PATH`: prints the verdict; the first problem becomes the error. */
export async function runVerify(path: string, opts: VerifyFlags, io: Io): Promise<void> {
  const files = [...opts.key, ...(opts.trustedKeys ? [opts.trustedKeys] : [])];
  if (files.length === 0) {
    throw new AuditpackError(
      'USAGE',
      "verify: no key to verify against. Give the signer's public key with --key public.pem, or --trusted-keys FILE.",
    );
  }
  const trusted: TrustedKey[] = [];
  for (const file of files) trusted.push(...(await loadTrustedKeys(file)));
  const { verifyPath } = await import('../sign/verify.js');
  // s3://…: a bundle or report prefix is verified from a local copy; an object ending in .tar.gz or .tgz is an archive.
  const local = isS3(path) ? (/\.(tar\.gz|tgz)$/.test(path) ? await localFile(path, 'verify', io) : await localCopy(path, 'verify', io)) : path;
  const result = { ...(await verifyPath(local, trusted)), path };
  io.out(opts.json ? `${JSON.stringify(result, null, 2)}\n` : describeResult(result));
  failOnProblems(result);
}

/** `auditpack archive BUNDLE REPORT…`: writes the .tar.gz and says what it holds. */
export async function runArchive(bundle: string, reports: string[], opts: ArchiveFlags, io: Io): Promise<void> {
  const { createArchive } = await import('../sign/archive.js');
  const upload = isS3(opts.out);
  if (!upload && (opts.retainUntil !== undefined || opts.sseKmsKeyId !== undefined))
    throw new AuditpackError('USAGE', `${opts.retainUntil !== undefined ? '--retain-until' : '--sse-kms-key-id'}: is used with --out s3://BUCKET/KEY.tar.gz`);
  // Checked before the archive is built: a date in the past should not cost the work.
  if (upload) retainUntilOf(opts, io);
  const inputs: string[] = [];
  for (const dir of [bundle, ...reports]) inputs.push(await localCopy(dir, 'archive', io));
  const out = upload ? join(await tempFolder('archive'), opts.out.slice(opts.out.lastIndexOf('/') + 1) || 'archive.tar.gz') : opts.out;
  const files = await createArchive(out, inputs, { mtime: new Date(sourceDateEpoch(io) ?? io.now().getTime()) });
  if (upload) await publishFile(out, opts.out, '--out', opts, io);
  io.out(`wrote ${opts.out} (${files.length} files from ${reports.length + 1} ${reports.length === 0 ? 'directory' : 'directories'})\n`);
}

/** The `archive` flags as commander parses them. */
export interface ArchiveFlags {
  out: string;
  retainUntil?: string;
  sseKmsKeyId?: string;
}

/** Options for {@link keygen}. */
export interface KeygenOptions {
  out: string;
  subject: string;
  days: number;
  passphrase?: string;
  now: Date;
}

/** Writes private.pem (0600), public.pem and certificate.pem into `out`; never overwrites a key. */
export async function keygen(options: KeygenOptions): Promise<{ files: string[]; fingerprint: string }> {
  const files = ['private.pem', 'public.pem', 'certificate.pem'].map((name) => join(options.out, name));
  for (const marker of ['manifest.json', 'report-manifest.json']) {
    if (await exists(join(options.out, marker))) {
      throw new AuditpackError(
        'USAGE',
        `${options.out}: holds ${marker}; keys never go into a bundle or report directory. Choose another --out, e.g. --out keys.`,
      );
    }
  }
  for (const file of files) {
    if (await exists(file))
      throw new AuditpackError(
        'IO',
        `${file}: already exists. Keys are never overwritten; move the old keys away or choose another --out.`,
      );
  }
  const keys = generateSigningKeys({
    commonName: options.subject,
    notBefore: options.now,
    validDays: options.days,
    passphrase: options.passphrase,
  });
  await makeDirectory(options.out, 0o700);
  const [privatePath, publicPath, certificatePath] = files as [string, string, string];
  // 'wx' fails rather than overwrite a key created meanwhile; chmod because umask may widen the mode.
  await writeFile(privatePath, keys.privateKeyPem, { flag: 'wx', mode: 0o600 });
  await chmod(privatePath, 0o600);
  await writeFile(publicPath, keys.publicKeyPem, { flag: 'wx', mode: 0o644 });
  await writeFile(certificatePath, keys.certificatePem, { flag: 'wx', mode: 0o644 });
  return { files, fingerprint: keys.fingerprint };
}

/**
 * Loads the signing key named by `--key`/`--p12` (with `--cert` and `--passphrase-env`), or
 * returns undefined when neither is given. Refuses a key stored inside one of `outputs` (the
 * bundle or report directory being signed): keys never enter them.
 */
export async function loadKeyFromOptions(options: KeyOptions, io: Io, outputs: string[] = []): Promise<SigningKey | undefined> {
  const keyPath = options.p12 ?? options.key;
  if (keyPath === undefined) return undefined;
  for (const output of outputs) {
    if (!relative(resolve(output), resolve(keyPath)).startsWith('..')) {
      throw new AuditpackError(
        'KEY_INVALID',
        `${keyPath}: is inside ${output}. Keys never go into a bundle or report directory; keep them elsewhere, e.g. keys/.`,
      );
    }
  }
  return loadSigningKey(keyPath, { certPath: options.cert, passphrase: passphraseFrom(io, options.passphraseEnv), p12Path: options.p12 });
}

/**
 * Crash testing: with AUDITPACK_CRASH_AT_WRITE=N, the process kills itself (SIGKILL, so nothing
 * cleans up) just before the N-th write, rename or delete of a bundle change, as a power cut would.
 */
export function installCrashHook(io: Io): void {
  const at = Number(io.env.AUDITPACK_CRASH_AT_WRITE ?? '');
  if (!Number.isInteger(at) || at < 1) return;
  let count = 0;
  setWriteHook(() => {
    if (++count === at) process.kill(process.pid, 'SIGKILL');
  });
}

/** The passphrase in the environment variable `name`; undefined when no variable is named. */
export function passphraseFrom(io: Io, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = io.env[name];
  if (value === undefined || value === '') {
    throw new AuditpackError(
      'USAGE',
      `--passphrase-env ${name}: the environment variable ${name} is not set or empty. Export the passphrase in it first.`,
    );
  }
  return value;
}

function describeResult(result: VerifyResult): string {
  const lines = result.items.map(describeItem);
  for (const problem of result.problems) lines.push(`FAIL ${problem.message}\n`);
  return lines.join('');
}

function describeItem(item: VerifiedItem): string {
  const signer = item.signer
    ? `signed by ${item.signer.fingerprint}${item.signer.subject ? ` (${item.signer.subject})` : ''}, key from ${item.signer.source}`
    : 'signature NOT verified';
  const lines = [
    `${item.ok ? 'OK  ' : 'FAIL'} ${item.kind} ${item.path}`,
    `  manifest sha256 ${item.manifestSha256 ?? '?'}`,
    `  ${signer}`,
  ];
  if (item.kind === 'bundle') {
    lines.push(
      `  collected ${item.collectedAt ?? '?'}${item.complete === false ? ' (collection did not finish)' : ''}; ${item.seals ?? 0} seal(s) in signatures/${item.chained ? ', chained' : ''}`,
    );
    lines.push(`  ${item.files} evidence files checked against manifest.json`);
    for (const note of item.notes ?? []) lines.push(`  note: ${note}`);
  } else {
    lines.push(`  signed at ${item.signedAt ?? '?'}; computed from bundle manifest sha256 ${item.bundleManifestSha256 ?? '?'}`);
    lines.push(
      `  ${item.files} report files checked against report-manifest.json${item.pdfSignatures ? `; ${item.pdfSignatures} embedded PDF signature(s) verified` : ''}`,
    );
  }
  lines.push(item.ok ? '  every SHA-256 matches; no file missing or extra' : `  ${item.problems.length} problem(s), listed on stderr`);
  return `${lines.join('\n')}\n`;
}

/** Turns the first problem into the error main() maps to an exit code; signature problems win. */
function failOnProblems(result: VerifyResult): void {
  const problems = [...result.items.flatMap((i) => i.problems), ...result.problems];
  const first = problems.find((p) => p.code === 'SIGNATURE_INVALID') ?? problems[0];
  if (first === undefined) return;
  throw new AuditpackError(
    first.code,
    first.message,
    problems.filter((p) => p !== first).map((p) => p.message),
  );
}

function sourceDateEpoch(io: Io): number | undefined {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch))
    throw new AuditpackError(
      'USAGE',
      `SOURCE_DATE_EPOCH=${epoch}: not a whole number of seconds since 1970. Unset it or give e.g. SOURCE_DATE_EPOCH=$(date +%s).`,
    );
  return Number(epoch) * 1000;
}
