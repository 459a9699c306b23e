import type { CollectionError } from '../bundle/manifest.js';
import type { FileRef } from '../bundle/read-bundle.js';
import type { Crosswalk } from '../catalog/crosswalk.js';
import { CONFIG_RULE_CHECK } from '../checks/config/config-rule-compliant.js';
import type { FindingStatus } from '../checks/define-check.js';
import type { AutomatedCounts, RequirementResult, RequirementStatus, Results, StatusCounts } from '../evaluate/results.js';
import { canonicalJson } from '../shared/canonical-json.js';
import {
  compare,
  matchRequirements,
  matchSections,
  topLevelSection,
  type MatchMode,
  type RequirementMatch,
  type RequirementPair,
} from './match.js';

/**
 * How a requirement changed from OLD to NEW:
 * - `regression` PASS → FAIL; `newly-failing` NOT_EVALUATED, MANUAL or NOT_APPLICABLE → FAIL;
 * - `fix` FAIL → PASS on complete evidence; `newly-passing` NOT_EVALUATED, MANUAL or NOT_APPLICABLE → PASS;
 * - `unverified-fix` FAIL → NOT_EVALUATED, or FAIL → PASS where failing resources vanished with
 *   their evidence: never counted as a fix;
 * - `scope-reduced` would read as a fix or newly passing, but a failing or not evaluated resource
 *   of OLD lies in an account or region NEW did not collect (or NEW's collection stopped before
 *   it): never counted as an improvement;
 * - `newly-not-evaluated`, `newly-manual`, `newly-not-applicable`: any other move to that status;
 * - `still-failing` FAIL → FAIL; `unchanged` any other same status;
 * - `added` / `removed`: only one side's catalog has it (a catalog or benchmark change).
 */
export type RequirementChange =
  | 'regression'
  | 'newly-failing'
  | 'unverified-fix'
  | 'scope-reduced'
  | 'newly-not-evaluated'
  | 'newly-manual'
  | 'fix'
  | 'newly-passing'
  | 'newly-not-applicable'
  | 'still-failing'
  | 'unchanged'
  | 'added'
  | 'removed';

/** Every requirement change, in the order reports list them (worse first). */
export const REQUIREMENT_CHANGES: readonly RequirementChange[] = [
  'regression',
  'newly-failing',
  'unverified-fix',
  'scope-reduced',
  'newly-not-evaluated',
  'newly-manual',
  'fix',
  'newly-passing',
  'newly-not-applicable',
  'still-failing',
  'unchanged',
  'added',
  'removed',
];

/**
 * How one resource (matched by resource, account and region) changed inside a requirement:
 * - `newly-failing` PASS → FAIL; `fixed` FAIL → PASS; `still-failing` FAIL → FAIL;
 * - `appeared` / `disappeared`: only one side has it and nothing hid it (a new user, a deleted bucket);
 * - `evidence-lost`: decided before, now NOT_EVALUATED or gone because its evidence is missing;
 * - `evidence-regained`: not evaluated (or hidden by missing evidence) before, decided now;
 * - `gap-opened` / `gap-closed`: a NOT_EVALUATED finding only one side has;
 * - `out-of-scope`: only OLD has it, and NEW did not look: its account or region is not in NEW's
 *   scope, or NEW's collection did not finish (never a fix, whatever its status was);
 * - `newly-in-scope`: only NEW has it, in an account or region OLD did not collect.
 */
export type ResourceChange =
  | 'newly-failing'
  | 'appeared'
  | 'evidence-lost'
  | 'evidence-regained'
  | 'fixed'
  | 'disappeared'
  | 'gap-opened'
  | 'gap-closed'
  | 'out-of-scope'
  | 'newly-in-scope'
  | 'still-failing';

/** Every resource change, in the order reports list them. */
export const RESOURCE_CHANGES: readonly ResourceChange[] = [
  'newly-failing',
  'appeared',
  'evidence-lost',
  'evidence-regained',
  'fixed',
  'disappeared',
  'gap-opened',
  'gap-closed',
  'out-of-scope',
  'newly-in-scope',
  'still-failing',
];

/** A resource as one side saw it: its worst status over the requirement's checks. */
export interface ResourceState {
  status: FindingStatus;
  reason: string;
  evidence: FileRef[];
  /** A FAIL every failing finding of which an exception (accepted risk) covers: that exception's id. */
  excepted?: string;
}

/** The run of periods a failure has lasted, when earlier periods were given. */
export interface FailingSince {
  /** Label of the first period of the unbroken run of FAIL ending in NEW. */
  period: string;
  /** How many periods the run spans, NEW included (2: failing in OLD and NEW). */
  periods: number;
}

