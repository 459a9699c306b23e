import { join } from 'node:path';
import type Handlebars from 'handlebars';
import type { RequirementStatus } from '../evaluate/results.js';
import { packageRoot } from '../shared/version.js';
import { isRegression, type RequirementDiff } from './diff.js';
import { REQUIREMENT_CHANGE_LABELS } from './render-diff-html.js';
import { accountsText, formatPercent, formatPoints, loadTemplate, pointsTone } from './templates.js';
import type { Trend } from './trend.js';

/** Options for {@link renderTrendHtml}. */
export interface RenderTrendOptions {
  generatedAt: string;
  templatesDir?: string;
  signer?: { fingerprint: string; subject: string };
}

/** Renders a trend as one self-contained HTML page: an inline SVG chart (no script), a table, the latest changes. */
export function renderTrendHtml(trend: Trend, options: RenderTrendOptions): string {
  const { template, css } = loadTemplate<TrendView>(options.templatesDir ?? join(packageRoot, 'templates'), 'trend');
  return template(buildTrendView(trend, { css, generatedAt: options.generatedAt, signer: options.signer }));
}

/** The trend's document title. */
export function trendTitle(trend: Trend): string {
  return `Audit trend ${trend.periods[0]?.label ?? ''} → ${trend.periods[trend.periods.length - 1]?.label ?? ''}`;
}

/** The PDF's running header. */
export function trendHeaderText(trend: Trend): string {
  const first = trend.periods[0];
  const last = trend.periods[trend.periods.length - 1];
  const versions = [...new Set(trend.periods.map((p) => p.catalog.version))].join(' → ');
  return `trend ${last?.catalog.framework ?? ''} ${versions} · ${accountsText(last?.bundle.accounts ?? [])} · ${trend.periods.length} periods, ${first?.label ?? ''} → ${last?.label ?? ''}`;
}

// Okabe–Ito colours: told apart with common colour-vision deficiencies; dashes tell more apart in grey print.
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a5c00', '#6b6b6b'];
const DASHES: readonly { svg: string; css: string }[] = [
  { svg: '', css: '' },
  { svg: '7 4', css: 'dashed' },
  { svg: '2 4', css: 'dotted' },
];

interface ChartLine {
  label: string;
  color: string;
  dash: string;
  legendClass: string;
  overall: boolean;
  /** One polyline per unbroken run of known values. */
  segments: string[];
  markers: { x: string; y: string; title: string }[];
}

interface ChartView {
  width: number;
  height: number;
  description: string;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: { y: string; label: string }[];
  xTicks: { x: string; y: string; label: string; anchor: string; transform: string }[];
  lines: ChartLine[];
}

interface TrendRow {
  title: string;
  cells: string[];
  change: string;
  tone: string;
  overall: boolean;
}

interface LatestItem {
  anchor: string;
  ids: string;
  title: string;
  label: string;
  old?: RequirementStatus | undefined;
  new?: RequirementStatus | undefined;
  line: string;
}

/** What trend.hbs is given. */
export interface TrendView {
  title: string;
  css: Handlebars.SafeString;
  generatedAt: string;
  signer?: { fingerprint: string; subject: string } | undefined;
  tool: Trend['tool'];
  periods: {
    label: string;
    collected: string;
    accounts: string;
    regions: string;
    catalog: string;
    bundleId: string;
    manifestSha256: string;
    passRate: string;
    coverage: string;
    counts: string;
    errors: number;
    scopeReduced: string;
  }[];
  scope: string;
  chart: ChartView;
  header: string[];
  rows: TrendRow[];
  latest: { from: string; to: string; worse: LatestItem[]; notFixes: LatestItem[]; better: LatestItem[]; changed: boolean };
  stillFailing: { ids: string; title: string; since: string; resources: { resource: string; where: string; since: string }[] }[];
  warnings: string[];
}

