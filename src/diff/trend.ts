import type { Crosswalk } from '../catalog/crosswalk.js';
import type { Results, StatusCounts } from '../evaluate/results.js';
import { diffResults, periodLabels, type Diff } from './diff.js';
import { matchRequirements, matchSections } from './match.js';

/** One period of a trend. */
export interface TrendPeriod {
  label: string;
  bundle: {
    id: string;
    manifestSha256: string;
    finishedAt: string;
    accounts: { id: string; name?: string }[];
    regions: string[];
    errorCount: number;
    complete: boolean;
  };
  catalog: { framework: string; version: string; file: string; sha256: string };
  counts: StatusCounts;
  /** PASS ÷ automated requirements (NOT_EVALUATED counts against it), as in results.json. */
  passRate: number | null;
  /** Share of automated requirements evidence decided. */
  coverage: number | null;
  /** What this period did not look at that the one before did (accounts, regions, an unfinished collection); empty for the first. */
  scopeReduced: string[];
}

/** One section's pass rate in each period (null: the section did not exist, or nothing in it was decided). */
export interface TrendSeries {
  /** The section's id in the newest period that has it. */
  id: string;
  title: string;
  /** Aligned with `periods`. */
  points: (TrendPoint | null)[];
}

/** A section's standing in one period. */
export interface TrendPoint {
  /** Its id in that period (benchmarks renumber sections). */
  sectionId: string;
  passRate: number | null;
  coverage: number | null;
  counts: StatusCounts;
}

/** Pass rate per section over several periods, and the latest change: what `trend.json` holds. */
export interface Trend {
  formatVersion: 1;
  kind: 'auditpack-trend';
  tool: { name: 'auditpack'; version: string };
  /** Oldest first. */
  periods: TrendPeriod[];
  overall: (number | null)[];
  /** Overall coverage per period, aligned with `periods`. */
  coverage: (number | null)[];
  sections: TrendSeries[];
  /** The diff of the last two periods, with how long each still-failing requirement and resource has failed. */
  latest: Diff;
}

/** Options for {@link buildTrend}. */
export interface TrendOptions {
  crosswalk?: Crosswalk;
  toolVersion: string;
}

/**
 * Builds a trend over periods given oldest first (at least two). Sections are followed through
 * renumbering: each period's sections are paired with the next period's like a diff pairs them.
 */
export function buildTrend(periods: readonly Results[], options: TrendOptions): Trend {
  if (periods.length < 2) throw new Error('buildTrend: needs at least two periods');
  const labels = periodLabels(periods);
  const last = periods.length - 1;
  // For each period i > 0: NEW section id → OLD (period i − 1) section id.
  const back = periods.slice(1).map((newer, i) => {
    const older = periods[i] as Results;
    return matchSections(older, newer, matchRequirements(older, newer, options.crosswalk));
  });
  const series: TrendSeries[] = [];
  const claimed = periods.map(() => new Set<string>());
  // Newest period first, so a section is named as it is now; sections that ended earlier follow.
  for (let start = last; start >= 0; start--) {
    for (const section of (periods[start] as Results).summary.sections) {
      if (claimed[start]?.has(section.id)) continue;
      const points: (TrendPoint | null)[] = periods.map(() => null);
      let id: string | undefined = section.id;
      for (let i = start; i >= 0 && id !== undefined; i--) {
        const s = (periods[i] as Results).summary.sections.find((x) => x.id === id);
        if (!s || claimed[i]?.has(s.id)) break;
        claimed[i]?.add(s.id);
        points[i] = { sectionId: s.id, passRate: s.passRate, coverage: s.coverage, counts: s.counts };
        id = i > 0 ? back[i - 1]?.get(s.id) : undefined;
      }
      series.push({ id: section.id, title: section.title, points });
    }
  }
  return {
    formatVersion: 1,
    kind: 'auditpack-trend',
    tool: { name: 'auditpack', version: options.toolVersion },
    periods: periods.map((p, i) => ({
      label: labels[i] ?? '',
      bundle: {
        id: p.bundle.id,
        manifestSha256: p.bundle.manifestSha256,
        finishedAt: p.bundle.finishedAt,
        accounts: p.bundle.accounts,
        regions: p.bundle.regions,
        errorCount: p.bundle.errors.length,
        complete: p.bundle.complete,
      },
      catalog: { framework: p.catalog.framework, version: p.catalog.version, file: p.catalog.file, sha256: p.catalog.sha256 },
      counts: p.summary.counts,
      passRate: p.summary.passRate,
      coverage: p.summary.coverage,
      scopeReduced: i === 0 ? [] : scopeReduction(periods[i - 1] as Results, p),
    })),
    overall: periods.map((p) => p.summary.passRate),
    coverage: periods.map((p) => p.summary.coverage),
    sections: series,
    latest: diffResults(periods[last - 1] as Results, periods[last] as Results, {
      history: periods.slice(0, last - 1),
      toolVersion: options.toolVersion,
      ...(options.crosswalk ? { crosswalk: options.crosswalk } : {}),
    }),
  };
}

/** What NEW did not look at that OLD did, one phrase each (the diff's `evidence.scopeReduced`). */
function scopeReduction(old: Results, neu: Results): string[] {
  const accounts = new Set(neu.bundle.accounts.map((a) => a.id));
  return [
    ...old.bundle.accounts.filter((a) => !accounts.has(a.id)).map((a) => `account ${a.name ? `${a.name} (${a.id})` : a.id} not collected`),
    ...old.bundle.regions.filter((r) => !neu.bundle.regions.includes(r)).map((r) => `region ${r} not collected`),
    ...(neu.bundle.complete ? [] : ['collection did not finish']),
  ];
}
