import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Finding } from '../checks/define-check.js';
import { addCounts, emptyCounts, type FindingCounts, type FindingSet } from '../evaluate/findings.js';
import type { RequirementResult, RequirementStatus, Results, StatusCounts } from '../evaluate/results.js';
import { packageRoot } from '../shared/version.js';
import { accountLabel, formatPercent, neutraliseBidi, neutraliseBidiHtml, registerReportHelpers } from './format.js';
import type { OutlineItem } from './pdf-join.js';
import {
  EXCEPTED,
  EvidenceIndex,
  STATUS_ORDER,
  errorView,
  exceptionNote,
  exceptionsInForceText,
  exceptionsView,
  findingsTally,
  formatParams,
  organizationText,
  periodText,
  reportTitle,
  scopeView,
  sealText,
  showsRemediation,
  signOffView,
  type ErrorView,
  type ExceptionsView,
  type ScopeView,
  type SignOffRow,
} from './view-common.js';

/** Passing findings listed per requirement in Annex A; the rest are counted and left to report.html and results.json. */
export const PASSING_ROWS_PER_REQUIREMENT = 200;
/** FAIL and NOT_EVALUATED findings listed per requirement; past it the rest are counted and left to report.html and results.json. */
export const FAILING_ROWS_PER_REQUIREMENT = 5_000;
/** Table rows per printed part: small enough for Chromium to lay out quickly, large enough to waste few half-empty pages. */
export const ROWS_PER_PART = 500;

/** What the PDF document shows besides the results (renderPdfDocument in pdf.ts adds how to print). */
export interface PdfDocumentOptions {
  /** When the report was generated (ISO UTC), or '' to leave it out; also the PDF's dates (else the collection's end). */
  generatedAt: string;
  /** The key that signs this report, shown so a reader knows which public key verifies it. */
  signer?: { fingerprint: string; subject: string };
  /** The bundle manifest's files: Annex B numbers them in path order (E1, E2, …). Absent: cited files in order of citation. */
  evidence?: readonly { path: string; sha256: string; size?: number }[];
  /** Folder holding report-pdf.hbs and report-pdf.css; defaults to the package's templates/. */
  templatesDir?: string;
  /** Caps, for tests: defaults {@link PASSING_ROWS_PER_REQUIREMENT}, {@link FAILING_ROWS_PER_REQUIREMENT}, {@link ROWS_PER_PART}. */
  limits?: { passingRows?: number; failingRows?: number; rowsPerPart?: number };
}

/** `12 more passing resources for requirement 1.4 are listed in report.html and results.json.` */
export function morePassingText(count: number, requirement: string): string {
  return count === 1
    ? `1 more passing resource for requirement ${requirement} is listed in report.html and results.json.`
    : `${count} more passing resources for requirement ${requirement} are listed in report.html and results.json.`;
}

/** `3 more FAIL or NOT EVALUATED findings for requirement 5.2 are listed in report.html and results.json.` */
export function moreFailingText(count: number, requirement: string): string {
  return count === 1
    ? `1 more FAIL or NOT EVALUATED finding for requirement ${requirement} is listed in report.html and results.json.`
    : `${count} more FAIL or NOT EVALUATED findings for requirement ${requirement} are listed in report.html and results.json.`;
}

/** A heading the outline and the contents point at: `dest` is its named destination in its part. */
export interface PdfMark {
  dest: string;
  title: string;
  level: 1 | 2 | 3;
  /** Shown in the contents (absent: outline only). */
  contents?: { id: string; title: string; status?: RequirementStatus };
}

/** Bookmarks from marks in document order: level 1 at the top, each deeper level under the last shallower one. */
export function outlineTree(marks: readonly PdfMark[], partOf: ReadonlyMap<string, number>): OutlineItem[] {
  const roots: OutlineItem[] = [];
  const open: OutlineItem[] = [];
  for (const mark of marks) {
    const item: OutlineItem = { title: mark.title, part: partOf.get(mark.dest) ?? 0, destination: mark.dest, children: [] };
    open.length = Math.min(open.length, mark.level - 1);
    const parent = open[open.length - 1];
    (parent ? (parent.children ??= []) : roots).push(item);
    open.push(item);
  }
  return roots;
}

interface LoadedTemplates {
  template: Handlebars.TemplateDelegate<PartView & { css: string }>;
  css: string;
}

const cache = new Map<string, LoadedTemplates>();

