import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
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
import { accountLabel, neutraliseBidiHtml, registerReportHelpers, statusLabel } from './format.js';
import {
  STATUS_ORDER,
  bar,
  errorView,
  formatParams,
  reportTitle,
  sealText,
  sectionAnchor,
  type Bar,
  type ErrorView,
} from './view-common.js';

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
  bar: Bar;
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
