import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../checks/define-check.js';
import type { FindingSet } from '../evaluate/findings.js';
import type { RequirementResult, Results } from '../evaluate/results.js';

/** findings.csv's columns, in order (its header row). */
export const FINDINGS_CSV_COLUMNS = [
  'requirement',
  'title',
  'section',
  'profile',
  'requirement_status',
  'check',
  'status',
  'account',
  'region',
  'resource',
  'reason',
  'evidence_file',
  'evidence_sha256',
  'exception',
] as const;

/** Rows handed to csv-stringify at a time: pieces of a few hundred kB, whatever the number of findings. */
const BATCH_ROWS = 2000;

/** Between a finding's evidence files (and their hashes) when it has several, in one cell. */
export const EVIDENCE_SEPARATOR = ' | ';

// RFC 4180: CRLF between records; csv-stringify quotes a field with a delimiter or quote but, with
// CRLF records, not one holding a lone CR or LF, so those are quoted explicitly.
const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

// A cell a spreadsheet would read as a formula: starts with = + - @ (or their full-width forms,
// which some Excel locales convert), possibly after whitespace, or starts with a tab or CR.
// Leading apostrophes are looked through so that neutralising can be undone without ambiguity.
const FORMULA_START = /^'*(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/**
 * A cell as findings.csv writes it: unchanged, except that a value a spreadsheet would run as a
 * formula gets a leading apostrophe `'` (OWASP's advice against CSV injection: resource names and
 * tags are attacker-set). That is a value starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return; also when the first of `= + - @` follows leading whitespace (importers that trim would
 * otherwise see a formula) or is full-width (＝ ＋ － ＠), and a value that already starts with
 * apostrophes followed by any of these, so that {@link unneutraliseCell} gives every value back exactly.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of {@link neutraliseCell}: a findings.csv cell's original value. */
export function unneutraliseCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * findings.csv in pieces: a UTF-8 byte order mark (so Excel reads UTF-8), a header row
 * ({@link FINDINGS_CSV_COLUMNS}), then one row per requirement × finding, RFC 4180 (CRLF,
 * quotes doubled). `status` is the finding's (EXCEPTED for a FAIL an exception covers, with the
 * exception's id in `exception`); a finding cited by several requirements appears once under each.
 * A requirement with no findings (manual, or no evidence at all) gets one row with its columns
 * only, so every requirement appears. Findings are read from their sets as rows are written, so
 * memory stays bounded however many there are. Every cell goes through {@link neutraliseCell}.
 */
export function* findingsCsvChunks(results: Results<FindingSet>): Generator<string> {
  yield `\uFEFF${stringify([[...FINDINGS_CSV_COLUMNS]], CSV_OPTIONS)}`;
  let batch: string[][] = [];
  for (const requirement of results.requirements) {
    const columns = requirementColumns(requirement);
    let rows = 0;
    for (const check of requirement.checks) {
      for (const finding of check.findings.read()) {
        batch.push([...columns, check.check, ...findingColumns(finding)].map(neutraliseCell));
        rows += 1;
        if (batch.length >= BATCH_ROWS) {
          yield stringify(batch, CSV_OPTIONS);
          batch = [];
        }
      }
    }
    if (rows === 0) batch.push([...columns, ...Array<string>(FINDINGS_CSV_COLUMNS.length - columns.length).fill('')].map(neutraliseCell));
  }
  if (batch.length > 0) yield stringify(batch, CSV_OPTIONS);
}

function requirementColumns(requirement: RequirementResult<FindingSet>): string[] {
  return [
    requirement.id,
    requirement.title,
    requirement.section,
    requirement.profile === undefined ? '' : String(requirement.profile),
    requirement.status,
  ];
}

function findingColumns(finding: Finding): string[] {
  const excepted = finding.status === 'FAIL' && finding.exception !== undefined;
  return [
    excepted ? 'EXCEPTED' : finding.status,
    finding.account,
    finding.region,
    finding.resource,
    finding.reason,
    // Several evidence files share one cell (and their hashes the next, in the same order), so
    // that a row stays one finding; evidence paths are written by collect and never hold " | ".
    finding.evidence.map((e) => e.path).join(EVIDENCE_SEPARATOR),
    finding.evidence.map((e) => e.sha256).join(EVIDENCE_SEPARATOR),
    finding.exception?.id ?? '',
  ];
}