/** Builds the template's view; exported for tests. */
export function buildTrendView(
  trend: Trend,
  extra: { css: Handlebars.SafeString; generatedAt: string; signer?: { fingerprint: string; subject: string } | undefined },
): TrendView {
  const n = trend.periods.length;
  const latest = trend.latest;
  const crossVersion = latest.matching.mode === 'crosswalk';
  const item = (r: RequirementDiff, line: string): LatestItem => ({
    anchor: r.newId ?? r.oldId ?? '',
    ids: r.oldId !== undefined && r.newId !== undefined && crossVersion ? `${r.oldId} → ${r.newId}` : (r.newId ?? r.oldId ?? ''),
    title: r.title,
    label: REQUIREMENT_CHANGE_LABELS[r.change],
    old: r.old?.status,
    new: r.new?.status,
    line,
  });
  const newlyFailing = (r: RequirementDiff): string =>
    r.resources
      .filter((x) => x.new?.status === 'FAIL' && x.old?.status !== 'FAIL')
      .map((x) => x.resource)
      .join(', ');
  const worse = latest.requirements
    .filter((r) => isRegression(r) || r.change === 'newly-not-evaluated' || r.change === 'newly-manual')
    .map((r) => item(r, r.change === 'still-failing' ? `newly failing: ${newlyFailing(r)}` : (r.new?.reason ?? '')));
  const notFixes = latest.requirements
    .filter((r) => r.change === 'unverified-fix' || r.change === 'scope-reduced')
    .map((r) => item(r, (r.missingEvidence ?? []).join('; ')));
  const better = latest.requirements
    .filter((r) => r.change === 'fix' || r.change === 'newly-passing')
    .map((r) => item(r, r.new?.reason ?? ''));
  const stillFailing = latest.requirements
    .filter((r) => r.change === 'still-failing')
    .map((r) => ({
      ids: item(r, '').ids,
      title: r.title,
      since: r.failingSince ? `${r.failingSince.period} (${r.failingSince.periods} of ${n} periods)` : '',
      resources: r.resources
        .filter((x) => x.change === 'still-failing' || x.new?.status === 'FAIL')
        .map((x) => ({
          resource: x.resource,
          where: `${x.account} / ${x.region}`,
          since: x.failingSince
            ? `since ${x.failingSince.period} (${x.failingSince.periods} periods)`
            : x.old?.status === 'FAIL'
              ? `since ${latest.old.label} or earlier`
              : `new in ${latest.new.label}`,
        })),
    }));
  // A period that looked at less than the one before is marked: its rate is not comparable.
  const mark = (i: number): string => ((trend.periods[i]?.scopeReduced.length ?? 0) > 0 ? ' *' : '');
  const reducedAfter = (first: number): boolean => trend.periods.some((p, i) => i > first && p.scopeReduced.length > 0);
  const change = (values: readonly (number | null)[], first: number): { change: string; tone: string } => {
    const from = values[first] ?? null;
    const to = values[n - 1] ?? null;
    if (reducedAfter(first) && from !== null && to !== null) return { change: 'not compared: scope reduced', tone: 'tone-warn' };
    return { change: formatPoints(from, to), tone: `tone-${pointsTone(from, to)}` };
  };
  const rows: TrendRow[] = [
    ...trend.sections.map((s) => {
      const first = s.points.findIndex((p) => p !== null);
      return {
        title: `${s.id} ${s.title}`,
        cells: s.points.map((p, i) => (p === null ? '—' : p.passRate === null ? 'n/a' : `${formatPercent(p.passRate)}${mark(i)}`)),
        ...change(
          s.points.map((p) => p?.passRate ?? null),
          Math.max(first, 0),
        ),
        overall: false,
      };
    }),
    {
      title: 'Overall',
      cells: trend.overall.map((r, i) => (r === null ? 'n/a' : `${formatPercent(r)}${mark(i)}`)),
      ...change(trend.overall, 0),
      overall: true,
    },
    {
      title: 'Coverage',
      cells: trend.coverage.map((r) => (r === null ? 'n/a' : formatPercent(r))),
      change: formatPoints(trend.coverage[0] ?? null, trend.coverage[n - 1] ?? null),
      tone: `tone-${pointsTone(trend.coverage[0] ?? null, trend.coverage[n - 1] ?? null)}`,
      overall: true,
    },
  ];
  return {
    title: trendTitle(trend),
    css: extra.css,
    generatedAt: extra.generatedAt,
    signer: extra.signer,
    tool: trend.tool,
    periods: trend.periods.map((p) => ({
      label: p.label,
      collected: p.bundle.finishedAt,
      accounts: accountsText(p.bundle.accounts),
      regions: p.bundle.regions.join(', ') || '—',
      catalog: `${p.catalog.framework} ${p.catalog.version}`,
      bundleId: p.bundle.id,
      manifestSha256: p.bundle.manifestSha256,
      passRate: p.passRate === null ? 'n/a' : formatPercent(p.passRate),
      coverage: p.coverage === null ? 'n/a' : formatPercent(p.coverage),
      scopeReduced: p.scopeReduced.length > 0 ? `* scope reduced: ${p.scopeReduced.join('; ')}` : '',
      counts: `${p.counts.PASS} PASS, ${p.counts.FAIL} FAIL, ${p.counts.NOT_EVALUATED} NOT EVALUATED, ${p.counts.MANUAL} MANUAL of ${p.counts.total}`,
      errors: p.bundle.errorCount,
    })),
    scope: scopeText(trend),
    chart: chart(trend),
    header: trend.periods.map((p) => p.label),
    rows,
    latest: { from: latest.old.label, to: latest.new.label, worse, notFixes, better, changed: latest.summary.changed },
    stillFailing,
    warnings: latest.warnings,
  };
}

