import { dirname, extname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { LineCounter, parseDocument } from 'yaml';
import type { Catalog } from '../catalog/catalog.js';
import { errorPath, lineOf } from '../catalog/yaml-location.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, boundedYamlToJs, readRegularFile, yamlErrorText } from '../shared/limits.js';
import { describeSchemaError, loadSchema } from '../shared/schema.js';
import { closest } from '../shared/suggest.js';
import { readEvidence, type AttestationInput } from './add-attestation.js';
import type { Attestation } from './attestations.js';

/** The columns of a decisions CSV file, in the order the docs give them. */
export const DECISION_COLUMNS = [
  'framework',
  'version',
  'requirement',
  'account',
  'result',
  'attested_by',
  'role',
  'date',
  'expires',
  'justification',
  'evidence',
] as const;
const REQUIRED_COLUMNS = ['requirement', 'result', 'attested_by', 'role', 'justification'] as const;
const RESULTS: readonly Attestation['result'][] = ['pass', 'fail', 'not_applicable'];

type Column = (typeof DECISION_COLUMNS)[number];

/** One decision as a decisions file (CSV or YAML) states it, before it is checked. */
export interface DecisionRow {
  /** The decisions file, as given, and the 1-based line the decision starts on. */
  file: string;
  line: number;
  /** Text fields as written; absent (or empty in CSV) where the file leaves them out. */
  fields: Partial<Record<Exclude<Column, 'evidence'>, string>>;
  /** Evidence files, resolved against the decisions file's folder. */
  evidence: string[];
}

/** A decision that passed every check, ready to store in a bundle or a register. */
export interface CheckedDecision {
  row: DecisionRow;
  catalog: Catalog;
  /** Evidence paths are the resolved local files. */
  input: AttestationInput;
  /** Each evidence file's bytes and SHA-256, read once while checking. */
  evidence: { source: string; bytes: Buffer; sha256: string }[];
}

/** What decisions are checked against. */
export interface DecisionContext {
  /** Every catalog a row may name by framework and version. */
  catalogs: readonly Catalog[];
  /** The catalog of a row that names neither framework nor version (`--catalog`). */
  defaultCatalog: Catalog;
  /** YYYY-MM-DD: the date of a row that gives none; expiry defaults to a year after the date. */
  today: string;
  /** When adding to a bundle: its accounts (a row's account must be one). */
  accounts?: readonly string[];
}

const validateDecisions = loadSchema('attestation-decisions.v1.schema.json');

/** Reads a decisions file: `.csv` (header row, one decision a row) or `.yaml`/`.yml` (an `attestations:` list). */
export async function readDecisionsFile(file: string): Promise<DecisionRow[]> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.yaml' && ext !== '.yml') {
    throw new AuditpackError('USAGE', `${file}: give a .csv or .yaml file of decisions (see docs/attestations.md for both formats).`);
  }
  let text: string;
  try {
    text = (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
  } catch (error) {
    throw new AuditpackError('IO', `${file}: cannot read it (${messageOf(error)}). Give the path of a decisions file.`);
  }
  return ext === '.csv' ? parseDecisionsCsv(text, file) : parseDecisionsYaml(text, file);
}

/**
 * Parses a decisions CSV: a header naming the columns (any order; framework, version, account,
 * date, expires and evidence may be left out), then one decision a row. Evidence is a
 * `;`-separated list of files relative to the CSV. Problems in the file's shape are reported with
 * their line, all at once (exit 13); the rows' content is checked by {@link checkDecisions}.
 */
