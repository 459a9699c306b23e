import { join, basename } from 'node:path';
import { loadBundleAttestations } from '../attest/attestations.js';
import { openBundle } from '../bundle/read-bundle.js';
import { listCatalogFiles, loadCatalog } from '../catalog/load-catalog.js';
import { loadTailoring } from '../catalog/tailoring.js';
import { checks, findCheck } from '../checks/registry.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Results } from '../evaluate/results.js';
import { renderHtml, reportHeaderText, reportTitle } from '../report/render-html.js';
import { renderPdf } from '../report/pdf.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { displayFingerprint, type SigningKey } from '../sign/keys.js';
import { signPdf } from '../sign/pdf.js';
import { sealReport } from '../sign/report-manifest.js';
import { packageRoot, toolVersion } from '../shared/version.js';
import { writeFileAtomic } from '../shared/write-file.js';
import { loadCatalogOption } from './evaluate-bundle.js';

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
  const catalogs = await Promise.all((options.catalogs.length > 0 ? options.catalogs : [undefined]).map((c) => loadCatalogOption(c, controlsDir)));

  log(`Verifying evidence bundle ${options.bundle} …`);
  const bundle = await openBundle(options.bundle, { allowIncomplete: options.allowIncomplete ?? false });
  log(`  ${bundle.manifest.files.length} files verified (manifest sha256 ${bundle.manifestSha256}), ${bundle.manifest.errors.length} collection errors recorded`);
  const attestations = await loadBundleAttestations(bundle);
  if (attestations.length > 0) log(`  ${attestations.length} attestations read`);

  const outputs: ReportOutput[] = [];
  for (const loaded of catalogs) {
    const tailored = options.tailoring === undefined ? undefined : await loadTailoring(options.tailoring, loaded, findCheck);
    const catalog = tailored?.catalog ?? loaded;
    log(`Evaluating ${catalog.title} ${catalog.version} (${catalog.requirements.length} requirements) …`);
    const results = await evaluate(bundle, catalog, {
      findCheck,
      toolVersion,
      catalogFileName: basename(catalog.file),
      attestations,
      ...(tailored && options.tailoring ? { overrides: tailored.overrides, tailoring: { file: basename(options.tailoring), sha256: tailored.sha256 } } : {}),
      onAccountDone: (account, done, total) => log(`  account ${account} done (${done}/${total})`),
    });
    const dir = catalogs.length > 1 ? join(options.out, basename(catalog.file).replace(/\.ya?ml$/, '')) : options.out;
    const files: string[] = [];
    if (options.formats.includes('json')) {
      const path = join(dir, 'results.json');
      await writeFileAtomic(path, canonicalJson(results));
      files.push(path);
    }
    if (options.formats.includes('html') || options.formats.includes('pdf')) {
      const signer = options.signingKey ? { fingerprint: displayFingerprint(options.signingKey.fingerprint), subject: options.signingKey.subject ?? '' } : undefined;
      const html = renderHtml(results, { generatedAt: options.generatedAt, ...(signer ? { signer } : {}) });
      if (options.formats.includes('html')) {
        const path = join(dir, 'report.html');
        await writeFileAtomic(path, html);
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
        await writeFileAtomic(path, pdf);
        files.push(path);
      }
    }
    outputs.push({ results, files });
  }
  if (options.signingKey) {
    log(`Signing the report with key ${displayFingerprint(options.signingKey.fingerprint)} …`);
    await sealReport(
      options.out,
      outputs.flatMap((o) => o.files),
      {
        bundleManifestSha256: bundle.manifestSha256,
        catalogs: outputs.map((o) => ({ file: o.results.catalog.file, sha256: o.results.catalog.sha256 })),
        toolVersion,
        ...(options.generatedAt ? { signedAt: options.generatedAt } : {}),
      },
      options.signingKey,
    );
  }
  return outputs;
}

/** Shipped catalogs, for `auditpack catalog list`. */
export async function catalogList(controlsDir = join(packageRoot, 'controls')): Promise<{ id: string; title: string; version: string; requirements: number }[]> {
  const knownChecks = checks.map((c) => c.id);
  const list = [];
  for (const { id, file } of await listCatalogFiles(controlsDir)) {
    const catalog = await loadCatalog(file, findCheck, knownChecks);
    list.push({ id, title: catalog.title, version: catalog.version, requirements: catalog.requirements.length });
  }
  return list;
}
