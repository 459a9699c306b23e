import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { onInterrupt } from '../shared/cleanup.js';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LISTED_ROOTS, attachmentsOf, type Manifest } from '../bundle/manifest.js';
import { openBundle, type OpenBundleOptions } from '../bundle/read-bundle.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError, type ErrorCode } from '../shared/errors.js';
import { sha256, sha256File } from '../shared/hash.js';
import { DEFAULT_ARCHIVE_LIMITS, extractArchive, type ArchiveLimits } from './archive.js';
import { displayFingerprint, type TrustedKey } from './keys.js';
import { NO_PDF_SIGNATURE, checkPdfSignature } from './pdf-verify.js';
import { REPORT_MANIFEST, REPORT_SIGNATURE, reportManifestProblems, type ReportManifest } from './report-manifest.js';
import {
  BUNDLE_SIGNATURE,
  SEAL_RECORD,
  SEAL_RECORD_SIGNATURE,
  SIGNATURE_HISTORY,
  linkTo,
  readSignatureHistory,
  type HistoryEntry,
  type SealRecord,
} from './seal.js';
import { TRANSACTION_DIR } from '../shared/write-file.js';
import { verifyDetached } from './signature.js';

/** One thing wrong, naming the file. */
export interface Problem {
  /** SIGNATURE_INVALID, BUNDLE_INTEGRITY, REPORT_INTEGRITY or BUNDLE_INVALID. */
  code: ErrorCode;
  /** `<file>: <what is wrong>. <what to do>.` */
  message: string;
}

/** Who signed, as verified: the trusted key the signature checks with. */
export interface VerifiedSigner {
  /** `SHA256:<hex>`. */
  fingerprint: string;
  /** Which trusted key file (and block) matched. */
  source: string;
  subject?: string;
}

/** The verdict on one bundle or report directory. */
export interface VerifiedItem {
  kind: 'bundle' | 'report';
  /** The directory as the user named it; inside an archive `ARCHIVE:member`. */
  path: string;
  ok: boolean;
  /** SHA-256 of the signed manifest's exact bytes. */
  manifestSha256?: string;
  signer?: VerifiedSigner;
  /** Report: when it was signed (from the signed manifest). */
  signedAt?: string;
  /** Bundle: end of collection (from the signed manifest). */
  collectedAt?: string;
  /** Bundle: whether the collection finished. */
  complete?: boolean;
  /** Report: the bundle manifest digest it was computed from. */
  bundleManifestSha256?: string;
  /** Files whose SHA-256 and size were checked. */
  files: number;
  /** Report: embedded PDF signatures verified (an unsigned PDF is covered by the manifest alone). */
  pdfSignatures?: number;
  /** Bundle: earlier seals kept in signatures/, all verified. */
  seals?: number;
  /** Bundle: whether its seals form a chain (false for bundles sealed before seal chains). */
  chained?: boolean;
  /** Things worth knowing that are not problems (a bundle sealed before seal chains). */
  notes?: string[];
  problems: Problem[];
}

/** The verdict on a path: a bundle, a report, an archive, or a directory holding several. */
export interface VerifyResult {
  path: string;
  kind: 'bundle' | 'report' | 'archive' | 'directory';
  ok: boolean;
  items: VerifiedItem[];
  /** Problems not belonging to one item (a stray file in an archive, a report without its bundle). */
  problems: Problem[];
}

/** Options for {@link verifyPath}. */
export interface VerifyOptions {
  archiveLimits?: ArchiveLimits;
}

/**
 * Verifies a bundle directory, a report directory, an archive from `auditpack archive`, or a
 * directory holding bundles and reports: each signature against the trusted keys, every file's
 * SHA-256 and size, and that no file is missing or extra. Integrity problems are returned, not
 * thrown; a path that is none of these (or a hostile archive) throws.
 */
