import { LineCounter, parseDocument } from 'yaml';
import type { ReportFraming, SignOffEntry } from '../evaluate/results.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { LIMITS, boundedYamlToJs, readRegularFile, yamlErrorText } from '../shared/limits.js';

/** The `report` flags that frame an audit. */
export interface FramingFlags {
  period?: string;
  preparedBy?: string;
  reviewedBy?: string;
  approvedBy?: string;
  /** A YAML file with `period` and `prepared_by` / `reviewed_by` / `approved_by`; flags win over it. */
  signOff?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ROLES = [
  ['preparedBy', 'prepared_by', '--prepared-by'],
  ['reviewedBy', 'reviewed_by', '--reviewed-by'],
  ['approvedBy', 'approved_by', '--approved-by'],
] as const;

/**
 * The audit's period and sign-off from `report`'s flags and `--sign-off FILE`, or undefined when
 * none was given. Bad input is a usage error naming the flag or the file and line.
 */
export async function framingFromFlags(flags: FramingFlags): Promise<ReportFraming | undefined> {
  const framing: ReportFraming = flags.signOff !== undefined ? await readSignOffFile(flags.signOff) : {};
  if (flags.period !== undefined) framing.period = parsePeriod(flags.period, '--period');
  for (const [key, , flag] of ROLES) {
    const value = flags[key];
    if (value !== undefined) framing[key] = parsePerson(value, flag);
  }
  return Object.keys(framing).length > 0 ? framing : undefined;
}

/** `2026-Q3`, `2026-07-01..2026-09-30`, or `2026-Q3=2026-07-01..2026-09-30`. */
export function parsePeriod(text: string, where: string): NonNullable<ReportFraming['period']> {
  const [label, range] = text.includes('=')
    ? [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)]
    : /\.\./.test(text)
      ? ['', text]
      : [text, ''];
  const period: NonNullable<ReportFraming['period']> = {};
  if (label.trim() !== '') period.label = label.trim();
  if (range !== '') {
    const [start = '', end = ''] = range.split('..').map((d) => d.trim());
    for (const date of [start, end]) checkDate(date, where, 'YYYY-MM-DD..YYYY-MM-DD');
    if (end < start) throw usage(`${where}: the period ends (${end}) before it starts (${start}). Give START..END.`);
    period.start = start;
    period.end = end;
  }
  if (Object.keys(period).length === 0)
    throw usage(
      `${where}: the period is empty. Give a label (2026-Q3), dates (2026-07-01..2026-09-30) or both (2026-Q3=2026-07-01..2026-09-30).`,
    );
  return period;
}

/** `Name`, `Name, Role` or `Name, Role, YYYY-MM-DD`. */
export function parsePerson(text: string, where: string): SignOffEntry {
  const parts = text.split(',').map((p) => p.trim());
  const date = parts.length > 1 && DATE.test(parts[parts.length - 1] ?? '') ? parts.pop() : undefined;
  const [name = '', ...role] = parts;
  if (name === '') throw usage(`${where}: give a name, optionally followed by ", role" and ", YYYY-MM-DD".`);
  if (date !== undefined) checkDate(date, where, 'YYYY-MM-DD');
  const entry: SignOffEntry = { name };
  if (role.length > 0 && role.join(', ') !== '') entry.role = role.join(', ');
  if (date !== undefined) entry.date = date;
  return entry;
}

async function readSignOffFile(file: string): Promise<ReportFraming> {
  let text: string;
  try {
    text = (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
  } catch (error) {
    throw new AuditpackError('IO', `${file}: cannot read the sign-off file (${messageOf(error)}). Check --sign-off.`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw usage(
      `${file}:${first ? lineCounter.linePos(first.pos[0]).line : 1}: ${yamlErrorText(first?.message ?? '')}. Fix the YAML syntax.`,
    );
  }
  const lineOf = (path: string[]): number => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  let raw: unknown;
  try {
    raw = boundedYamlToJs(doc, text.length);
  } catch (error) {
    throw usage(`${file}: ${messageOf(error)}.`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw usage(`${file}:1: expected a mapping with period, prepared_by, reviewed_by and approved_by. See docs/reports.md.`);
  const value = raw as Record<string, unknown>;
  const known = new Set(['period', ...ROLES.map(([, field]) => field)]);
  const unknown = Object.keys(value).find((k) => !known.has(k));
  if (unknown !== undefined)
    throw usage(`${file}:${lineOf([unknown])}: unknown field "${unknown}". Use period, prepared_by, reviewed_by, approved_by.`);
  const framing: ReportFraming = {};
  if (value.period !== undefined) {
    const where = `${file}:${lineOf(['period'])}`;
    if (typeof value.period === 'string') framing.period = parsePeriod(value.period, where);
    else {
      const p = record(value.period, where, ['label', 'start', 'end']);
      const period: NonNullable<ReportFraming['period']> = {};
      if (p.label !== undefined) period.label = p.label;
      if (p.start !== undefined || p.end !== undefined) Object.assign(period, parsePeriod(`${p.start ?? ''}..${p.end ?? ''}`, where));
      framing.period = period;
    }
  }
  for (const [key, field] of ROLES) {
    if (value[field] === undefined) continue;
    const where = `${file}:${lineOf([field])}`;
    const person = record(value[field], where, ['name', 'role', 'date']);
    if (person.date !== undefined) checkDate(person.date, where, 'YYYY-MM-DD');
    framing[key] = person;
  }
  return framing;
}

/** A mapping of optional string fields (dates may arrive as YAML dates). */
function record(value: unknown, where: string, fields: readonly string[]): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw usage(`${where}: expected a mapping with ${fields.join(', ')}.`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!fields.includes(k)) throw usage(`${where}: unknown field "${k}". Use ${fields.join(', ')}.`);
    if (v === null || v === undefined || v === '') continue;
    if (v instanceof Date) out[k] = v.toISOString().slice(0, 10);
    else if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    else throw usage(`${where}: ${k} must be text.`);
  }
  return out;
}

function checkDate(date: string, where: string, shape: string): void {
  if (
    !DATE.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw usage(`${where}: "${date}" is not a date. Give ${shape}.`);
  }
}

function usage(message: string): AuditpackError {
  return new AuditpackError('USAGE', message);
}
