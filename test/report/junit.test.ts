import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { Finding } from '../../src/checks/define-check.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { toFindingSets, type FindingSet } from '../../src/evaluate/findings.js';
import type { RequirementResult, Results } from '../../src/evaluate/results.js';
import { exceptionsInForce, parseExceptions } from '../../src/exceptions/exceptions.js';
import { JUNIT_LISTED_FINDINGS, junitXml } from '../../src/report/junit.js';
import { buildResults, checkResult, finding, resultsFrom } from '../helpers/results-builder.js';
import { orgResults } from '../helpers/org-results.js';

interface Outcome {
  '@_message'?: string;
  '@_type'?: string;
  '#text'?: string;
}
interface TestCase {
  '@_name': string;
  '@_classname': string;
  failure?: Outcome;
  error?: Outcome;
  skipped?: Outcome;
}
interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_timestamp'?: string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  testcase?: TestCase[];
}
interface Report {
  testsuites: TestSuite & { testsuite?: TestSuite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  // Character references (&#13;) decoded, values kept as the strings they are.
  htmlEntities: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

/** junit.xml checked well-formed and read back as a JUnit consumer would. */
function read(xml: string): Report {
  expect(XMLValidator.validate(xml)).toBe(true);
  // Nothing XML 1.0 forbids, so strict parsers (Jenkins, GitLab) accept it too.
  expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  return parser.parse(xml) as Report;
}

const cases = (report: Report): TestCase[] => (report.testsuites.testsuite ?? []).flatMap((s) => s.testcase ?? []);

function outcome(testcase: TestCase): string {
  if (testcase.failure) return 'FAIL';
  if (testcase.error) return 'NOT_EVALUATED';
  if (testcase.skipped) return 'SKIPPED';
  return 'PASS';
}

/** Each test case's outcome equals its requirement's status; totals equal the summary's. */
function expectMatches(report: Report, results: Results<FindingSet>): void {
  const expected = results.requirements.map((r) => [
    `${r.id} ${r.title}`,
    `${results.catalog.framework} ${results.catalog.version}.${r.section}`,
    r.status === 'MANUAL' || r.status === 'NOT_APPLICABLE' ? 'SKIPPED' : r.status,
  ]);
  expect(cases(report).map((c) => [c['@_name'], c['@_classname'], outcome(c)])).toEqual(expected);
  const counts = results.summary.counts;
  expect(report.testsuites).toMatchObject({
    '@_tests': String(counts.total),
    '@_failures': String(counts.FAIL),
    '@_errors': String(counts.NOT_EVALUATED),
    '@_skipped': String(counts.MANUAL + counts.NOT_APPLICABLE),
  });
  for (const suite of report.testsuites.testsuite ?? []) {
    const mine = suite.testcase ?? [];
    expect(suite['@_tests']).toBe(String(mine.length));
    expect(suite['@_failures']).toBe(String(mine.filter((c) => c.failure).length));
    expect(suite['@_errors']).toBe(String(mine.filter((c) => c.error).length));
    expect(suite['@_skipped']).toBe(String(mine.filter((c) => c.skipped).length));
  }
}

function requirement(fields: Partial<RequirementResult> & Pick<RequirementResult, 'id' | 'status'>): RequirementResult {
  return {
    section: '1',
    sectionTitle: 'Identity and Access Management',
    title: `Requirement ${fields.id}`,
    profile: 1,
    assessment: 'automated',
    statusReason: 'Decided.',
    checks: [],
    ...fields,
  };
}

const failures = (n: number, resource = (i: number) => `arn:aws:iam::111122223333:user/u${i}`): Finding[] =>
  Array.from({ length: n }, (_, i) =>
    finding('FAIL', resource(i), `access key 1 is ${100 + i} days old (limit 90)`, 'aws/1/global/iam/x.csv'),
  );

describe('junit.xml', () => {
  it('reads back with a JUnit XML parser: one test case per requirement, statuses and counts equal to the results', () => {
    const results = toFindingSets(buildResults());
    const report = read(junitXml(results, { generatedAt: '2026-10-01T12:00:00.000Z' }));
    expectMatches(report, results);
    expect(report.testsuites.testsuite?.map((s) => s['@_name'])).toEqual([
      '1 Identity and Access Management',
      '2 Storage',
      '3 Logging',
      '5 Networking',
    ]);
    const byName = new Map(cases(report).map((c) => [c['@_name'].split(' ')[0], c]));
    expect(byName.get('1.13')?.failure).toMatchObject({ '@_message': '2 of 4 resources fail.', '@_type': 'FAIL' });
    expect(byName.get('1.13')?.failure?.['#text']).toContain('arn:aws:iam::111122223333:user/<script>alert(1)</script>');
    expect(byName.get('2.1.1')?.error).toMatchObject({ '@_type': 'NOT_EVALUATED' });
    expect(byName.get('2.1.1')?.error?.['#text']).toContain('arn:aws:s3:::acme-payroll-exports');
    expect(byName.get('1.1')?.skipped?.['@_message']).toBe(
      'attestation required: Only the account owner can confirm the contacts are current.',
    );
    expect(byName.get('1.18')?.skipped?.['@_message']).toMatch(/^attestation required: .*\(evidence suggests FAIL\)$/);
    expect(byName.get('2.1.1')?.['@_classname']).toBe('cis-aws-foundations 5.0.0.2.1');
  });

  it('names the bundle and catalog in properties and dates the run from generatedAt, else the collection end', () => {
    const results = toFindingSets(buildResults());
    const report = read(junitXml(results, { generatedAt: '2026-10-01T12:00:00.000Z' }));
    const suite = report.testsuites.testsuite?.[0];
    const properties = Object.fromEntries((suite?.properties.property ?? []).map((p) => [p['@_name'], p['@_value']]));
    expect(properties).toMatchObject({
      'bundle.id': results.bundle.id,
      'bundle.manifestSha256': results.bundle.manifestSha256,
      'catalog.file': results.catalog.file,
      'catalog.sha256': results.catalog.sha256,
      generatedAt: '2026-10-01T12:00:00.000Z',
    });
    expect(suite?.['@_timestamp']).toBe('2026-10-01T12:00:00');
    expect(report.testsuites['@_timestamp']).toBe('2026-10-01T12:00:00');
    expect(read(junitXml(results, { generatedAt: '' })).testsuites['@_timestamp']).toBe('2026-09-30T08:04:12');
  });

  it('lists at most 20 failing resources, then how many more and where to find them', () => {
    const results = toFindingSets(
      resultsFrom([
        requirement({
          id: '1.2',
          status: 'FAIL',
          statusReason: '50 of 50 findings fail.',
          checks: [checkResult('c', 't', {}, failures(50))],
        }),
      ]),
    );
    const body = cases(read(junitXml(results, { generatedAt: '' })))[0]?.failure?.['#text'] ?? '';
    const lines = body.split('\n');
    expect(lines).toHaveLength(JUNIT_LISTED_FINDINGS + 1);
    expect(lines[0]).toBe('arn:aws:iam::111122223333:user/u0 (111122223333/global, c): access key 1 is 100 days old (limit 90)');
    expect(lines[JUNIT_LISTED_FINDINGS]).toBe('and 30 more (findings.csv / results.json)');
  });

  it('escapes hostile resource names and reasons, and writes characters XML forbids as \\u text', () => {
    const hostile = [
      ']]></failure><script>alert(1)</script>',
      '"quoted" & \'single\'',
      'nul\u0000 soh\u0001 esc\u001b',
      'lone \uD800 surrogate',
      'tab\there\r\nline',
    ];
    const results = toFindingSets(
      resultsFrom([
        requirement({
          id: '1.2',
          title: 'Title with <b>markup</b> & "quotes"',
          status: 'FAIL',
          statusReason: `reason with ]]> and "quotes" and \u0001 and <tag attr='x'>`,
          checks: [
            checkResult(
              'c',
              't',
              {},
              failures(hostile.length, (i) => hostile[i] ?? ''),
            ),
          ],
        }),
        requirement({ id: '1.3', status: 'MANUAL', manualBecause: 'Ask <script>alert(2)</script>\u0002' }),
      ]),
    );
    const xml = junitXml(results, { generatedAt: '' });
    expect(xml).not.toContain('<script>');
    const [failed, manual] = cases(read(xml));
    expect(failed?.['@_name']).toBe('1.2 Title with <b>markup</b> & "quotes"');
    expect(failed?.failure?.['@_message']).toBe(`reason with ]]> and "quotes" and \\u0001 and <tag attr='x'>`);
    const body = failed?.failure?.['#text'] ?? '';
    expect(body).toContain(']]></failure><script>alert(1)</script> (111122223333/global');
    expect(body).toContain('"quoted" & \'single\' (');
    expect(body).toContain('nul\\u0000 soh\\u0001 esc\\u001B (');
    expect(body).toContain('lone \\uD800 surrogate (');
    expect(body).toContain('tab\there\r\nline (');
    expect(manual?.skipped?.['@_message']).toBe('attestation required: Ask <script>alert(2)</script>\\u0002');
  });

  it('keeps a requirement failing only through accepted risks a failure, and says so', () => {
    const excepted = failures(2).map((f) => ({ ...f, exception: { id: 'EXC-1', approvedBy: 'Dana', expires: '2027-01-01' } }));
    const results = toFindingSets(
      resultsFrom([
        requirement({
          id: '1.2',
          status: 'FAIL',
          statusReason: '2 of 2 findings fail, all of them accepted risks (exceptions).',
          checks: [checkResult('c', 't', {}, excepted)],
        }),
        requirement({ id: '1.3', status: 'FAIL', statusReason: '2 of 2 findings fail.', checks: [checkResult('c', 't', {}, excepted)] }),
      ]),
    );
    const [evaluated, bare] = cases(read(junitXml(results, { generatedAt: '' })));
    expect(evaluated?.failure?.['@_message']).toBe('2 of 2 findings fail, all of them accepted risks (exceptions).');
    expect(evaluated?.failure?.['#text']).toMatch(
      /^2 failing resources, all of them accepted risks \(exceptions\):\n.*\[EXCEPTED: EXC-1, until 2027-01-01\]/,
    );
    expect(bare?.failure?.['@_message']).toBe('2 of 2 findings fail. Every failing resource is an accepted risk (exception).');
  });

  it('skips NOT_APPLICABLE naming who attested it, and lists the attestation behind an attested FAIL', () => {
    const attestation = {
      attestedBy: 'Dana Smith',
      role: 'CISO',
      date: '2026-09-01',
      expires: '2027-09-01',
      justification: 'No EC2 in this account.',
      evidence: [],
    };
    const results = toFindingSets(
      resultsFrom([
        requirement({
          id: '1.2',
          status: 'NOT_APPLICABLE',
          assessment: 'manual',
          attestations: [{ ...attestation, result: 'not_applicable' }],
        }),
        requirement({
          id: '1.3',
          status: 'FAIL',
          assessment: 'manual',
          attestations: [{ ...attestation, result: 'fail', justification: 'Contacts stale.' }],
        }),
      ]),
    );
    const report = read(junitXml(results, { generatedAt: '' }));
    expectMatches(report, results);
    const [na, failed] = cases(report);
    expect(na?.skipped?.['@_message']).toBe('not applicable (attested by Dana Smith (CISO))');
    expect(failed?.failure?.['#text']).toBe('attested fail by Dana Smith (CISO) on 2026-09-01: Contacts stale.');
  });

  it('gives the same bytes twice', () => {
    const once = junitXml(toFindingSets(buildResults()), { generatedAt: '2026-10-01T00:00:00Z' });
    expect(junitXml(toFindingSets(buildResults()), { generatedAt: '2026-10-01T00:00:00Z' })).toBe(once);
  });

  it('matches an organisation (3 accounts) and the sample bundle with an accepted risk', async () => {
    const { results, dispose } = await orgResults({ accounts: 3, users: 12, sgs: 9 });
    try {
      const xml = junitXml(results, { generatedAt: '' });
      expect(junitXml(results, { generatedAt: '' })).toBe(xml);
      expectMatches(read(xml), results);
    } finally {
      dispose();
    }

    const bundle = await openBundle('evidence/sample');
    const catalog = await loadCatalog(
      'controls/cis-aws-foundations-v5.0.0.yaml',
      findCheck,
      checks.map((c) => c.id),
    );
    const exceptions = parseExceptions(
      [
        'exceptions:',
        '  - id: E-8',
        '    framework: cis-aws-foundations',
        '    version: 5.0.0',
        '    requirement: "5.3"',
        '    resource: "*"',
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
    const sample = toFindingSets(
      await evaluate(bundle, catalog, { findCheck, toolVersion: 'test', catalogFileName: 'c.yaml', exceptions: inForce }),
    );
    const report = read(junitXml(sample, { generatedAt: '' }));
    expectMatches(report, sample);
    // The sample's denied region leaves findings NOT_EVALUATED but no whole requirement (buildResults covers that).
    expect(new Set(cases(report).map(outcome))).toEqual(new Set(['PASS', 'FAIL', 'SKIPPED']));
    const sg = cases(report).find((c) => c['@_name'].startsWith('5.3 '));
    expect(sg?.failure?.['@_message']).toMatch(/all of them accepted risks/);
    expect(sg?.failure?.['#text']).toMatch(/EXCEPTED: E-8/);
  });
});
