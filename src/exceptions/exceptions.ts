import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Crosswalk } from '../catalog/crosswalk.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, readRegularFile } from '../shared/limits.js';
import { loadSchema } from '../shared/schema.js';
import { parseValidatedYaml } from '../shared/yaml-document.js';

/**
 * An accepted risk: a failing resource of one requirement that a named person approved until a
 * date. An excepted finding stays a failure (never a pass); reports show it as EXCEPTED and count
 * it apart, and `diff --fail-on regression` does not stop on it.
 */
export interface RiskException {
  id: string;
  framework: string;
  version: string;
  requirement: string;
  /** Only this account; absent: any account. */
  account?: string;
  /** The resource, exactly or as a pattern: `*` any run of characters, `?` one character. */
  resource: string;
  justification: string;
  approvedBy: string;
  /** YYYY-MM-DD: from this day on. */
  approvedOn: string;
  /** YYYY-MM-DD: the first day it no longer holds. */
  expires: string;
  ticket?: string;
  /** Where it was read: `file:line`. */
  source: string;
}

/** An exception as a report records it: what applied, to which requirement of this catalog. */
export interface AppliedException extends Omit<RiskException, 'source'> {
  /** The requirement of this catalog it applies to (differs from `requirement` when mapped through the crosswalk). */
  appliesTo: string;
  /** SHA-256 of the exception's canonical text, so a report shows exactly which one it used. */
  sha256: string;
  /** How many failing findings it excepted. */
  matched: number;
}

/** A finding's exception, as results.json records it on the finding. */
export interface FindingException {
  id: string;
  approvedBy: string;
  expires: string;
}

const validate = loadSchema('exceptions.v1.schema.json');

interface RawException {
  id: string;
  framework: string;
  version: string;
  requirement: string;
  account?: string;
  resource: string;
  justification: string;
  approved_by: string;
  approved_on: string;
  expires: string;
  ticket?: string;
}

/**
 * Reads an exceptions register: one YAML file, or a directory whose *.yaml / *.yml files are read
 * in name order. Ids are unique across the register. Problems are `file:line: what. what to do.`
 * (exit 13).
 */
export async function loadExceptions(path: string): Promise<RiskException[]> {
  let files: string[];
  try {
    files = (await stat(path)).isDirectory()
      ? (await readdir(path))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path];
  } catch (error) {
    throw new AuditpackError('IO', `${path}: cannot read the exceptions register (${messageOf(error)}). Check --exceptions.`);
  }
  const all: RiskException[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
    } catch (error) {
      throw new AuditpackError('IO', `${file}: cannot read it (${messageOf(error)}). Check --exceptions.`);
    }
    for (const exception of parseExceptions(text, file)) {
      const twin = all.find((e) => e.id === exception.id);
      if (twin) {
        throw invalid(
          `${exception.source}: exception id "${exception.id}" is already used at ${twin.source}. Give every exception its own id.`,
        );
      }
      all.push(exception);
    }
  }
  return all;
}

/** Parses one register file. */
export function parseExceptions(text: string, file: string): RiskException[] {
  const { value, lineAt } = parseValidatedYaml<{ exceptions: RawException[] }>(text, file, {
    validate,
    code: 'ATTESTATION_INVALID',
    seeAlso: 'See docs/exceptions.md for the format.',
  });
  return value.exceptions.map((e, i) => {
    const source = `${file}:${lineAt(['exceptions', i])}`;
    if (e.expires <= e.approved_on) {
      throw invalid(
        `${file}:${lineAt(['exceptions', i, 'expires'])}: exception "${e.id}" expires (${e.expires}) on or before it was approved (${e.approved_on}). Give an expiry after the approval.`,
      );
    }
    const exception: RiskException = {
      id: e.id,
      framework: e.framework,
      version: e.version,
      requirement: e.requirement,
      resource: e.resource,
      justification: e.justification,
      approvedBy: e.approved_by,
      approvedOn: e.approved_on,
      expires: e.expires,
      source,
    };
    if (e.account !== undefined) exception.account = e.account;
    if (e.ticket !== undefined) exception.ticket = e.ticket;
    return exception;
  });
}

