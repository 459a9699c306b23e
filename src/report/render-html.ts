import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Finding } from '../checks/define-check.js';
import { findingSet, type FindingCounts, type FindingSet } from '../evaluate/findings.js';
import type {
  AccountSummary,
  CheckResult,
  RequirementResult,
  RequirementStatus,
  Results,
  SealStatus,
  SectionSummary,
  StatusCounts,
} from '../evaluate/results.js';
import { packageRoot } from '../shared/version.js';
import { accountLabel, neutraliseBidi, neutraliseBidiHtml, registerReportHelpers } from './format.js';
import {
  EvidenceIndex,
  STATUS_ORDER,
  bar,
  errorView,
  exceptionsInForceText,
  exceptionsView,
  findingsTally,
  formatParams,
  organizationText,
  periodText,
  reportTitle,
  scopeView,
  sealText,
  sectionAnchor,
  showsRemediation,
  signOffView,
  type Bar,
  type ErrorView,
  type ExceptionsView,
  type ScopeView,
  type SignOffRow,
} from './view-common.js';

/** Options for {@link renderHtmlChunks} and {@link renderHtml}. */
export interface RenderHtmlOptions {
  /** When the report was generated (ISO UTC, from SOURCE_DATE_EPOCH in cli/), or '' to leave it out. */
  generatedAt: string;
  /** Folder holding report.hbs, report.css and report.js; defaults to the package's templates/. */
  templatesDir?: string;
  /** The key that signs this report, shown so a reader knows which public key verifies it. */
  signer?: { fingerprint: string; subject: string };
  /** The bundle manifest's files: the evidence index numbers them (E1, E2, …) and rows cite the numbers. */
  evidence?: readonly { path: string; sha256: string; size?: number }[];
}

/**
 * Renders results as one self-contained HTML page, in pieces, so that an organisation's report is
 * written to a file as it is made and never held in one string. Inline CSS, one inline script
 * allowed by its hash, nothing loaded from the network. Every finding is in the page, as data the
 * script turns into collapsed, filtered, paged tables; each finding set is read once, in order.
 * Results whose findings are arrays (results.json, `evaluate`) are accepted too.
 */
export function* renderHtmlChunks(input: Results | Results<FindingSet>, options: RenderHtmlOptions): Generator<string, void, undefined> {
  const results = withFindingSets(input);
  const templates = loadTemplates(options.templatesDir ?? join(packageRoot, 'templates'));
  const runs = findingRuns(results);
  const view = buildView(results, options, templates, runs);
  const evidence = new EvidenceIndex(options.evidence ?? []);
  // Every string printed comes from results, and evidence is untrusted: no bidirectional control
  // survives into the page (or the PDF printed from it), wherever in the view it came from.
  yield neutraliseBidiHtml(templates.page({ ...view, part: 'head' }));
  yield '<script type="application/json" id="findings-data">';
  for (const piece of encodeFindings(results, runs, evidence)) yield neutraliseBidiHtml(piece);
  yield '</script>\n';
  const entries = evidence.entries();
  yield neutraliseBidiHtml(templates.page({ ...view, part: 'evidence', evidenceCount: entries.length }));
  for (let start = 0; start < entries.length; start += EVIDENCE_ROWS_PER_CHUNK) {
    const rows = entries
      .slice(start, start + EVIDENCE_ROWS_PER_CHUNK)
      .map((e) => ({ ...e, size: e.size === undefined ? '' : formatSize(e.size) }));
    yield neutraliseBidiHtml(templates.page({ ...view, part: 'evidence-rows', evidenceRows: rows }));
  }
  yield neutraliseBidiHtml(templates.page({ ...view, part: 'tail', evidenceCount: entries.length }));
}

/** {@link renderHtmlChunks} joined into one string: for tests and single accounts. */
export function renderHtml(results: Results | Results<FindingSet>, options: RenderHtmlOptions): string {
  return [...renderHtmlChunks(results, options)].join('');
}