function loadTemplates(dir: string): LoadedTemplates {
  const cached = cache.get(dir);
  if (cached) return cached;
  // An isolated instance: helpers registered here never leak into other users of handlebars.
  const hb = Handlebars.create();
  registerReportHelpers(hb);
  const cssPath = join(dir, 'report-pdf.css');
  const css = readFileSync(cssPath, 'utf8');
  if (/<\/style/i.test(css)) throw new Error(`${cssPath}: contains "</style". Remove it.`);
  const loaded: LoadedTemplates = { template: hb.compile(readFileSync(join(dir, 'report-pdf.hbs'), 'utf8')), css };
  cache.set(dir, loaded);
  return loaded;
}

// What the template sees: one printed part (the front matter, or a run of body and annex blocks).

/** One printed part: its HTML and the marks (named destinations) in it. */
export interface PdfPartHtml {
  html: string;
  marks: readonly PdfMark[];
}

interface PartView {
  title: string;
  front?: FrontView;
  blocks: Block[];
  marks: PdfMark[];
}

interface FrontView {
  tool: Results['tool'];
  catalog: Results['catalog'];
  bundle: Results['bundle'];
  /** The accounts by name, or how many when the account summary lists them. */
  accountsLine: string;
  organization?: string;
  /** The audit period, or "not stated". */
  period: string;
  generatedAt: string;
  signer?: { fingerprint: string; subject: string };
  seal?: string;
  sealState?: string;
  warning?: { incomplete: boolean; errorCount: number; notEvaluated: number };
  warnings: string[];
  summary: {
    cards: { status: RequirementStatus; count: number }[];
    total: number;
    passRate: number | null;
    coverage: number | null;
    automated: Results['summary']['automated'];
    sections: (Results['summary']['sections'][number] & { passRateText: string; coverageText: string })[];
  };
  accountTable?: AccountRow[];
  attestationsRequired: { id: string; title: string; manualBecause?: string; suggestedStatus?: string }[];
  contents: { id: string; title: string; status?: RequirementStatus; page: string; level: number }[];
  marks: { summary: string; accounts: string; contents: string };
}

interface AccountRow {
  id: string;
  name: string;
  counts: StatusCounts;
  passRate: string;
  coverage: string;
  findings: FindingCounts;
}

/** One thing printed in the body or the annexes; exactly one field besides `weight` is set. */
interface Block {
  weight: number;
  section?: { id: string; title: string; dest: string };
  subsection?: { id: string; title: string; dest: string };
  requirement?: RequirementView;
  findings?: FindingsView;
  annexA?: { dest: string; cap: number };
  passing?: PassingView;
  annexB?: { dest: string; count: number };
  evidence?: { n: number; path: string; size: string; sha256: string }[];
  errors?: { dest: string; list: ErrorView[] };
  scope?: ScopeView & { dest: string; exceptionsInForce: string };
  exceptions?: ExceptionsView & { dest: string };
  signOff?: { dest: string; rows: SignOffRow[]; period: string; bundleId: string; manifestSha256: string };
  verify?: {
    bundleId: string;
    manifestSha256: string;
    signer?: { fingerprint: string; subject: string };
    tool: string;
    catalogFile: string;
  };
}

interface RequirementView {
  dest: string;
  id: string;
  title: string;
  status: RequirementStatus;
  statusReason: string;
  profile?: number;
  manual: boolean;
  attestationRequired: boolean;
  manualBecause?: string;
  suggestedStatus?: string;
  description?: string;
  /** Set only when shown: FAIL, NOT EVALUATED and MANUAL requirements. */
  remediation?: string;
  disagreement?: string;
  overrides: RequirementResult['overrides'];
  attestations: RequirementResult['attestations'];
  checks: { check: string; title: string; status: string; params: string; tally: string }[];
  accounts?: { rows: { label: string; counts: FindingCounts }[]; allPass?: string; none?: string };
  /** What happens to the findings: "No FAIL or NOT EVALUATED finding", passing count and where listed. */
  summaryLines: string[];
}

interface FindingsView {
  check?: string;
  account: string;
  region: string;
  continued: boolean;
  /** Rows of many small account/region groups in one table, each row naming its own account and region. */
  mixed?: boolean;
  rows: { status: RowStatus; resource: string; reason: string; evidence: string; where?: string }[];
  more?: string;
}

