import { basename, dirname, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ErrorObject } from 'ajv';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, boundedYamlToJs, readRegularFile, yamlErrorText } from '../shared/limits.js';
import { describeSchemaError, loadSchema } from '../shared/schema.js';
import { errorPath, fieldName, lineOf } from './yaml-location.js';

const validateCrosswalk = loadSchema('crosswalk.v1.schema.json');

/** One requirement lineage across versions. */
export interface CrosswalkRow {
  /** The requirement id in each version of the crosswalk; null where that version has no such requirement. */
  ids: Readonly<Record<string, string | null>>;
  /** What changed across versions (reworded, dropped, new). */
  note?: string;
  /** 1-based line of the row in its YAML file, for messages. */
  line: number;
}

/** A loaded, validated crosswalk with lookups; see schemas/crosswalk.v1.schema.json for the file format. */
export interface Crosswalk {
  framework: string;
  /** Versions the crosswalk maps between, in file order (oldest first). */
  versions: readonly string[];
  rows: readonly CrosswalkRow[];
  /** 1-based line of each version in `versions`, for messages. */
  versionLines: Readonly<Record<string, number>>;
  /** Path it was loaded from, as given. */
  file: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
  /** Whether the crosswalk maps this version. */
  hasVersion(version: string): boolean;
  /** The id in `toVersion` of requirement `id` of `fromVersion`; undefined when `id` is unknown or has no counterpart there. */
  map(fromVersion: string, id: string, toVersion: string): string | undefined;
  /** The row holding requirement `id` of `version`. */
  row(version: string, id: string): CrosswalkRow | undefined;
  /** Every requirement id the crosswalk names for a version, in row order. */
  ids(version: string): string[];
  /** Ids of `toVersion` with no counterpart in `fromVersion` (new requirements, seen going from → to). */
  added(fromVersion: string, toVersion: string): string[];
  /** Ids of `fromVersion` with no counterpart in `toVersion` (dropped requirements). */
  dropped(fromVersion: string, toVersion: string): string[];
}

interface RawCrosswalk {
  framework: string;
  versions: string[];
  rows: Record<string, string | null>[];
}

/** Files named `crosswalk-<framework>.yaml` are crosswalks, not catalogs. */
export function isCrosswalkFile(file: string): boolean {
  return /^crosswalk-.*\.ya?ml$/.test(basename(file));
}

/** Where the crosswalk for a framework lives when it ships beside the catalogs in `dir`. */
export function crosswalkFileFor(framework: string, dir: string): string {
  return join(dir, `crosswalk-${framework}.yaml`);
}

/** Where the catalog of one version lives beside a crosswalk (`<framework>-v<version>.yaml`). */
export function catalogFileFor(crosswalk: Pick<Crosswalk, 'framework' | 'file'>, version: string): string {
  return join(dirname(crosswalk.file), `${crosswalk.framework}-v${version}.yaml`);
}

/**
 * Parses and validates crosswalk YAML. Every problem is reported as `file:line: what. what to do.`,
 * all at once, like the catalog loader.
 */