export async function verifyPath(path: string, trusted: readonly TrustedKey[], options: VerifyOptions = {}): Promise<VerifyResult> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AuditpackError('USAGE', `${path}: does not exist. Give a bundle directory, a report directory or an archive.`);
  }
  if (info.isDirectory()) {
    const kind = await kindOf(path);
    if (kind) {
      const item = kind === 'bundle' ? await verifyBundle(path, path, trusted) : await verifyReport(path, path, trusted);
      return result(path, kind, [item], []);
    }
    const found = await verifyChildren(path, path, trusted);
    if (found.items.length === 0) {
      throw new AuditpackError(
        'USAGE',
        `${path}: holds no manifest.json or ${REPORT_MANIFEST}. Give a bundle directory, a report directory or an archive.`,
      );
    }
    return result(path, 'directory', found.items, found.problems);
  }
  const target = await mkdtemp(join(tmpdir(), 'auditpack-verify-'));
  // Ctrl-C or SIGTERM mid-extraction must not leave the evidence in TMPDIR (cli/main.ts runs this).
  const forget = onInterrupt(() => rmSync(target, { recursive: true, force: true }));
  try {
    await extractArchive(path, target, options.archiveLimits ?? DEFAULT_ARCHIVE_LIMITS);
    const found = await verifyChildren(target, `${path}:`, trusted, true);
    if (found.items.length === 0)
      found.problems.push({
        code: 'BUNDLE_INTEGRITY',
        message: `${path}: holds no bundle or report. Archive them with "auditpack archive".`,
      });
    return result(path, 'archive', found.items, found.problems);
  } finally {
    await rm(target, { recursive: true, force: true });
    forget();
  }
}

function result(path: string, kind: VerifyResult['kind'], items: VerifiedItem[], problems: Problem[]): VerifyResult {
  return { path, kind, ok: problems.length === 0 && items.every((i) => i.ok), items, problems };
}

async function kindOf(dir: string): Promise<'bundle' | 'report' | undefined> {
  if (await isFile(join(dir, 'manifest.json'))) return 'bundle';
  if (await isFile(join(dir, REPORT_MANIFEST))) return 'report';
  return undefined;
}

/** Each sub-directory that is a bundle or report; in an archive anything else is a problem. */
async function verifyChildren(
  dir: string,
  label: string,
  trusted: readonly TrustedKey[],
  strict = false,
): Promise<{ items: VerifiedItem[]; problems: Problem[] }> {
  const items: VerifiedItem[] = [];
  const problems: Problem[] = [];
  const prefix = label.endsWith(':') ? label : `${label}/`;
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = join(dir, entry.name);
    const kind = entry.isDirectory() ? await kindOf(child) : undefined;
    if (kind === 'bundle') items.push(await verifyBundle(child, `${prefix}${entry.name}`, trusted));
    else if (kind === 'report') items.push(await verifyReport(child, `${prefix}${entry.name}`, trusted));
    else if (strict)
      problems.push({
        code: 'BUNDLE_INTEGRITY',
        message: `${prefix}${entry.name}: is neither a bundle nor a report. Something was added to the archive; use the archive as written.`,
      });
  }
  if (strict) {
    // A report is bound to the bundle it was computed from; in an archive that bundle must be there.
    const bundles = new Set(items.filter((i) => i.kind === 'bundle').map((i) => i.manifestSha256));
    for (const report of items.filter((i) => i.kind === 'report' && i.bundleManifestSha256)) {
      if (!bundles.has(report.bundleManifestSha256)) {
        problems.push({
          code: 'REPORT_INTEGRITY',
          message: `${report.path}/${REPORT_MANIFEST}: is for the bundle with manifest sha256 ${report.bundleManifestSha256}, which is not in this archive. Archive the report with its own bundle.`,
        });
      }
    }
  }
  return { items, problems };
}

/**
 * Verifies one bundle directory (see {@link verifyPath}); `label` names it in messages. With
 * `sizesOnly`, the files' hashes are left to the caller, which checks them as it reads the files (merge).
 */
export async function verifyBundleDir(
  dir: string,
  label: string,
  trusted: readonly TrustedKey[],
  files: Pick<OpenBundleOptions, 'sizesOnly'> = {},
): Promise<VerifiedItem> {
  return verifyBundle(dir, label, trusted, files);
}