interface PassingView {
  requirement?: { id: string; title: string; total: number };
  continued: boolean;
  rows: { resource: string; account: string; region: string; evidence: string }[];
  more?: string;
}

/** One set's findings as the document lists them: capped, evidence as E-numbers. */
interface Extract {
  failing: Row[];
  passing: Row[];
}

/** A finding's status as a row shows it: a FAIL an exception covers is EXCEPTED. */
type RowStatus = Finding['status'] | typeof EXCEPTED;

interface Row {
  status: RowStatus;
  resource: string;
  reason: string;
  account: string;
  region: string;
  evidence: string;
}

/**
 * The PDF document as HTML parts: body and annexes cut into parts of at most {@link ROWS_PER_PART}
 * rows (between requirements where possible), then the front matter, whose contents page needs the
 * page each mark landed on. Reads each finding set once, whichever requirements share it, and keeps
 * at most the capped rows of the sets still to be written.
 */
export class PdfDocumentPlan {
  private readonly templates: LoadedTemplates;
  private readonly evidence: EvidenceIndex;
  private readonly accountNames: Map<string, string>;
  private readonly extracts = new Map<FindingSet, Extract>();
  private readonly uses = new Map<FindingSet, number>();
  private readonly passingCap: number;
  private readonly failingCap: number;
  private readonly rowsPerPart: number;
  private nextDest = 0;
  private readonly frontMarks: PdfMark[] = [];
  /** Every body and annex mark, in document order, as parts() cuts them. */
  private readonly bodyMarks: PdfMark[] = [];

  constructor(
    private readonly results: Results<FindingSet>,
    private readonly options: PdfDocumentOptions,
  ) {
    this.templates = loadTemplates(options.templatesDir ?? join(packageRoot, 'templates'));
    this.evidence = new EvidenceIndex(options.evidence ?? []);
    this.accountNames = new Map(results.bundle.accounts.map((a) => [a.id, accountLabel(a)]));
    this.passingCap = options.limits?.passingRows ?? PASSING_ROWS_PER_REQUIREMENT;
    this.failingCap = options.limits?.failingRows ?? FAILING_ROWS_PER_REQUIREMENT;
    this.rowsPerPart = options.limits?.rowsPerPart ?? ROWS_PER_PART;
    for (const r of results.requirements) for (const c of r.checks) this.uses.set(c.findings, (this.uses.get(c.findings) ?? 0) + 1);
  }

  private dest(): string {
    return `m${this.nextDest++}`;
  }

  /** The body and annexes, cut into parts of at most rowsPerPart rows, between requirements where possible. */
  *parts(): Generator<PdfPartHtml> {
    for (const view of this.partViews()) yield { html: this.html(view), marks: view.marks };
  }

  /**
   * The front matter, with contents page numbers: `pageOf` gives each body mark's page counted
   * from the first body page (0-based), `frontPages` the front matter's own length.
   */
  front(pageOf: ReadonlyMap<string, number>, frontPages: number): PdfPartHtml {
    const view = this.frontView(pageOf, frontPages);
    return { html: this.html(view), marks: view.marks };
  }

  /** The outline over the front matter and every part, once all parts are cut; `partOf` maps a mark to its part's index in the joined document. */
  outline(partOf: ReadonlyMap<string, number>): OutlineItem[] {
    return outlineTree([...this.frontMarks, ...this.bodyMarks], partOf);
  }

  private html(view: PartView): string {
    // Every string printed comes from results, and evidence is untrusted: no bidirectional control survives.
    return neutraliseBidiHtml(this.templates.template({ ...view, css: this.templates.css }));
  }

  private *partViews(): Generator<PartView> {
    let blocks: Block[] = [];
    let marks: PdfMark[] = [];
    let weight = 0;
    const title = reportTitle(this.results);
    const flush = (): PartView | undefined => {
      if (blocks.length === 0) return undefined;
      const part: PartView = { title, blocks, marks };
      this.bodyMarks.push(...marks);
      blocks = [];
      marks = [];
      weight = 0;
      return part;
    };
    for (const group of this.blockGroups()) {
      // A requirement (or annex entry) that would overflow the part starts the next one.
      if (weight > 0 && weight + group.weight > this.rowsPerPart) {
        const part = flush();
        if (part) yield part;
      }
      for (const block of group.blocks()) {
        if (weight > 0 && weight + block.weight > this.rowsPerPart) {
          const part = flush();
          if (part) yield part;
        }
        blocks.push(block);
        weight += block.weight;
        for (const mark of group.marks.splice(0)) marks.push(mark);
      }
    }
    const last = flush();
    if (last) yield last;
  }