/** One resource's change inside a requirement. */
export interface ResourceDiff {
  change: ResourceChange;
  resource: string;
  account: string;
  region: string;
  old?: ResourceState;
  new?: ResourceState;
  /** evidence-lost / evidence-regained: what is missing on the side that lacks it. */
  gap?: string;
  failingSince?: FailingSince;
}

/** One requirement's change; both ids are kept so a crosswalked pair shows "1.9 → 2.9". */
export interface RequirementDiff {
  change: RequirementChange;
  oldId?: string;
  newId?: string;
  /** NEW's title (OLD's for a removed requirement). */
  title: string;
  /** OLD's title when it differs. */
  oldTitle?: string;
  /** NEW's section and its top-level section (OLD's for a removed requirement). */
  section: string;
  topSection: string;
  sectionTitle: string;
  old?: { status: RequirementStatus; reason: string };
  new?: { status: RequirementStatus; reason: string };
  /** NEW fails only through resources exceptions cover (accepted risks): `--fail-on regression` does not stop on it. */
  exceptedOnly?: boolean;
  /** Lineage note from the crosswalk, or why a requirement has no counterpart. */
  note?: string;
  /** unverified-fix and scope-reduced: the missing evidence or scope, one line per gap. */
  missingEvidence?: string[];
  failingSince?: FailingSince;
  /**
   * Resources that changed, and still-failing ones, by the checks that decide the requirement (our
   * own; AWS Config rules only where no check of ours is named); unchanged resources are left out.
   */
  resources: ResourceDiff[];
  /** AWS Config rule verdicts that changed, a track of their own: they never decide the change above. */
  configRules: ResourceDiff[];
}

/** One side as a diff shows it. */
export interface DiffSide {
  /** A short name for the period: the collection date, with the time when two periods share a date. */
  label: string;
  tool: { version: string };
  bundle: Omit<Results['bundle'], 'fileCount' | 'errors'> & { errorCount: number };
  catalog: Results['catalog'];
  counts: StatusCounts;
  /** PASS ÷ automated requirements (NOT_EVALUATED counts against it), as in results.json. */
  passRate: number | null;
  /** Share of automated requirements evidence decided. */
  coverage: number | null;
  automated: AutomatedCounts;
}

/** A section's standing on one side of a diff. */
export interface SectionSide {
  counts: StatusCounts;
  passRate: number | null;
  coverage: number | null;
}

/** A top-level section's pass rate on both sides; ids differ when the benchmark renumbered it. */
export interface SectionDiff {
  /** NEW's id (OLD's when NEW has no such section). */
  id: string;
  title: string;
  oldId?: string;
  newId?: string;
  old: SectionSide | null;
  new: SectionSide | null;
  /** new − old pass rate, 0..1 scale; null when either is null, or when NEW's scope is smaller (not comparable). */
  change: number | null;
}

/** What changed in what was collected. */
export interface EvidenceDiff {
  accountsAdded: { id: string; name?: string }[];
  accountsRemoved: { id: string; name?: string }[];
  regionsAdded: string[];
  regionsRemoved: string[];
  /** Collection errors NEW has and OLD had not (matched by account, region, service, operation, code and parameters). */
  errorsAdded: CollectionError[];
  /** OLD's errors whose call NEW made and got an answer to. */
  errorsResolved: CollectionError[];
  /**
   * OLD's errors NEW cannot speak to: their account or region is not in NEW's scope, or NEW's
   * collection did not finish and holds no evidence of that call. Never "resolved".
   */
  errorsNotRechecked: CollectionError[];
  /** Why NEW looked at less than OLD, one sentence each; empty when it did not. */
  scopeReduced: string[];
  /** Whether each side's collection finished. */
  complete: { old: boolean; new: boolean };
}

/** The diff of two periods' results: what `diff.json` holds and the HTML and PDF show. */
export interface Diff {
  formatVersion: 1;
  kind: 'auditpack-diff';
  tool: { name: 'auditpack'; version: string };
  old: DiffSide;
  new: DiffSide;
  matching: { mode: MatchMode; crosswalk?: RequirementMatch['crosswalk'] };
  summary: {
    /** False when nothing changed: identical inputs give an unchanged diff (still-failing requirements are listed, not changes). */
    changed: boolean;
    /** True when a requirement regressed or newly fails, or a failing requirement has a newly failing resource: what `--fail-on regression` tests. */
    regressed: boolean;
    /** True when NEW looked at less than OLD (accounts or regions not collected, collection interrupted): score changes are then not comparable. */
    scopeReduced: boolean;
    requirements: Record<RequirementChange, number>;
    resources: Record<ResourceChange, number>;
    /** Changes of AWS Config rule verdicts, counted apart from our checks' resources. */
    configRules: Record<ResourceChange, number>;
    /** Score (PASS ÷ automated requirements); change is null when either is null or the scope was reduced. */
    passRate: { old: number | null; new: number | null; change: number | null };
    /** Share of automated requirements evidence decided, on each side. */
    coverage: { old: number | null; new: number | null; change: number | null };
    sections: SectionDiff[];
  };
  /** Every requirement that changed or still fails, NEW's catalog order, then requirements only OLD had. */
  requirements: RequirementDiff[];
  evidence: EvidenceDiff;
  /** Accepted risks added, expired and removed between the periods. */
  exceptions: ReturnType<typeof exceptionChanges>;
  /** Things a reader must know to trust the comparison (tool or catalog changed, order of periods). */
  warnings: string[];
}

