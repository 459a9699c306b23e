import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Check } from '../checks/define-check.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { boundedYamlToJs } from '../shared/limits.js';
import type { Catalog } from './catalog.js';
import { catalogFileFor, crosswalkFileFor, isCrosswalkFile, loadCrosswalk, type Crosswalk } from './crosswalk.js';
import { loadCatalog } from './load-catalog.js';
import { lineOf } from './yaml-location.js';

/** What lint needs to know about the checks a catalog may name. */
export interface LintOptions {
  findCheck: (id: string) => Check | undefined;
  knownChecks: readonly string[];
}

/** The outcome of linting one file. */
export interface LintResult {
  file: string;
  kind: 'catalog' | 'crosswalk';
  /** One line per problem: `file:line: what is wrong. what to do.` Empty when the file is clean. */
  problems: string[];
  /** What was checked and found, for people: printed whether or not there are problems. */
  summary: string[];
}

/** A requirement as the crosswalk comparison needs it: id, title and where it is. */
interface RequirementRef {
  id: string;
  title: string;
  line: number;
}

/**
 * Lints a catalog or a crosswalk (`crosswalk-<framework>.yaml`). A catalog gets the loader's checks
 * (schema, unknown checks, parameters, duplicate ids, sections), a remediation hint on every
 * requirement once any has one, and, when a crosswalk for its framework sits beside it, the
 * crosswalk consistency checks; a crosswalk is compared with the
 * catalogs of every version it maps. Problems are collected, never thrown, so all show at once.
 */
export async function lintFile(file: string, options: LintOptions): Promise<LintResult> {
  return isCrosswalkFile(file) ? lintCrosswalk(file) : lintCatalog(file, options);
}

async function lintCatalog(file: string, options: LintOptions): Promise<LintResult> {
  const result: LintResult = { file, kind: 'catalog', problems: [], summary: [] };
  let catalog: Catalog;
  try {
    catalog = await loadCatalog(file, options.findCheck, options.knownChecks);
  } catch (error) {
    result.problems.push(...problemsOf(error));
    result.summary.push(`${file}: ${count(result.problems.length, 'problem')}; the catalog did not load, so no further checks ran.`);
    return result;
  }
  const automated = catalog.requirements.filter((r) => r.assessment === 'automated');
  const manual = catalog.requirements.filter((r) => r.assessment === 'manual');
  const assisted = manual.filter((r) => r.checks.length > 0);
  const checksUsed = new Set(catalog.requirements.flatMap((r) => r.checks.map((c) => c.check)));
  result.summary.push(
    `${file}: ${catalog.framework} ${catalog.version}, ${count(catalog.requirements.length, 'requirement')} in ${count(catalog.sections.length, 'section')}: ` +
      `${automated.length} automated, ${manual.length} manual (${assisted.length} with evidence-assisted review); ${count(checksUsed.size, 'check')} used.`,
  );

  remediationProblems(catalog, result);

  const crosswalkFile = crosswalkFileFor(catalog.framework, dirname(file));
  if (!(await exists(crosswalkFile))) {
    result.summary.push(`  no crosswalk for ${catalog.framework} beside it (${crosswalkFile}); ids not compared across versions.`);
  } else {
    const crosswalk = await tryLoadCrosswalk(crosswalkFile, result);
    if (crosswalk && !crosswalk.hasVersion(catalog.version)) {
      result.summary.push(`  ${crosswalkFile} does not map version ${catalog.version}; ids not compared across versions.`);
    } else if (crosswalk) {
      const before = result.problems.length;
      compareIds(catalog.version, catalog.requirements, file, crosswalk, result.problems);
      const missing = result.problems.length - before;
      result.summary.push(
        missing === 0
          ? `  ${crosswalkFile}: all ${catalog.requirements.length} ids of ${catalog.version} mapped, none unknown.`
          : `  ${crosswalkFile}: ${count(missing, 'id mismatch', 'id mismatches')} for ${catalog.version}.`,
      );
    }
  }
  result.summary.push(result.problems.length === 0 ? `${file}: ok` : `${file}: ${count(result.problems.length, 'problem')}`);
  return result;
}

async function lintCrosswalk(file: string): Promise<LintResult> {
  const result: LintResult = { file, kind: 'crosswalk', problems: [], summary: [] };
  const crosswalk = await tryLoadCrosswalk(file, result);
  if (!crosswalk) {
    result.summary.push(`${file}: ${count(result.problems.length, 'problem')}; the crosswalk did not load, so no further checks ran.`);
    return result;
  }
  result.summary.push(
    `${file}: ${crosswalk.framework} crosswalk, ${count(crosswalk.rows.length, 'row')} over ${crosswalk.versions.join(', ')}.`,
  );
  const requirements = new Map<string, RequirementRef[]>();
  for (const version of crosswalk.versions) {
    const catalogFile = catalogFileFor(crosswalk, version);
    if (!(await exists(catalogFile))) {
      result.problems.push(
        `${file}:${crosswalk.versionLines[version] ?? 1}: version "${version}" has no catalog beside the crosswalk (expected ${catalogFile}). Add the catalog or remove the version.`,
      );
      continue;
    }
    try {
      const refs = await readRequirementRefs(catalogFile);
      requirements.set(version, refs);
      const before = result.problems.length;
      compareIds(version, refs, catalogFile, crosswalk, result.problems);
      const mismatches = result.problems.length - before;
      result.summary.push(
        `  ${version}: ${count(crosswalk.ids(version).length, 'id')}, ` +
          (mismatches === 0
            ? `matching the ${refs.length} requirements of ${catalogFile}.`
            : `${count(mismatches, 'mismatch', 'mismatches')} with ${catalogFile}.`),
      );
    } catch (error) {
      result.problems.push(...problemsOf(error));
    }
  }
  for (const [i, from] of crosswalk.versions.entries()) {
    for (const to of crosswalk.versions.slice(i + 1)) {
      sameTitleProblems(crosswalk, from, to, requirements, result.problems);
      const mapped = crosswalk.ids(from).filter((id) => crosswalk.map(from, id, to) !== undefined).length;
      result.summary.push(
        `  ${from} → ${to}: ${mapped} mapped, ${crosswalk.dropped(from, to).length} dropped, ${crosswalk.added(from, to).length} added.`,
      );
    }
  }
  result.summary.push(result.problems.length === 0 ? `${file}: ok` : `${file}: ${count(result.problems.length, 'problem')}`);
  return result;
}

