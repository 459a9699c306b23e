import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { Finding } from '../../src/checks/define-check.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { materialise, toFindingSets, type FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';
import { exceptionsInForce, parseExceptions } from '../../src/exceptions/exceptions.js';
import { FINDINGS_CSV_COLUMNS, findingsCsvChunks, neutraliseCell, unneutraliseCell } from '../../src/report/csv.js';
import { buildResults, checkResult, finding, resultsFrom } from '../helpers/results-builder.js';
import { orgResults } from '../helpers/org-results.js';

type Row = Record<(typeof FINDINGS_CSV_COLUMNS)[number], string>;

const csvOf = (results: Results<FindingSet>): string => [...findingsCsvChunks(results)].join('');

/** The CSV read back as a spreadsheet importer would: cells as written (neutralised ones with their apostrophe). */
function rawRecords(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

/** The CSV read back into rows of original values. */
function rows(text: string): Row[] {
  const [header, ...records] = rawRecords(text);
  expect(header).toEqual([...FINDINGS_CSV_COLUMNS]);
  return records.map((record) => Object.fromEntries(FINDINGS_CSV_COLUMNS.map((c, i) => [c, unneutraliseCell(record[i] ?? '')])) as Row);
}

/** What findings.csv must hold for these results, built independently from the materialised findings. */
function expectedRows(results: Results<FindingSet>): Row[] {
  const out: Row[] = [];
  for (const r of materialise(results).requirements) {
    const base = {
      requirement: r.id,
      title: r.title,
      section: r.section,
      profile: r.profile?.toString() ?? '',
      requirement_status: r.status,
    };
    const findings = r.checks.flatMap((c) => c.findings.map((f): [string, Finding] => [c.check, f]));
    if (findings.length === 0) {
      out.push({
        ...base,
        check: '',
        status: '',
        account: '',
        region: '',
        resource: '',
        reason: '',
        evidence_file: '',
        evidence_sha256: '',
        exception: '',
      });
    }
    for (const [check, f] of findings) {
      out.push({
        ...base,
        check,
        status: f.status === 'FAIL' && f.exception ? 'EXCEPTED' : f.status,
        account: f.account,
        region: f.region,
        resource: f.resource,
        reason: f.reason,
        evidence_file: f.evidence.map((e) => e.path).join(' | '),
        evidence_sha256: f.evidence.map((e) => e.sha256).join(' | '),
        exception: f.exception?.id ?? '',
      });
    }
  }
  return out;
}

/** Finding rows by status, and the same from the sets' own counts (EXCEPTED apart from FAIL). */
function statusTallies(results: Results<FindingSet>, parsed: Row[]): { fromCsv: Record<string, number>; fromSets: Record<string, number> } {
  const fromCsv: Record<string, number> = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, EXCEPTED: 0 };
  for (const row of parsed) if (row.status) fromCsv[row.status] = (fromCsv[row.status] ?? 0) + 1;
  const fromSets: Record<string, number> = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, EXCEPTED: 0 };
  for (const r of results.requirements) {
    for (const c of r.checks) {
      const excepted = c.findings.excepted ?? 0;
      fromSets.PASS = (fromSets.PASS ?? 0) + c.findings.counts.PASS;
      fromSets.FAIL = (fromSets.FAIL ?? 0) + c.findings.counts.FAIL - excepted;
      fromSets.NOT_EVALUATED = (fromSets.NOT_EVALUATED ?? 0) + c.findings.counts.NOT_EVALUATED;
      fromSets.EXCEPTED = (fromSets.EXCEPTED ?? 0) + excepted;
    }
  }
  return { fromCsv, fromSets };
}