/** Options for {@link diffResults}. */
export interface DiffOptions {
  /** Needed when the two sides were evaluated against different versions of a framework. */
  crosswalk?: Crosswalk;
  /** Earlier periods, oldest first, to tell how long a still-failing requirement or resource has failed. */
  history?: readonly Results[];
  toolVersion: string;
}

/**
 * Compares two periods' results at requirement, resource and evidence level. Pure: the same
 * inputs always give the same Diff (serialised byte for byte the same with canonicalJson).
 */
export function diffResults(old: Results, neu: Results, options: DiffOptions): Diff {
  const chain = [...(options.history ?? []), old, neu];
  const labels = periodLabels(chain);
  const match = matchRequirements(old, neu, options.crosswalk);
  const since = failingSinceFinder(chain, labels, options.crosswalk, match);
  const requirements = match.pairs
    .map((pair) => requirementDiff(pair, old, neu, since))
    .filter((r) => r.change !== 'unchanged' || r.resources.length > 0 || r.configRules.length > 0);
  const evidence = evidenceDiff(old, neu);
  const exceptions = exceptionChanges(old, neu);
  const scopeReduced = evidence.scopeReduced.length > 0;
  const sections = sectionDiffs(old, neu, match, scopeReduced);
  const requirementCounts = Object.fromEntries(REQUIREMENT_CHANGES.map((c) => [c, 0])) as Record<RequirementChange, number>;
  const resourceCounts = Object.fromEntries(RESOURCE_CHANGES.map((c) => [c, 0])) as Record<ResourceChange, number>;
  const configCounts = Object.fromEntries(RESOURCE_CHANGES.map((c) => [c, 0])) as Record<ResourceChange, number>;
  for (const r of requirements) {
    requirementCounts[r.change]++;
    for (const res of r.resources) resourceCounts[res.change]++;
    for (const res of r.configRules) configCounts[res.change]++;
  }
  const evidenceChanged =
    evidence.accountsAdded.length +
      evidence.accountsRemoved.length +
      evidence.regionsAdded.length +
      evidence.regionsRemoved.length +
      evidence.errorsAdded.length +
      evidence.errorsResolved.length +
      evidence.errorsNotRechecked.length >
      0 || evidence.complete.old !== evidence.complete.new;
  const changed =
    evidenceChanged ||
    exceptions.added.length + exceptions.expired.length + exceptions.removed.length > 0 ||
    requirements.some(
      (r) =>
        r.change !== 'still-failing' ||
        r.resources.some((res) => res.change !== 'still-failing') ||
        r.configRules.some((res) => res.change !== 'still-failing'),
    );
  // Scores over different scopes measure different things: a rise there is not an improvement.
  const compared = (a: number | null, b: number | null): number | null => (scopeReduced ? null : delta(a, b));
  const passRate = { old: old.summary.passRate, new: neu.summary.passRate, change: compared(old.summary.passRate, neu.summary.passRate) };
  const coverage = { old: old.summary.coverage, new: neu.summary.coverage, change: delta(old.summary.coverage, neu.summary.coverage) };
  return {
    formatVersion: 1,
    kind: 'auditpack-diff',
    tool: { name: 'auditpack', version: options.toolVersion },
    old: side(old, labels[chain.length - 2] ?? ''),
    new: side(neu, labels[chain.length - 1] ?? ''),
    matching: match.crosswalk ? { mode: match.mode, crosswalk: match.crosswalk } : { mode: match.mode },
    summary: {
      changed,
      regressed: requirements.some(isRegression),
      scopeReduced,
      requirements: requirementCounts,
      resources: resourceCounts,
      configRules: configCounts,
      passRate,
      coverage,
      sections,
    },
    requirements,
    evidence,
    exceptions,
    warnings: [...warnings(old, neu, match), ...scopeWarning(evidence)],
  };
}

