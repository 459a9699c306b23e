import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { crosswalkFileFor, loadCrosswalk, type Crosswalk } from '../catalog/crosswalk.js';
import { diffResults, type Diff } from '../diff/diff.js';
import { diffHeaderText, diffTitle, renderDiffHtml } from '../diff/render-diff-html.js';
import { renderTrendHtml, trendHeaderText, trendTitle } from '../diff/render-trend-html.js';
import { buildTrend, type Trend } from '../diff/trend.js';
import type { Results } from '../evaluate/results.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256File } from '../shared/hash.js';
import { packageRoot, toolVersion } from '../shared/version.js';
import { writeFileAtomic } from '../shared/write-file.js';
import { displayFingerprint, type SigningKey } from '../sign/keys.js';
import { REPORT_MANIFEST, sealReport } from '../sign/report-manifest.js';
import { evaluateBundleDir, loadCatalogOption } from './evaluate-bundle.js';
import { DIFF_EXIT_CODES, type CommonFlags, type DiffFlags } from './diff-command.js';
import { generatedAt, parseFormatList } from './formats.js';
import type { Io } from './io.js';
import { loadKeyFromOptions } from './sign.js';
import { parseJsonFile } from '../shared/json-bytes.js';

/**
 * Raised after the outputs are written when `--fail-on regression` is given and something
 * regressed. It carries {@link DIFF_EXIT_CODES}.regression as `exitCode`, which cli/main.ts returns.
 */
export class RegressionError extends AuditpackError {
  readonly exitCode: number = DIFF_EXIT_CODES.regression;

  constructor(message: string, details: readonly string[] = []) {
    // The code is what main() falls back to if it ever ignores exitCode: non-zero all the same.
    super('IO', message, details);
    this.name = 'RegressionError';
  }
}

export { DIFF_EXIT_CODES } from './diff-command.js';

/** Output formats of `diff` and `trend`. */
export type DiffFormat = 'html' | 'pdf' | 'json';
const FORMATS: readonly DiffFormat[] = ['html', 'pdf', 'json'];

/** What a period argument can be. */
interface PeriodInput {
  path: string;
  /** `--catalog`-style option for a bundle (undefined: the newest CIS catalog). */
  catalog?: string | undefined;
}

/** Options shared by {@link diffCommand} and {@link trendCommand}. */
export interface CompareOptions {
  out: string;
  formats: DiffFormat[];
  /** A crosswalk file; default controls/crosswalk-<framework>.yaml when two versions are compared. */
  crosswalk?: string;
  allowIncomplete?: boolean;
  /** An exceptions register applied to periods given as bundles (results.json files carry their own). */
  exceptions?: string;
  /** ISO time printed as "generated"; '' prints none. */
  generatedAt: string;
  controlsDir?: string;
  templatesDir?: string;
  log?: (line: string) => void;
  signingKey?: SigningKey;
}

/** What `auditpack diff` was asked to do. */
export interface DiffCommandOptions extends CompareOptions {
  old: string;
  new: string;
  /** For bundle sides: catalog for both, and per side (overrides `catalog`). */
  catalog?: string;
  oldCatalog?: string;
  newCatalog?: string;
  /** Earlier periods, oldest first, for how long still-failing requirements and resources have failed. */
  history?: string[];
}

/** What `auditpack trend` was asked to do. */
export interface TrendCommandOptions extends CompareOptions {
  /** Two or more periods; they are put in collection order. */
  periods: string[];
  catalog?: string;
}

