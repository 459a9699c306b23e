import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename, relative, resolve, sep } from 'node:path';
import { attestationsForVersion, loadBundleAttestations } from '../attest/attestations.js';
import { openBundle } from '../bundle/read-bundle.js';
import { loadTailoring } from '../catalog/tailoring.js';
import { exceptionsInForce, loadExceptions } from '../exceptions/exceptions.js';
import { REGISTER_COPY_DIR, attestationsFor, loadRegister, usedRegisterFiles } from '../attest/register.js';
import { findCheck } from '../checks/registry.js';
import { evaluateToSets } from '../evaluate/evaluate.js';
import { diskStore, type FindingCounts, type FindingSet } from '../evaluate/findings.js';
import type { ReportFraming, Results } from '../evaluate/results.js';
import { resultsJsonChunks } from '../report/results-json.js';
import { onInterrupt } from '../shared/cleanup.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { makeDirectory } from '../shared/limits.js';
import { displayFingerprint, type SigningKey, type TrustedKey } from '../sign/keys.js';
import { REPORT_MANIFEST, REPORT_SIGNATURE, reportSealEntries } from '../sign/report-manifest.js';
import { packageRoot, toolVersion } from '../shared/version.js';
import { TRANSACTION_DIR, beginChange, recoverFiles, writeFileAtomic, type FileContent } from '../shared/write-file.js';
import { checkBundleSeal, crosswalkFor, describeSeal, loadCatalogOption, loadTrustOptions, withSeal } from './evaluate-bundle.js';
import { framingFromFlags } from './framing.js';
import { generatedAt, parseFormatList } from './formats.js';
import type { Io } from './io.js';
import type { ReportFlags } from './report-command.js';
import { isS3, localCopy, publishFolder, tempFolder } from './s3-io.js';
import { installCrashHook, loadKeyFromOptions } from './sign.js';

/** The output formats `report` can write. */
export type ReportFormat = 'html' | 'pdf' | 'json' | 'csv' | 'oscal' | 'ocsf' | 'junit';

/** Every format, in the order `--format` lists them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'json', 'csv', 'oscal', 'ocsf', 'junit'];

/** What `auditpack report` was asked to do. */
export interface ReportOptions {
  bundle: string;
  out: string;
  /** Catalog ids or files; empty: the newest CIS AWS Foundations catalog in controls/. */
  catalogs: string[];
  formats: ReportFormat[];
  allowIncomplete?: boolean;
  /** A tailoring file with threshold overrides (docs/catalog-format.md). */
  tailoring?: string;
  /** ISO time printed as "generated"; '' prints none. The CLI takes it from SOURCE_DATE_EPOCH or the clock. */
  generatedAt: string;
  controlsDir?: string;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
  /** Sign the report: the PDF gets an embedded signature, and report-manifest.json(.sig) lists every output. */
  signingKey?: SigningKey;
  /** Keys the bundle's seal must verify with (`--key`, `--trusted-keys`); without them a seal is only checked for consistency. */
  trusted?: readonly TrustedKey[];
  /** The audit's period and sign-off (`--period`, `--prepared-by` …, `--sign-off`). */
  framing?: ReportFraming;
  /** An exceptions register (accepted risks): a YAML file or a directory of them (`--exceptions`). */
  exceptions?: string;
  /** An attestation register kept across periods (`--register`): a folder or a YAML file. */
  register?: string;
}

/** One catalog's report: its results (each check's findings as counts; every finding is in the files) and the files written. */
export interface ReportOutput {
  results: Results<FindingCounts>;
  files: string[];
}

