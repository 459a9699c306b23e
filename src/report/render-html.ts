import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { errorAdvice, printableCode, type CollectionError, type ErrorCause } from '../bundle/manifest.js';
import type { Finding } from '../checks/define-check.js';
import type {
  CheckResult,
  RequirementResult,
  RequirementStatus,
  Results,
  SealStatus,
  SectionSummary,
  StatusCounts,
} from '../evaluate/results.js';
import { packageRoot } from '../shared/version.js';
import { accountLabel, neutraliseBidi, neutraliseBidiHtml, registerReportHelpers, statusLabel } from './format.js';

/** Options for {@link renderHtml}. */
export interface RenderHtmlOptions {
  /** When the report was generated (ISO UTC, from SOURCE_DATE_EPOCH in cli/), or '' to leave it out. */
  generatedAt: string;
  /** Folder holding report.hbs and report.css; defaults to the package's templates/. */
  templatesDir?: string;
  /** The key that signs this report, shown so a reader knows which public key verifies it. */
  signer?: { fingerprint: string; subject: string };
}

/** Renders results as one self-contained HTML page: inline CSS, no script, nothing loaded from the network. */
export function renderHtml(results: Results, options: RenderHtmlOptions): string {
  const { template, css } = loadTemplates(options.templatesDir ?? join(packageRoot, 'templates'));
  // Every string printed comes from results, and evidence is untrusted: no bidirectional control
  // survives into the page (or the PDF printed from it), wherever in the view it came from.
  return neutraliseBidiHtml(template({ ...buildView(results, options.generatedAt, css), signer: options.signer }));
}

/** The report's title: catalog title and version. */
export function reportTitle(results: Results): string {
  return neutraliseBidi(`${results.catalog.title} v${results.catalog.version}`);
}

/** The PDF's running header: framework/version · account(s) · collection date. */
export function reportHeaderText(results: Results): string {
  const { accounts, finishedAt } = results.bundle;
  const who = accounts.length > 3 ? `${accounts.length} accounts` : accounts.map(accountLabel).join(', ') || 'no accounts';
  return neutraliseBidi(`${results.catalog.framework} ${results.catalog.version} · ${who} · collected ${finishedAt.slice(0, 10)}`);
}

const STATUS_ORDER: readonly RequirementStatus[] = ['PASS', 'FAIL', 'NOT_EVALUATED', 'MANUAL', 'NOT_APPLICABLE'];
const FINDING_ORDER: Record<Finding['status'], number> = { FAIL: 0, NOT_EVALUATED: 1, PASS: 2 };

interface LoadedTemplates {
  template: Handlebars.TemplateDelegate<ReportView>;
  css: string;
}

const cache = new Map<string, LoadedTemplates>();