async function verifyBundle(
  dir: string,
  label: string,
  trusted: readonly TrustedKey[],
  files: Pick<OpenBundleOptions, 'sizesOnly'> = {},
): Promise<VerifiedItem> {
  const item: VerifiedItem = { kind: 'bundle', path: label, ok: false, files: 0, problems: [] };
  const problem = (code: ErrorCode, message: string): void => void item.problems.push({ code, message });
  const manifest = await readFile(join(dir, 'manifest.json'));
  item.manifestSha256 = sha256(manifest);
  const signature = await readOptional(join(dir, BUNDLE_SIGNATURE));
  const history = await readSignatureHistory(dir);

  if (!signature) {
    problem(
      'SIGNATURE_INVALID',
      `${label}/${BUNDLE_SIGNATURE}: is missing; the bundle is not sealed. Seal it with "auditpack seal ${label} --key KEY", or restore it from the archive.`,
    );
  } else {
    const key = verifyDetached(manifest, signature, trusted);
    if (key) item.signer = signerOf(key);
    else problem('SIGNATURE_INVALID', diagnoseBundleSignature(label, manifest, signature, history.at(-1), trusted));
  }

  const seal = await readOptional(join(dir, SEAL_RECORD));
  const sealSignature = await readOptional(join(dir, SEAL_RECORD_SIGNATURE));
  const chain = checkSealChain(label, { manifest, signature, seal, sealSignature }, history, trusted);
  for (const message of chain.problems) problem('SIGNATURE_INVALID', message);
  item.chained = chain.chained;
  if (chain.note) item.notes = [chain.note];
  item.seals = history.length;

  let listed: Set<string> | undefined;
  try {
    const bundle = await openBundle(dir, { ...files, allowIncomplete: true });
    listed = new Set(listedPaths(bundle.manifest));
    item.files = listed.size;
    item.collectedAt = bundle.manifest.collection.finishedAt;
    item.complete = bundle.manifest.collection.complete;
  } catch (error) {
    if (!(error instanceof AuditpackError)) throw error;
    // openBundle names files by their path on disk; name them as the user knows the bundle.
    for (const line of [error.message, ...error.details]) problem(error.code, line.split(dir).join(label));
  }
  // Everything in a sealed bundle is listed in the manifest or is a seal file. When the manifest
  // could not be read, openBundle has reported why; only what lies outside its folders is added.
  await findExtraFiles(
    dir,
    label,
    (path) => isSealFile(path) || (listed ? listed.has(path) : LISTED_ROOTS.some((root) => path.startsWith(`${root}/`))),
    (path) =>
      problem(
        'BUNDLE_INTEGRITY',
        path.startsWith(`${TRANSACTION_DIR}/`) || /(^|\/)\.[^/]+\.\d+\.tmp$/.test(path)
          ? `${label}/${path}: was left by an interrupted "auditpack seal" or "auditpack attest". Run the same command again to finish or undo the change, then verify again.`
          : `${label}/${path}: is not part of the sealed bundle (not listed in manifest.json). Something was added after collection; remove it or restore the bundle from its archive.`,
      ),
  );
  item.problems.sort((a, b) => rank(a) - rank(b) || (a.message < b.message ? -1 : 1));
  item.ok = item.problems.length === 0;
  return item;
}

/** Every file manifest.json lists: the evidence, and attachments (attestations, merged shards' manifests) when it has them. */
function listedPaths(manifest: Manifest): string[] {
  return [...manifest.files, ...attachmentsOf(manifest)].map((f) => f.path);
}

function isSealFile(path: string): boolean {
  return (
    path === 'manifest.json' ||
    path === BUNDLE_SIGNATURE ||
    path === SEAL_RECORD ||
    path === SEAL_RECORD_SIGNATURE ||
    new RegExp(`^${SIGNATURE_HISTORY}/\\d{4,}/(manifest\\.json|manifest\\.json\\.sig|seal\\.json|seal\\.json\\.sig)$`).test(path)
  );
}

/** The seal files beside manifest.json. */
interface CurrentSeal {
  manifest: Buffer;
  signature?: Buffer;
  seal?: Buffer;
  sealSignature?: Buffer;
}

/**
 * Checks the seal history end to end: every seal verifies, entries are numbered 0001, 0002, …
 * without a gap, each seal record names the manifest and signature beside it and links to the
 * seal before it, and the newest seal is the one beside manifest.json. So deleting signatures/,
 * removing, replacing or reordering a seal, or rolling manifest.json back to an older seal is
 * named. Seals made before seal chains (no seal.json) are verified one by one, with a note.
 */