/** What a register means for one catalog and one bundle. */
export interface ExceptionsInForce {
  /** Exceptions valid at the collection time, keyed by the requirement of this catalog they apply to. */
  byRequirement: Map<string, { exception: RiskException; appliesTo: string; matches: (resource: string, account: string) => boolean }[]>;
  /** Expired or not yet approved at the collection time, or for a requirement this catalog does not have: the report says so. */
  warnings: string[];
}

/**
 * Selects the exceptions that hold for a catalog at a bundle's collection time: approved on or
 * before it and expiring after it, for the same framework, in the same version or mapped one to
 * one through the crosswalk from another version.
 */
export function exceptionsInForce(
  exceptions: readonly RiskException[],
  catalog: { framework: string; version: string; requirementIds: readonly string[] },
  collectedAt: Date,
  crosswalk?: Crosswalk,
): ExceptionsInForce {
  const byRequirement: ExceptionsInForce['byRequirement'] = new Map();
  const warnings: string[] = [];
  const day = collectedAt.toISOString().slice(0, 10);
  for (const e of exceptions) {
    if (e.framework !== catalog.framework) continue;
    let appliesTo: string | undefined = e.requirement;
    if (e.version !== catalog.version) {
      appliesTo =
        crosswalk?.hasVersion(e.version) && crosswalk.hasVersion(catalog.version)
          ? crosswalk.map(e.version, e.requirement, catalog.version)
          : undefined;
      if (appliesTo === undefined) continue; // an exception for a requirement this version does not have
    }
    if (!catalog.requirementIds.includes(appliesTo)) {
      warnings.push(
        `${e.source}: exception "${e.id}" names requirement "${e.requirement}", which ${catalog.framework} ${catalog.version} does not have; it was not used.`,
      );
      continue;
    }
    if (collectedAt.getTime() >= Date.parse(`${e.expires}T00:00:00Z`)) {
      warnings.push(
        `Exception "${e.id}" (requirement ${e.requirement}, ${e.resource}) expired on ${e.expires}, before the collection (${day}); it was not used, so the resources it covered fail again. Renew it or fix them.`,
      );
      continue;
    }
    if (collectedAt.getTime() < Date.parse(`${e.approvedOn}T00:00:00Z`)) {
      warnings.push(`Exception "${e.id}" was approved on ${e.approvedOn}, after the collection (${day}); it was not used for this bundle.`);
      continue;
    }
    const list = byRequirement.get(appliesTo) ?? [];
    list.push({
      exception: e,
      appliesTo,
      matches: (resource, account) => (e.account === undefined || e.account === account) && globMatches(e.resource, resource),
    });
    byRequirement.set(appliesTo, list);
  }
  return { byRequirement, warnings };
}

/**
 * Whether `text` matches `glob` whole: `*` any run of characters (none included), `?` exactly one,
 * everything else literally. Linear backtracking over the last `*` only, so a pattern with many
 * stars cannot make a long, attacker-named resource take exponential time (as a RegExp could).
 */
export function globMatches(glob: string, text: string): boolean {
  const g = [...glob];
  const t = [...text];
  let gi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (gi < g.length && (g[gi] === '?' || (g[gi] !== '*' && g[gi] === t[ti]))) {
      gi++;
      ti++;
    } else if (gi < g.length && g[gi] === '*') {
      star = gi++;
      resume = ti;
    } else if (star !== -1) {
      gi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (gi < g.length && g[gi] === '*') gi++;
  return gi === g.length;
}

/** The record of an exception a report used. */
export function appliedException(exception: RiskException, appliesTo: string, matched: number): AppliedException {
  const { source: _source, ...rest } = exception;
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))));
  return { ...rest, appliesTo, sha256: sha256(canonical), matched };
}

function invalid(message: string): AuditpackError {
  return new AuditpackError('ATTESTATION_INVALID', message);
}