/** `auditpack report BUNDLE`: loads the keys and framing the flags name, writes the report and prints a summary per catalog. */
export async function runReport(bundleGiven: string, given: ReportFlags, io: Io): Promise<void> {
  const formats = parseFormats(given.format);
  // s3:// bundles are read from a local copy; an s3:// --out is written locally, then uploaded.
  const bundle = await localCopy(bundleGiven, 'bundle', io);
  const opts: ReportFlags = isS3(given.out) ? { ...given, out: join(await tempFolder('report'), 'report') } : given;
  const signingKey = await loadKeyFromOptions({ key: opts.sign, cert: opts.cert, p12: opts.p12, passphraseEnv: opts.passphraseEnv }, io, [
    opts.out,
    bundle,
  ]);
  const trusted = await loadTrustOptions([...opts.key, ...(opts.trustedKeys !== undefined ? [opts.trustedKeys] : [])]);
  if (signingKey) installCrashHook(io);
  const framing = await framingFromFlags(opts);
  const outputs = await report({
    ...(framing ? { framing } : {}),
    ...(opts.exceptions !== undefined ? { exceptions: opts.exceptions } : {}),
    ...(opts.register !== undefined ? { register: opts.register } : {}),
    bundle,
    trusted,
    out: opts.out,
    catalogs: opts.catalog,
    formats,
    allowIncomplete: opts.allowIncomplete ?? false,
    ...(opts.tailoring !== undefined ? { tailoring: opts.tailoring } : {}),
    ...(signingKey ? { signingKey } : {}),
    generatedAt: generatedAt(io),
    log: (line) => io.err(`${line}\n`),
  });
  for (const { results, files } of outputs) {
    const c = results.summary.counts;
    const percent = (x: number | null): string => (x === null ? 'n/a' : `${Math.floor(x * 100)} %`);
    io.out(
      `${results.catalog.title} ${results.catalog.version}: ${c.PASS} PASS, ${c.FAIL} FAIL, ${c.NOT_EVALUATED} NOT_EVALUATED, ${c.MANUAL} MANUAL of ${c.total} requirements; pass rate ${percent(results.summary.passRate)} at coverage ${percent(results.summary.coverage)}\n`,
    );
    for (const file of files) io.out(`  wrote ${file}\n`);
  }
  if (signingKey) io.out(`  signed: ${join(opts.out, 'report-manifest.json')} and .sig, PDF signature embedded\n`);
  if (isS3(given.out)) await publishFolder(opts.out, given.out, '--out', given, io);
}

function parseFormats(list: string): ReportFormat[] {
  return parseFormatList(list, REPORT_FORMATS);
}


/**
 * Reads a bundle, evaluates each catalog, writes the requested formats; returns what it wrote.
 * Findings go to a temporary store on disk and every output is written in pieces from it, so an
 * organisation's report needs memory for its counts, not for its findings.
 */