function loadTemplates(dir: string): LoadedTemplates {
  const cached = cache.get(dir);
  if (cached) return cached;
  // An isolated instance: helpers registered here never leak into other users of handlebars.
  const hb = Handlebars.create();
  registerReportHelpers(hb);
  const css = readFileSync(join(dir, 'report.css'), 'utf8');
  if (/<\/style/i.test(css)) throw new Error(`${join(dir, 'report.css')}: contains "</style". Remove it.`);
  const loaded: LoadedTemplates = {
    template: hb.compile<ReportView>(readFileSync(join(dir, 'report.hbs'), 'utf8')),
    css,
  };
  cache.set(dir, loaded);
  return loaded;
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function formatParams(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  return Object.entries(params)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(', ');
}

// What the template sees. Built here so templates only print; every value is escaped by {{ }}.

interface ReportView {
  title: string;
  tool: Results['tool'];
  catalog: Results['catalog'];
  bundle: Results['bundle'];
  accounts: { label: string }[];
  generatedAt: string;
  css: Handlebars.SafeString;
  warning: { incomplete: boolean; errorCount: number; notEvaluated: number } | undefined;
  summary: {
    counts: StatusCounts;
    passRate: number | null;
    coverage: number | null;
    automated: Results['summary']['automated'];
    cards: { status: RequirementStatus; count: number }[];
    sections: SectionRow[];
  };
  sections: SectionView[];
  errors: ErrorView[];
  warnings: string[];
  attestationsRequired: RequirementView[];
  signer?: { fingerprint: string; subject: string } | undefined;
  seal: { state: SealStatus['state']; text: string } | undefined;
}

interface SectionRow extends SectionSummary {
  anchor: string;
  bar: { status: RequirementStatus; width: string; count: number }[];
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

interface RequirementView extends Omit<RequirementResult, 'checks'> {
  anchor: string;
  attestationRequired: boolean;
  checks: CheckView[];
}

interface CheckView extends Omit<CheckResult, 'params'> {
  params: string;
  tally: string;
}

// The auditor sees the cause, a clean sentence on what to do, and the code; AWS's or the SDK's raw
// message stays in the bundle's manifest.json (it can be long, technical or attacker-influenced).
interface ErrorView extends Omit<CollectionError, 'message' | 'code'> {
  call: string;
  params: string;
  code: string;
  causeLabel: string;
  what: string;
  todo: string;
}

const CAUSE_LABELS: Record<ErrorCause, string> = {
  'bad-answer': 'Unreadable answer',
  denied: 'Access denied',
  'not-offered': 'Not offered',
  other: 'Other',
  'service-error': 'AWS server error',
  throttled: 'Throttled',
  unreachable: 'Unreachable',
};

function errorView(error: CollectionError): ErrorView {
  const { message: _message, code, ...rest } = error;
  const advice = errorAdvice(error);
  return {
    ...rest,
    cause: advice.cause,
    call: `${error.service}:${error.operation}`,
    params: formatParams(error.parameters),
    code: printableCode(code) ?? '',
    causeLabel: CAUSE_LABELS[advice.cause],
    what: `${advice.what.charAt(0).toUpperCase()}${advice.what.slice(1)}.`,
    todo: advice.todo,
  };
}

function buildView(results: Results, generatedAt: string, css: string): ReportView {
  const { bundle, summary } = results;
  const showWarning = !bundle.complete || bundle.errors.length > 0;
  return {
    title: reportTitle(results),
    tool: results.tool,
    catalog: results.catalog,
    bundle,
    accounts: bundle.accounts.map((a) => ({ label: accountLabel(a) })),
    generatedAt,
    css: new Handlebars.SafeString(css),
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
    sections: groupBySection(results),
    warnings: results.warnings,
    attestationsRequired: results.requirements.filter((r) => r.status === 'MANUAL').map(requirementView),
    errors: bundle.errors.map(errorView),
    seal: bundle.seal ? { state: bundle.seal.state, text: sealText(bundle.seal) } : undefined,
  };
}

/** The cover's line on the bundle's seal (absent when results were not made by `report`). */
function sealText(seal: SealStatus): string {
  switch (seal.state) {
    case 'verified':
      return `Sealed by ${seal.fingerprint ?? '?'}${seal.subject ? ` (${seal.subject})` : ''}, verified`;
    case 'unverified':
      return 'Sealed, signer not pinned: no key was given, so the seal was checked for consistency only, not against its signer';
    case 'unsealed':
      return 'Not sealed: nothing proves who collected this evidence';
  }
}

function sectionAnchor(id: string): string {
  return `sec-${id}`;
}

function bar(counts: StatusCounts): SectionRow['bar'] {
  if (counts.total === 0) return [];
  return STATUS_ORDER.filter((status) => counts[status] > 0).map((status) => ({
    status,
    count: counts[status],
    width: `${((counts[status] / counts.total) * 100).toFixed(4)}%`,
  }));
}

/**
 * Top-level sections in summary order, each with its requirements in catalog order; requirements of
 * a sub-section ("2.1") sit under their own heading. A section missing from the summary comes last.
 */
function groupBySection(results: Results): SectionView[] {
  const sections = new Map<string, SectionView>();
  for (const s of results.summary.sections) {
    sections.set(s.id, { id: s.id, title: s.title, anchor: sectionAnchor(s.id), groups: [] });
  }
  const topLevelOf = (section: string): string =>
    results.summary.sections
      .map((s) => s.id)
      .filter((id) => section === id || section.startsWith(`${id}.`))
      .sort((a, b) => b.length - a.length)[0] ?? section;
  for (const requirement of results.requirements) {
    const top = topLevelOf(requirement.section);
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

function requirementView(requirement: RequirementResult): RequirementView {
  return {
    ...requirement,
    anchor: `req-${requirement.id}`,
    attestationRequired: requirement.status === 'MANUAL',
    checks: requirement.checks.map(checkView),
  };
}

function checkView(check: CheckResult): CheckView {
  // Stable sort: failures and gaps first, otherwise the check's own order.
  const findings = [...check.findings].sort((a, b) => FINDING_ORDER[a.status] - FINDING_ORDER[b.status]);
  return { ...check, params: formatParams(check.params), findings, tally: tally(check.findings) };
}

/** `36 findings: 4 FAIL, 32 PASS` */
function tally(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const parts = (['FAIL', 'NOT_EVALUATED', 'PASS'] as const)
    .map((status) => [status, findings.filter((f) => f.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${statusLabel(status)}`);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
