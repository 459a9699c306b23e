import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Check, ParamSpec } from '../checks/define-check.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, boundedYamlToJs, readRegularFile, yamlErrorText } from '../shared/limits.js';
import { compileSchema, describeSchemaError, loadSchema } from '../shared/schema.js';
import { closest } from '../shared/suggest.js';
import type { Catalog, Requirement } from './catalog.js';
import { isCrosswalkFile } from './crosswalk.js';

const validateCatalog = loadSchema('catalog.v1.schema.json');

interface RawRequirement {
  id: string;
  section: string;
  title: string;
  profile?: 1 | 2;
  assessment: 'automated' | 'manual';
  description?: string;
  manual_because?: string;
  remediation?: string;
  checks?: { check: string; params?: Record<string, unknown> }[];
}

interface RawCatalog {
  framework: string;
  version: string;
  title: string;
  source: string;
  description?: string;
  sections: { id: string; title: string }[];
  requirements: RawRequirement[];
}

/**
 * Parses and validates catalog YAML. Every problem is reported as `file:line: what. what to do.`;
 * all problems are collected so a user fixes a catalog in one pass, not one error at a time.
 */
export function parseCatalog(
  text: string,
  file: string,
  findCheck: (id: string) => Check | undefined,
  knownChecks: readonly string[],
): Catalog {
  if (text.length > LIMITS.yamlBytes) throw catalogError([`${file}: ${tooLarge(text.length)}`], 'Give a catalog file');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (path: (string | number)[]): number => lineOf(doc, lineCounter, path);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${yamlErrorText(e.message)}`);
    throw catalogError(problems, 'Fix the YAML syntax');
  }
  let raw: unknown;
  try {
    raw = boundedYamlToJs(doc, text.length);
  } catch (error) {
    throw catalogError([`${file}: ${messageOf(error)}.`], '');
  }
  if (!validateCatalog(raw)) {
    const problems = (validateCatalog.errors ?? []).filter(relevant).map((e) => {
      const path = pathOf(e);
      return `${file}:${at(path)}: ${describeSchemaError(e)}${quoteHint(e)}`;
    });
    throw catalogError(problems, 'See docs/catalog-format.md for the format');
  }
  const catalog = raw as RawCatalog;
  const problems: string[] = [];
  const sections = new Set(catalog.sections.map((s) => s.id));
  const seen = new Map<string, number>();
  const requirements: Requirement[] = catalog.requirements.map((r, i) => {
    const line = at(['requirements', i]);
    const first = seen.get(r.id);
    if (first !== undefined)
      problems.push(`${file}:${line}: requirement "${r.id}" is defined twice (first at line ${first}). Give each requirement its own id.`);
    else seen.set(r.id, line);
    if (!sections.has(r.section))
      problems.push(
        `${file}:${at(['requirements', i, 'section'])}: requirement "${r.id}" names section "${r.section}", which is not in sections. Add it to sections or fix the id.`,
      );
    (r.checks ?? []).forEach((ref, j) => {
      const refLine = at(['requirements', i, 'checks', j]);
      const check = findCheck(ref.check);
      if (!check) {
        const hint = closest(ref.check, knownChecks);
        problems.push(
          `${file}:${refLine}: requirement "${r.id}" names unknown check "${ref.check}".${hint ? ` Did you mean "${hint}"?` : ' Run "auditpack checks" for the list.'}`,
        );
        return;
      }
      problems.push(
        ...paramProblems(check, ref.params ?? {}).map((p) => `${file}:${refLine}: requirement "${r.id}", check "${ref.check}": ${p}`),
      );
    });
    const requirement: Requirement = {
      id: r.id,
      section: r.section,
      title: r.title,
      assessment: r.assessment,
      checks: (r.checks ?? []).map((c) => ({ check: c.check, params: c.params ?? {} })),
      line,
    };
    if (r.profile !== undefined) requirement.profile = r.profile;
    if (r.description !== undefined) requirement.description = r.description;
    if (r.manual_because !== undefined) requirement.manualBecause = r.manual_because;
    if (r.remediation !== undefined) {
      if (r.remediation.trim() === '')
        problems.push(
          `${file}:${at(['requirements', i, 'remediation'])}: requirement "${r.id}" has a blank remediation. Write what fixes a failure, or remove the field.`,
        );
      else requirement.remediation = r.remediation.trim();
    }
    return requirement;
  });
  if (problems.length > 0) throw catalogError(problems, '');
  const result: Catalog = {
    framework: catalog.framework,
    version: catalog.version,
    title: catalog.title,
    source: catalog.source,
    sections: catalog.sections,
    requirements,
    file,
    sha256: sha256(text),
  };
  if (catalog.description !== undefined) result.description = catalog.description;
  return result;
}

/** Reads and parses a catalog file. */
export async function loadCatalog(
  file: string,
  findCheck: (id: string) => Check | undefined,
  knownChecks: readonly string[],
): Promise<Catalog> {
  let text: string;
  try {
    text = (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
  } catch (error) {
    throw new AuditpackError(
      'CATALOG_INVALID',
      `${file}: cannot read the catalog (${messageOf(error)}). Give a catalog id from "auditpack catalogs" or a path to a YAML file.`,
    );
  }
  return parseCatalog(text, file, findCheck, knownChecks);
}

/** Catalog files shipped in a controls directory, by id (the file name without .yaml); crosswalks are not catalogs. */
export async function listCatalogFiles(controlsDir: string): Promise<{ id: string; file: string }[]> {
  const names = (await readdir(controlsDir)).filter((n) => n.endsWith('.yaml') && !isCrosswalkFile(n)).sort();
  return names.map((n) => ({ id: basename(n, '.yaml'), file: join(controlsDir, n) }));
}

/** Turns `--catalog` (an id such as cis-aws-foundations-v5.0.0, or a path) into a file path. */
export async function resolveCatalog(idOrFile: string | undefined, controlsDir: string): Promise<string> {
  const shipped = await listCatalogFiles(controlsDir);
  if (idOrFile === undefined) {
    const cis = shipped
      .filter((c) => c.id.startsWith('cis-aws-foundations-v'))
      .sort((a, b) => compareVersions(versionOf(b.id), versionOf(a.id)));
    const newest = cis[0];
    if (!newest)
      throw new AuditpackError(
        'CATALOG_INVALID',
        `${controlsDir}: no CIS AWS Foundations catalog found. Pass --catalog with a catalog file.`,
      );
    return newest.file;
  }
  if (/[/\\]|\.ya?ml$/.test(idOrFile)) return idOrFile;
  const match = shipped.find((c) => c.id === idOrFile);
  if (match) return match.file;
  const hint = closest(
    idOrFile,
    shipped.map((c) => c.id),
  );
  throw new AuditpackError(
    'USAGE',
    `--catalog ${idOrFile}: no such catalog.${hint ? ` Did you mean "${hint}"?` : ''} Shipped catalogs: ${shipped.map((c) => c.id).join(', ')}; or give a path to a YAML file.`,
  );
}

function versionOf(id: string): string {
  return id.replace(/^.*-v/, '');
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Problems with the params a catalog gives a check: unknown, missing or out-of-range values. */
function paramProblems(check: Check, params: Record<string, unknown>): string[] {
  const properties = Object.fromEntries(Object.entries(check.params).map(([name, spec]) => [name, jsonSchemaOf(spec)]));
  const validate = compileSchema({ type: 'object', additionalProperties: false, required: Object.keys(check.params), properties });
  if (validate(params)) return [];
  return (validate.errors ?? []).map((e) => `${describeSchemaError(e, 'params')}. "auditpack checks" lists each check's params`);
}