/**
 * Reads or evaluates both sides (bundle directory, results.json, or report directory), diffs
 * them, writes diff.json / diff.html / diff.pdf and signs them when a key is given.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<{ diff: Diff; files: string[] }> {
  const history = options.history ?? [];
  const inputs: PeriodInput[] = [
    // Earlier periods are evaluated like OLD, so the chain compares like with like.
    ...history.map((path) => ({ path, catalog: options.oldCatalog ?? options.catalog })),
    { path: options.old, catalog: options.oldCatalog ?? options.catalog },
    { path: options.new, catalog: options.newCatalog ?? options.catalog },
  ];
  const kinds = await Promise.all(inputs.map((i) => classify(i.path)));
  for (const [flag, index] of [
    ['--old-catalog', inputs.length - 2],
    ['--new-catalog', inputs.length - 1],
  ] as const) {
    const given = flag === '--old-catalog' ? options.oldCatalog : options.newCatalog;
    if (given !== undefined && kinds[index]?.kind !== 'bundle') {
      throw new AuditpackError(
        'USAGE',
        `${flag} ${given}: ${inputs[index]?.path ?? ''} is already evaluated (a results file), so no catalog applies to it. Give the evidence bundle instead, or drop ${flag}.`,
      );
    }
  }
  if (options.catalog !== undefined && kinds.every((k) => k.kind !== 'bundle')) {
    throw new AuditpackError(
      'USAGE',
      `--catalog ${options.catalog}: every side is a results file, already evaluated; the catalog applies only to bundles. Give the bundles instead, or drop --catalog.`,
    );
  }
  const chain = await loadPeriods(inputs, kinds, options);
  const crosswalk = await crosswalkFor(chain, options);
  const neu = chain[chain.length - 1] as Results;
  const old = chain[chain.length - 2] as Results;
  const diff = diffResults(old, neu, { history: chain.slice(0, -2), toolVersion, ...(crosswalk ? { crosswalk } : {}) });
  const files = await writeOutputs(options, 'diff', {
    json: () => canonicalJson(diff),
    html: (signer) =>
      renderDiffHtml(diff, {
        generatedAt: options.generatedAt,
        ...(signer ? { signer } : {}),
        ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
      }),
    pdfTitle: diffTitle(diff),
    pdfHeader: diffHeaderText(diff),
    pdfReason: `auditpack diff of evidence bundle ${old.bundle.id} → ${neu.bundle.id} (manifest SHA-256 ${neu.bundle.manifestSha256})`,
    fallbackTime: neu.bundle.finishedAt,
  });
  await seal(options, files, chain);
  return { diff, files };
}

/** Reads or evaluates every period, orders them by collection time, and writes trend.json / .html / .pdf. */
export async function trendCommand(options: TrendCommandOptions): Promise<{ trend: Trend; files: string[] }> {
  if (options.periods.length < 2) {
    throw new AuditpackError(
      'USAGE',
      `trend: ${options.periods.length} period given. Give two or more, e.g. auditpack trend out/q1 out/q2 out/q3 --out out/trend.`,
    );
  }
  const inputs = options.periods.map((path) => ({ path, catalog: options.catalog }));
  const kinds = await Promise.all(inputs.map((i) => classify(i.path)));
  if (options.catalog !== undefined && kinds.every((k) => k.kind !== 'bundle')) {
    throw new AuditpackError(
      'USAGE',
      `--catalog ${options.catalog}: every period is a results file, already evaluated; the catalog applies only to bundles. Give the bundles instead, or drop --catalog.`,
    );
  }
  const loaded = await loadPeriods(inputs, kinds, options);
  const order = loaded
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.bundle.finishedAt < b.r.bundle.finishedAt ? -1 : a.r.bundle.finishedAt > b.r.bundle.finishedAt ? 1 : a.i - b.i));
  if (order.some((o, i) => o.i !== i)) {
    options.log?.(`Periods put in collection order: ${order.map((o) => options.periods[o.i] ?? '').join(', ')}`);
  }
  const chain = order.map((o) => o.r);
  const crosswalk = await crosswalkFor(chain, options);
  const trend = buildTrend(chain, { toolVersion, ...(crosswalk ? { crosswalk } : {}) });
  const first = chain[0] as Results;
  const last = chain[chain.length - 1] as Results;
  const files = await writeOutputs(options, 'trend', {
    json: () => canonicalJson(trend),
    html: (signer) =>
      renderTrendHtml(trend, {
        generatedAt: options.generatedAt,
        ...(signer ? { signer } : {}),
        ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
      }),
    pdfTitle: trendTitle(trend),
    pdfHeader: trendHeaderText(trend),
    pdfReason: `auditpack trend over ${chain.length} evidence bundles, ${first.bundle.id} … ${last.bundle.id}`,
    fallbackTime: last.bundle.finishedAt,
  });
  await seal(options, files, chain);
  return { trend, files };
}

