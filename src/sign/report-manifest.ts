import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError } from '../shared/errors.js';
import { sha256File } from '../shared/hash.js';
import { writeFileAtomic } from '../shared/write-file.js';
import { displayFingerprint, type SigningKey } from './keys.js';
import { signDetached } from './signature.js';

/** The signed list of a report's files, in the report directory. */
export const REPORT_MANIFEST = 'report-manifest.json';
/** Its detached signature, beside it. */
export const REPORT_SIGNATURE = 'report-manifest.json.sig';

/** report-manifest.json, format version 1 (docs/verification.md). */
export interface ReportManifest {
  formatVersion: 1;
  kind: 'auditpack-report';
  tool: { name: string; version: string };
  /** ISO 8601 UTC: when the report was signed (SOURCE_DATE_EPOCH when set). */
  signedAt: string;
  /** `fingerprint` is `SHA256:<hex of the DER SubjectPublicKeyInfo>`. */
  signer: { fingerprint: string; subject?: string };
  /** Chain of custody: the evidence the report was computed from. */
  bundle: { manifestSha256: string };
  catalogs: { file: string; sha256: string }[];
  /** Every output file, relative to the report directory, sorted by path. */
  files: ReportFileEntry[];
}

/** One report output file. */
export interface ReportFileEntry {
  path: string;
  sha256: string;
  size: number;
}