  /** Groups of blocks that belong together (a requirement, an annex entry), with their weight known up front. */
  private *blockGroups(): Generator<{ weight: number; marks: PdfMark[]; blocks: () => Iterable<Block> }> {
    const sections = groupBySection(this.results);
    const passingLists: { requirement: RequirementResult<FindingSet>; rows: Row[]; total: number }[] = [];

    // Scope and method opens the body, so the contents and the outline give its page.
    const scopeMark: PdfMark = { dest: this.dest(), title: 'Scope and method', level: 1, contents: { id: '', title: 'Scope and method' } };
    const accountTable = (this.results.summary.accounts?.length ?? 0) > 1;
    const scope = {
      ...scopeView(this.results, accountTable ? 'in the account summary' : 'on the cover'),
      dest: scopeMark.dest,
      exceptionsInForce: exceptionsInForceText(this.results),
    };
    const scopeWeight =
      24 +
      scope.collectedBy.length +
      (scope.tailoring?.overrides.length ?? 0) * 2 +
      scope.notCollected.length +
      (scope.accounts?.length ?? 0) / 2;
    yield { weight: scopeWeight, marks: [scopeMark], blocks: () => [{ weight: scopeWeight, scope }] };
    for (const section of sections) {
      const sectionMark: PdfMark = {
        dest: this.dest(),
        title: neutraliseBidi(`${section.id} ${section.title}`),
        level: 1,
        contents: { id: section.id, title: section.title },
      };
      yield {
        weight: 2,
        marks: [sectionMark],
        blocks: () => [{ weight: 2, section: { id: section.id, title: section.title, dest: sectionMark.dest } }],
      };
      for (const group of section.groups) {
        if (group.subsection) {
          const mark: PdfMark = {
            dest: this.dest(),
            title: neutraliseBidi(`${group.id} ${group.title}`),
            level: 2,
            contents: { id: group.id, title: group.title },
          };
          yield {
            weight: 1,
            marks: [mark],
            blocks: () => [{ weight: 1, subsection: { id: group.id, title: group.title, dest: mark.dest } }],
          };
        }
        for (const requirement of group.requirements) {
          const level = group.subsection ? 3 : 2;
          const mark: PdfMark = {
            dest: this.dest(),
            title: neutraliseBidi(`${requirement.id} ${requirement.title}`),
            level,
            contents: { id: requirement.id, title: requirement.title, status: requirement.status },
          };
          const failing = requirement.checks.reduce((n, c) => n + c.findings.counts.FAIL + c.findings.counts.NOT_EVALUATED, 0);
          const accounts = this.results.bundle.accounts.length > 1 ? this.results.bundle.accounts.length : 0;
          const passingRows: Row[] = [];
          let passingTotal = 0;
          yield {
            weight: 8 + requirement.checks.length * 2 + Math.min(failing, this.failingCap) + accounts / 2,
            marks: [mark],
            blocks: () => this.requirementBlocks(requirement, mark, passingRows, (n) => (passingTotal = n)),
          };
          if (requirement.checks.length > 0)
            passingLists.push({
              requirement,
              rows: passingRows,
              get total() {
                return passingTotal;
              },
            });
        }
      }
    }

    // Every exception the report relied on, after the requirements whose rows name them.
    const exceptions = exceptionsView(this.results);
    if (exceptions) {
      const mark: PdfMark = {
        dest: this.dest(),
        title: 'Exceptions (accepted risks)',
        level: 1,
        contents: { id: '', title: 'Exceptions (accepted risks)' },
      };
      const weight = 6 + exceptions.rows.length * 4;
      yield { weight, marks: [mark], blocks: () => [{ weight, exceptions: { ...exceptions, dest: mark.dest } }] };
    }

    // The sign-off closes the body, before the annexes.
    const signOffMark: PdfMark = { dest: this.dest(), title: 'Sign-off', level: 1, contents: { id: '', title: 'Sign-off' } };
    const { bundle: signedBundle } = this.results;
    yield {
      weight: 12,
      marks: [signOffMark],
      blocks: () => [
        {
          weight: 12,
          signOff: {
            dest: signOffMark.dest,
            rows: signOffView(this.results.framing),
            period: periodText(this.results.framing),
            bundleId: signedBundle.id,
            manifestSha256: signedBundle.manifestSha256,
          },
        },
      ],
    };

    const annexA: PdfMark = {
      dest: this.dest(),
      title: 'Annex A: passing resources',
      level: 1,
      contents: { id: 'Annex A', title: 'Passing resources' },
    };
    yield {
      weight: 4,
      marks: [annexA],
      blocks: () => [{ weight: 4, annexA: { dest: annexA.dest, cap: this.passingCap } }],
    };
    for (const list of passingLists) {
      if (list.total === 0) continue;
      yield {
        weight: list.rows.length + 3,
        marks: [],
        blocks: () => this.passingBlocks(list.requirement, list.rows, list.total),
      };
    }

    const entries = this.evidence.entries();
    const annexB: PdfMark = {
      dest: this.dest(),
      title: 'Annex B: evidence index',
      level: 1,
      contents: { id: 'Annex B', title: 'Evidence index' },
    };
    yield {
      weight: 4,
      marks: [annexB],
      blocks: () => [{ weight: 4, annexB: { dest: annexB.dest, count: entries.length } }],
    };
    const perBlock = 100;
    for (let i = 0; i < entries.length; i += perBlock) {
      const slice = entries.slice(i, i + perBlock);
      yield {
        weight: slice.length,
        marks: [],
        blocks: () => [
          {
            weight: slice.length,
            evidence: slice.map((e) => ({ n: e.n, path: e.path, size: e.size === undefined ? '—' : String(e.size), sha256: e.sha256 })),
          },
        ],
      };
    }

    const errors: PdfMark = { dest: this.dest(), title: 'Collection errors', level: 1, contents: { id: '', title: 'Collection errors' } };
    const list = this.results.bundle.errors.map(errorView);
    yield { weight: 4 + list.length, marks: [errors], blocks: () => [{ weight: 4 + list.length, errors: { dest: errors.dest, list } }] };
    const { bundle, tool, catalog } = this.results;
    yield {
      weight: 4,
      marks: [],
      blocks: () => [
        {
          weight: 4,
          verify: {
            bundleId: bundle.id,
            manifestSha256: bundle.manifestSha256,
            ...(this.options.signer ? { signer: this.options.signer } : {}),
            tool: `${tool.name} ${tool.version}`,
            catalogFile: catalog.file,
          },
        },
      ],
    };
  }

