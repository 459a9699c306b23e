import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { errorAdvice, type CollectionError } from '../bundle/manifest.js';
import type { RequirementStatus } from '../evaluate/results.js';
import { packageRoot } from '../shared/version.js';
import type { Diff, DiffSide, RequirementChange, RequirementDiff, ResourceChange, ResourceDiff } from './diff.js';
import { isRegression } from './diff.js';
import { accountLabel, accountsText, formatPercent, formatPoints, formatUtc, loadTemplate, pointsTone } from './templates.js';

/** Options for {@link renderDiffHtml}. */
export interface RenderDiffOptions {
  /** ISO UTC time printed as "generated" (from SOURCE_DATE_EPOCH in cli/), or '' for none. */
  generatedAt: string;
  /** Folder holding diff.hbs, report.css and diff.css; defaults to the package's templates/. */
  templatesDir?: string;
  signer?: { fingerprint: string; subject: string };
}

/** Renders a diff as one self-contained HTML page: summary first (worse, not really fixed, better), then details. */
export function renderDiffHtml(diff: Diff, options: RenderDiffOptions): string {
  const { template, css } = loadTemplate<DiffView>(options.templatesDir ?? join(packageRoot, 'templates'), 'diff');
  return template(buildDiffView(diff, { css, generatedAt: options.generatedAt, signer: options.signer }));
}

/** The diff's document title. */
export function diffTitle(diff: Diff): string {
  return `Audit diff ${diff.old.label} → ${diff.new.label}`;
}

/** The PDF's running header: framework and version(s) · accounts · the two periods. */
export function diffHeaderText(diff: Diff): string {
  const o = diff.old.catalog;
  const n = diff.new.catalog;
  const versions = o.version === n.version ? n.version : `${o.version} → ${n.version}`;
  return `diff ${n.framework} ${versions} · ${accountsText(diff.new.bundle.accounts)} · ${diff.old.label} → ${diff.new.label}`;
}

/** Words for each requirement change, as the report prints them. */
export const REQUIREMENT_CHANGE_LABELS: Record<RequirementChange, string> = {
  regression: 'Regression',
  'newly-failing': 'Newly failing',
  'unverified-fix': 'Not a fix: evidence missing',
  'scope-reduced': 'Scope reduced: not compared',
  'newly-not-evaluated': 'Newly not evaluated',
  'newly-manual': 'Newly manual',
  fix: 'Fixed',
  'newly-passing': 'Newly passing',
  'newly-not-applicable': 'Newly not applicable',
  'still-failing': 'Still failing',
  unchanged: 'Unchanged',
  added: 'Added',
  removed: 'Removed',
};

const RESOURCE_CHANGE_LABELS: Record<ResourceChange, string> = {
  'newly-failing': 'Newly failing',
  appeared: 'Appeared',
  'evidence-lost': 'Evidence missing',
  'evidence-regained': 'Evaluated again',
  fixed: 'Fixed',
  disappeared: 'Disappeared',
  'gap-opened': 'Not evaluated',
  'gap-closed': 'Gap closed',
  'out-of-scope': 'Scope reduced',
  'newly-in-scope': 'Newly in scope',
  'still-failing': 'Still failing',
};

type Tone = 'worse' | 'better' | 'warn' | 'neutral';

const REQUIREMENT_TONES: Record<RequirementChange, Tone> = {
  regression: 'worse',
  'newly-failing': 'worse',
  'unverified-fix': 'warn',
  'scope-reduced': 'warn',
  'newly-not-evaluated': 'warn',
  'newly-manual': 'warn',
  fix: 'better',
  'newly-passing': 'better',
  'newly-not-applicable': 'neutral',
  'still-failing': 'worse',
  unchanged: 'neutral',
  added: 'neutral',
  removed: 'neutral',
};

function resourceTone(r: ResourceDiff): Tone {
  switch (r.change) {
    case 'newly-failing':
    case 'still-failing':
      return 'worse';
    case 'fixed':
      return 'better';
    case 'appeared':
    case 'evidence-regained':
    case 'newly-in-scope':
      return r.new?.status === 'FAIL' ? 'worse' : 'neutral';
    case 'disappeared':
      return r.old?.status === 'FAIL' ? 'better' : 'neutral';
    case 'evidence-lost':
    case 'gap-opened':
    case 'out-of-scope':
      return 'warn';
    case 'gap-closed':
      return 'neutral';
  }
}