function checkSealChain(
  label: string,
  current: CurrentSeal,
  history: HistoryEntry[],
  trusted: readonly TrustedKey[],
): { problems: string[]; chained: boolean; note?: string } {
  const problems: string[] = [];
  const restore = 'The seal history was changed; restore the bundle from its archive.';
  for (const [index, entry] of history.entries()) {
    const expected = `${SIGNATURE_HISTORY}/${String(index + 1).padStart(4, '0')}`;
    if (entry.path !== expected) {
      problems.push(`${label}/${expected}: is missing (the seals go on with ${entry.path}). A seal was removed or renumbered. ${restore}`);
      break;
    }
  }
  for (const entry of history) {
    if (!entry.manifest || !entry.signature) {
      problems.push(`${label}/${entry.path}: lacks manifest.json or ${BUNDLE_SIGNATURE}. ${restore}`);
    } else if (!verifyDetached(entry.manifest, entry.signature, trusted)) {
      problems.push(
        `${label}/${entry.path}/${BUNDLE_SIGNATURE}: does not verify its manifest.json with ${describeKeys(trusted)}. An earlier seal was changed, or made with a key you did not pass; add that key to --trusted-keys or restore the bundle.`,
      );
    }
  }
  const firstChained = history.findIndex((e) => e.seal !== undefined || e.sealSignature !== undefined);
  const chained = firstChained >= 0 || current.seal !== undefined || current.sealSignature !== undefined;
  if (!chained) {
    const latest = history.at(-1);
    if (latest?.manifest && !latest.manifest.equals(current.manifest)) {
      problems.push(
        `${label}/manifest.json: differs from the newest sealed copy ${latest.path}/manifest.json. It was changed or rolled back after sealing; restore the bundle from its archive.`,
      );
    }
    if (!current.signature && history.length === 0) return { problems, chained };
    return {
      problems,
      chained,
      note: `sealed before seal chains: its ${history.length} seal(s) are verified one by one, but that none was removed or reordered cannot be checked. Seal it again with this version ("auditpack seal") to start a chain.`,
    };
  }
  for (const [index, entry] of history.entries()) {
    if (index < firstChained) continue;
    const where = `${label}/${entry.path}/${SEAL_RECORD}`;
    if (!entry.seal || !entry.sealSignature) {
      problems.push(
        `${label}/${entry.path}: lacks ${SEAL_RECORD} or ${SEAL_RECORD_SIGNATURE}, which every seal after the first chained one has. ${restore}`,
      );
      continue;
    }
    if (!verifyDetached(entry.seal, entry.sealSignature, trusted)) {
      problems.push(`${where}.sig: does not verify ${SEAL_RECORD} with ${describeKeys(trusted)}. ${restore}`);
      continue;
    }
    const record = parseSealRecord(entry.seal);
    if (!record) {
      problems.push(`${where}: is not a seal record. ${restore}`);
      continue;
    }
    if (record.sequence !== index + 1)
      problems.push(
        `${where}: is seal number ${record.sequence}, but sits at position ${index + 1}. Seals were reordered or removed. ${restore}`,
      );
    if (entry.manifest && record.manifestSha256 !== sha256(entry.manifest))
      problems.push(
        `${where}: seals a manifest with sha256 ${record.manifestSha256}, not the ${entry.path}/manifest.json beside it. ${restore}`,
      );
    if (entry.signature && record.signatureSha256 !== sha256(entry.signature))
      problems.push(`${where}: seals another signature than the ${entry.path}/${BUNDLE_SIGNATURE} beside it. ${restore}`);
    const before = history[index - 1];
    const link = before ? linkTo(before) : null;
    if (canonicalJson(record.previous) !== canonicalJson(link)) {
      problems.push(
        link === null
          ? `${where}: links to an earlier seal ${record.previous?.entry ?? ''}, which is gone. A seal was removed. ${restore}`
          : `${where}: does not link to ${link.entry} as it is now (a seal was removed, replaced or reordered). ${restore}`,
      );
    }
  }
  const newest = history.at(-1);
  if (!current.seal || !current.sealSignature) {
    problems.push(
      `${label}/${SEAL_RECORD}: is missing (or ${SEAL_RECORD_SIGNATURE} is), though the bundle's seals are chained. ${restore}`,
    );
  } else if (!newest) {
    problems.push(
      `${label}/${SIGNATURE_HISTORY}: is missing, but ${SEAL_RECORD} says the bundle was sealed. The seal history was deleted; restore the bundle from its archive.`,
    );
  } else if (!verifyDetached(current.seal, current.sealSignature, trusted)) {
    problems.push(`${label}/${SEAL_RECORD_SIGNATURE}: does not verify ${SEAL_RECORD} with ${describeKeys(trusted)}. ${restore}`);
  } else {
    const record = parseSealRecord(current.seal);
    if (!current.seal.equals(newest.seal ?? Buffer.alloc(0)) || !current.sealSignature.equals(newest.sealSignature ?? Buffer.alloc(0))) {
      problems.push(
        record && record.sequence < history.length
          ? `${label}/${SEAL_RECORD}: is seal ${record.sequence}, but the newest seal is ${newest.path}. The bundle was rolled back to an older seal; restore it from its archive.`
          : `${label}/${SEAL_RECORD}: differs from the newest seal ${newest.path}/${SEAL_RECORD}. ${restore}`,
      );
    }
    if (record && record.manifestSha256 !== sha256(current.manifest)) {
      const older = history.find((e) => e.manifest?.equals(current.manifest));
      problems.push(
        older
          ? `${label}/manifest.json: is the manifest of the older seal ${older.path}, not of the newest (${newest.path}). The bundle was rolled back; restore it from its archive.`
          : `${label}/manifest.json: is not the manifest the newest seal ${newest.path} covers (sha256 ${record.manifestSha256}). It changed after sealing; restore the bundle from its archive.`,
      );
    }
    if (current.signature && newest.signature && !current.signature.equals(newest.signature)) {
      problems.push(`${label}/${BUNDLE_SIGNATURE}: differs from the newest seal's ${newest.path}/${BUNDLE_SIGNATURE}. ${restore}`);
    }
  }
  return {
    problems,
    chained,
    ...(firstChained > 0
      ? {
          note: `the first ${firstChained} seal(s) were made before seal chains; they are verified one by one, and the chain from ${history[firstChained]?.path ?? ''} on binds them.`,
        }
      : {}),
  };
}