  private *requirementBlocks(
    requirement: RequirementResult<FindingSet>,
    mark: PdfMark,
    passingRows: Row[],
    setPassingTotal: (n: number) => void,
  ): Generator<Block> {
    const multipleChecks = requirement.checks.length > 1;
    const counts = emptyCounts();
    for (const c of requirement.checks) addCounts(counts, c.findings.counts);
    const extracts = requirement.checks.map((c) => this.extract(c.findings));
    yield { weight: 8 + requirement.checks.length * 2, requirement: this.requirementView(requirement, mark, counts) };

    let shown = 0;
    let more = 0;
    let lastView: FindingsView | undefined;
    for (const [i, check] of requirement.checks.entries()) {
      const rows = extracts[i]?.failing ?? [];
      let view: FindingsView | undefined;
      // Rows come account by account, region by region. A group of a few rows gets no heading of
      // its own: such groups share one table that names each row's account and region.
      const listed = rows.slice(0, Math.max(0, this.failingCap - shown));
      more += rows.length - listed.length;
      for (const run of runsOf(listed, (r) => `${r.account}\u0000${r.region}`)) {
        const mixed = run.length < MIN_GROUP_ROWS;
        for (const row of run) {
          const account = this.accountName(row.account);
          const sameGroup =
            view !== undefined && (mixed ? view.mixed === true : !view.mixed && view.account === account && view.region === row.region);
          if (!view || !sameGroup || view.rows.length >= BLOCK_ROWS) {
            if (view) yield { weight: view.rows.length + 1, findings: view };
            view = {
              ...(multipleChecks ? { check: check.check } : {}),
              account: mixed ? '' : account,
              region: mixed ? '' : row.region,
              continued: sameGroup,
              ...(mixed ? { mixed: true } : {}),
              rows: [],
            };
          }
          view.rows.push({
            status: row.status,
            resource: row.resource,
            reason: row.reason,
            evidence: row.evidence,
            ...(mixed ? { where: `${account} · ${row.region}` } : {}),
          });
          shown += 1;
        }
      }
      // Set extracts hold at most the cap; the rest of a set is counted from its counts.
      more += check.findings.counts.FAIL + check.findings.counts.NOT_EVALUATED - rows.length;
      if (view) {
        lastView = view;
        if (i < requirement.checks.length - 1) yield { weight: view.rows.length + 1, findings: view };
      }
    }
    if (lastView) {
      if (more > 0) lastView.more = moreFailingText(more, requirement.id);
      yield { weight: lastView.rows.length + 1, findings: lastView };
    } else if (more > 0) {
      yield { weight: 2, findings: { account: '', region: '', continued: false, rows: [], more: moreFailingText(more, requirement.id) } };
    }

    for (const extract of extracts) {
      for (const row of extract.passing) if (passingRows.length < this.passingCap) passingRows.push(row);
    }
    setPassingTotal(counts.PASS);
    for (const check of requirement.checks) this.release(check.findings);
  }