// What the template sees. Built here so the template only prints; every value is escaped by {{ }}.

interface SideView {
  label: string;
  collection: string;
  accounts: string;
  regions: string;
  bundleId: string;
  manifestSha256: string;
  errors: string;
  catalog: string;
  catalogFile: string;
  catalogSha256: string;
  tool: string;
  complete: boolean;
}

interface ItemView {
  anchor: string;
  ids: string;
  title: string;
  old?: RequirementStatus | undefined;
  new?: RequirementStatus | undefined;
  line: string;
}

interface GroupView {
  heading: string;
  explanation: string;
  items: ItemView[];
}

interface ResourceRowView {
  label: string;
  tone: Tone;
  resource: string;
  account: string;
  region: string;
  old?: { status: string; reason: string } | undefined;
  new?: { status: string; reason: string } | undefined;
  note: string;
}

interface DetailView {
  anchor: string;
  ids: string;
  title: string;
  oldTitle?: string | undefined;
  label: string;
  tone: Tone;
  old?: { status: RequirementStatus; reason: string } | undefined;
  new?: { status: RequirementStatus; reason: string } | undefined;
  note?: string | undefined;
  missingEvidence: string[];
  /** scope-reduced: missingEvidence names what NEW did not look at. */
  scopeReduced: boolean;
  since: string;
  resources: ResourceRowView[];
  /** AWS Config rule verdicts that changed: shown apart, they never decide the change. */
  configRules: ResourceRowView[];
}

interface SectionRowView {
  ids: string;
  title: string;
  old: string;
  new: string;
  /** Coverage on each side: the share of automated requirements evidence decided. */
  oldCoverage: string;
  newCoverage: string;
  change: string;
  tone: Tone;
  oldCounts: string;
  newCounts: string;
  /** Set when fewer requirements were decided: a rate over fewer requirements can rise without anything being fixed. */
  note: string;
}

interface ErrorView extends CollectionError {
  call: string;
  params: string;
  /** The cause and what to do, in clean sentences (the raw AWS text stays in the bundle). */
  advice: string;
}

/** What diff.hbs is given. */
export interface DiffView {
  title: string;
  css: Handlebars.SafeString;
  generatedAt: string;
  signer?: { fingerprint: string; subject: string } | undefined;
  tool: Diff['tool'];
  old: SideView;
  new: SideView;
  comparison: string;
  crosswalk?: { file: string; sha256: string } | undefined;
  warnings: string[];
  /** Accepted risks added, expired and removed; undefined when none changed. */
  exceptions?: { label: string; list: Diff['exceptions']['added'] }[] | undefined;
  headline: string;
  changed: boolean;
  cards: { label: string; count: number; tone: Tone }[];
  passRate: { old: string; new: string; change: string; tone: Tone; oldCoverage: string; newCoverage: string };
  /** Set when NEW looked at less than OLD: what it did not look at. */
  scopeReduced: string[];
  worse: GroupView[];
  notFixes: ItemView[];
  /** Requirements that only look better because NEW looked at less. */
  scopeItems: ItemView[];
  better: GroupView[];
  stillFailing: ItemView[];
  benchmark: { added: ItemView[]; removed: ItemView[]; explanation: string } | undefined;
  sections: SectionRowView[];
  evidence: { scope: string[]; errorsAdded: ErrorView[]; errorsResolved: ErrorView[]; errorsNotRechecked: ErrorView[]; unchanged: boolean };
  details: DetailView[];
}