/** The Content-Security-Policy of a page whose only script is `script`: nothing loads, only that exact script runs. */
export function contentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`;
}

const EVIDENCE_ROWS_PER_CHUNK = 2000;
/** Findings per data segment: bounds the size of any one string the encoder builds (a few hundred kB). */
const SEGMENT_FINDINGS = 4096;

// ---------------------------------------------------------------------------------------------
// Templates

interface LoadedTemplates {
  page: Handlebars.TemplateDelegate<PageView>;
  css: string;
  script: string;
  csp: string;
}

const cache = new Map<string, LoadedTemplates>();
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

function loadTemplates(dir: string): LoadedTemplates {
  const cached = cache.get(dir);
  if (cached) return cached;
  // An isolated instance: helpers registered here never leak into other users of handlebars.
  const hb = Handlebars.create();
  registerReportHelpers(hb);
  const css = readFileSync(join(dir, 'report.css'), 'utf8');
  if (/<\/style/i.test(css)) throw new Error(`${join(dir, 'report.css')}: contains "</style". Remove it.`);
  // The browser hashes the script text after the parser turned CRLF into LF: hash the same text.
  const script = readFileSync(join(dir, 'report.js'), 'utf8').replace(/\r\n?/g, '\n');
  if (/<\/script|<!--/i.test(script)) throw new Error(`${join(dir, 'report.js')}: contains "</script" or "<!--". Remove it.`);
  if (BIDI_CONTROL.test(script)) throw new Error(`${join(dir, 'report.js')}: contains a bidirectional control character. Remove it.`);
  const loaded: LoadedTemplates = {
    page: hb.compile<PageView>(readFileSync(join(dir, 'report.hbs'), 'utf8')),
    css,
    script,
    csp: contentSecurityPolicy(script),
  };
  cache.set(dir, loaded);
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// The view: everything but the findings, which go into the data block

/** The piece of the page a template call prints (see report.hbs). */
type Part = 'head' | 'evidence' | 'evidence-rows' | 'tail';

interface PageView extends ReportView {
  part: Part;
  evidenceCount?: number;
  evidenceRows?: { n: number; path: string; sha256: string; size: string }[];
}

interface ReportView {
  title: string;
  csp: string;
  tool: Results['tool'];
  catalog: Results['catalog'];
  bundle: Results<FindingSet>['bundle'];
  accounts: { id: string; label: string }[];
  generatedAt: string;
  css: Handlebars.SafeString;
  script: Handlebars.SafeString;
  warning: { incomplete: boolean; errorCount: number; notEvaluated: number } | undefined;
  summary: {
    counts: StatusCounts;
    passRate: number | null;
    coverage: number | null;
    automated: Results['summary']['automated'];
    cards: { status: RequirementStatus; count: number }[];
    sections: SectionRow[];
  };
  /** Per-account rows, when the bundle has more than one account and results carry them. */
  accountSummaries: AccountRow[];
  /** Findings over every distinct check run, by status; `excepted` FAIL findings are accepted risks (counted in FAIL too). */
  findings: FindingCounts & { excepted: number; tally: string };
  sections: SectionView[];
  errors: ErrorView[];
  warnings: string[];
  attestationsRequired: RequirementView[];
  signer?: { fingerprint: string; subject: string } | undefined;
  seal: { state: SealStatus['state']; text: string } | undefined;
  /** The audit period, or "not stated". */
  period: string;
  organization: string | undefined;
  scope: ScopeView;
  /** Scope and method's "Exceptions in force" line. */
  exceptionsInForce: string;
  /** The "Exceptions (accepted risks)" section; absent when no exception is in force. */
  exceptions: ExceptionsView | undefined;
  signOff: SignOffRow[];
}

interface SectionRow extends SectionSummary {
  anchor: string;
  bar: Bar;
}

interface AccountRow extends AccountSummary {
  label: string;
}

interface SectionView {
  id: string;
  title: string;
  anchor: string;
  groups: GroupView[];
}

/** The requirements of one section id: the top-level section itself, or a sub-section with a heading. */
interface GroupView {
  id: string;
  title: string;
  anchor: string;
  subsection: boolean;
  requirements: RequirementView[];
}

interface RequirementView extends Omit<RequirementResult<FindingSet>, 'checks'> {
  anchor: string;
  /** The top-level section, for the section filter. */
  topSection: string;
  attestationRequired: boolean;
  /** Set when the remediation hint is shown (something is left to do). */
  showRemediation: boolean;
  checks: CheckView[];
}

interface CheckView extends Omit<CheckResult<FindingSet>, 'params' | 'findings'> {
  params: string;
  tally: string;
  /** Which finding set of the data block holds this check's findings. */
  run: number;
  count: number;
}

/** Each distinct finding set once, numbered in order of first use: requirements sharing a check run share its data. */
interface FindingRuns {
  sets: FindingSet[];
  number: ReadonlyMap<FindingSet, number>;
}

function findingRuns(results: Results<FindingSet>): FindingRuns {
  const number = new Map<FindingSet, number>();
  const sets: FindingSet[] = [];
  for (const requirement of results.requirements) {
    for (const check of requirement.checks) {
      if (number.has(check.findings)) continue;
      number.set(check.findings, sets.length);
      sets.push(check.findings);
    }
  }
  return { sets, number };
}

function hasFindingArrays(results: Results | Results<FindingSet>): results is Results {
  return results.requirements.some((r) => r.checks.some((c) => Array.isArray(c.findings)));
}

/** Arrays become sets; the same array (a run shared by requirements) becomes the same set, encoded once. */
function withFindingSets(results: Results | Results<FindingSet>): Results<FindingSet> {
  if (!hasFindingArrays(results)) return results;
  const sets = new Map<readonly Finding[], FindingSet>();
  const setOf = (findings: readonly Finding[]): FindingSet => {
    let set = sets.get(findings);
    if (!set) {
      set = findingSet(findings);
      sets.set(findings, set);
    }
    return set;
  };
  return {
    ...results,
    requirements: results.requirements.map((r) => ({ ...r, checks: r.checks.map((c) => ({ ...c, findings: setOf(c.findings) })) })),
  };
}

function buildView(results: Results<FindingSet>, options: RenderHtmlOptions, templates: LoadedTemplates, runs: FindingRuns): ReportView {
  const { bundle, summary } = results;
  const showWarning = !bundle.complete || bundle.errors.length > 0;
  const findings = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, total: 0, excepted: 0 };
  for (const set of runs.sets) {
    findings.PASS += set.counts.PASS;
    findings.FAIL += set.counts.FAIL;
    findings.NOT_EVALUATED += set.counts.NOT_EVALUATED;
    findings.total += set.counts.total;
    findings.excepted += set.excepted ?? 0;
  }
  const names = new Map(bundle.accounts.map((a) => [a.id, a.name]));
  const topLevel = topLevelOf(results);
  const requirementView = (requirement: RequirementResult<FindingSet>): RequirementView => ({
    ...requirement,
    anchor: `req-${requirement.id}`,
    topSection: topLevel(requirement.section),
    attestationRequired: requirement.status === 'MANUAL',
    showRemediation: showsRemediation(requirement),
    checks: requirement.checks.map(({ findings: set, ...check }) => ({
      ...check,
      params: formatParams(check.params),
      tally: findingsTally(set.counts, set.excepted ?? 0),
      run: runs.number.get(set) ?? -1,
      count: set.counts.total,
    })),
  });
  return {
    title: reportTitle(results),
    csp: templates.csp,
    tool: results.tool,
    catalog: results.catalog,
    bundle,
    accounts: bundle.accounts.map((a) => ({ id: a.id, label: accountLabel(a) })),
    generatedAt: options.generatedAt,
    css: new Handlebars.SafeString(templates.css),
    script: new Handlebars.SafeString(templates.script),
    warning: showWarning
      ? { incomplete: !bundle.complete, errorCount: bundle.errors.length, notEvaluated: summary.counts.NOT_EVALUATED }
      : undefined,
    summary: {
      counts: summary.counts,
      passRate: summary.passRate,
      coverage: summary.coverage,
      automated: summary.automated,
      cards: STATUS_ORDER.map((status) => ({ status, count: summary.counts[status] })),
      sections: summary.sections.map((s) => ({ ...s, anchor: sectionAnchor(s.id), bar: bar(s.counts) })),
    },
    accountSummaries:
      (summary.accounts?.length ?? 0) > 1
        ? (summary.accounts ?? []).map((a) => ({ ...a, label: accountLabel({ id: a.id, name: a.name ?? names.get(a.id) }) }))
        : [],
    findings: { ...findings, tally: findingsTally(findings, findings.excepted) },
    sections: groupBySection(results, requirementView, topLevel),
    warnings: results.warnings,
    attestationsRequired: results.requirements.filter((r) => r.status === 'MANUAL').map(requirementView),
    errors: bundle.errors.map(errorView),
    signer: options.signer,
    seal: bundle.seal ? { state: bundle.seal.state, text: sealText(bundle.seal) } : undefined,
    period: periodText(results.framing),
    organization: organizationText(bundle),
    scope: scopeView(results),
    exceptionsInForce: exceptionsInForceText(results),
    exceptions: exceptionsView(results),
    signOff: signOffView(results.framing),
  };
}

/** The top-level section a (sub-)section id belongs to: the longest summary section id that prefixes it. */
function topLevelOf(results: Results<FindingSet>): (section: string) => string {
  const ids = results.summary.sections.map((s) => s.id).sort((a, b) => b.length - a.length);
  return (section) => ids.find((id) => section === id || section.startsWith(`${id}.`)) ?? section;
}

/**
 * Top-level sections in summary order, each with its requirements in catalog order; requirements of
 * a sub-section ("2.1") sit under their own heading. A section missing from the summary comes last.
 */
function groupBySection(
  results: Results<FindingSet>,
  requirementView: (r: RequirementResult<FindingSet>) => RequirementView,
  topLevel: (section: string) => string,
): SectionView[] {
  const sections = new Map<string, SectionView>();
  for (const s of results.summary.sections) {
    sections.set(s.id, { id: s.id, title: s.title, anchor: sectionAnchor(s.id), groups: [] });
  }
  for (const requirement of results.requirements) {
    const top = topLevel(requirement.section);
    let section = sections.get(top);
    if (!section) {
      section = { id: top, title: requirement.sectionTitle, anchor: sectionAnchor(top), groups: [] };
      sections.set(top, section);
    }
    let group = section.groups.find((g) => g.id === requirement.section);
    if (!group) {
      group = {
        id: requirement.section,
        title: requirement.sectionTitle,
        anchor: sectionAnchor(requirement.section),
        subsection: requirement.section !== top,
        requirements: [],
      };
      section.groups.push(group);
    }
    group.requirements.push(requirementView(requirement));
  }
  return [...sections.values()].filter((s) => s.groups.length > 0);
}

/** `812 B`, `12.3 KiB`, `4.5 MiB` */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

// ---------------------------------------------------------------------------------------------
// The findings data block
//
// One JSON array inside <script type="application/json" id="findings-data"> (data, never run):
//   [0]  {"v":1,"accounts":[[id, name?]…],"runs":[count of run 0, count of run 1, …]}
//   [1…] segments, in run order, each at most SEGMENT_FINDINGS findings of one run:
//        {"run":i,"n":count,
//         "res","rsn","acc","reg": strings new to that table, front-coded against the table's
//                                  previous entry: [shared prefix length, rest, …],
//         "ev":  evidence lists new to that table: [[E-number, …], …],
//         "s":   one letter per finding: F(AIL), E(XCEPTED: a FAIL an exception covers), N(OT EVALUATED), P(ASS),
//         "r","m": resource and reason indexes, each the difference from the previous one,
//         "a","g","e": account, region and evidence-list indexes, run-length coded: [index, repeat, …],
//         and only in a segment with an EXCEPTED finding:
//         "xt":  exceptions new to that table: [[id, approved by, expires], …],
//         "x":   each finding's exception, run-length coded: 0 for none, k for table entry k-1}
// Tables only grow and segments come in order, so the page is written as the findings are read,
// and report.js rebuilds every table by reading the segments in the same order.

const STATUS_LETTER: Record<Finding['status'], string> = { FAIL: 'F', NOT_EVALUATED: 'N', PASS: 'P' };
/** The letter of a FAIL an exception covers (an accepted risk). */
const EXCEPTED_LETTER = 'E';

/** JSON that cannot end the script element it sits in: every `<` is written as \u003c. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** An append-only string table whose new entries are taken per segment, front-coded. */
class StringTable {
  private readonly index = new Map<string, number>();
  private previous = '';
  private fresh: (number | string)[] = [];

  indexOf(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
      let shared = 0;
      const max = Math.min(text.length, this.previous.length);
      while (shared < max && text.charCodeAt(shared) === this.previous.charCodeAt(shared)) shared++;
      this.fresh.push(shared, text.slice(shared));
      this.previous = text;
    }
    return i;
  }

  takeFresh(): (number | string)[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

class EvidenceListTable {
  private readonly index = new Map<string, number>();
  private fresh: number[][] = [];

  indexOf(numbers: number[]): number {
    const key = numbers.join(',');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(key, i);
      this.fresh.push(numbers);
    }
    return i;
  }

  takeFresh(): number[][] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** Run-length coding of one integer column: [value, repeat, value, repeat, …]. */
class RunLengths {
  readonly out: number[] = [];
  private value = -1;
  private repeat = 0;

  add(value: number): void {
    if (value === this.value) {
      this.repeat++;
      return;
    }
    if (this.repeat > 0) this.out.push(this.value, this.repeat);
    this.value = value;
    this.repeat = 1;
  }

  finish(): number[] {
    if (this.repeat > 0) this.out.push(this.value, this.repeat);
    this.repeat = 0;
    return this.out;
  }
}

/** Differences from the previous value of one integer column (small when indexes advance together). */
class Deltas {
  readonly out: number[] = [];
  private previous = 0;

  add(value: number): void {
    this.out.push(value - this.previous);
    this.previous = value;
  }
}

/** The exceptions findings cite, each [id, approved by, expires], taken per segment like the string tables. */
class ExceptionTable {
  private readonly index = new Map<string, number>();
  private fresh: [string, string, string][] = [];

  /** The finding's exception as 1 + its table index (0: none). */
  numberOf(exception: Finding['exception']): number {
    if (!exception) return 0;
    const entry: [string, string, string] = [
      neutraliseBidi(exception.id),
      neutraliseBidi(exception.approvedBy),
      neutraliseBidi(exception.expires),
    ];
    const key = entry.join('\u0000');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(key, i);
      this.fresh.push(entry);
    }
    return i + 1;
  }

  takeFresh(): [string, string, string][] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

class Segment {
  n = 0;
  status = '';
  /** Set once the segment holds an EXCEPTED finding: only then are "x" and "xt" written. */
  excepted = false;
  readonly exceptions = new RunLengths();
  readonly resources = new Deltas();
  readonly reasons = new Deltas();
  readonly accounts = new RunLengths();
  readonly regions = new RunLengths();
  readonly evidence = new RunLengths();
}

/** The data block's JSON text, in pieces: a header, then each run's findings in segments. */
function* encodeFindings(results: Results<FindingSet>, runs: FindingRuns, evidence: EvidenceIndex): Generator<string, void, undefined> {
  const resources = new StringTable();
  const reasons = new StringTable();
  const accounts = new StringTable();
  const regions = new StringTable();
  const evidenceLists = new EvidenceListTable();
  const exceptions = new ExceptionTable();
  // Bundle accounts first, so their order in the table is the bundle's.
  for (const account of results.bundle.accounts) accounts.indexOf(neutraliseBidi(account.id));
  yield `[${scriptJson({
    v: 1,
    accounts: results.bundle.accounts.map((a) =>
      a.name === undefined ? [neutraliseBidi(a.id)] : [neutraliseBidi(a.id), neutraliseBidi(a.name)],
    ),
    runs: runs.sets.map((set) => set.counts.total),
  })}`;

  const segmentJson = (run: number, segment: Segment): string =>
    `,${scriptJson({
      run,
      n: segment.n,
      res: resources.takeFresh(),
      rsn: reasons.takeFresh(),
      acc: accounts.takeFresh(),
      reg: regions.takeFresh(),
      ev: evidenceLists.takeFresh(),
      s: segment.status,
      r: segment.resources.out,
      m: segment.reasons.out,
      a: segment.accounts.finish(),
      g: segment.regions.finish(),
      e: segment.evidence.finish(),
      ...(segment.excepted ? { xt: exceptions.takeFresh(), x: segment.exceptions.finish() } : {}),
    })}`;

  for (const [run, set] of runs.sets.entries()) {
    let read = 0;
    let segment = new Segment();
    for (const finding of set.read()) {
      segment.n++;
      const excepted = finding.status === 'FAIL' && finding.exception !== undefined;
      segment.status += excepted ? EXCEPTED_LETTER : STATUS_LETTER[finding.status];
      segment.exceptions.add(excepted ? exceptions.numberOf(finding.exception) : 0);
      if (excepted) segment.excepted = true;
      segment.resources.add(resources.indexOf(neutraliseBidi(finding.resource)));
      segment.reasons.add(reasons.indexOf(neutraliseBidi(finding.reason)));
      segment.accounts.add(accounts.indexOf(neutraliseBidi(finding.account)));
      segment.regions.add(regions.indexOf(neutraliseBidi(finding.region)));
      segment.evidence.add(evidenceLists.indexOf(finding.evidence.map((ref) => evidence.number(ref))));
      if (segment.n === SEGMENT_FINDINGS) {
        read += segment.n;
        yield segmentJson(run, segment);
        segment = new Segment();
      }
    }
    read += segment.n;
    if (segment.n > 0) yield segmentJson(run, segment);
    // The header announced the counts; the page's tables are sized from them.
    if (read !== set.counts.total)
      throw new Error(`render-html: a finding set read ${read} findings but counts ${set.counts.total}. This is a bug.`);
  }
  yield ']';
}