  private *passingBlocks(requirement: RequirementResult<FindingSet>, rows: readonly Row[], total: number): Generator<Block> {
    for (let i = 0; i < rows.length || i === 0; i += BLOCK_ROWS) {
      const slice = rows.slice(i, i + BLOCK_ROWS);
      const last = i + BLOCK_ROWS >= rows.length;
      const view: PassingView = {
        ...(i === 0 ? { requirement: { id: requirement.id, title: requirement.title, total } } : {}),
        continued: i > 0,
        rows: slice.map((r) => ({ resource: r.resource, account: this.accountName(r.account), region: r.region, evidence: r.evidence })),
        ...(last && total > rows.length ? { more: morePassingText(total - rows.length, requirement.id) } : {}),
      };
      yield { weight: slice.length + 2, passing: view };
    }
  }

  private requirementView(requirement: RequirementResult<FindingSet>, mark: PdfMark, counts: FindingCounts): RequirementView {
    const failing = counts.FAIL + counts.NOT_EVALUATED;
    const excepted = requirement.checks.reduce((n, c) => n + (c.findings.excepted ?? 0), 0);
    const summaryLines: string[] = [];
    if (requirement.checks.length > 0) {
      if (failing === 0) summaryLines.push(`No FAIL or NOT EVALUATED finding.`);
      if (excepted > 0) {
        summaryLines.push(
          `${excepted} of ${counts.FAIL} FAIL ${counts.FAIL === 1 ? 'finding is an accepted risk' : excepted === 1 ? 'findings is an accepted risk' : 'findings are accepted risks'}, shown as EXCEPTED with the exception that covers ${excepted === 1 ? 'it' : 'them'} (see Exceptions).`,
        );
      }
      if (counts.PASS > 0) {
        const listed = Math.min(counts.PASS, this.passingCap);
        summaryLines.push(
          `${counts.PASS} PASS ${counts.PASS === 1 ? 'finding is' : 'findings are'} counted here; ${listed === counts.PASS ? (counts.PASS === 1 ? 'it is' : 'all are') : `the first ${listed} are`} listed in Annex A.`,
        );
      }
    }
    return {
      dest: mark.dest,
      id: requirement.id,
      title: requirement.title,
      status: requirement.status,
      statusReason: requirement.statusReason,
      ...(requirement.profile !== undefined ? { profile: requirement.profile } : {}),
      manual: requirement.assessment === 'manual',
      attestationRequired: requirement.status === 'MANUAL',
      ...(requirement.manualBecause !== undefined ? { manualBecause: requirement.manualBecause } : {}),
      ...(requirement.suggestedStatus !== undefined ? { suggestedStatus: requirement.suggestedStatus } : {}),
      ...(requirement.description !== undefined ? { description: requirement.description } : {}),
      ...(showsRemediation(requirement) ? { remediation: requirement.remediation } : {}),
      ...(requirement.disagreement !== undefined ? { disagreement: requirement.disagreement } : {}),
      overrides: requirement.overrides,
      attestations: requirement.attestations,
      checks: requirement.checks.map((c) => ({
        check: c.check,
        title: c.title,
        status: c.status,
        params: formatParams(c.params),
        tally: findingsTally(c.findings.counts, c.findings.excepted ?? 0),
      })),
      ...(requirement.checks.length > 0 && this.results.bundle.accounts.length > 1 ? { accounts: this.accountCounts(requirement) } : {}),
      summaryLines,
    };
  }