export async function report(options: ReportOptions): Promise<ReportOutput[]> {
  const log = options.log ?? (() => undefined);
  const controlsDir = options.controlsDir ?? join(packageRoot, 'controls');
  const catalogs = await Promise.all(
    (options.catalogs.length > 0 ? options.catalogs : [undefined]).map((c) => loadCatalogOption(c, controlsDir)),
  );

  const outDirs = catalogs.length > 1 ? catalogs.map((c) => join(options.out, catalogDirName(c.file))) : [options.out];
  if (options.signingKey) {
    // What a crashed earlier run of this command left (its journal, its temporary files) is
    // finished or cleaned up; anything else in --out is refused.
    const extra = options.register !== undefined;
    await refuseStaleFiles(options.out, outDirs, options.formats, { leftovers: true, register: extra });
    await recoverFiles(options.out);
    await refuseStaleFiles(options.out, outDirs, options.formats, { leftovers: false, register: extra });
  }

  // Registers are read before the (long) bundle verification, so a mistake in them is reported at once.
  const register = options.exceptions === undefined ? undefined : await loadExceptions(options.exceptions);
  if (register) log(`${register.length} exceptions read from ${options.exceptions}`);
  const attestationRegister = options.register === undefined ? undefined : await loadRegister(options.register);
  if (attestationRegister) log(`${attestationRegister.entries.length} attestations read from the register ${options.register}`);
  log(`Verifying evidence bundle ${options.bundle} …`);
  const seal = await checkBundleSeal(options.bundle, options.trusted ?? []);
  log(`  ${describeSeal(seal)}`);
  const bundle = await openBundle(options.bundle, { allowIncomplete: options.allowIncomplete ?? false });
  log(
    `  ${bundle.manifest.files.length} files verified (manifest sha256 ${bundle.manifestSha256}), ${bundle.manifest.errors.length} collection errors recorded`,
  );
  const attestations = await loadBundleAttestations(bundle);
  if (attestations.length > 0) log(`  ${attestations.length} attestations read`);

  const outputs: ReportOutput[] = [];
  // Signed, every output and the seal are written together, all or nothing (a crash leaves the
  // previous report or the new one, never a mix); unsigned, each file as it is ready.
  if (options.signingKey) await makeDirectory(options.out); // not mkdir -p, which loops for ever under /proc
  const change = options.signingKey ? await beginChange(options.out) : undefined;
  const staged: { path: string; sha256: string; size: number }[] = [];
  const write = async (path: string, data: FileContent): Promise<void> => {
    if (change) staged.push({ path, ...(await change.stage(stagedPath(options.out, path), data)) });
    else await writeFileAtomic(path, data);
  };
  const signer = options.signingKey
    ? { fingerprint: displayFingerprint(options.signingKey.fingerprint), subject: options.signingKey.subject ?? '' }
    : undefined;
  for (const loaded of catalogs) {
    const tailored = options.tailoring === undefined ? undefined : await loadTailoring(options.tailoring, loaded, findCheck);
    const catalog = tailored?.catalog ?? loaded;
    log(`Evaluating ${catalog.title} ${catalog.version} (${catalog.requirements.length} requirements) …`);
    const crosswalk = await crosswalkFor(catalog.framework, controlsDir);
    const fromRegister = attestationRegister
      ? attestationsFor(attestationRegister, {
          framework: catalog.framework,
          version: catalog.version,
          collectedAt: bundle.collectedAt,
          accounts: bundle.manifest.scope.accounts.map((a) => a.id),
          ...(crosswalk ? { crosswalk } : {}),
        })
      : undefined;
    const store = diskStore(tmpdir());
    const forget = onInterrupt(() => store.dispose());
    try {
      const evaluated = await evaluateToSets(bundle, catalog, {
        findCheck,
        toolVersion,
        catalogFileName: basename(catalog.file),
        attestations: [...attestationsForVersion(attestations, catalog, crosswalk), ...(fromRegister?.attestations ?? [])],
        store,
        ...(options.framing ? { framing: options.framing } : {}),
        ...(register
          ? {
              exceptions: exceptionsInForce(
                register,
                { framework: catalog.framework, version: catalog.version, requirementIds: catalog.requirements.map((r) => r.id) },
                bundle.collectedAt,
                crosswalk,
              ),
            }
          : {}),
        ...(tailored && options.tailoring
          ? { overrides: tailored.overrides, tailoring: { file: basename(options.tailoring), sha256: tailored.sha256 } }
          : {}),
        onAccountDone: (account, done, total) => log(`  account ${account} done (${done}/${total})`),
      });
      const results = withSeal(evaluated, seal);
      if (fromRegister) results.warnings.push(...fromRegister.warnings);
      const dir = catalogs.length > 1 ? join(options.out, catalogDirName(catalog.file)) : options.out;
      const files: string[] = [];
      if (options.formats.includes('json')) {
        const path = join(dir, 'results.json');
        log(`Writing ${path} …`);
        await write(path, resultsJsonChunks(results));
        files.push(path);
      }
      // Each writer (and the library behind it: csv-stringify, uuid, Handlebars, Puppeteer) is
      // loaded only when its format is asked for.
      const machine: [ReportFormat, () => Promise<FileContent>][] = [
        ['csv', async () => (await import('../report/csv.js')).findingsCsvChunks(results)],
        ['oscal', async () => (await import('../report/oscal.js')).oscalAssessmentResults(results, { generatedAt: options.generatedAt })],
        ['ocsf', async () => (await import('../report/ocsf.js')).ocsfFindingsChunks(results, { generatedAt: options.generatedAt })],
        ['junit', async () => (await import('../report/junit.js')).junitXml(results, { generatedAt: options.generatedAt })],
      ];
      for (const [format, content] of machine) {
        if (!options.formats.includes(format)) continue;
        const path = join(dir, OUTPUT_NAMES[format]);
        log(`Writing ${path} …`);
        await write(path, await content());
        files.push(path);
      }
      if (options.formats.includes('html')) {
        const path = join(dir, 'report.html');
        log(`Writing ${path} …`);
        const { renderHtmlChunks } = await import('../report/render-html.js');
        await write(
          path,
          renderHtmlChunks(results, { generatedAt: options.generatedAt, evidence: bundle.manifest.files, ...(signer ? { signer } : {}) }),
        );
        files.push(path);
      }
      if (options.formats.includes('pdf')) {
        log('Rendering PDF with Chromium …');
        const { renderPdfDocument } = await import('../report/pdf.js');
        let pdf = await renderPdfDocument(results, {
          generatedAt: options.generatedAt,
          evidence: bundle.manifest.files,
          log: (line) => log(`  ${line}`),
          ...(signer ? { signer } : {}),
        });
        if (options.signingKey) {
          const { signPdf } = await import('../sign/pdf.js');
          pdf = await signPdf(pdf, options.signingKey, {
            reason: `auditpack report for evidence bundle ${results.bundle.id} (manifest SHA-256 ${results.bundle.manifestSha256})`,
            signedAt: new Date(options.generatedAt || results.bundle.finishedAt),
          });
        }
        const path = join(dir, 'report.pdf');
        await write(path, pdf);
        files.push(path);
      }
      if (attestationRegister && fromRegister && fromRegister.used.length > 0) {
        // What the report relied on travels with it, hashed, so it can be verified alone.
        for (const file of await usedRegisterFiles(attestationRegister, fromRegister.used)) {
          const path = join(dir, file.path);
          await write(path, file.data);
          files.push(path);
        }
      }
      outputs.push({ results: countsOnly(results), files });
    } finally {
      store.dispose();
      forget();
    }
  }
  if (options.signingKey && change) {
    log(`Signing the report with key ${displayFingerprint(options.signingKey.fingerprint)} …`);
    const sealFiles = reportSealEntries(
      options.out,
      staged,
      {
        bundleManifestSha256: bundle.manifestSha256,
        catalogs: outputs.map((o) => ({ file: o.results.catalog.file, sha256: o.results.catalog.sha256 })),
        toolVersion,
        ...(options.generatedAt ? { signedAt: options.generatedAt } : {}),
      },
      options.signingKey,
    );
    for (const file of sealFiles) await change.stage(file.path, file.data);
    await change.commit();
  }
  return outputs;
}