/** Whether a requirement's change is one `--fail-on regression` stops on. */
export function isRegression(r: RequirementDiff): boolean {
  // Accepted risks are known and approved: only failures no exception covers are regressions.
  if (r.exceptedOnly) return false;
  if (r.change === 'regression' || r.change === 'newly-failing') return true;
  return (
    r.new?.status === 'FAIL' &&
    r.old !== undefined &&
    r.resources.some((res) => res.new?.status === 'FAIL' && res.new.excepted === undefined && res.old?.status !== 'FAIL')
  );
}

/** One exception as a diff lists it. */
export interface ExceptionChange {
  id: string;
  requirement: string;
  resource: string;
  approvedBy: string;
  expires: string;
}

/**
 * Exceptions (accepted risks) between two periods: added in NEW; expired (OLD used it and it had
 * expired by NEW's collection); removed (OLD used it, NEW did not, and it had not expired).
 */
export function exceptionChanges(
  old: Results,
  neu: Results,
): { added: ExceptionChange[]; expired: ExceptionChange[]; removed: ExceptionChange[] } {
  const view = (e: NonNullable<Results['exceptions']>[number]): ExceptionChange => ({
    id: e.id,
    requirement: e.appliesTo,
    resource: e.resource,
    approvedBy: e.approvedBy,
    expires: e.expires,
  });
  const before = new Map((old.exceptions ?? []).map((e) => [e.id, e]));
  const after = new Map((neu.exceptions ?? []).map((e) => [e.id, e]));
  const newDay = neu.bundle.finishedAt.slice(0, 10);
  const gone = [...before.values()].filter((e) => !after.has(e.id));
  return {
    added: [...after.values()].filter((e) => !before.has(e.id)).map(view),
    expired: gone.filter((e) => e.expires <= newDay).map(view),
    removed: gone.filter((e) => e.expires > newDay).map(view),
  };
}

/**
 * Short names for periods: the collection date; the date and time when two share a date; a
 * counter when even that repeats (the same bundle given twice).
 */
export function periodLabels(chain: readonly Results[]): string[] {
  const dates = chain.map((r) => r.bundle.finishedAt.slice(0, 10));
  const times = chain.map((r, i) =>
    dates.filter((d) => d === dates[i]).length > 1 ? `${dates[i]} ${r.bundle.finishedAt.slice(11, 16)}` : (dates[i] ?? ''),
  );
  return times.map((t, i) =>
    times.filter((x) => x === t).length > 1 ? `${t} #${times.slice(0, i + 1).filter((x) => x === t).length}` : t,
  );
}

function side(results: Results, label: string): DiffSide {
  const { bundle, catalog, summary } = results;
  return {
    label,
    tool: { version: results.tool.version },
    bundle: {
      id: bundle.id,
      manifestSha256: bundle.manifestSha256,
      startedAt: bundle.startedAt,
      finishedAt: bundle.finishedAt,
      complete: bundle.complete,
      accounts: bundle.accounts,
      regions: bundle.regions,
      errorCount: bundle.errors.length,
    },
    catalog,
    counts: summary.counts,
    passRate: summary.passRate,
    coverage: summary.coverage,
    automated: summary.automated,
  };
}

function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : b - a;
}

// ---------------------------------------------------------------- requirements

type Since = (pair: RequirementPair, resourceKey?: string) => FailingSince | undefined;

function requirementDiff(pair: RequirementPair, old: Results, neu: Results, since: Since): RequirementDiff {
  const o = pair.old;
  const n = pair.new;
  const shown = (n ?? o) as RequirementResult;
  const sideResults = n ? neu : old;
  const diff: RequirementDiff = {
    change: 'unchanged',
    title: shown.title,
    section: shown.section,
    topSection: topLevelSection(shown.section, sideResults.summary.sections),
    sectionTitle: shown.sectionTitle,
    resources: [],
    configRules: [],
  };
  if (o) {
    diff.oldId = o.id;
    diff.old = { status: o.status, reason: o.statusReason };
  }
  if (n) {
    diff.newId = n.id;
    diff.new = { status: n.status, reason: n.statusReason };
  }
  if (o && n && o.title !== n.title) diff.oldTitle = o.title;
  if (pair.note !== undefined) diff.note = pair.note;
  if (!o || !n) {
    diff.change = o ? 'removed' : 'added';
    return diff;
  }
  // Manual on both sides: a person decides; the checks' suggestions are not the record.
  if (o.assessment !== 'manual' || n.assessment !== 'manual') {
    const after = resourceStates(n);
    const failing = [...after.values()].filter((s) => s.status === 'FAIL');
    if (n.status === 'FAIL' && failing.length > 0 && failing.every((s) => s.excepted !== undefined)) diff.exceptedOnly = true;
    diff.resources = resourceDiffs(resourceStates(o), after, old, neu, (key) => since(pair, key));
    diff.configRules = resourceDiffs(resourceStates(o, 'config'), resourceStates(n, 'config'), old, neu, () => undefined);
  }
  diff.change = statusChange(o.status, n.status);
  // Whatever OLD could not pass and NEW did not look at again keeps an apparent improvement from counting.
  const unseen = diff.resources.filter((r) => r.change === 'out-of-scope' && r.old?.status !== 'PASS');
  if (unseen.length > 0 && (diff.change === 'fix' || diff.change === 'newly-passing' || diff.change === 'unverified-fix')) {
    diff.change = 'scope-reduced';
    diff.missingEvidence = unique(unseen.map((r) => `${r.resource}: ${r.gap ?? "not in NEW's collection scope"}`));
  } else if (diff.change === 'fix') {
    const lost = diff.resources.filter((r) => r.change === 'evidence-lost' && r.old?.status === 'FAIL');
    if (lost.length > 0) {
      diff.change = 'unverified-fix';
      diff.missingEvidence = unique(lost.map((r) => `${r.resource}: ${r.gap ?? 'evidence missing'}`));
    }
  } else if (diff.change === 'unverified-fix') {
    const gaps = diff.resources
      .filter((r) => r.change === 'evidence-lost' || r.change === 'gap-opened')
      .map((r) => `${r.resource}: ${r.gap ?? r.new?.reason ?? ''}`);
    diff.missingEvidence = gaps.length > 0 ? unique(gaps) : [n.statusReason];
  }
  if (diff.change === 'still-failing') {
    const s = since(pair);
    if (s) diff.failingSince = s;
  }
  return diff;
}