// ---------------------------------------------------------------- reading periods

type Kind = { kind: 'bundle'; dir: string } | { kind: 'results'; file: string; reportDir?: string };

/** A bundle directory (manifest.json), a report directory (results.json), or a results file. */
async function classify(path: string): Promise<Kind> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AuditpackError(
      'USAGE',
      `${path}: no such file or directory. Give an evidence bundle directory, a results.json, or a report directory.`,
    );
  }
  if (info.isFile()) return { kind: 'results', file: path };
  if (await isFile(join(path, 'manifest.json'))) return { kind: 'bundle', dir: path };
  if (await isFile(join(path, 'results.json'))) return { kind: 'results', file: join(path, 'results.json'), reportDir: path };
  const nested: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory() && (await isFile(join(path, entry.name, 'results.json')))) nested.push(join(path, entry.name));
  }
  if (nested.length > 0) {
    throw new AuditpackError('USAGE', `${path}: holds the reports of ${nested.length} catalogs (${nested.join(', ')}). Give one of them.`);
  }
  throw new AuditpackError(
    'USAGE',
    `${path}: holds neither manifest.json (an evidence bundle) nor results.json (a report). Give an evidence bundle directory, a results.json, or a report directory.`,
  );
}

async function loadPeriods(inputs: PeriodInput[], kinds: Kind[], options: CompareOptions): Promise<Results[]> {
  const controlsDir = options.controlsDir ?? join(packageRoot, 'controls');
  const catalogs = new Map<string, Promise<Catalog>>();
  const catalogFor = (option: string | undefined): Promise<Catalog> => {
    const key = option ?? '';
    let loaded = catalogs.get(key);
    if (!loaded) {
      loaded = loadCatalogOption(option, controlsDir);
      catalogs.set(key, loaded);
    }
    return loaded;
  };
  const results: Results[] = [];
  for (const [i, input] of inputs.entries()) {
    const kind = kinds[i] as Kind;
    if (kind.kind === 'bundle') {
      results.push(
        await evaluateBundleDir(kind.dir, await catalogFor(input.catalog), {
          allowIncomplete: options.allowIncomplete ?? false,
          ...(options.exceptions !== undefined ? { exceptions: options.exceptions } : {}),
          ...(options.log ? { log: options.log } : {}),
        }),
      );
    } else {
      options.log?.(`Reading results ${kind.file} …`);
      results.push(await readResults(kind.file, kind.reportDir));
    }
  }
  return results;
}

/**
 * Reads a results.json. In a signed report directory its SHA-256 must match report-manifest.json,
 * so a diff never rests on results edited after the report was issued.
 */
export async function readResults(file: string, reportDir?: string): Promise<Results> {
  let value: unknown;
  try {
    value = await parseJsonFile(file);
  } catch (error) {
    if (!(error instanceof SyntaxError)) {
      throw new AuditpackError(
        'IO',
        `${file}: cannot read it (${messageOf(error)}). Give an evidence bundle directory, a results.json, or a report directory.`,
      );
    }
    throw new AuditpackError(
      'USAGE',
      `${file}: is not JSON. Give a results.json written by "auditpack report", an evidence bundle directory, or a report directory.`,
    );
  }
  const version = newerFormatVersion(value);
  if (version !== undefined)
    throw new AuditpackError(
      'USAGE',
      `${file}: was written by a newer auditpack (results format version ${version}; this auditpack reads version ${RESULTS_FORMAT_VERSION}). Upgrade auditpack, or diff the evidence bundles instead.`,
    );
  const problem = resultsProblem(value);
  if (problem)
    throw new AuditpackError(
      'USAGE',
      `${file}: is not an auditpack results file (${problem}). Give a results.json written by "auditpack report", an evidence bundle directory, or a report directory.`,
    );
  if (reportDir !== undefined && (await isFile(join(reportDir, REPORT_MANIFEST)))) {
    const manifest = JSON.parse(await readFile(join(reportDir, REPORT_MANIFEST), 'utf8')) as { files?: { path: string; sha256: string }[] };
    const listed = manifest.files?.find((f) => f.path === 'results.json');
    if (listed && listed.sha256 !== (await sha256File(file)).sha256) {
      throw new AuditpackError(
        'REPORT_INTEGRITY',
        `${file}: sha256 does not match ${join(reportDir, REPORT_MANIFEST)}. The results changed after the report was signed; restore the report from its archive, or diff the evidence bundle instead.`,
      );
    }
  }
  return value as Results;
}