export function parseCrosswalk(text: string, file: string): Crosswalk {
  if (text.length > LIMITS.yamlBytes) {
    throw crosswalkError(
      [`${file}: is ${text.length} characters, more than the ${LIMITS.yamlBytes} a YAML file may have`],
      'Give a crosswalk file',
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (path: (string | number)[]): number => lineOf(doc, lineCounter, path);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${yamlErrorText(e.message)}`);
    throw crosswalkError(problems, 'Fix the YAML syntax');
  }
  let raw: unknown;
  try {
    raw = boundedYamlToJs(doc, text.length);
  } catch (error) {
    throw crosswalkError([`${file}: ${messageOf(error)}.`], '');
  }
  if (!validateCrosswalk(raw)) {
    const problems = (validateCrosswalk.errors ?? []).filter(relevant).map((e) => `${file}:${at(errorPath(e))}: ${describe(e)}`);
    throw crosswalkError(problems, 'See schemas/crosswalk.v1.schema.json for the format');
  }
  const crosswalk = raw as RawCrosswalk;
  const versions = crosswalk.versions;
  const problems: string[] = [];
  const index = new Map<string, Map<string, number>>(versions.map((v) => [v, new Map()]));
  const rows: CrosswalkRow[] = crosswalk.rows.map((raw, i) => {
    const line = at(['rows', i]);
    const { note, ...ids } = raw as Record<string, string | null> & { note?: string };
    for (const key of Object.keys(ids)) {
      if (!versions.includes(key)) {
        problems.push(
          `${file}:${line}: rows[${i}] names version "${key}", which is not in versions (${versions.join(', ')}). Add it to versions or remove it from the row.`,
        );
      }
    }
    for (const version of versions) {
      if (!(version in ids)) {
        problems.push(
          `${file}:${line}: rows[${i}] has no entry for "${version}". Write "${version}": null when that version has no such requirement.`,
        );
      }
    }
    if (versions.every((v) => ids[v] === null || ids[v] === undefined)) {
      problems.push(`${file}:${line}: rows[${i}] names no requirement id. Give the id in at least one version, or delete the row.`);
    }
    for (const version of versions) {
      const id = ids[version];
      if (typeof id !== 'string') continue;
      const seen = index.get(version);
      const first = seen?.get(id);
      const idLine = at(['rows', i, version]);
      if (first !== undefined) {
        problems.push(
          `${file}:${idLine}: "${version}" requirement "${id}" is mapped twice (first at line ${at(['rows', first])}). Keep one row per requirement.`,
        );
      } else seen?.set(id, i);
    }
    const row: CrosswalkRow = { ids: Object.fromEntries(versions.map((v) => [v, ids[v] ?? null])), line };
    if (note !== undefined) row.note = note;
    return row;
  });
  if (problems.length > 0) throw crosswalkError(problems, '');

  const requireVersion = (version: string): void => {
    if (!versions.includes(version)) {
      throw new AuditpackError(
        'CATALOG_INVALID',
        `${file}: the crosswalk has no version "${version}" (it maps ${versions.join(', ')}). Add the version to the crosswalk, or compare versions it maps.`,
      );
    }
  };
  const rowOf = (version: string, id: string): CrosswalkRow | undefined => {
    requireVersion(version);
    const i = index.get(version)?.get(id);
    return i === undefined ? undefined : rows[i];
  };
  const idsOf = (version: string): string[] => {
    requireVersion(version);
    return rows.flatMap((r) => (typeof r.ids[version] === 'string' ? [r.ids[version]] : []));
  };
  const unmatched = (version: string, other: string): string[] => {
    requireVersion(other);
    return rows.flatMap((r) => {
      const id = r.ids[version];
      return typeof id === 'string' && r.ids[other] === null ? [id] : [];
    });
  };
  return {
    framework: crosswalk.framework,
    versions,
    rows,
    versionLines: Object.fromEntries(versions.map((v, i) => [v, at(['versions', i])])),
    file,
    sha256: sha256(text),
    hasVersion: (version) => versions.includes(version),
    map: (fromVersion, id, toVersion) => {
      requireVersion(toVersion);
      return rowOf(fromVersion, id)?.ids[toVersion] ?? undefined;
    },
    row: rowOf,
    ids: idsOf,
    added: (fromVersion, toVersion) => {
      requireVersion(toVersion);
      return unmatched(toVersion, fromVersion);
    },
    dropped: (fromVersion, toVersion) => {
      requireVersion(fromVersion);
      return unmatched(fromVersion, toVersion);
    },
  };
}

/** Reads and parses a crosswalk file. */
export async function loadCrosswalk(file: string): Promise<Crosswalk> {
  let text: string;
  try {
    text = (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
  } catch (error) {
    throw new AuditpackError(
      'CATALOG_INVALID',
      `${file}: cannot read the crosswalk (${messageOf(error)}). Give the path of a crosswalk YAML file.`,
    );
  }
  return parseCrosswalk(text, file);
}

/** Drops ajv's wrapper errors (the branches of an anyOf): the anyOf error itself says what is wrong. */
function relevant(error: ErrorObject): boolean {
  return !error.schemaPath.includes('/anyOf/');
}

function describe(error: ErrorObject): string {
  const field = fieldName(errorPath(error).slice(0, error.keyword === 'additionalProperties' ? -1 : undefined)) || '(top level)';
  if (error.keyword === 'anyOf') {
    return `${field}: must be a quoted requirement id or null. Quote ids ("1.10"): unquoted, 1.10 would load as the number 1.1`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${field}: unknown field "${String(error.params.additionalProperty)}"; a row holds version keys such as "5.0.0" and an optional note`;
  }
  return describeSchemaError(error);
}

function crosswalkError(problems: string[], advice: string): AuditpackError {
  const [first = 'crosswalk is invalid', ...rest] = problems;
  return new AuditpackError('CATALOG_INVALID', advice ? `${first}. ${advice}.`.replace('..', '.') : first, rest);
}