function parseSealRecord(bytes: Buffer): SealRecord | undefined {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as SealRecord;
    return value.kind === 'auditpack-seal' && value.formatVersion === 1 && Number.isInteger(value.sequence) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Says which file changed when the latest sealed copy in signatures/ tells: a manifest that differs
 * from the sealed copy while the signature matches it, or the other way round. Otherwise both are
 * named, with the other possible cause, a bundle sealed by a key that was not passed.
 */
function diagnoseBundleSignature(
  label: string,
  manifest: Buffer,
  signature: Buffer,
  latest: { path: string; manifest?: Buffer; signature?: Buffer } | undefined,
  trusted: readonly TrustedKey[],
): string {
  const sealedCopy =
    latest?.manifest && latest.signature && verifyDetached(latest.manifest, latest.signature, trusted) ? latest : undefined;
  if (sealedCopy?.manifest && sealedCopy.signature) {
    if (!manifest.equals(sealedCopy.manifest) && signature.equals(sealedCopy.signature)) {
      return `${label}/manifest.json: changed after the bundle was sealed (${BUNDLE_SIGNATURE} does not verify it, and it differs from the sealed copy ${sealedCopy.path}/manifest.json). Restore the bundle from its archive.`;
    }
    if (manifest.equals(sealedCopy.manifest) && !signature.equals(sealedCopy.signature)) {
      return `${label}/${BUNDLE_SIGNATURE}: changed after sealing (it does not verify manifest.json, and it differs from ${sealedCopy.path}/${BUNDLE_SIGNATURE}). Restore it from the archive.`;
    }
  }
  return `${label}/${BUNDLE_SIGNATURE}: does not verify manifest.json with ${describeKeys(trusted)}. manifest.json or ${BUNDLE_SIGNATURE} changed after sealing, or the bundle was sealed with another key; restore the bundle from its archive, or pass the signer's public key.`;
}

async function verifyReport(dir: string, label: string, trusted: readonly TrustedKey[]): Promise<VerifiedItem> {
  const item: VerifiedItem = { kind: 'report', path: label, ok: false, files: 0, problems: [] };
  const problem = (code: ErrorCode, message: string): void => void item.problems.push({ code, message });
  const bytes = await readFile(join(dir, REPORT_MANIFEST));
  item.manifestSha256 = sha256(bytes);
  const signature = await readOptional(join(dir, REPORT_SIGNATURE));
  let manifest: ReportManifest | undefined;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    const shape = reportManifestProblems(parsed);
    if (shape.length === 0) manifest = parsed as ReportManifest;
    else
      for (const line of shape)
        problem(
          'REPORT_INTEGRITY',
          `${label}/${REPORT_MANIFEST}: ${line}. The report manifest was changed; restore the report from its archive.`,
        );
  } catch {
    problem(
      'REPORT_INTEGRITY',
      `${label}/${REPORT_MANIFEST}: is not valid JSON. The report manifest was changed; restore the report from its archive.`,
    );
  }

  if (!signature) {
    problem(
      'SIGNATURE_INVALID',
      `${label}/${REPORT_SIGNATURE}: is missing; the report is not signed. Write it again with "auditpack report --sign KEY", or restore it from the archive.`,
    );
  } else {
    const key = verifyDetached(bytes, signature, trusted);
    const claimed = manifest?.signer.fingerprint;
    if (key) {
      item.signer = signerOf(key);
      if (claimed !== undefined && claimed !== item.signer.fingerprint) {
        problem(
          'SIGNATURE_INVALID',
          `${label}/${REPORT_MANIFEST}: names signer ${claimed} but is signed by ${item.signer.fingerprint}. The report manifest is inconsistent; do not rely on it.`,
        );
      }
    } else if (claimed !== undefined && !trusted.some((t) => displayFingerprint(t.fingerprint) === claimed)) {
      problem(
        'SIGNATURE_INVALID',
        `${label}/${REPORT_SIGNATURE}: does not verify ${REPORT_MANIFEST} with ${describeKeys(trusted)}; the manifest names signer ${claimed}, which is not a trusted key. Pass that signer's public key if you trust it, or restore the report.`,
      );
    } else {
      problem(
        'SIGNATURE_INVALID',
        `${label}/${REPORT_SIGNATURE}: does not verify ${REPORT_MANIFEST} with ${describeKeys(trusted)}. ${REPORT_MANIFEST} or ${REPORT_SIGNATURE} changed after signing; restore the report from its archive.`,
      );
    }
  }

  if (manifest) {
    item.signedAt = manifest.signedAt;
    item.bundleManifestSha256 = manifest.bundle.manifestSha256;
    item.files = manifest.files.length;
    const listed = new Set<string>();
    for (const file of manifest.files) {
      listed.add(file.path);
      let actual;
      try {
        actual = await sha256File(join(dir, file.path));
      } catch {
        problem(
          'REPORT_INTEGRITY',
          `${label}/${file.path}: is listed in ${REPORT_MANIFEST} but missing. Restore the report from its archive.`,
        );
        continue;
      }
      if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
        problem(
          'REPORT_INTEGRITY',
          `${label}/${file.path}: sha256 does not match ${REPORT_MANIFEST} (expected ${file.sha256}, found ${actual.sha256}). The file changed after the report was signed; restore it from the archive.`,
        );
      } else if (file.path.toLowerCase().endsWith('.pdf')) {
        const check = checkPdfSignature(await readFile(join(dir, file.path)), trusted);
        if (check.ok) item.pdfSignatures = (item.pdfSignatures ?? 0) + 1;
        else if (check.reason !== NO_PDF_SIGNATURE) {
          problem(
            'SIGNATURE_INVALID',
            `${label}/${file.path}: the PDF ${check.reason}. Do not rely on this PDF; restore the report from its archive.`,
          );
        }
      }
    }
    await findExtraFiles(
      dir,
      label,
      (path) => listed.has(path) || path === REPORT_MANIFEST || path === REPORT_SIGNATURE,
      (path) =>
        problem(
          'REPORT_INTEGRITY',
          `${label}/${path}: is not listed in ${REPORT_MANIFEST}. Something was added to the report after it was signed; remove it or restore the report from its archive.`,
        ),
    );
  }
  item.problems.sort((a, b) => rank(a) - rank(b) || (a.message < b.message ? -1 : 1));
  item.ok = item.problems.length === 0;
  return item;
}

function rank(problem: Problem): number {
  return problem.code === 'SIGNATURE_INVALID' ? 0 : 1;
}

async function findExtraFiles(
  dir: string,
  label: string,
  allowed: (path: string) => boolean,
  report: (path: string) => void,
  prefix = '',
): Promise<void> {
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await findExtraFiles(dir, label, allowed, report, path);
    else if (!entry.isFile() || !allowed(path)) report(path);
  }
}

function signerOf(key: TrustedKey): VerifiedSigner {
  return { fingerprint: displayFingerprint(key.fingerprint), source: key.source, subject: key.subject };
}

function describeKeys(trusted: readonly TrustedKey[]): string {
  if (trusted.length === 1) return `${trusted[0]?.source ?? 'the key'} (${displayFingerprint(trusted[0]?.fingerprint ?? '')})`;
  return `any of the ${trusted.length} trusted keys in ${[...new Set(trusted.map((t) => basename(t.source.replace(/#\d+$/, ''))))].join(', ')}`;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}