/** Builds the template's view; exported for tests that check wording without HTML. */
export function buildDiffView(
  diff: Diff,
  extra: { css: Handlebars.SafeString; generatedAt: string; signer?: { fingerprint: string; subject: string } | undefined },
): DiffView {
  const reqs = diff.requirements;
  const of = (...changes: RequirementChange[]): RequirementDiff[] => reqs.filter((r) => changes.includes(r.change));
  const crossVersion = diff.matching.mode === 'crosswalk';
  const item = (r: RequirementDiff, line: string): ItemView => ({
    anchor: anchorOf(r),
    ids: idsOf(r, crossVersion),
    title: r.title,
    old: r.old?.status,
    new: r.new?.status,
    line,
  });
  const failingWithNew = reqs.filter((r) => r.change === 'still-failing' && isRegression(r));
  const failingWithBetter = reqs.filter(
    (r) =>
      r.change === 'still-failing' &&
      r.resources.some((x) => x.change === 'fixed' || (x.change === 'disappeared' && x.old?.status === 'FAIL')),
  );
  const worse: GroupView[] = [
    {
      heading: 'Regressions',
      explanation: 'Passed in the earlier period, fail now.',
      items: of('regression').map((r) => item(r, resourcesLine(r, ['newly-failing', 'appeared']) || (r.new?.reason ?? ''))),
    },
    {
      heading: 'Newly failing',
      explanation: 'Were not evaluated, manual or not applicable before; fail now.',
      items: of('newly-failing').map((r) => item(r, r.new?.reason ?? '')),
    },
    {
      heading: 'New failures in requirements that were already failing',
      explanation: 'Resources that fail now and did not before.',
      items: failingWithNew.map((r) => item(r, resourcesLine(r, ['newly-failing', 'appeared', 'evidence-regained'], 'FAIL'))),
    },
    {
      heading: 'Newly not evaluated',
      explanation: 'Were decided before; evidence is missing now.',
      items: of('newly-not-evaluated').map((r) => item(r, r.new?.reason ?? '')),
    },
    {
      heading: 'Newly manual',
      explanation: 'Need an attestation now (none, or it expired).',
      items: of('newly-manual').map((r) => item(r, r.new?.reason ?? '')),
    },
  ].filter((g) => g.items.length > 0);
  const better: GroupView[] = [
    {
      heading: 'Fixed',
      explanation: 'Failed in the earlier period, pass now on complete evidence.',
      items: of('fix').map((r) => item(r, resourcesLine(r, ['fixed', 'disappeared']) || (r.new?.reason ?? ''))),
    },
    {
      heading: 'Newly passing',
      explanation: 'Were not evaluated, manual or not applicable before; pass now.',
      items: of('newly-passing').map((r) => item(r, r.new?.reason ?? '')),
    },
    {
      heading: 'Resources fixed in requirements that still fail',
      explanation: 'The requirement still fails, but fewer resources do.',
      items: failingWithBetter.map((r) => item(r, resourcesLine(r, ['fixed', 'disappeared'], undefined, 'FAIL'))),
    },
    {
      heading: 'Newly not applicable',
      explanation: 'Attested as not applicable now.',
      items: of('newly-not-applicable').map((r) => item(r, r.new?.reason ?? '')),
    },
  ].filter((g) => g.items.length > 0);
  const notFixes = of('unverified-fix').map((r) => item(r, (r.missingEvidence ?? []).join('; ')));
  const scopeItems = of('scope-reduced').map((r) => item(r, (r.missingEvidence ?? []).join('; ')));
  const stillFailing = of('still-failing').map((r) =>
    item(
      r,
      [
        sinceText(r.failingSince),
        `${r.resources.filter((x) => x.new?.status === 'FAIL').length} failing ${plural(r.resources.filter((x) => x.new?.status === 'FAIL').length, 'resource', 'resources')}`,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  );
  const added = of('added').map((r) => item(r, r.note ?? ''));
  const removed = of('removed').map((r) => item(r, r.note ?? ''));
  const s = diff.summary.requirements;
  // Still-failing requirements whose resources did not change are listed once, in the still-failing table.
  const details = reqs.filter(
    (r) =>
      r.change !== 'added' &&
      r.change !== 'removed' &&
      (r.change !== 'still-failing' ||
        r.resources.some((x) => x.change !== 'still-failing') ||
        r.configRules.some((x) => x.change !== 'still-failing')),
  );
  return {
    title: diffTitle(diff),
    css: extra.css,
    generatedAt: extra.generatedAt,
    signer: extra.signer,
    tool: diff.tool,
    old: sideView(diff.old),
    new: sideView(diff.new),
    comparison: comparisonText(diff),
    crosswalk: diff.matching.crosswalk ? { file: diff.matching.crosswalk.file, sha256: diff.matching.crosswalk.sha256 } : undefined,
    warnings: diff.warnings,
    exceptions: exceptionGroups(diff.exceptions),
    headline: headline(diff, failingWithNew.length),
    changed: diff.summary.changed,
    cards: [
      { label: 'Regressions', count: s.regression + s['newly-failing'], tone: 'worse' },
      {
        label: 'Newly failing resources',
        count: reqs
          .filter((r) => r.new?.status === 'FAIL' && r.old)
          .flatMap((r) => r.resources)
          .filter((x) => x.new?.status === 'FAIL' && x.old?.status !== 'FAIL').length,
        tone: 'worse',
      },
      { label: 'Not really fixed', count: s['unverified-fix'], tone: 'warn' },
      { label: 'Scope reduced', count: s['scope-reduced'], tone: 'warn' },
      { label: 'Newly not evaluated', count: s['newly-not-evaluated'], tone: 'warn' },
      { label: 'Fixed', count: s.fix + s['newly-passing'], tone: 'better' },
      { label: 'Still failing', count: s['still-failing'], tone: 'neutral' },
    ],
    passRate: {
      old: rateText(diff.summary.passRate.old),
      new: rateText(diff.summary.passRate.new),
      change: changeText(diff.summary.passRate.old, diff.summary.passRate.new, diff.summary.scopeReduced),
      tone: diff.summary.scopeReduced ? 'warn' : pointsTone(diff.summary.passRate.old, diff.summary.passRate.new),
      oldCoverage: rateText(diff.summary.coverage.old),
      newCoverage: rateText(diff.summary.coverage.new),
    },
    scopeReduced: diff.evidence.scopeReduced,
    worse,
    notFixes,
    scopeItems,
    better,
    stillFailing,
    benchmark:
      added.length + removed.length > 0
        ? {
            added,
            removed,
            explanation: crossVersion
              ? `These requirements have no counterpart across ${diff.old.catalog.version} → ${diff.new.catalog.version}: the benchmark change added or removed them, so they are neither regressions nor fixes.`
              : 'The catalog changed between the two evaluations: it added or removed these requirements, so they are neither regressions nor fixes.',
          }
        : undefined,
    sections: diff.summary.sections.map((row) => ({
      ids: row.oldId !== undefined && row.newId !== undefined && row.oldId !== row.newId ? `${row.oldId} → ${row.newId}` : row.id,
      title: row.title,
      old: rateText(row.old?.passRate ?? null),
      new: rateText(row.new?.passRate ?? null),
      oldCoverage: rateText(row.old?.coverage ?? null),
      newCoverage: rateText(row.new?.coverage ?? null),
      change:
        row.old && row.new
          ? changeText(row.old.passRate, row.new.passRate, diff.summary.scopeReduced)
          : row.new
            ? 'new section'
            : 'section removed',
      tone: diff.summary.scopeReduced ? 'warn' : pointsTone(row.old?.passRate ?? null, row.new?.passRate ?? null),
      oldCounts: row.old ? `${row.old.counts.PASS} / ${row.old.counts.FAIL} / ${row.old.counts.NOT_EVALUATED}` : '—',
      newCounts: row.new ? `${row.new.counts.PASS} / ${row.new.counts.FAIL} / ${row.new.counts.NOT_EVALUATED}` : '—',
      note:
        row.old && row.new && row.new.counts.NOT_EVALUATED > row.old.counts.NOT_EVALUATED
          ? `${row.new.counts.NOT_EVALUATED - row.old.counts.NOT_EVALUATED} more not evaluated`
          : '',
    })),
    evidence: evidenceView(diff),
    details: details.map((r) => detailView(r, crossVersion)),
  };
}

function rateText(rate: number | null): string {
  return rate === null ? '—' : formatPercent(rate);
}

/** A score change, or why there is none: scores over a smaller scope are not compared. */
function changeText(from: number | null, to: number | null, scopeReduced: boolean): string {
  return scopeReduced ? 'not compared: scope reduced' : formatPoints(from, to);
}

function sideView(side: DiffSide): SideView {
  const { bundle, catalog } = side;
  return {
    label: side.label,
    collection: `${formatUtc(bundle.startedAt)} → ${formatUtc(bundle.finishedAt)}`,
    accounts: bundle.accounts.map(accountLabel).join(', ') || '—',
    regions: bundle.regions.join(', ') || '—',
    bundleId: bundle.id,
    manifestSha256: bundle.manifestSha256,
    errors: `${bundle.errorCount} collection ${plural(bundle.errorCount, 'error', 'errors')}${bundle.complete ? '' : ', collection did not finish'}`,
    catalog: `${catalog.framework} ${catalog.version}`,
    catalogFile: catalog.tailoring ? `${catalog.file} + ${catalog.tailoring.file}` : catalog.file,
    catalogSha256: catalog.sha256,
    tool: `auditpack ${side.tool.version}`,
    complete: bundle.complete,
  };
}

function comparisonText(diff: Diff): string {
  const o = diff.old.catalog;
  const n = diff.new.catalog;
  switch (diff.matching.mode) {
    case 'same-catalog':
      return `Both periods were evaluated against ${n.title} v${n.version} (${n.file}); requirements are matched by id.`;
    case 'catalog-changed':
      return `Both periods were evaluated against ${n.framework} ${n.version}, but the catalog file changed (${o.file} → ${n.file}); requirements are matched by id.`;
    case 'crosswalk':
      return `OLD was evaluated against ${o.framework} v${o.version} and NEW against v${n.version}. Requirements are matched through the crosswalk ${diff.matching.crosswalk?.file ?? ''}; ids are shown as "v${o.version} id → v${n.version} id".`;
  }
}

function headline(diff: Diff, failingWithNew: number): string {
  const s = diff.summary.requirements;
  const period = `Between ${diff.old.label} and ${diff.new.label}`;
  const { passRate: p, coverage: c } = diff.summary;
  const rate = `Overall pass rate ${rateText(p.old)} → ${rateText(p.new)} (${changeText(p.old, p.new, diff.summary.scopeReduced)}); coverage ${rateText(c.old)} → ${rateText(c.new)}.`;
  const still = `${s['still-failing']} ${plural(s['still-failing'], 'requirement is', 'requirements are')} still failing.`;
  if (!diff.summary.changed) {
    return `${period} nothing changed: every requirement has the same status, no resource changed, and the collection scope and errors are the same. ${still}`;
  }
  const regressed = s.regression + s['newly-failing'];
  const fixed = s.fix + s['newly-passing'];
  const parts = [
    ...(regressed > 0 ? [`${regressed} ${plural(regressed, 'requirement', 'requirements')} regressed`] : []),
    ...(failingWithNew > 0
      ? [`${failingWithNew} failing ${plural(failingWithNew, 'requirement has', 'requirements have')} new failing resources`]
      : []),
    ...(fixed > 0 ? [`${fixed} ${plural(fixed, 'requirement was', 'requirements were')} fixed`] : []),
    ...(s['unverified-fix'] > 0
      ? [`${s['unverified-fix']} ${plural(s['unverified-fix'], 'looks', 'look')} fixed only because evidence is missing`]
      : []),
    ...(s['scope-reduced'] > 0
      ? [`${s['scope-reduced']} ${plural(s['scope-reduced'], 'looks', 'look')} better only because NEW looked at less (scope reduced)`]
      : []),
    ...(s['newly-not-evaluated'] > 0 ? [`${s['newly-not-evaluated']} can no longer be evaluated`] : []),
    ...(s['newly-manual'] > 0 ? [`${s['newly-manual']} now ${plural(s['newly-manual'], 'needs', 'need')} an attestation`] : []),
  ];
  if (parts.length === 0 && diff.summary.scopeReduced)
    return `${period} the scope was reduced (${diff.evidence.scopeReduced.join('; ')}); no requirement changed status. ${still} ${rate}`;
  if (parts.length === 0)
    return `${period} no requirement changed status; the changes are in resources, scope or collection errors, listed below. ${still} ${rate}`;
  const last = parts.pop() ?? '';
  return `${period}, ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last}. ${still} ${rate}`;
}

function resourcesLine(r: RequirementDiff, changes: ResourceChange[], newStatus?: string, oldStatus?: string): string {
  const hits = r.resources.filter(
    (x) =>
      changes.includes(x.change) &&
      (newStatus === undefined || x.new?.status === newStatus) &&
      (oldStatus === undefined || x.old?.status === oldStatus),
  );
  if (hits.length === 0) return '';
  const groups = new Map<string, string[]>();
  for (const h of hits) {
    const label = RESOURCE_CHANGE_LABELS[h.change].toLowerCase();
    groups.set(label, [...(groups.get(label) ?? []), h.resource]);
  }
  return [...groups.entries()]
    .map(([label, names]) => `${label}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`)
    .join('; ');
}

function sinceText(since: RequirementDiff['failingSince']): string {
  return since ? `failing since ${since.period} (${since.periods} periods)` : '';
}

function evidenceView(diff: Diff): DiffView['evidence'] {
  const e = diff.evidence;
  const scope = [
    ...e.accountsAdded.map((a) => `Account added: ${accountLabel(a)}`),
    ...e.accountsRemoved.map((a) => `Account removed: ${accountLabel(a)} — its requirements and resources are no longer evaluated`),
    ...e.regionsAdded.map((r) => `Region added: ${r}`),
    ...e.regionsRemoved.map((r) => `Region removed: ${r} — resources there are no longer evaluated`),
    ...e.errorsNotRechecked.map(
      (x) =>
        `Not rechecked: ${x.service}:${x.operation} in ${x.account}/${x.region} (${x.code} before) — ${outOfScopeText(diff, x)}, so this error is not resolved`,
    ),
    ...(e.complete.old !== e.complete.new
      ? [
          e.complete.new
            ? 'The collection finished this time (it did not before).'
            : 'The collection did not finish this time (it did before).',
        ]
      : []),
  ];
  const errorView = (x: CollectionError): ErrorView => ({
    ...x,
    advice: ((a) => `${a.what.charAt(0).toUpperCase()}${a.what.slice(1)}. ${a.todo}`)(errorAdvice(x)),
    call: `${x.service}:${x.operation}`,
    params: Object.entries(x.parameters ?? {})
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', '),
  });
  return {
    scope,
    errorsAdded: e.errorsAdded.map(errorView),
    errorsResolved: e.errorsResolved.map(errorView),
    errorsNotRechecked: e.errorsNotRechecked.map(errorView),
    unchanged: scope.length === 0 && e.errorsAdded.length === 0 && e.errorsResolved.length === 0,
  };
}

function outOfScopeText(diff: Diff, error: CollectionError): string {
  const scope = diff.new.bundle;
  if (!scope.accounts.some((a) => a.id === error.account)) return `account ${error.account} was not collected in NEW`;
  if (error.region !== 'global' && !scope.regions.includes(error.region)) return `region ${error.region} was not collected in NEW`;
  return "NEW's collection did not finish before making this call";
}

function detailView(r: RequirementDiff, crossVersion: boolean): DetailView {
  return {
    anchor: anchorOf(r),
    ids: idsOf(r, crossVersion),
    title: r.title,
    oldTitle: r.oldTitle,
    label: REQUIREMENT_CHANGE_LABELS[r.change],
    tone: REQUIREMENT_TONES[r.change],
    old: r.old,
    new: r.new,
    note: r.note,
    missingEvidence: r.missingEvidence ?? [],
    scopeReduced: r.change === 'scope-reduced',
    since: sinceText(r.failingSince),
    resources: r.resources.map(resourceRow),
    configRules: r.configRules.map(resourceRow),
  };
}

function resourceRow(x: ResourceDiff): ResourceRowView {
  return {
    label: RESOURCE_CHANGE_LABELS[x.change],
    tone: resourceTone(x),
    resource: x.resource,
    account: x.account,
    region: x.region,
    old: x.old ? { status: x.old.status, reason: x.old.reason } : undefined,
    new: x.new ? { status: x.new.status, reason: x.new.reason } : undefined,
    // The gap is worth a line only when the row does not already say it.
    note: [
      x.gap !== undefined && x.gap !== x.new?.reason && x.gap !== x.old?.reason ? x.gap : '',
      x.failingSince ? `failing since ${x.failingSince.period} (${x.failingSince.periods} periods)` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

function anchorOf(r: RequirementDiff): string {
  return r.newId !== undefined ? `req-${r.newId}` : `old-req-${r.oldId ?? ''}`;
}

function idsOf(r: RequirementDiff, crossVersion: boolean): string {
  if (r.oldId !== undefined && r.newId !== undefined) return crossVersion ? `${r.oldId} → ${r.newId}` : r.newId;
  return r.newId ?? r.oldId ?? '';
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function exceptionGroups(changes: Diff['exceptions']): DiffView['exceptions'] {
  const groups = [
    { label: 'Added', list: changes.added },
    { label: 'Expired (the resources they covered count as failures again)', list: changes.expired },
    { label: 'Removed before expiry', list: changes.removed },
  ].filter((g) => g.list.length > 0);
  return groups.length > 0 ? groups : undefined;
}