  /** Per account: the accounts with something to report in rows, the others in one line each. */
  private accountCounts(requirement: RequirementResult<FindingSet>): NonNullable<RequirementView['accounts']> {
    const rows: { label: string; counts: FindingCounts }[] = [];
    const allPass: string[] = [];
    let allPassFindings = 0;
    const none: string[] = [];
    for (const account of this.results.bundle.accounts) {
      const counts = emptyCounts();
      for (const c of requirement.checks) {
        const mine = c.findings.byAccount.get(account.id);
        if (mine) addCounts(counts, mine);
      }
      if (counts.total === 0) none.push(account.id);
      else if (counts.FAIL + counts.NOT_EVALUATED === 0) {
        allPass.push(account.id);
        allPassFindings += counts.PASS;
      } else rows.push({ label: accountLabel(account), counts });
    }
    return {
      rows,
      ...(allPass.length > 0
        ? {
            allPass: `${allPass.length} ${allPass.length === 1 ? 'account' : 'accounts'} with every finding PASS (${allPassFindings} ${allPassFindings === 1 ? 'finding' : 'findings'}): ${allPass.join(', ')}.`,
          }
        : {}),
      ...(none.length > 0
        ? {
            none: `${none.length} ${none.length === 1 ? 'account has' : 'accounts have'} no finding for this requirement: ${none.join(', ')}.`,
          }
        : {}),
    };
  }

  private accountName(id: string): string {
    return this.accountNames.get(id) ?? id;
  }

  /** Reads a set once (however many requirements share it): its failing findings up to the cap, passing ones up to the annex cap. */
  private extract(set: FindingSet): Extract {
    const known = this.extracts.get(set);
    if (known) return known;
    const extract: Extract = { failing: [], passing: [] };
    const wantFailing = set.counts.FAIL + set.counts.NOT_EVALUATED > 0;
    for (const finding of set.read()) {
      if (finding.status === 'PASS') {
        if (extract.passing.length < this.passingCap) extract.passing.push(this.row(finding));
      } else if (extract.failing.length < this.failingCap) extract.failing.push(this.row(finding));
      if (
        extract.passing.length >= Math.min(this.passingCap, set.counts.PASS) &&
        (!wantFailing || extract.failing.length >= Math.min(this.failingCap, set.counts.FAIL + set.counts.NOT_EVALUATED))
      )
        break;
    }
    this.extracts.set(set, extract);
    return extract;
  }

  /** Forgets a set's extract once the last requirement using it is written. */
  private release(set: FindingSet): void {
    const left = (this.uses.get(set) ?? 1) - 1;
    this.uses.set(set, left);
    if (left <= 0) this.extracts.delete(set);
  }

  private row(finding: Finding): Row {
    const excepted = finding.status === 'FAIL' && finding.exception !== undefined;
    return {
      status: excepted ? EXCEPTED : finding.status,
      resource: finding.resource,
      reason: excepted && finding.exception ? `${exceptionNote(finding.exception)}: ${finding.reason}` : finding.reason,
      account: finding.account,
      region: finding.region,
      evidence: finding.evidence.map((ref) => `E${this.evidence.number(ref)}`).join(' ') || '—',
    };
  }