/** The results format this auditpack reads and writes (docs/results-format.md). */
const RESULTS_FORMAT_VERSION: Results['formatVersion'] = 1;

/**
 * A results format version above the one this auditpack reads. Its layout is unknown, so it is
 * refused whole rather than read as far as it happens to look like version 1 (docs/results-format.md).
 */
function newerFormatVersion(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const version = (value as { formatVersion?: unknown }).formatVersion;
  return typeof version === 'number' && version > RESULTS_FORMAT_VERSION ? version : undefined;
}

function resultsProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const r = value as Partial<Record<keyof Results, unknown>>;
  if (r.formatVersion !== RESULTS_FORMAT_VERSION)
    return `formatVersion is ${JSON.stringify(r.formatVersion)}, not ${RESULTS_FORMAT_VERSION}`;
  const tool = r.tool as { name?: unknown } | undefined;
  if (tool?.name !== 'auditpack') return 'tool.name is not "auditpack"';
  const catalog = r.catalog as { framework?: unknown; version?: unknown } | undefined;
  if (typeof catalog?.framework !== 'string' || typeof catalog.version !== 'string') return 'no catalog framework and version';
  const bundle = r.bundle as { manifestSha256?: unknown; errors?: unknown } | undefined;
  if (typeof bundle?.manifestSha256 !== 'string' || !Array.isArray(bundle.errors)) return 'no bundle manifestSha256 and errors';
  const summary = r.summary as { sections?: unknown } | undefined;
  if (!Array.isArray(summary?.sections)) return 'no summary sections';
  if (!Array.isArray(r.requirements)) return 'no requirements';
  return undefined;
}

/** The crosswalk, when consecutive periods use two versions of one framework (or one was named). */
async function crosswalkFor(chain: readonly Results[], options: CompareOptions): Promise<Crosswalk | undefined> {
  if (options.crosswalk !== undefined) return loadCrosswalk(options.crosswalk);
  const pair = chain
    .slice(1)
    .find((r, i) => r.catalog.framework === chain[i]?.catalog.framework && r.catalog.version !== chain[i]?.catalog.version);
  if (!pair) return undefined;
  const file = crosswalkFileFor(pair.catalog.framework, options.controlsDir ?? join(packageRoot, 'controls'));
  // Missing: the diff itself says that no crosswalk maps the two versions.
  return (await isFile(file)) ? loadCrosswalk(file) : undefined;
}

// ---------------------------------------------------------------- writing

interface Renderers {
  json: () => string;
  html: (signer: { fingerprint: string; subject: string } | undefined) => string;
  pdfTitle: string;
  pdfHeader: string;
  pdfReason: string;
  fallbackTime: string;
}