/** One FAIL requirement with these findings. */
function failing(findings: Finding[]): Results<FindingSet> {
  return toFindingSets(
    resultsFrom([
      {
        id: '1.2',
        section: '1',
        sectionTitle: 'Identity and Access Management',
        title: 'Hostile names',
        profile: 1,
        assessment: 'automated',
        status: 'FAIL',
        statusReason: `${findings.length} of ${findings.length} findings fail.`,
        checks: [checkResult('iam-hostile', 'Hostile', {}, findings)],
      },
    ]),
  );
}

/** One FAIL requirement whose findings name these resources. */
function hostileResults(resources: readonly string[]): Results<FindingSet> {
  return failing(resources.map((resource, i) => finding('FAIL', resource, `reason ${i}`, 'aws/111122223333/global/iam/ListUsers.json')));
}

describe('findings.csv', () => {
  it('parses back with csv-parse to one row per requirement × finding, equal to the results, every requirement present', () => {
    const results = toFindingSets(buildResults());
    const parsed = rows(csvOf(results));
    expect(parsed).toEqual(expectedRows(results));
    expect(new Set(parsed.map((r) => r.requirement))).toEqual(new Set(results.requirements.map((r) => r.id)));
    // Manual requirement 1.1 has no checks: one row, finding columns empty.
    expect(parsed.filter((r) => r.requirement === '1.1')).toEqual([
      expect.objectContaining({ requirement_status: 'MANUAL', check: '', resource: '' }),
    ]);
    const { fromCsv, fromSets } = statusTallies(results, parsed);
    expect(fromCsv).toEqual(fromSets);
  });

  it('starts with a UTF-8 BOM and ends every record with CRLF (RFC 4180), quoting line breaks and quotes inside cells', () => {
    const results = buildResults();
    const text = csvOf(toFindingSets(results));
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.startsWith(`\uFEFF${FINDINGS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')).toHaveLength(expectedRows(toFindingSets(results)).length + 2);

    const odd = ['line\nbreak', 'carriage\rreturn', 'crlf\r\nx', 'say "hi", ok', 'é ü 日本 \u2028'];
    const oddText = csvOf(hostileResults(odd));
    expect(rows(oddText).map((r) => r.resource)).toEqual(odd);
    expect(oddText).toContain('"line\nbreak"');
    expect(oddText).toContain('"say ""hi"", ok"');
  });

  it('neutralises cells a spreadsheet would run as formulas with a leading apostrophe, and nothing else', () => {
    const hostile = ['=HYPERLINK("http://x")', '@SUM(1)', '-1+1', '+1', '\t=1', '\r=1', ' =1+1', '\n@x', '\uFF1D1+1', "'=1", "''-2"];
    const safe = ["'quoted'", 'arn:aws:iam::111122223333:user/a=b', 'a-b', "it's", '', '1+1'];
    const text = csvOf(hostileResults([...hostile, ...safe]));
    const resourceColumn = FINDINGS_CSV_COLUMNS.indexOf('resource');
    const cells = rawRecords(text)
      .slice(1)
      .map((record) => record[resourceColumn]);
    expect(cells).toEqual([...hostile.map((h) => `'${h}`), ...safe]);
    // Undone exactly: the original values come back.
    expect(rows(text).map((r) => r.resource)).toEqual([...hostile, ...safe]);
    // No raw cell starts a formula.
    for (const record of rawRecords(text)) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    for (const value of [...hostile, ...safe]) expect(unneutraliseCell(neutraliseCell(value))).toBe(value);
  });

  it('neutralises every column, not only resources (reasons, titles and exception ids are text from outside)', () => {
    const results = hostileResults(['ok']);
    const requirement = results.requirements[0];
    if (!requirement) throw new Error('no requirement');
    requirement.title = '=cmd|" /C calc"!A0';
    const text = csvOf(results);
    const record = rawRecords(text)[1] ?? [];
    expect(record[FINDINGS_CSV_COLUMNS.indexOf('title')]).toBe(`'=cmd|" /C calc"!A0`);
    expect(rows(text)[0]?.title).toBe('=cmd|" /C calc"!A0');
  });

  it('joins several evidence files of one finding in one cell, hashes in the same order', () => {
    const f = finding('FAIL', 'arn:aws:s3:::b', 'r', 'aws/1/global/s3/ListBuckets.json');
    f.evidence.push({ path: 'aws/1/eu-west-1/s3/GetBucketPolicy/b.json', sha256: 'b'.repeat(64) });
    const results = failing([f]);
    const [row] = rows(csvOf(results));
    expect(row?.evidence_file).toBe('aws/1/global/s3/ListBuckets.json | aws/1/eu-west-1/s3/GetBucketPolicy/b.json');
    expect(row?.evidence_sha256).toBe(`${f.evidence[0]?.sha256} | ${'b'.repeat(64)}`);
  });

  it('writes many findings in several pieces with the same rows', () => {
    const resources = Array.from({ length: 4500 }, (_, i) => `arn:aws:iam::111122223333:user/u${i}`);
    const results = hostileResults(resources);
    const pieces = [...findingsCsvChunks(results)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(rows(pieces.join('')).map((r) => r.resource)).toEqual(resources);
  });

  it('gives the same bytes twice', () => {
    expect(csvOf(toFindingSets(buildResults()))).toBe(csvOf(toFindingSets(buildResults())));
  });

  it('writes an organisation (3 accounts): every finding once per requirement citing it, counts equal to the sets', async () => {
    const { results, dispose } = await orgResults({ accounts: 3, users: 12, sgs: 9 });
    try {
      const text = csvOf(results);
      expect(csvOf(results)).toBe(text);
      const parsed = rows(text);
      expect(parsed).toEqual(expectedRows(results));
      expect(new Set(parsed.map((r) => r.account).filter(Boolean)).size).toBe(3);
      const { fromCsv, fromSets } = statusTallies(results, parsed);
      expect(fromCsv).toEqual(fromSets);
    } finally {
      dispose();
    }
  });

  it('writes the sample bundle with an accepted risk as EXCEPTED rows naming the exception', async () => {
    const bundle = await openBundle('evidence/sample');
    const catalog = await loadCatalog(
      'controls/cis-aws-foundations-v5.0.0.yaml',
      findCheck,
      checks.map((c) => c.id),
    );
    const exceptions = parseExceptions(
      [
        'exceptions:',
        '  - id: E-7',
        '    framework: cis-aws-foundations',
        '    version: 5.0.0',
        '    requirement: "5.3"',
        '    account: "111122223333"',
        '    resource: "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a7b*"',
        '    justification: Legacy bastion until the SSM migration',
        '    approved_by: Dana Smith (CISO)',
        '    approved_on: "2026-07-01"',
        '    expires: "2027-01-01"',
        '',
      ].join('\n'),
      'exceptions.yaml',
    );
    const inForce = exceptionsInForce(
      exceptions,
      { framework: catalog.framework, version: catalog.version, requirementIds: catalog.requirements.map((r) => r.id) },
      bundle.collectedAt,
    );
    const results = toFindingSets(
      await evaluate(bundle, catalog, { findCheck, toolVersion: 'test', catalogFileName: 'c.yaml', exceptions: inForce }),
    );
    const parsed = rows(csvOf(results));
    expect(parsed).toEqual(expectedRows(results));
    const excepted = parsed.filter((r) => r.status === 'EXCEPTED');
    expect(excepted.length).toBeGreaterThan(0);
    expect(excepted.every((r) => r.requirement === '5.3' && r.exception === 'E-7')).toBe(true);
    expect(parsed.some((r) => r.status === 'NOT_EVALUATED')).toBe(true);
    expect(parsed.some((r) => r.requirement_status === 'MANUAL')).toBe(true);
    const { fromCsv, fromSets } = statusTallies(results, parsed);
    expect(fromCsv).toEqual(fromSets);
    expect(fromCsv.EXCEPTED).toBe(excepted.length);
  });
});