export function parseDecisionsCsv(text: string, file: string): DecisionRow[] {
  let records: { record: Record<string, string>; raw: string; info: { bytes: number } }[];
  let header: string[] = [];
  try {
    records = parseCsv(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      raw: true,
      info: true,
      columns: (names: string[]) => {
        header = names.map((n) =>
          n
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        );
        return header;
      },
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AuditpackError(
      'ATTESTATION_INVALID',
      `${file}:${line ?? 1}: ${messageOf(error).replace(/\.$/, '')}. Fix the CSV (quote a value holding a comma, a quote or a line break).`,
    );
  }
  const problems: string[] = [];
  for (const name of header) {
    if (!(DECISION_COLUMNS as readonly string[]).includes(name)) {
      const hint = closest(name, DECISION_COLUMNS);
      problems.push(
        `${file}:1: unknown column "${name}".${hint ? ` Did you mean "${hint}"?` : ''} The columns are ${DECISION_COLUMNS.join(', ')}`,
      );
    }
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!header.includes(name)) problems.push(`${file}:1: no "${name}" column. The header needs ${REQUIRED_COLUMNS.join(', ')}`);
  }
  const [first, ...rest] = problems;
  if (first !== undefined)
    throw new AuditpackError(
      'ATTESTATION_INVALID',
      `${first}.`,
      rest.map((p) => `${p}.`),
    );

  const bytes = Buffer.from(text.replace(/^\uFEFF/, ''));
  return records.map(({ record, raw, info }) => {
    // csv-parse counts lines at a record's end; its start is where its raw text begins.
    const leading = /^[\r\n]*/.exec(raw)?.[0].length ?? 0;
    const start = info.bytes - Buffer.byteLength(raw) + leading;
    let line = 1;
    for (let i = 0; i < start && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
    const fields: DecisionRow['fields'] = {};
    for (const column of DECISION_COLUMNS) {
      const value = record[column];
      if (column !== 'evidence' && value !== undefined && value !== '') fields[column] = value;
    }
    const evidence = (record.evidence ?? '')
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => resolve(dirname(file), p));
    return { file, line, fields, evidence };
  });
}

interface RawDecision {
  framework?: string;
  version?: string;
  requirement: string;
  account?: string;
  result: string;
  attested_by: string;
  role: string;
  date?: string;
  expires?: string;
  justification: string;
  evidence?: string | string[];
}