function statusChange(from: RequirementStatus, to: RequirementStatus): RequirementChange {
  if (from === to) return to === 'FAIL' ? 'still-failing' : 'unchanged';
  switch (to) {
    case 'FAIL':
      return from === 'PASS' ? 'regression' : 'newly-failing';
    case 'PASS':
      return from === 'FAIL' ? 'fix' : 'newly-passing';
    case 'NOT_EVALUATED':
      return from === 'FAIL' ? 'unverified-fix' : 'newly-not-evaluated';
    case 'MANUAL':
      return 'newly-manual';
    case 'NOT_APPLICABLE':
      return 'newly-not-applicable';
  }
}

// ---------------------------------------------------------------- resources

interface Located extends ResourceState {
  resource: string;
  account: string;
  region: string;
}

const STATUS_RANK: Record<FindingStatus, number> = { FAIL: 0, NOT_EVALUATED: 1, PASS: 2 };

function resourceKey(f: { resource: string; account: string; region: string }): string {
  return `${f.account}\u0000${f.region}\u0000${f.resource}`;
}

/**
 * The checks of one track of a requirement. `deciding`: the checks that decide its status, our own
 * (AWS Config rules only when no check of ours is named), as the evaluator decides. `config`: AWS
 * Config rules beside our own checks, corroboration only.
 */
export function trackChecks(requirement: RequirementResult, track: 'deciding' | 'config' = 'deciding'): RequirementResult['checks'] {
  const own = requirement.checks.filter((c) => c.check !== CONFIG_RULE_CHECK);
  if (track === 'config') return own.length > 0 ? requirement.checks.filter((c) => c.check === CONFIG_RULE_CHECK) : [];
  return own.length > 0 ? own : requirement.checks;
}

/**
 * Each resource's worst status over one track of a requirement's checks, with the reasons for
 * that status. The tracks are kept apart: an AWS Config rule that is not deployed in a region
 * must not turn our own check's verdict for that region into a gap.
 */
export function resourceStates(requirement: RequirementResult, track: 'deciding' | 'config' = 'deciding'): Map<string, Located> {
  const states = new Map<string, Located>();
  for (const check of trackChecks(requirement, track)) {
    for (const f of check.findings) {
      const key = resourceKey(f);
      const current = states.get(key);
      if (!current || STATUS_RANK[f.status] < STATUS_RANK[current.status]) {
        states.set(key, {
          resource: f.resource,
          account: f.account,
          region: f.region,
          status: f.status,
          reason: f.reason,
          evidence: [...f.evidence],
          ...(f.status === 'FAIL' && f.exception ? { excepted: f.exception.id } : {}),
        });
      } else if (f.status === current.status) {
        if (f.status === 'FAIL' && !f.exception) delete current.excepted;
        if (!current.reason.split('; ').includes(f.reason)) current.reason = `${current.reason}; ${f.reason}`;
        for (const e of f.evidence) if (!current.evidence.some((x) => x.path === e.path)) current.evidence.push(e);
      }
    }
  }
  return states;
}