/**
 * Geometry of the pass-rate chart: 0–100 % up, periods evenly spaced across. Known values are
 * joined; a period where a section did not exist or decided nothing breaks its line.
 */
function chart(trend: Trend): ChartView {
  const width = 720;
  const height = 300;
  const plot = { left: 48, right: width - 24, top: 14, bottom: height - 44 };
  const n = trend.periods.length;
  const x = (i: number): number =>
    n === 1 ? (plot.left + plot.right) / 2 : plot.left + 12 + ((plot.right - plot.left - 24) * i) / (n - 1);
  const y = (rate: number): number => plot.bottom - (plot.bottom - plot.top) * rate;
  const fmt = (v: number): string => v.toFixed(1);
  const line = (label: string, values: (number | null)[], index: number, overall: boolean): ChartLine => {
    const segments: string[] = [];
    let run: string[] = [];
    const markers: ChartLine['markers'] = [];
    values.forEach((v, i) => {
      if (v === null) {
        if (run.length > 1) segments.push(run.join(' '));
        run = [];
        return;
      }
      run.push(`${fmt(x(i))},${fmt(y(v))}`);
      markers.push({ x: fmt(x(i)), y: fmt(y(v)), title: `${label}, ${trend.periods[i]?.label ?? ''}: ${formatPercent(v)}` });
    });
    if (run.length > 1) segments.push(run.join(' '));
    const dash = overall
      ? (DASHES[0] as { svg: string; css: string })
      : (DASHES[Math.floor(index / PALETTE.length) % DASHES.length] as { svg: string; css: string });
    return {
      label,
      color: overall ? '#1f2328' : (PALETTE[index % PALETTE.length] ?? '#000000'),
      dash: dash.svg,
      legendClass: dash.css,
      overall,
      segments,
      markers,
    };
  };
  const lines = [
    ...trend.sections.map((s, i) =>
      line(
        `${s.id} ${s.title}`,
        s.points.map((p) => p?.passRate ?? null),
        i,
        false,
      ),
    ),
    line('Overall', trend.overall, 0, true),
  ];
  return {
    width,
    height,
    description: `Pass rate per section in ${n} periods, ${trend.periods[0]?.label ?? ''} to ${trend.periods[n - 1]?.label ?? ''}; the table below gives the values.`,
    plot,
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1].map((r) => ({ y: fmt(y(r)), label: `${Math.round(r * 100)}%` })),
    // Many periods: slanted labels, so dates never overlap.
    xTicks: trend.periods.map((p, i) => {
      const tx = fmt(x(i));
      const ty = fmt(plot.bottom + 18);
      return n > 8
        ? { x: tx, y: ty, label: p.label, anchor: 'end', transform: `rotate(-30 ${tx} ${ty})` }
        : { x: tx, y: ty, label: p.label, anchor: 'middle', transform: '' };
    }),
    lines,
  };
}

function scopeText(trend: Trend): string {
  const last = trend.periods[trend.periods.length - 1];
  const catalogs = [...new Set(trend.periods.map((p) => `${p.catalog.framework} ${p.catalog.version}`))].join(' → ');
  return `${accountsText(last?.bundle.accounts ?? [])} · ${catalogs} · ${trend.periods.map((p) => p.label).join(', ')}`;
}