/** A param spec as plain JSON Schema: our own keywords removed, since ajv runs in strict mode. */
function jsonSchemaOf(spec: ParamSpec): object {
  const { description: _description, stricter: _stricter, ...schema } = spec as ParamSpec & { stricter?: string };
  return schema;
}

/** Drops ajv's "must match then/else schema" wrapper errors: the inner error says what is wrong. */
function relevant(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function pathOf(error: ErrorObject): (string | number)[] {
  const parts: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return parts;
}

function quoteHint(error: ErrorObject): string {
  return error.keyword === 'type' && error.params.type === 'string' && /\.(id|section)$/.test(error.instancePath.replace(/\//g, '.'))
    ? '. Quote ids and sections ("1.10"): unquoted, 1.10 would load as the number 1.1'
    : '';
}

/** The line of the deepest node that exists on a path (the parent when a field is missing). */
function lineOf(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    if (n === 0) break;
  }
  return 1;
}

function tooLarge(length: number): string {
  return `is ${length} characters, more than the ${LIMITS.yamlBytes} a YAML file may have`;
}

function catalogError(problems: string[], advice: string): AuditpackError {
  const [first = 'catalog is invalid', ...rest] = problems;
  return new AuditpackError('CATALOG_INVALID', advice ? `${first}. ${advice}.`.replace('..', '.') : first, rest);
}