async function writeOutputs(options: CompareOptions, name: 'diff' | 'trend', render: Renderers): Promise<string[]> {
  const files: string[] = [];
  if (options.formats.includes('json')) {
    const path = join(options.out, `${name}.json`);
    await writeFileAtomic(path, render.json());
    files.push(path);
  }
  if (options.formats.includes('html') || options.formats.includes('pdf')) {
    const key = options.signingKey;
    const html = render.html(key ? { fingerprint: displayFingerprint(key.fingerprint), subject: key.subject ?? '' } : undefined);
    if (options.formats.includes('html')) {
      const path = join(options.out, `${name}.html`);
      await writeFileAtomic(path, html);
      files.push(path);
    }
    if (options.formats.includes('pdf')) {
      options.log?.('Rendering PDF with Chromium …');
      // Puppeteer and the PDF-signing libraries load only for a PDF.
      const { renderPdf } = await import('../report/pdf.js');
      let pdf = await renderPdf(html, { title: render.pdfTitle, headerText: render.pdfHeader });
      if (key)
        pdf = await (
          await import('../sign/pdf.js')
        ).signPdf(pdf, key, { reason: render.pdfReason, signedAt: new Date(options.generatedAt || render.fallbackTime) });
      const path = join(options.out, `${name}.pdf`);
      await writeFileAtomic(path, pdf);
      files.push(path);
    }
  }
  return files;
}