  private frontView(pageOf: ReadonlyMap<string, number>, frontPages: number): PartView {
    const { results, options } = this;
    const { bundle, summary } = results;
    this.frontMarks.length = 0;
    const marks = { summary: 'front-summary', accounts: 'front-accounts', contents: 'front-contents' };
    this.frontMarks.push({ dest: marks.summary, title: 'Executive summary', level: 1 });
    const accountTable = summary.accounts && summary.accounts.length > 1 ? summary.accounts : undefined;
    if (accountTable) this.frontMarks.push({ dest: marks.accounts, title: 'Accounts', level: 1 });
    this.frontMarks.push({ dest: marks.contents, title: 'Contents', level: 1 });
    const contents: FrontView['contents'] = [];
    for (const mark of this.bodyMarks) {
      if (!mark.contents) continue;
      const page = pageOf.get(mark.dest);
      contents.push({
        id: mark.contents.id,
        title: mark.contents.title,
        ...(mark.contents.status ? { status: mark.contents.status } : {}),
        page: page === undefined ? '' : String(frontPages + page + 1),
        level: mark.level,
      });
    }
    const front: FrontView = {
      tool: results.tool,
      catalog: results.catalog,
      bundle,
      accountsLine:
        bundle.accounts.length === 0
          ? '—'
          : bundle.accounts.length <= MAX_COVER_ACCOUNTS || !accountTable
            ? bundle.accounts.map(accountLabel).join(', ')
            : `${bundle.accounts.length} accounts, listed in the account summary`,
      ...(bundle.organization ? { organization: organizationText(bundle) } : {}),
      period: periodText(results.framing),
      generatedAt: options.generatedAt,
      ...(options.signer ? { signer: options.signer } : {}),
      ...(bundle.seal ? { seal: sealText(bundle.seal), sealState: bundle.seal.state } : {}),
      ...(!bundle.complete || bundle.errors.length > 0
        ? { warning: { incomplete: !bundle.complete, errorCount: bundle.errors.length, notEvaluated: summary.counts.NOT_EVALUATED } }
        : {}),
      warnings: results.warnings,
      summary: {
        cards: STATUS_ORDER.map((status) => ({ status, count: summary.counts[status] })),
        total: summary.counts.total,
        passRate: summary.passRate,
        coverage: summary.coverage,
        automated: summary.automated,
        sections: summary.sections.map((s) => ({ ...s, passRateText: percent(s.passRate), coverageText: percent(s.coverage) })),
      },
      ...(accountTable
        ? {
            accountTable: accountTable.map((a) => ({
              id: a.id,
              name: a.name ?? '',
              counts: a.counts,
              passRate: percent(a.passRate),
              coverage: percent(a.coverage),
              findings: a.findings,
            })),
          }
        : {}),
      attestationsRequired: results.requirements
        .filter((r) => r.status === 'MANUAL')
        .map((r) => ({
          id: r.id,
          title: r.title,
          ...(r.manualBecause !== undefined ? { manualBecause: r.manualBecause } : {}),
          ...(r.suggestedStatus !== undefined ? { suggestedStatus: r.suggestedStatus } : {}),
        })),
      contents,
      marks,
    };
    return { title: reportTitle(results), front, blocks: [], marks: this.frontMarks };
  }
}

/** More accounts than this are counted on the cover, and listed in the account summary. */
const MAX_COVER_ACCOUNTS = 10;

/** A group of fewer rows than this (one account, one region) shares a table with its neighbours. */
const MIN_GROUP_ROWS = 3;

/** Consecutive items with the same key, in order. */
function* runsOf<T>(items: readonly T[], keyOf: (item: T) => string): Generator<T[]> {
  let run: T[] = [];
  let key: string | undefined;
  for (const item of items) {
    const k = keyOf(item);
    if (run.length > 0 && k !== key) {
      yield run;
      run = [];
    }
    key = k;
    run.push(item);
  }
  if (run.length > 0) yield run;
}

/** Findings rows per table block: a block is one table under one heading, continued on the next. */
const BLOCK_ROWS = 250;

function percent(rate: number | null): string {
  return rate === null ? '—' : formatPercent(rate);
}

interface SectionGroups {
  id: string;
  title: string;
  groups: { id: string; title: string; subsection: boolean; requirements: RequirementResult<FindingSet>[] }[];
}

/**
 * Top-level sections in summary order, each with its requirements in catalog order; requirements of
 * a sub-section ("2.1") sit under their own heading. A section missing from the summary comes last.
 */
function groupBySection(results: Results<FindingSet>): SectionGroups[] {
  const sections = new Map<string, SectionGroups>();
  for (const s of results.summary.sections) sections.set(s.id, { id: s.id, title: s.title, groups: [] });
  const topLevelOf = (section: string): string =>
    results.summary.sections
      .map((s) => s.id)
      .filter((id) => section === id || section.startsWith(`${id}.`))
      .sort((a, b) => b.length - a.length)[0] ?? section;
  for (const requirement of results.requirements) {
    const top = topLevelOf(requirement.section);
    let section = sections.get(top);
    if (!section) {
      section = { id: top, title: requirement.sectionTitle, groups: [] };
      sections.set(top, section);
    }
    let group = section.groups.find((g) => g.id === requirement.section);
    if (!group) {
      group = { id: requirement.section, title: requirement.sectionTitle, subsection: requirement.section !== top, requirements: [] };
      section.groups.push(group);
    }
    group.requirements.push(requirement);
  }
  return [...sections.values()].filter((s) => s.groups.length > 0);
}
