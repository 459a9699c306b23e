import { readdir } from 'node:fs/promises';
import { join, basename, relative, resolve, sep } from 'node:path';
import { loadBundleAttestations } from '../attest/attestations.js';
import { openBundle } from '../bundle/read-bundle.js';
import { listCatalogFiles, loadCatalog } from '../catalog/load-catalog.js';
import { loadTailoring } from '../catalog/tailoring.js';
import { checks, findCheck } from '../checks/registry.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Results } from '../evaluate/results.js';
import { renderHtml } from '../report/render-html.js';
import { reportHeaderText, reportTitle } from '../report/view-common.js';
import { renderPdf } from '../report/pdf.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { makeDirectory } from '../shared/limits.js';
import { displayFingerprint, type SigningKey, type TrustedKey } from '../sign/keys.js';
import { signPdf } from '../sign/pdf.js';
import { REPORT_MANIFEST, REPORT_SIGNATURE, reportSealFiles } from '../sign/report-manifest.js';
import { packageRoot, toolVersion } from '../shared/version.js';
import { TRANSACTION_DIR, recoverFiles, writeFileAtomic, writeFilesAtomically, type StagedFile } from '../shared/write-file.js';
import { checkBundleSeal, describeSeal, loadCatalogOption, withSeal } from './evaluate-bundle.js';

/** The output formats `report` can write. */
export type ReportFormat = 'html' | 'pdf' | 'json';

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
}

/** One catalog's report: its results and the files written. */
export interface ReportOutput {
  results: Results;
  files: string[];
}

/** Reads a bundle, evaluates each catalog, writes the requested formats; returns what it wrote. */
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
    await refuseStaleFiles(options.out, outDirs, options.formats, { leftovers: true });
    await recoverFiles(options.out);
    await refuseStaleFiles(options.out, outDirs, options.formats, { leftovers: false });
  }

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
  const staged: StagedFile[] = [];
  const write = async (path: string, data: string | Uint8Array): Promise<void> => {
    if (options.signingKey) staged.push({ path: stagedPath(options.out, path), data });
    else await writeFileAtomic(path, data);
  };
  for (const loaded of catalogs) {
    const tailored = options.tailoring === undefined ? undefined : await loadTailoring(options.tailoring, loaded, findCheck);
    const catalog = tailored?.catalog ?? loaded;
    log(`Evaluating ${catalog.title} ${catalog.version} (${catalog.requirements.length} requirements) …`);
    const evaluated = await evaluate(bundle, catalog, {
      findCheck,
      toolVersion,
      catalogFileName: basename(catalog.file),
      attestations,
      ...(tailored && options.tailoring
        ? { overrides: tailored.overrides, tailoring: { file: basename(options.tailoring), sha256: tailored.sha256 } }
        : {}),
      onAccountDone: (account, done, total) => log(`  account ${account} done (${done}/${total})`),
    });
    const results = withSeal(evaluated, seal);
    const dir = catalogs.length > 1 ? join(options.out, catalogDirName(catalog.file)) : options.out;
    const files: string[] = [];
    if (options.formats.includes('json')) {
      const path = join(dir, 'results.json');
      await write(path, canonicalJson(results));
      files.push(path);
    }
    if (options.formats.includes('html') || options.formats.includes('pdf')) {
      const signer = options.signingKey
        ? { fingerprint: displayFingerprint(options.signingKey.fingerprint), subject: options.signingKey.subject ?? '' }
        : undefined;
      const html = renderHtml(results, { generatedAt: options.generatedAt, ...(signer ? { signer } : {}) });
      if (options.formats.includes('html')) {
        const path = join(dir, 'report.html');
        await write(path, html);
        files.push(path);
      }
      if (options.formats.includes('pdf')) {
        log('Rendering PDF with Chromium …');
        let pdf = await renderPdf(html, { title: reportTitle(results), headerText: reportHeaderText(results) });
        if (options.signingKey) {
          pdf = await signPdf(pdf, options.signingKey, {
            reason: `auditpack report for evidence bundle ${results.bundle.id} (manifest SHA-256 ${results.bundle.manifestSha256})`,
            signedAt: new Date(options.generatedAt || results.bundle.finishedAt),
          });
        }
        const path = join(dir, 'report.pdf');
        await write(path, pdf);
        files.push(path);
      }
    }
    outputs.push({ results, files });
  }
  if (options.signingKey) {
    log(`Signing the report with key ${displayFingerprint(options.signingKey.fingerprint)} …`);
    const sealFiles = reportSealFiles(
      options.out,
      staged.map((file) => ({ path: join(options.out, file.path), data: file.data })),
      {
        bundleManifestSha256: bundle.manifestSha256,
        catalogs: outputs.map((o) => ({ file: o.results.catalog.file, sha256: o.results.catalog.sha256 })),
        toolVersion,
        ...(options.generatedAt ? { signedAt: options.generatedAt } : {}),
      },
      options.signingKey,
    );
    await makeDirectory(options.out); // not mkdir -p, which loops for ever under /proc
    await writeFilesAtomically(options.out, [...staged, ...sealFiles]);
  }
  return outputs;
}

function catalogDirName(file: string): string {
  return basename(file).replace(/\.ya?ml$/, '');
}

const OUTPUT_NAMES: Record<ReportFormat, string> = { html: 'report.html', pdf: 'report.pdf', json: 'results.json' };

/**
 * A signed report lists every file in its directory, so a file this run would not rewrite (a
 * report.pdf from an earlier run with other --format, a note someone left) would make the signed
 * report fail `verify`. Refused before anything is written; nothing is deleted on the user's behalf.
 */
async function refuseStaleFiles(
  out: string,
  dirs: readonly string[],
  formats: readonly ReportFormat[],
  { leftovers }: { leftovers: boolean },
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
      else if (!rewritten.has(path) && !(leftovers && isLeftover(path, rewritten))) stale.push(path);
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

/** Shipped catalogs, for `auditpack catalog list`. */
export async function catalogList(
  controlsDir = join(packageRoot, 'controls'),
): Promise<{ id: string; title: string; version: string; requirements: number }[]> {
  const knownChecks = checks.map((c) => c.id);
  const list = [];
  for (const { id, file } of await listCatalogFiles(controlsDir)) {
    const catalog = await loadCatalog(file, findCheck, knownChecks);
    list.push({ id, title: catalog.title, version: catalog.version, requirements: catalog.requirements.length });
  }
  return list;
}