/**
 * Remediation hints are all or nothing: a catalog that gives some requirements a hint gives every
 * requirement one, so a report never shows hints for some failures and silence for others.
 * A catalog with none (NIST SP 800-53, a user's own) is fine; the summary says how many there are.
 */
function remediationProblems(catalog: Catalog, result: LintResult): void {
  const total = catalog.requirements.length;
  const missing = catalog.requirements.filter((r) => r.remediation === undefined);
  const given = total - missing.length;
  if (given === 0) {
    result.summary.push('  no remediation hints.');
    return;
  }
  result.summary.push(
    missing.length === 0 ? `  remediation hints: all ${total} requirements.` : `  remediation hints: ${given} of ${total} requirements.`,
  );
  for (const r of missing) {
    result.problems.push(
      `${catalog.file}:${r.line}: requirement "${r.id}" has no remediation, though ${given} of the ${total} requirements have one. Add a remediation: a sentence or two, in your own words, on what fixes a failure.`,
    );
  }
}

/** Every requirement of the catalog is in the crosswalk for its version, and every id there is a requirement. */
function compareIds(
  version: string,
  requirements: readonly RequirementRef[],
  catalogFile: string,
  crosswalk: Crosswalk,
  problems: string[],
): void {
  const ids = new Set(requirements.map((r) => r.id));
  for (const r of requirements) {
    if (!crosswalk.row(version, r.id)) {
      problems.push(
        `${catalogFile}:${r.line}: requirement "${r.id}" is not in ${crosswalk.file} for version ${version}. Add a row for it, with null for versions that lack it.`,
      );
    }
  }
  for (const row of crosswalk.rows) {
    const id = row.ids[version];
    if (typeof id === 'string' && !ids.has(id)) {
      problems.push(
        `${crosswalk.file}:${row.line}: "${version}" id "${id}" is not a requirement of ${catalogFile}. Fix the id, or write null if that version lacks it.`,
      );
    }
  }
}

/** Requirements with the same title in two versions are the same requirement, so they belong in one row. */
function sameTitleProblems(
  crosswalk: Crosswalk,
  from: string,
  to: string,
  requirements: ReadonlyMap<string, RequirementRef[]>,
  problems: string[],
): void {
  const fromRefs = requirements.get(from);
  const toRefs = requirements.get(to);
  if (!fromRefs || !toRefs) return;
  const byTitle = new Map(toRefs.map((r) => [normalizeTitle(r.title), r]));
  for (const r of fromRefs) {
    const twin = byTitle.get(normalizeTitle(r.title));
    if (!twin) continue;
    const mapped = crosswalk.map(from, r.id, to);
    if (mapped !== twin.id) {
      const row = crosswalk.row(from, r.id);
      problems.push(
        `${crosswalk.file}:${row?.line ?? 1}: ${from} "${r.id}" and ${to} "${twin.id}" have the same title ("${r.title}") but ${mapped === undefined ? 'are not mapped to each other' : `${from} "${r.id}" maps to ${to} "${mapped}"`}. Put them in one row.`,
      );
    }
  }
}

/** Titles compared across versions: case, quotes and spacing differences do not make a new requirement. */
export function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/["'`]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Ids, titles and lines of a catalog's requirements, read without resolving checks, so a crosswalk
 * can be compared with catalogs whose checks are still being written.
 */
async function readRequirementRefs(file: string): Promise<RequirementRef[]> {
  const text = await readFile(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first ? lineCounter.linePos(first.pos[0]).line : 1;
    throw new AuditpackError('CATALOG_INVALID', `${file}:${line}: YAML syntax error. Run "auditpack catalog lint ${file}" for details.`);
  }
  let raw: { requirements?: unknown };
  try {
    raw = boundedYamlToJs(doc, text.length) as { requirements?: unknown };
  } catch (error) {
    throw new AuditpackError('CATALOG_INVALID', `${file}: ${messageOf(error)}.`);
  }
  if (!Array.isArray(raw?.requirements)) {
    throw new AuditpackError('CATALOG_INVALID', `${file}:1: no requirements list. Run "auditpack catalog lint ${file}" for details.`);
  }
  return (raw.requirements as unknown[]).flatMap((r, i) => {
    const { id, title } = (r ?? {}) as { id?: unknown; title?: unknown };
    return typeof id === 'string'
      ? [{ id, title: typeof title === 'string' ? title : '', line: lineOf(doc, lineCounter, ['requirements', i]) }]
      : [];
  });
}

async function tryLoadCrosswalk(file: string, result: LintResult): Promise<Crosswalk | undefined> {
  try {
    return await loadCrosswalk(file);
  } catch (error) {
    result.problems.push(...problemsOf(error));
    return undefined;
  }
}

function problemsOf(error: unknown): string[] {
  if (error instanceof AuditpackError) return [error.message, ...error.details];
  throw error;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