function resourceDiffs(
  before: Map<string, Located>,
  after: Map<string, Located>,
  old: Results,
  neu: Results,
  since: (resourceKey: string) => FailingSince | undefined,
): ResourceDiff[] {
  const out: ResourceDiff[] = [];
  const state = (s: Located): ResourceState => ({
    status: s.status,
    reason: s.reason,
    evidence: s.evidence,
    ...(s.excepted !== undefined ? { excepted: s.excepted } : {}),
  });
  for (const [key, b] of before) {
    const a = after.get(key);
    const where = { resource: b.resource, account: b.account, region: b.region };
    if (a) {
      const change = pairChange(b.status, a.status);
      if (!change) continue;
      const d: ResourceDiff = { change, ...where, old: state(b), new: state(a) };
      if (change === 'evidence-lost') d.gap = a.reason;
      if (change === 'evidence-regained') d.gap = b.reason;
      if (change === 'still-failing') {
        const s = since(key);
        if (s) d.failingSince = s;
      }
      out.push(d);
      continue;
    }
    // NEW did not look where it was: neither a fix, nor a closed gap, nor a deletion.
    const unseen = outOfScope(b, neu, 'NEW');
    if (unseen !== undefined) {
      out.push({ change: 'out-of-scope', ...where, old: state(b), gap: unseen });
      continue;
    }
    const gap = gapFor(b, after, neu, 'NEW');
    if (gap === undefined && !neu.bundle.complete) {
      out.push({
        change: 'out-of-scope',
        ...where,
        old: state(b),
        gap: "NEW's collection did not finish, so its absence there proves nothing",
      });
      continue;
    }
    if (b.status === 'NOT_EVALUATED') {
      out.push({ change: 'gap-closed', ...where, old: state(b) });
      continue;
    }
    out.push(
      gap === undefined ? { change: 'disappeared', ...where, old: state(b) } : { change: 'evidence-lost', ...where, old: state(b), gap },
    );
  }
  for (const [key, a] of after) {
    if (before.has(key)) continue;
    const where = { resource: a.resource, account: a.account, region: a.region };
    const unseen = outOfScope(a, old, 'OLD');
    if (unseen !== undefined) {
      out.push({ change: 'newly-in-scope', ...where, new: state(a), gap: unseen });
      continue;
    }
    if (a.status === 'NOT_EVALUATED') {
      out.push({ change: 'gap-opened', ...where, new: state(a) });
      continue;
    }
    const gap = gapFor(a, before, old, 'OLD');
    out.push(
      gap === undefined ? { change: 'appeared', ...where, new: state(a) } : { change: 'evidence-regained', ...where, new: state(a), gap },
    );
  }
  const order = new Map(RESOURCE_CHANGES.map((c, i) => [c, i]));
  return out.sort(
    (x, y) =>
      (order.get(x.change) ?? 0) - (order.get(y.change) ?? 0) ||
      STATUS_RANK[(x.new ?? x.old)?.status ?? 'PASS'] - STATUS_RANK[(y.new ?? y.old)?.status ?? 'PASS'] ||
      compare(x.account, y.account) ||
      compare(x.region, y.region) ||
      compare(x.resource, y.resource),
  );
}

function pairChange(from: FindingStatus, to: FindingStatus): ResourceChange | undefined {
  if (from === 'FAIL' && to === 'FAIL') return 'still-failing';
  if (from === to) return undefined;
  if (to === 'NOT_EVALUATED') return 'evidence-lost';
  if (from === 'NOT_EVALUATED') return 'evidence-regained';
  return to === 'FAIL' ? 'newly-failing' : 'fixed';
}

/** Why the other side never looked where a resource is: its account or region is not in that side's scope. */
function outOfScope(seen: { account: string; region: string }, otherResults: Results, sideName: string): string | undefined {
  const scope = otherResults.bundle;
  if (!scope.accounts.some((a) => a.id === seen.account)) return `account ${seen.account} is not in ${sideName}'s collection scope`;
  if (seen.region !== 'global' && !scope.regions.includes(seen.region))
    return `region ${seen.region} is not in ${sideName}'s collection scope`;
  return undefined;
}

/**
 * Why a resource one side decided may be missing from the other side, whose scope covers it: a
 * NOT_EVALUATED finding of the same requirement covers its account and region, or a call its
 * evidence came from failed there. Undefined: nothing hid it, so it really appeared or disappeared.
 */
function gapFor(seen: Located, other: Map<string, Located>, otherResults: Results, sideName: string): string | undefined {
  const scope = otherResults.bundle;
  for (const s of other.values()) {
    if (s.status === 'NOT_EVALUATED' && s.account === seen.account && (s.region === seen.region || s.region === 'global')) return s.reason;
  }
  const calls = seen.evidence.map((e) => callOf(e.path)).filter((c): c is Call => c !== undefined);
  for (const error of scope.errors) {
    const hit = calls.find(
      (c) =>
        c.account === error.account &&
        c.region === error.region &&
        c.service === error.service &&
        c.operation === error.operation &&
        paramsMatch(error, c.path, seen.resource),
    );
    if (hit)
      return `${error.service}:${error.operation} in ${error.account}/${error.region} failed during ${sideName}'s collection: ${error.code}`;
  }
  return undefined;
}