/** Results with each check's findings replaced by their counts (what callers of report() keep). */
function countsOnly(results: Results<FindingSet>): Results<FindingCounts> {
  return {
    ...results,
    requirements: results.requirements.map((r) => ({ ...r, checks: r.checks.map((c) => ({ ...c, findings: { ...c.findings.counts } })) })),
  };
}

function catalogDirName(file: string): string {
  return basename(file).replace(/\.ya?ml$/, '');
}

/** The file each format writes, in each catalog's output folder. */
export const OUTPUT_NAMES: Record<ReportFormat, string> = {
  html: 'report.html',
  pdf: 'report.pdf',
  json: 'results.json',
  csv: 'findings.csv',
  oscal: 'assessment-results.json',
  ocsf: 'findings.ocsf.jsonl',
  junit: 'junit.xml',
};

/**
 * A signed report lists every file in its directory, so a file this run would not rewrite (a
 * report.pdf from an earlier run with other --format, a note someone left) would make the signed
 * report fail `verify`. Refused before anything is written; nothing is deleted on the user's behalf.
 */
async function refuseStaleFiles(
  out: string,
  dirs: readonly string[],
  formats: readonly ReportFormat[],
  { leftovers, register }: { leftovers: boolean; register: boolean },
): Promise<void> {
  const rewritten = new Set([REPORT_MANIFEST, REPORT_SIGNATURE]);
  for (const dir of dirs) {
    for (const format of formats) rewritten.add(relative(out, join(dir, OUTPUT_NAMES[format])).split(sep).join('/'));
  }
  const stale: string[] = [];
  const walk = async (prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(out, prefix), { withFileTypes: true });
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return;
      throw new AuditpackError('IO', `${join(out, prefix)}: cannot list the output directory (${messageOf(error)}). Check --out.`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (!rewritten.has(path) && !(leftovers && isLeftover(path, rewritten)) && !(register && isRegisterCopy(out, dirs, path)))
        stale.push(path);
    }
  };
  await walk('');
  if (stale.length > 0) {
    throw new AuditpackError(
      'USAGE',
      `${join(resolve(out), stale[0] as string)}: is already in --out ${out} and this run would not rewrite it, so the signed report would list a file it did not write and fail "auditpack verify". Choose an empty --out, or remove ${stale.length === 1 ? 'that file' : `the ${stale.length} files listed below`}.`,
      stale.slice(1).map((path) => join(out, path)),
    );
  }
}

/** A copy of register entries a report with --register writes (`<dir>/register/…`); a re-run rewrites what it still uses. */
function isRegisterCopy(out: string, dirs: readonly string[], path: string): boolean {
  return dirs.some((dir) => {
    const prefix = relative(out, join(dir, REGISTER_COPY_DIR)).split(sep).join('/');
    return path.startsWith(`${prefix}/`);
  });
}

/** A crashed run's leftovers: its transaction folder, or a temporary file of a name this run writes. */
function isLeftover(path: string, rewritten: ReadonlySet<string>): boolean {
  if (path.startsWith(`${TRANSACTION_DIR}/`)) return true;
  const temp = /^((?:.*\/)?)\.(.+)\.\d+\.tmp$/.exec(path);
  return temp !== null && rewritten.has(`${temp[1] ?? ''}${temp[2] ?? ''}`);
}

/** `path` relative to `out` with `/`, as writeFilesAtomically takes it; refused when it could not stage it. */
function stagedPath(out: string, path: string): string {
  const relativePath = relative(out, path).split(sep).join('/');
  if (!/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/.test(relativePath) || relativePath.split('/').some((p) => p === '.' || p === '..')) {
    throw new AuditpackError(
      'USAGE',
      `${path}: a signed report can only hold names of letters, digits, ".", "_" and "-". Rename the catalog file (its name names the report folder) and run again.`,
    );
  }
  return relativePath;
}