/** Parses a decisions YAML file (schemas/attestation-decisions.v1.schema.json); evidence files are relative to it. */
export function parseDecisionsYaml(text: string, file: string): DecisionRow[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const [first, ...rest] = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${yamlErrorText(e.message)}`);
    throw new AuditpackError('ATTESTATION_INVALID', `${first ?? file}. Fix the YAML syntax.`, rest);
  }
  let raw: unknown;
  try {
    raw = boundedYamlToJs(doc, text.length);
  } catch (error) {
    throw new AuditpackError('ATTESTATION_INVALID', `${file}: ${messageOf(error)}.`);
  }
  const at = (path: (string | number)[]): number => lineOf(doc, lineCounter, path);
  if (!validateDecisions(raw)) {
    const errors = (validateDecisions.errors ?? []).filter((e) => !e.schemaPath.includes('/oneOf/'));
    const [first, ...rest] = errors.map((e) => `${file}:${at(errorPath(e))}: ${describeSchemaError(e)}`);
    throw new AuditpackError(
      'ATTESTATION_INVALID',
      `${first ?? file}. See docs/attestations.md for the decisions format (quote account ids and requirement ids).`,
      rest,
    );
  }
  return (raw as { attestations: RawDecision[] }).attestations.map((d, i) => {
    const { evidence, ...text } = d;
    const fields: DecisionRow['fields'] = {};
    for (const [key, value] of Object.entries(text)) fields[key as Exclude<Column, 'evidence'>] = value;
    const files = evidence === undefined ? [] : typeof evidence === 'string' ? [evidence] : evidence;
    return { file, line: at(['attestations', i]), fields, evidence: files.map((p) => resolve(dirname(file), p)) };
  });
}

/**
 * Checks every decision before any is stored: its catalog is known, the requirement exists (with a
 * "did you mean") and is manual, the result, dates and account are valid, the people and the
 * justification are given, and each evidence file is readable and holds no key material. All
 * problems are reported together, each as `file:line: …` (exit 13); nothing is stored when any
 * row is bad.
 */
export async function checkDecisions(rows: readonly DecisionRow[], context: DecisionContext): Promise<CheckedDecision[]> {
  const problems: string[] = [];
  const checked: CheckedDecision[] = [];
  if (rows.length === 0) throw new AuditpackError('ATTESTATION_INVALID', 'The decisions file holds no decision. Add one a row.');
  for (const row of rows) {
    const at = `${row.file}:${row.line}`;
    const rowProblems: string[] = [];
    const f = row.fields;
    const catalog = catalogOf(row, context, rowProblems);
    for (const name of REQUIRED_COLUMNS) {
      if (!f[name]) rowProblems.push(`${name.replace('_', ' ')} is empty; every decision needs it`);
    }
    for (const name of ['attested_by', 'role', 'account', 'framework', 'version', 'requirement'] as const) {
      const value = f[name];
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      if (value !== undefined && /[\u0000-\u001f\u007f-\u009f]/.test(value))
        rowProblems.push(`${name.replace('_', ' ')} holds a control character; write it on one line`);
    }
    if (catalog && f.requirement) {
      const requirement = catalog.requirements.find((r) => r.id === f.requirement);
      if (!requirement) {
        const hint = closest(
          f.requirement,
          catalog.requirements.map((r) => r.id),
        );
        rowProblems.push(
          `${catalog.framework} ${catalog.version} has no requirement "${f.requirement}".${hint ? ` Did you mean "${hint}"?` : ''}`,
        );
      } else if (requirement.assessment !== 'manual') {
        rowProblems.push(
          `requirement "${f.requirement}" (${requirement.title}) is automated; evidence decides it. Attest manual requirements only`,
        );
      }
    }
    if (f.result !== undefined && !(RESULTS as readonly string[]).includes(f.result)) {
      rowProblems.push(`result "${f.result}" is not one of ${RESULTS.join(', ')}`);
    }
    if (f.account !== undefined) {
      if (!/^\d{12}$/.test(f.account)) rowProblems.push(`account "${f.account}" is not a 12-digit AWS account id`);
      else if (context.accounts && !context.accounts.includes(f.account))
        rowProblems.push(`account ${f.account} is not an account of this bundle (${context.accounts.join(', ')})`);
    }
    const date = f.date ?? context.today;
    const expires = f.expires ?? oneYearAfter(date);
    for (const [name, value] of [
      ['date', date],
      ['expires', expires],
    ] as const) {
      if (!isDay(value)) rowProblems.push(`${name} "${value}" is not a date; write it as YYYY-MM-DD`);
    }
    if (isDay(date) && isDay(expires) && expires <= date) rowProblems.push(`expires (${expires}) is not after the date (${date})`);
    const evidence: CheckedDecision['evidence'] = [];
    for (const source of row.evidence) {
      try {
        const bytes = await readEvidence(source);
        evidence.push({ source, bytes, sha256: sha256(bytes) });
      } catch (error) {
        rowProblems.push(
          messageOf(error)
            .replace(/^--evidence /, 'evidence ')
            .replace(/\.$/, ''),
        );
      }
    }
    if (rowProblems.length > 0 || !catalog) {
      problems.push(...rowProblems.map((p) => `${at}: ${p}${/[.?!]$/.test(p) ? '' : '.'}`));
      continue;
    }
    const input: AttestationInput = {
      requirement: f.requirement as string,
      result: f.result as Attestation['result'],
      attestedBy: f.attested_by as string,
      role: f.role as string,
      date,
      expires,
      justification: f.justification as string,
      evidence: row.evidence,
    };
    if (f.account !== undefined) input.account = f.account;
    checked.push({ row, catalog, input, evidence });
  }
  const [first, ...rest] = problems;
  if (first !== undefined)
    throw new AuditpackError(
      'ATTESTATION_INVALID',
      `${first} Nothing was stored${rest.length > 0 ? ` (${problems.length} problems, listed below)` : ''}.`,
      rest,
    );
  return checked;
}

/** The catalog a row names (framework and version, either alone, or neither for the default). */
function catalogOf(row: DecisionRow, context: DecisionContext, problems: string[]): Catalog | undefined {
  const { framework, version } = row.fields;
  const fallback = context.defaultCatalog;
  const wanted = { framework: framework ?? fallback.framework, version };
  const matching = context.catalogs.filter(
    (c) => c.framework === wanted.framework && (wanted.version === undefined || c.version === wanted.version),
  );
  if (wanted.version === undefined && wanted.framework === fallback.framework) return fallback;
  if (matching.length === 1) return matching[0];
  const known = [...new Set(context.catalogs.map((c) => `${c.framework} ${c.version}`))].join(', ');
  if (matching.length === 0)
    problems.push(
      `no catalog ${wanted.framework}${wanted.version ? ` ${wanted.version}` : ''} (known: ${known}). Give it with --catalog FILE`,
    );
  else problems.push(`${wanted.framework} has several versions (${matching.map((c) => c.version).join(', ')}); give the version`);
  return undefined;
}

/** Whether text is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** The same day one year later (YYYY-MM-DD); 29 February becomes 1 March. */
export function oneYearAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