/** Signs like a report: report-manifest.json lists every output; it names the newest period's bundle and every catalog used. */
async function seal(options: CompareOptions, files: string[], chain: readonly Results[]): Promise<void> {
  if (!options.signingKey) return;
  options.log?.(`Signing with key ${displayFingerprint(options.signingKey.fingerprint)} …`);
  const newest = chain[chain.length - 1] as Results;
  const catalogs = new Map(
    chain.map((r) => [`${r.catalog.file}\u0000${r.catalog.sha256}`, { file: r.catalog.file, sha256: r.catalog.sha256 }]),
  );
  await sealReport(
    options.out,
    files,
    {
      bundleManifestSha256: newest.bundle.manifestSha256,
      catalogs: [...catalogs.values()],
      toolVersion,
      ...(options.generatedAt ? { signedAt: options.generatedAt } : {}),
    },
    options.signingKey,
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- commands

/** `auditpack diff OLD NEW`: writes the diff, prints its summary, and fails on a regression when asked. */
export async function runDiff(oldPath: string, newPath: string, opts: DiffFlags, io: Io): Promise<void> {
  const formats = parseFormats(opts.format);
  const signingKey = await loadKeyFromOptions({ key: opts.sign, cert: opts.cert, p12: opts.p12, passphraseEnv: opts.passphraseEnv }, io, [
    opts.out,
    oldPath,
    newPath,
  ]);
  const { diff, files } = await diffCommand({
    old: oldPath,
    new: newPath,
    out: opts.out,
    formats,
    history: opts.history,
    ...(opts.catalog !== undefined ? { catalog: opts.catalog } : {}),
    ...(opts.oldCatalog !== undefined ? { oldCatalog: opts.oldCatalog } : {}),
    ...(opts.newCatalog !== undefined ? { newCatalog: opts.newCatalog } : {}),
    ...(opts.crosswalk !== undefined ? { crosswalk: opts.crosswalk } : {}),
    allowIncomplete: opts.allowIncomplete ?? false,
    ...(opts.exceptions !== undefined ? { exceptions: opts.exceptions } : {}),
    generatedAt: generatedAt(io),
    log: (line) => io.err(`${line}\n`),
    ...(signingKey ? { signingKey } : {}),
  });
  io.out(`${diffSummaryLine(diff)}\n`);
  for (const file of files) io.out(`  wrote ${file}\n`);
  if (signingKey)
    io.out(`  signed: ${join(opts.out, REPORT_MANIFEST)} and .sig${formats.includes('pdf') ? ', PDF signature embedded' : ''}\n`);
  if (opts.failOn === 'regression' && diff.summary.regressed) throw regressionError(diff, opts.out);
}

/** `auditpack trend PERIOD…`: writes the trend, prints the pass rates, and fails on a regression when asked. */
export async function runTrend(periods: string[], opts: CommonFlags, io: Io): Promise<void> {
  const formats = parseFormats(opts.format);
  const signingKey = await loadKeyFromOptions({ key: opts.sign, cert: opts.cert, p12: opts.p12, passphraseEnv: opts.passphraseEnv }, io, [
    opts.out,
    ...periods,
  ]);
  const { trend, files } = await trendCommand({
    periods,
    out: opts.out,
    formats,
    ...(opts.catalog !== undefined ? { catalog: opts.catalog } : {}),
    ...(opts.crosswalk !== undefined ? { crosswalk: opts.crosswalk } : {}),
    allowIncomplete: opts.allowIncomplete ?? false,
    ...(opts.exceptions !== undefined ? { exceptions: opts.exceptions } : {}),
    generatedAt: generatedAt(io),
    log: (line) => io.err(`${line}\n`),
    ...(signingKey ? { signingKey } : {}),
  });
  const rates = trend.overall.map((r) => (r === null ? 'n/a' : `${Math.floor(r * 100)}%`)).join(' → ');
  io.out(`Trend over ${trend.periods.length} periods (${trend.periods.map((p) => p.label).join(', ')}): overall pass rate ${rates}\n`);
  io.out(`  latest: ${diffSummaryLine(trend.latest)}\n`);
  for (const file of files) io.out(`  wrote ${file}\n`);
  if (signingKey)
    io.out(`  signed: ${join(opts.out, REPORT_MANIFEST)} and .sig${formats.includes('pdf') ? ', PDF signature embedded' : ''}\n`);
  if (opts.failOn === 'regression' && trend.latest.summary.regressed) throw regressionError(trend.latest, opts.out);
}

/** One line for the terminal: the periods, what changed, the pass rate. */
export function diffSummaryLine(diff: Diff): string {
  const s = diff.summary.requirements;
  const newlyFailingResources = diff.requirements
    .filter((r) => r.change === 'still-failing')
    .flatMap((r) => r.resources)
    .filter((x) => x.new?.status === 'FAIL' && x.old?.status !== 'FAIL').length;
  const rate = (r: number | null): string => (r === null ? 'n/a' : `${Math.floor(r * 100)}%`);
  const counts = [
    [s.regression, 'regressed'],
    [s['newly-failing'], 'newly failing'],
    [
      newlyFailingResources,
      newlyFailingResources === 1 ? 'new failing resource in a failing requirement' : 'new failing resources in failing requirements',
    ],
    [s['unverified-fix'], 'not a fix (evidence missing)'],
    [s['newly-not-evaluated'], 'newly not evaluated'],
    [s['newly-manual'], 'newly manual'],
    [s.fix, 'fixed'],
    [s['newly-passing'], 'newly passing'],
    [s.added, 'added'],
    [s.removed, 'removed'],
  ] as const;
  const parts = counts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  const versions =
    diff.old.catalog.version === diff.new.catalog.version
      ? diff.new.catalog.version
      : `${diff.old.catalog.version} → ${diff.new.catalog.version}`;
  return `Diff ${diff.old.label} → ${diff.new.label} (${diff.new.catalog.framework} ${versions}): ${diff.summary.changed ? parts.join(', ') || 'no status changed' : 'nothing changed'}; ${s['still-failing']} still failing; pass rate ${rate(diff.summary.passRate.old)} → ${rate(diff.summary.passRate.new)}`;
}

function regressionError(diff: Diff, out: string): RegressionError {
  const worse = diff.requirements.filter(
    (r) =>
      r.change === 'regression' ||
      r.change === 'newly-failing' ||
      (r.change === 'still-failing' && r.resources.some((x) => x.new?.status === 'FAIL' && x.old?.status !== 'FAIL')),
  );
  const ids = worse.map((r) =>
    r.oldId !== undefined && r.newId !== undefined && r.oldId !== r.newId ? `${r.oldId} → ${r.newId}` : (r.newId ?? r.oldId ?? ''),
  );
  return new RegressionError(
    `${diff.old.label} → ${diff.new.label}: ${worse.length} ${worse.length === 1 ? 'requirement' : 'requirements'} regressed (--fail-on regression): ${ids.join(', ')}. The outputs in ${out} say what changed.`,
  );
}

function parseFormats(list: string): DiffFormat[] {
  return parseFormatList(list, FORMATS);
}