interface Call {
  account: string;
  region: string;
  service: string;
  operation: string;
  path: string;
}

/** `aws/<account>/<region>/<service>/<Operation>[/<key>][.pNNNN].<ext>` → the call (docs/bundle-format.md). */
function callOf(path: string): Call | undefined {
  const parts = path.split('/');
  const [root, account, region, service, operation] = parts;
  if (root !== 'aws' || !account || !region || !service || !operation) return undefined;
  return { account, region, service, operation: operation.replace(/\..*$/, ''), path };
}

/** A per-resource call's error (parameters name a bucket, a trail…) only explains that resource's gap. */
function paramsMatch(error: CollectionError, path: string, resource: string): boolean {
  const values = Object.values(error.parameters ?? {}).filter((v): v is string => typeof v === 'string' && v !== '');
  if (values.length === 0) return true;
  return values.some((v) => resource.includes(v) || path.includes(encodeURIComponent(v)) || path.includes(v));
}

// ---------------------------------------------------------------- history

/**
 * For still-failing requirements and resources: walks back through the chain of periods, pairing
 * requirements period by period, and returns where the unbroken run of FAIL began.
 */
function failingSinceFinder(
  chain: readonly Results[],
  labels: readonly string[],
  crosswalk: Crosswalk | undefined,
  last: RequirementMatch,
): Since {
  if (chain.length < 3) return () => undefined;
  // backIndex[i] maps a requirement id of chain[i + 1] to its id in chain[i].
  const backIndex: Map<string, RequirementResult>[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const older = chain[i] as Results;
    const newer = chain[i + 1] as Results;
    const match = i === chain.length - 2 ? last : matchRequirements(older, newer, crosswalk);
    backIndex.push(new Map(match.pairs.flatMap((p) => (p.old && p.new ? [[p.new.id, p.old] as const] : []))));
  }
  const states = new Map<RequirementResult, Map<string, Located>>();
  const statesOf = (r: RequirementResult): Map<string, Located> => {
    let s = states.get(r);
    if (!s) {
      s = resourceStates(r);
      states.set(r, s);
    }
    return s;
  };
  return (pair, resourceKey) => {
    if (!pair.old) return undefined;
    const failing = (r: RequirementResult): boolean =>
      resourceKey === undefined ? r.status === 'FAIL' : statesOf(r).get(resourceKey)?.status === 'FAIL';
    let index = chain.length - 2;
    let current: RequirementResult = pair.old;
    for (;;) {
      const earlier = index > 0 ? backIndex[index - 1]?.get(current.id) : undefined;
      if (!earlier || !failing(earlier)) break;
      current = earlier;
      index--;
    }
    return { period: labels[index] ?? '', periods: chain.length - index };
  };
}

// ---------------------------------------------------------------- sections and evidence

function sectionDiffs(old: Results, neu: Results, match: RequirementMatch, scopeReduced: boolean): SectionDiff[] {
  const pairs = matchSections(old, neu, match);
  const oldById = new Map(old.summary.sections.map((s) => [s.id, s]));
  const used = new Set(pairs.values());
  const rows: SectionDiff[] = neu.summary.sections.map((s) => {
    const oldId = pairs.get(s.id);
    const o = oldId === undefined ? undefined : oldById.get(oldId);
    const row: SectionDiff = {
      id: s.id,
      title: s.title,
      newId: s.id,
      old: o ? { counts: o.counts, passRate: o.passRate, coverage: o.coverage } : null,
      new: { counts: s.counts, passRate: s.passRate, coverage: s.coverage },
      change: scopeReduced ? null : delta(o?.passRate ?? null, s.passRate),
    };
    if (o) row.oldId = o.id;
    return row;
  });
  for (const o of old.summary.sections) {
    if (!used.has(o.id))
      rows.push({
        id: o.id,
        title: o.title,
        oldId: o.id,
        old: { counts: o.counts, passRate: o.passRate, coverage: o.coverage },
        new: null,
        change: null,
      });
  }
  return rows;
}

