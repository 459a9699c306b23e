import type { Crosswalk } from '../catalog/crosswalk.js';
import type { RequirementResult, Results, SectionSummary } from '../evaluate/results.js';
import { AuditpackError } from '../shared/errors.js';

/** How the two sides' requirements were paired. */
export type MatchMode = 'same-catalog' | 'catalog-changed' | 'crosswalk';

/** A requirement of OLD, NEW or both; one side is absent when a catalog change added or removed it. */
export interface RequirementPair {
  old?: RequirementResult;
  new?: RequirementResult;
  /** What the crosswalk says about the lineage ("dropped in v7.0.0"), or why nothing matched. */
  note?: string;
}

/** The pairing of two results' requirements, NEW's catalog order first, then what only OLD has. */
export interface RequirementMatch {
  mode: MatchMode;
  pairs: RequirementPair[];
  /** The crosswalk used (mode `crosswalk`). */
  crosswalk?: { file: string; sha256: string; framework: string; fromVersion: string; toVersion: string };
}

/**
 * Pairs OLD's requirements with NEW's: by id when both were evaluated against the same framework
 * version, through the crosswalk when the versions differ. Throws when the frameworks differ or
 * no crosswalk maps the two versions: guessing would report renumbered requirements as changes.
 */
export function matchRequirements(old: Results, neu: Results, crosswalk: Crosswalk | undefined): RequirementMatch {
  const from = old.catalog;
  const to = neu.catalog;
  if (from.framework !== to.framework) {
    throw new AuditpackError(
      'USAGE',
      `OLD was evaluated against ${from.framework} ${from.version} and NEW against ${to.framework} ${to.version}: requirements of different frameworks cannot be compared. Compare results of one framework (evaluate both against the same catalog, or two versions a crosswalk maps).`,
    );
  }
  if (from.version === to.version) {
    const oldById = new Map(old.requirements.map((r) => [r.id, r]));
    const newIds = new Set(neu.requirements.map((r) => r.id));
    const pairs: RequirementPair[] = neu.requirements.map((r) => {
      const o = oldById.get(r.id);
      return o ? { old: o, new: r } : { new: r, note: `not in OLD's catalog (${from.file})` };
    });
    for (const r of old.requirements) if (!newIds.has(r.id)) pairs.push({ old: r, note: `not in NEW's catalog (${to.file})` });
    return { mode: from.sha256 === to.sha256 ? 'same-catalog' : 'catalog-changed', pairs };
  }
  if (!crosswalk || crosswalk.framework !== from.framework || !crosswalk.hasVersion(from.version) || !crosswalk.hasVersion(to.version)) {
    const have = crosswalk ? ` (the crosswalk given maps ${crosswalk.framework} ${crosswalk.versions.join(', ')})` : '';
    throw new AuditpackError(
      'USAGE',
      `OLD was evaluated against ${from.framework} ${from.version} and NEW against ${to.version}, and no crosswalk maps the two versions${have}. Give a crosswalk that maps both (controls/crosswalk-${from.framework}.yaml), or evaluate both against the same catalog.`,
    );
  }
  const newById = new Map(neu.requirements.map((r) => [r.id, r]));
  const oldFor = new Map<string, RequirementResult>();
  const removed: RequirementPair[] = [];
  for (const r of old.requirements) {
    const row = crosswalk.row(from.version, r.id);
    const mapped = crosswalk.map(from.version, r.id, to.version);
    const counterpart = mapped === undefined ? undefined : newById.get(mapped);
    if (counterpart && !oldFor.has(counterpart.id)) {
      oldFor.set(counterpart.id, r);
      continue;
    }
    const note = !row
      ? `the crosswalk does not list ${from.version} requirement ${r.id}`
      : mapped === undefined
        ? (row.note ?? `no counterpart in ${to.version}`)
        : `the crosswalk maps it to ${to.version} ${mapped}, which NEW's catalog does not have`;
    removed.push({ old: r, note });
  }
  const pairs: RequirementPair[] = neu.requirements.map((r) => {
    const o = oldFor.get(r.id);
    // A row's note speaks of the whole lineage ("reworded in v7.0.0"); a matched pair shows both titles instead.
    if (o) return { old: o, new: r };
    const row = crosswalk.row(to.version, r.id);
    return {
      new: r,
      note: row ? (row.note ?? `no counterpart in ${from.version}`) : `the crosswalk does not list ${to.version} requirement ${r.id}`,
    };
  });
  return {
    mode: 'crosswalk',
    pairs: [...pairs, ...removed],
    crosswalk: {
      file: baseName(crosswalk.file),
      sha256: crosswalk.sha256,
      framework: crosswalk.framework,
      fromVersion: from.version,
      toVersion: to.version,
    },
  };
}

/** Top-level section of a requirement's section id, as the summary counts it ("2.1" → "2"). */
export function topLevelSection(section: string, summarySections: readonly SectionSummary[]): string {
  const hit = summarySections
    .map((s) => s.id)
    .filter((id) => section === id || section.startsWith(`${id}.`))
    .sort((a, b) => b.length - a.length)[0];
  return hit ?? section.split('.')[0] ?? section;
}

/**
 * Pairs NEW's summary sections with OLD's. Same version: by id. Across versions: the OLD section
 * most of the section's matched requirements came from (sections are renumbered with their
 * requirements), else the same title. Returns OLD section id by NEW section id.
 */
export function matchSections(old: Results, neu: Results, match: RequirementMatch): Map<string, string> {
  const result = new Map<string, string>();
  const oldIds = new Set(old.summary.sections.map((s) => s.id));
  if (match.mode !== 'crosswalk') {
    for (const s of neu.summary.sections) if (oldIds.has(s.id)) result.set(s.id, s.id);
    return result;
  }
  const votes = new Map<string, Map<string, number>>();
  for (const pair of match.pairs) {
    if (!pair.old || !pair.new) continue;
    const n = topLevelSection(pair.new.section, neu.summary.sections);
    const o = topLevelSection(pair.old.section, old.summary.sections);
    const tally = votes.get(n) ?? new Map<string, number>();
    tally.set(o, (tally.get(o) ?? 0) + 1);
    votes.set(n, tally);
  }
  const taken = new Set<string>();
  for (const s of neu.summary.sections) {
    const tally = [...(votes.get(s.id) ?? new Map<string, number>()).entries()]
      .filter(([id]) => oldIds.has(id) && !taken.has(id))
      .sort(([a, x], [b, y]) => y - x || compare(a, b));
    const byTitle = old.summary.sections.find((o) => !taken.has(o.id) && o.title.toLowerCase() === s.title.toLowerCase())?.id;
    const chosen = tally[0]?.[0] ?? byTitle;
    if (chosen !== undefined) {
      result.set(s.id, chosen);
      taken.add(chosen);
    }
  }
  return result;
}

/** Code-unit order: deterministic whatever the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}