/** The chain-of-custody fields {@link sealReport} binds into the report manifest. */
export interface ReportSealMeta {
  /** SHA-256 of the evidence bundle's manifest.json (EvidenceBundle.manifestSha256). */
  bundleManifestSha256: string;
  /** The catalog files evaluated: file name and SHA-256 of its bytes. */
  catalogs: { file: string; sha256: string }[];
  toolVersion: string;
  /** ISO 8601; default SOURCE_DATE_EPOCH when set, else the current time. */
  signedAt?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Writes DIR/report-manifest.json listing every file in `files` (paths inside DIR, absolute or
 * relative to the working directory) with its SHA-256 and size, the chain of custody and the
 * signer, and DIR/report-manifest.json.sig, a detached signature over its exact bytes that
 * `openssl dgst -sha256 -verify` checks.
 */
export async function sealReport(dir: string, files: string[], meta: ReportSealMeta, key: SigningKey): Promise<void> {
  checkMeta(meta);
  const paths = [...new Set(files.map((file) => reportPath(dir, file)))].sort();
  const entries: ReportFileEntry[] = [];
  for (const path of paths) {
    try {
      entries.push({ path, ...(await sha256File(join(dir, path))) });
    } catch {
      throw new AuditpackError('IO', `${join(dir, path)}: cannot read this report file to seal it. Write the report again.`);
    }
  }
  const [manifest, signature] = sealFiles(entries, meta, key);
  await writeFileAtomic(join(dir, manifest.path), manifest.data);
  await writeFileAtomic(join(dir, signature.path), signature.data);
}

/**
 * The report-manifest.json and report-manifest.json.sig that {@link sealReport} would write for
 * `files` (paths inside DIR, absolute or relative to the working directory, with the bytes they
 * are about to hold), so a caller can write the outputs and their seal all or nothing.
 */
export function reportSealFiles(
  dir: string,
  files: readonly { path: string; data: string | Uint8Array }[],
  meta: ReportSealMeta,
  key: SigningKey,
): [{ path: string; data: Buffer }, { path: string; data: Buffer }] {
  const byPath = new Map(files.map((file) => [reportPath(dir, file.path), file.data]));
  const entries = [...byPath.keys()].sort().map((path) => {
    const data = byPath.get(path) as string | Uint8Array;
    return { path, sha256: createHash('sha256').update(data).digest('hex'), size: Buffer.byteLength(data) };
  });
  return sealFiles(entries, meta, key);
}

/**
 * The report-manifest.json and .sig for files already hashed (paths inside DIR, absolute or
 * relative to the working directory): outputs written in pieces are sealed from their digests.
 */
export function reportSealEntries(
  dir: string,
  files: readonly { path: string; sha256: string; size: number }[],
  meta: ReportSealMeta,
  key: SigningKey,
): [{ path: string; data: Buffer }, { path: string; data: Buffer }] {
  const byPath = new Map(files.map((file) => [reportPath(dir, file.path), { sha256: file.sha256, size: file.size }]));
  const entries = [...byPath.keys()].sort().map((path) => ({ path, ...(byPath.get(path) as { sha256: string; size: number }) }));
  return sealFiles(entries, meta, key);
}

function sealFiles(
  entries: ReportFileEntry[],
  meta: ReportSealMeta,
  key: SigningKey,
): [{ path: string; data: Buffer }, { path: string; data: Buffer }] {
  checkMeta(meta);
  const manifest: ReportManifest = {
    formatVersion: 1,
    kind: 'auditpack-report',
    tool: { name: 'auditpack', version: meta.toolVersion },
    signedAt: signedAt(meta.signedAt),
    signer: { fingerprint: displayFingerprint(key.fingerprint), subject: key.subject },
    bundle: { manifestSha256: meta.bundleManifestSha256 },
    catalogs: [...meta.catalogs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    files: entries,
  };
  const bytes = Buffer.from(canonicalJson(manifest));
  return [
    { path: REPORT_MANIFEST, data: bytes },
    { path: REPORT_SIGNATURE, data: signDetached(bytes, key) },
  ];
}

function checkMeta(meta: ReportSealMeta): void {
  if (!SHA256.test(meta.bundleManifestSha256)) {
    throw new AuditpackError(
      'USAGE',
      `sealReport: bundleManifestSha256 "${meta.bundleManifestSha256}" is not 64 lower-case hex digits. Pass EvidenceBundle.manifestSha256.`,
    );
  }
  const bad = meta.catalogs.find((c) => !SHA256.test(c.sha256));
  if (bad) throw new AuditpackError('USAGE', `sealReport: catalog ${bad.file} has sha256 "${bad.sha256}", not 64 lower-case hex digits.`);
}

function reportPath(dir: string, file: string): string {
  const path = relative(resolve(dir), resolve(file));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) {
    throw new AuditpackError('USAGE', `${file}: is not inside the report directory ${dir}. Only the report's own files can be sealed.`);
  }
  const normalised = path.split(sep).join('/');
  if (normalised === REPORT_MANIFEST || normalised === REPORT_SIGNATURE) {
    throw new AuditpackError('USAGE', `${file}: the report manifest cannot list itself. Pass the report's output files.`);
  }
  return normalised;
}

function signedAt(given: string | undefined): string {
  if (given !== undefined) {
    const date = new Date(given);
    if (Number.isNaN(date.getTime())) throw new AuditpackError('USAGE', `sealReport: signedAt "${given}" is not an ISO 8601 time.`);
    return date.toISOString();
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/** Checks the shape of a parsed report manifest; returns one line per problem (empty when fine). */
export function reportManifestProblems(value: unknown): string[] {
  const problems: string[] = [];
  const m = value as Partial<ReportManifest> | null;
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return ['is not a JSON object'];
  if (m.formatVersion !== 1) problems.push('formatVersion: must be 1');
  if (m.kind !== 'auditpack-report') problems.push('kind: must be "auditpack-report"');
  if (typeof m.signedAt !== 'string') problems.push('signedAt: must be a string');
  if (typeof m.signer?.fingerprint !== 'string' || !/^SHA256:[0-9a-f]{64}$/.test(m.signer.fingerprint))
    problems.push('signer.fingerprint: must be SHA256:<64 hex digits>');
  if (typeof m.bundle?.manifestSha256 !== 'string' || !SHA256.test(m.bundle.manifestSha256))
    problems.push('bundle.manifestSha256: must be 64 hex digits');
  if (!Array.isArray(m.catalogs)) problems.push('catalogs: must be an array');
  if (!Array.isArray(m.files)) problems.push('files: must be an array');
  else {
    m.files.forEach((f: Partial<ReportFileEntry>, i) => {
      if (typeof f.path !== 'string' || !isSafeRelativePath(f.path))
        problems.push(`files[${i}].path: must be a relative path without ".."`);
      if (typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) problems.push(`files[${i}].sha256: must be 64 hex digits`);
      if (typeof f.size !== 'number' || !Number.isInteger(f.size) || f.size < 0) problems.push(`files[${i}].size: must be a whole number`);
    });
  }
  return problems;
}

/** A `/`-separated relative path with no empty, `.` or `..` segment. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