function evidenceDiff(old: Results, neu: Results): EvidenceDiff {
  const oldAccounts = new Set(old.bundle.accounts.map((a) => a.id));
  const newAccounts = new Set(neu.bundle.accounts.map((a) => a.id));
  const errorKey = (e: CollectionError): string => canonicalJson([e.account, e.region, e.service, e.operation, e.code, e.parameters ?? {}]);
  const oldErrors = new Set(old.bundle.errors.map(errorKey));
  const newErrors = new Set(neu.bundle.errors.map(errorKey));
  const accountsRemoved = old.bundle.accounts.filter((a) => !newAccounts.has(a.id));
  const regionsRemoved = old.bundle.regions.filter((r) => !neu.bundle.regions.includes(r));
  const gone = old.bundle.errors.filter((e) => !newErrors.has(errorKey(e)));
  // An error is resolved only when NEW asked again: in its scope, and in a finished collection or one holding that call's evidence.
  const answered = neu.bundle.complete ? undefined : answeredCalls(neu);
  const rechecked = (e: CollectionError): boolean =>
    newAccounts.has(e.account) &&
    (e.region === 'global' || neu.bundle.regions.includes(e.region)) &&
    (answered === undefined || answered.has(callKey(e)));
  const scopeReduced = [
    ...accountsRemoved.map((a) => `account ${a.name ? `${a.name} (${a.id})` : a.id} was not collected in NEW`),
    ...regionsRemoved.map((r) => `region ${r} was not collected in NEW`),
    ...(!neu.bundle.complete ? ["NEW's collection did not finish"] : []),
  ];
  return {
    accountsAdded: neu.bundle.accounts.filter((a) => !oldAccounts.has(a.id)),
    accountsRemoved,
    regionsAdded: neu.bundle.regions.filter((r) => !old.bundle.regions.includes(r)),
    regionsRemoved,
    errorsAdded: neu.bundle.errors.filter((e) => !oldErrors.has(errorKey(e))),
    errorsResolved: gone.filter(rechecked),
    errorsNotRechecked: gone.filter((e) => !rechecked(e)),
    scopeReduced,
    complete: { old: old.bundle.complete, new: neu.bundle.complete },
  };
}

function callKey(c: { account: string; region: string; service: string; operation: string }): string {
  return `${c.account}\u0000${c.region}\u0000${c.service}\u0000${c.operation}`;
}

/** The calls whose evidence some finding of the results cites. */
function answeredCalls(results: Results): Set<string> {
  const calls = new Set<string>();
  for (const r of results.requirements)
    for (const c of r.checks)
      for (const f of c.findings)
        for (const e of f.evidence) {
          const call = callOf(e.path);
          if (call) calls.add(callKey(call));
        }
  return calls;
}

/** The warning a reduced scope needs: what NEW did not look at, and what that means for the comparison. */
function scopeWarning(evidence: EvidenceDiff): string[] {
  if (evidence.scopeReduced.length === 0) return [];
  const what = evidence.scopeReduced.join('; ');
  return [
    `NEW looked at less than OLD (${what}): what only OLD saw there is "scope reduced", never fixed or resolved, and the pass rates of the two periods are not compared. Collect the same scope to compare.`,
  ];
}

function warnings(old: Results, neu: Results, match: RequirementMatch): string[] {
  const list: string[] = [];
  if (old.bundle.finishedAt > neu.bundle.finishedAt) {
    list.push(
      `OLD was collected after NEW (${old.bundle.finishedAt} > ${neu.bundle.finishedAt}): the diff reads backwards in time. Swap the two if that was not meant.`,
    );
  }
  if (old.bundle.manifestSha256 === neu.bundle.manifestSha256 && match.mode !== 'same-catalog') {
    list.push('Both sides come from the same evidence bundle: every difference below comes from the catalogs, not from the accounts.');
  }
  if (old.tool.version !== neu.tool.version) {
    list.push(
      `OLD was evaluated by auditpack ${old.tool.version} and NEW by ${neu.tool.version}: a status may change because a check changed, not the account. Re-evaluate both bundles with one version to be sure.`,
    );
  }
  if (match.mode === 'catalog-changed') {
    list.push(
      `The catalog changed between the two evaluations (${old.catalog.file} sha256 ${old.catalog.sha256.slice(0, 12)}… vs ${neu.catalog.file} sha256 ${neu.catalog.sha256.slice(0, 12)}…): requirements it added or removed are listed as such, and changed thresholds can change a status.`,
    );
  }
  const tailoring = (r: Results): string =>
    r.catalog.tailoring ? `${r.catalog.tailoring.file} (sha256 ${r.catalog.tailoring.sha256.slice(0, 12)}…)` : 'none';
  if (tailoring(old) !== tailoring(neu))
    list.push(`The tailoring differs: OLD ${tailoring(old)}, NEW ${tailoring(neu)}; changed thresholds can change a status.`);
  if (!old.bundle.complete) list.push("OLD's collection did not finish: its bundle is incomplete.");
  if (!neu.bundle.complete)
    list.push(
      "NEW's collection did not finish: its bundle is incomplete, so requirements may look fixed only because evidence is missing.",
    );
  return list;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
