import { describe, expect, it } from 'vitest';
import type { CollectionError } from '../../src/bundle/manifest.js';
import { parseCrosswalk } from '../../src/catalog/crosswalk.js';
import type { Finding } from '../../src/checks/define-check.js';
import { diffResults, type Diff, type RequirementDiff } from '../../src/diff/diff.js';
import type { RequirementResult, RequirementStatus, Results } from '../../src/evaluate/results.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { ACCOUNT, OTHER_ACCOUNT, checkResult, finding, resultsFrom } from '../helpers/results-builder.js';

const TRAILS_EU = `aws/${ACCOUNT}/eu-west-1/cloudtrail/DescribeTrails.json`;
const BUCKET_PAB = (bucket: string): string => `aws/${ACCOUNT}/eu-west-1/s3/GetPublicAccessBlock/${bucket}.json`;

/** A requirement decided by one check over the given findings; MANUAL and NOT_APPLICABLE need no findings. */
function req(
  id: string,
  status: RequirementStatus,
  findings: Finding[] = [],
  options: { section?: string; title?: string; manual?: boolean } = {},
): RequirementResult {
  const section = options.section ?? id.split('.').slice(0, -1).join('.');
  return {
    id,
    section,
    sectionTitle: `Section ${section}`,
    title: options.title ?? `Requirement ${id}`,
    assessment: options.manual || status === 'MANUAL' || status === 'NOT_APPLICABLE' ? 'manual' : 'automated',
    status,
    statusReason: `${status} because of the test`,
    checks: findings.length > 0 ? [checkResult(`check-${id}`, `Check ${id}`, {}, findings)] : [],
  };
}

const fail = (resource: string, path = TRAILS_EU, region = 'eu-west-1'): Finding =>
  finding('FAIL', resource, `${resource} fails`, path, { region });
const pass = (resource: string, path = TRAILS_EU, region = 'eu-west-1'): Finding =>
  finding('PASS', resource, `${resource} passes`, path, { region });
const gap = (resource: string, reason: string, region = 'eu-west-1'): Finding => ({
  status: 'NOT_EVALUATED',
  resource,
  reason,
  account: ACCOUNT,
  region,
  evidence: [],
});

function diff(old: Results, neu: Results, history: Results[] = []): Diff {
  return diffResults(old, neu, { toolVersion: '0.0.0-test', history });
}

/** Requirement id → change, the shape most assertions need. */
function changes(d: Diff): Record<string, string> {
  return Object.fromEntries(d.requirements.map((r) => [r.newId ?? r.oldId ?? '', r.change]));
}

function requirement(d: Diff, id: string): RequirementDiff {
  const r = d.requirements.find((x) => x.newId === id || x.oldId === id);
  if (!r) throw new Error(`no requirement ${id} in the diff`);
  return r;
}

const later = {
  startedAt: '2026-12-31T08:00:00.000Z',
  finishedAt: '2026-12-31T08:04:12.000Z',
  manifestSha256: 'b'.repeat(64),
  id: 'bundle-q4',
};

describe('diffResults', () => {
  it('gives an unchanged diff for identical inputs, listing still-failing requirements only as context', () => {
    const results = resultsFrom([
      req('1.1', 'PASS', [pass('a')]),
      req('1.2', 'FAIL', [fail('b'), pass('c')]),
      req('1.3', 'MANUAL'),
      req('1.4', 'NOT_EVALUATED', [gap('x', 'denied')]),
    ]);
    const d = diff(results, structuredClone(results));
    expect(d.summary.changed).toBe(false);
    expect(d.summary.regressed).toBe(false);
    expect(d.requirements.map((r) => [r.newId, r.change])).toEqual([['1.2', 'still-failing']]);
    expect(d.requirements[0]?.resources.map((r) => [r.resource, r.change])).toEqual([['b', 'still-failing']]);
    // 1 PASS of 3 automated requirements (the NOT_EVALUATED one counts against the score; MANUAL does not count).
    expect(d.summary.passRate).toEqual({ old: 1 / 3, new: 1 / 3, change: 0 });
    expect(d.summary.coverage).toEqual({ old: 2 / 3, new: 2 / 3, change: 0 });
    expect(d.summary.scopeReduced).toBe(false);
    expect(d.evidence).toEqual({
      accountsAdded: [],
      accountsRemoved: [],
      regionsAdded: [],
      regionsRemoved: [],
      errorsAdded: [],
      errorsResolved: [],
      errorsNotRechecked: [],
      scopeReduced: [],
      complete: { old: true, new: true },
    });
    expect(d.warnings).toEqual([]);
    expect(d.matching).toEqual({ mode: 'same-catalog' });
  });

  it('names every status transition', () => {
    const old = resultsFrom([
      req('1.1', 'PASS', [pass('a')]),
      req('1.2', 'FAIL', [fail('b')]),
      req('1.3', 'FAIL', [fail('c')]),
      req('1.4', 'PASS', [pass('d')]),
      req('1.5', 'NOT_EVALUATED', [gap('e', 'denied')]),
      req('1.6', 'PASS', [pass('f')], { manual: true }),
      req('1.7', 'MANUAL'),
      req('1.8', 'MANUAL'),
      req('1.9', 'FAIL', [fail('g')]),
    ]);
    const neu = resultsFrom(
      [
        req('1.1', 'FAIL', [fail('a')]),
        req('1.2', 'PASS', [pass('b')]),
        req('1.3', 'NOT_EVALUATED', [gap('c', 'DescribeTrails failed: AccessDenied')]),
        req('1.4', 'NOT_EVALUATED', [gap('d', 'DescribeTrails failed: AccessDenied')]),
        req('1.5', 'FAIL', [fail('e')]),
        req('1.6', 'MANUAL'),
        req('1.7', 'PASS', [], { manual: true }),
        req('1.8', 'NOT_APPLICABLE'),
        req('1.9', 'FAIL', [fail('g')]),
      ],
      later,
    );
    const d = diff(old, neu);
    expect(changes(d)).toEqual({
      '1.1': 'regression',
      '1.2': 'fix',
      '1.3': 'unverified-fix',
      '1.4': 'newly-not-evaluated',
      '1.5': 'newly-failing',
      '1.6': 'newly-manual',
      '1.7': 'newly-passing',
      '1.8': 'newly-not-applicable',
      '1.9': 'still-failing',
    });
    expect(requirement(d, '1.3').missingEvidence).toEqual(['c: DescribeTrails failed: AccessDenied']);
    expect(requirement(d, '1.1').resources.map((r) => r.change)).toEqual(['newly-failing']);
    expect(requirement(d, '1.2').resources.map((r) => r.change)).toEqual(['fixed']);
    expect(requirement(d, '1.5').resources.map((r) => r.change)).toEqual(['evidence-regained']);
    expect(d.summary.regressed).toBe(true);
    expect(d.summary.requirements).toMatchObject({
      regression: 1,
      fix: 1,
      'unverified-fix': 1,
      'newly-not-evaluated': 1,
      'newly-failing': 1,
      'still-failing': 1,
    });
    // Automated requirements only: 1.6 and 1.7 are manual, whatever an attestation says.
    expect(d.summary.passRate).toEqual({ old: 2 / 6, new: 1 / 6, change: 1 / 6 - 2 / 6 });
  });

  it('tells resources that appeared and disappeared from ones hidden by missing evidence', () => {
    const old = resultsFrom([
      req('2.1.4', 'FAIL', [
        fail('arn:aws:s3:::acme-public-website', BUCKET_PAB('acme-public-website'), 'global'),
        fail('arn:aws:s3:::acme-data-lake-raw', BUCKET_PAB('acme-data-lake-raw'), 'global'),
      ]),
      req('3.2', 'FAIL', [
        fail('trail/legacy-eu-trail'),
        pass('trail/acme-org-trail', `aws/${ACCOUNT}/us-east-1/cloudtrail/DescribeTrails.json`, 'us-east-1'),
      ]),
    ]);
    const deniedTrails: CollectionError = {
      account: ACCOUNT,
      region: 'eu-west-1',
      service: 'cloudtrail',
      operation: 'DescribeTrails',
      parameters: {},
      code: 'AccessDenied',
      message: 'denied',
    };
    const neu = resultsFrom(
      [
        req('2.1.4', 'FAIL', [
          fail('arn:aws:s3:::acme-data-lake-raw', BUCKET_PAB('acme-data-lake-raw'), 'global'),
          fail('arn:aws:s3:::acme-new-bucket', BUCKET_PAB('acme-new-bucket'), 'global'),
        ]),
        // A check that skipped the failed region silently: the failing trail vanished, so 3.2 "passes".
        req('3.2', 'PASS', [pass('trail/acme-org-trail', `aws/${ACCOUNT}/us-east-1/cloudtrail/DescribeTrails.json`, 'us-east-1')]),
      ],
      { ...later, errors: [deniedTrails] },
    );
    const d = diff(old, neu);
    const s3 = requirement(d, '2.1.4');
    expect(s3.change).toBe('still-failing');
    expect(s3.resources.map((r) => [r.change, r.resource])).toEqual([
      ['appeared', 'arn:aws:s3:::acme-new-bucket'],
      ['disappeared', 'arn:aws:s3:::acme-public-website'],
      ['still-failing', 'arn:aws:s3:::acme-data-lake-raw'],
    ]);
    const trail = requirement(d, '3.2');
    expect(trail.change).toBe('unverified-fix');
    expect(trail.resources.map((r) => [r.change, r.resource, r.gap])).toEqual([
      [
        'evidence-lost',
        'trail/legacy-eu-trail',
        `cloudtrail:DescribeTrails in ${ACCOUNT}/eu-west-1 failed during NEW's collection: AccessDenied`,
      ],
    ]);
    expect(trail.missingEvidence).toEqual([
      `trail/legacy-eu-trail: cloudtrail:DescribeTrails in ${ACCOUNT}/eu-west-1 failed during NEW's collection: AccessDenied`,
    ]);
    expect(d.summary.regressed).toBe(true); // the new bucket fails in a requirement that still fails
    expect(d.evidence.errorsAdded).toEqual([deniedTrails]);
  });

  it('calls a failure that vanished with its region out of scope "scope reduced", never a fix', () => {
    const old = resultsFrom([req('3.2', 'FAIL', [fail('trail/legacy-eu-trail'), pass('trail/acme-org-trail', TRAILS_EU, 'us-east-1')])]);
    const neu = resultsFrom([req('3.2', 'PASS', [pass('trail/acme-org-trail', TRAILS_EU, 'us-east-1')])], {
      ...later,
      regions: ['us-east-1'],
    });
    const d = diff(old, neu);
    expect(requirement(d, '3.2').change).toBe('scope-reduced');
    expect(requirement(d, '3.2').resources.map((r) => [r.change, r.resource])).toEqual([['out-of-scope', 'trail/legacy-eu-trail']]);
    expect(requirement(d, '3.2').missingEvidence).toEqual(["trail/legacy-eu-trail: region eu-west-1 is not in NEW's collection scope"]);
    expect(d.evidence.regionsRemoved).toEqual(['eu-west-1']);
    expect(d.evidence.scopeReduced).toEqual(['region eu-west-1 was not collected in NEW']);
    expect(d.summary.requirements.fix).toBe(0);
    expect(d.summary.scopeReduced).toBe(true);
    expect(d.summary.passRate.change).toBeNull();
  });

  it('matches collection errors on account, region, service, operation, code and parameters', () => {
    const error = (code: string, bucket?: string): CollectionError => ({
      account: ACCOUNT,
      region: 'eu-west-1',
      service: 's3',
      operation: 'GetBucketPolicy',
      ...(bucket ? { parameters: { Bucket: bucket } } : {}),
      code,
      message: `${code} at some time`,
    });
    const old = resultsFrom([req('1.1', 'PASS', [pass('a')])], { errors: [error('AccessDenied', 'x'), error('Throttling', 'y')] });
    const neu = resultsFrom([req('1.1', 'PASS', [pass('a')])], {
      ...later,
      errors: [{ ...error('AccessDenied', 'x'), message: 'said differently' }, error('AccessDenied', 'y')],
    });
    const d = diff(old, neu);
    expect(d.evidence.errorsAdded.map((e) => [e.code, e.parameters])).toEqual([['AccessDenied', { Bucket: 'y' }]]);
    expect(d.evidence.errorsResolved.map((e) => [e.code, e.parameters])).toEqual([['Throttling', { Bucket: 'y' }]]);
    expect(d.summary.changed).toBe(true);
  });

  it('reports accounts added and removed', () => {
    const old = resultsFrom([req('1.1', 'PASS', [pass('a')])], { accounts: [{ id: ACCOUNT, name: 'production' }] });
    const neu = resultsFrom([req('1.1', 'PASS', [pass('a')])], { ...later, accounts: [{ id: OTHER_ACCOUNT, name: 'staging' }] });
    const d = diff(old, neu);
    expect(d.evidence.accountsAdded).toEqual([{ id: OTHER_ACCOUNT, name: 'staging' }]);
    expect(d.evidence.accountsRemoved).toEqual([{ id: ACCOUNT, name: 'production' }]);
  });

  it('lists requirements a changed catalog added or removed, and warns that the catalog changed', () => {
    const old = resultsFrom([req('1.1', 'PASS', [pass('a')]), req('1.2', 'FAIL', [fail('b')])]);
    const neu = resultsFrom([req('1.1', 'PASS', [pass('a')]), req('1.3', 'FAIL', [fail('c')])], later);
    neu.catalog = { ...neu.catalog, sha256: 'c'.repeat(64) };
    const d = diff(old, neu);
    expect(d.matching.mode).toBe('catalog-changed');
    expect(changes(d)).toEqual({ '1.3': 'added', '1.2': 'removed' });
    expect(d.summary.regressed).toBe(false);
    expect(d.warnings.join('\n')).toMatch(/The catalog changed between the two evaluations/);
  });

  it('warns when the tool version differs or the periods are given backwards', () => {
    const old = resultsFrom([req('1.1', 'PASS', [pass('a')])], later);
    const neu = resultsFrom([req('1.1', 'PASS', [pass('a')])]);
    neu.tool = { name: 'auditpack', version: '0.2.0' };
    const text = diff(old, neu).warnings.join('\n');
    expect(text).toMatch(/OLD was collected after NEW/);
    expect(text).toMatch(/evaluated by auditpack 0\.1\.0 and NEW by 0\.2\.0/);
  });

  it('tells how long a still-failing requirement and resource have failed when earlier periods are given', () => {
    const at = (date: string): Partial<Results['bundle']> => ({
      startedAt: `${date}T08:00:00.000Z`,
      finishedAt: `${date}T08:04:12.000Z`,
      manifestSha256: date.replace(/-/g, '').padEnd(64, '0'),
    });
    const q1 = resultsFrom([req('1.2', 'PASS', [pass('b')])], at('2026-03-31'));
    const q2 = resultsFrom([req('1.2', 'FAIL', [fail('b')])], at('2026-06-30'));
    const q3 = resultsFrom([req('1.2', 'FAIL', [fail('b'), fail('c')])], at('2026-09-30'));
    const q4 = resultsFrom([req('1.2', 'FAIL', [fail('b'), fail('c')])], at('2026-12-31'));
    const d = diff(q3, q4, [q1, q2]);
    const r = requirement(d, '1.2');
    expect(r.failingSince).toEqual({ period: '2026-06-30', periods: 3 });
    expect(r.resources.map((x) => [x.resource, x.failingSince])).toEqual([
      ['b', { period: '2026-06-30', periods: 3 }],
      ['c', { period: '2026-09-30', periods: 2 }],
    ]);
    expect(diff(q3, q4).requirements[0]?.failingSince).toBeUndefined();
  });

  it('refuses to compare different frameworks, or two versions no crosswalk maps', () => {
    const old = resultsFrom([req('1.1', 'PASS', [pass('a')])]);
    const nist = resultsFrom([req('1.1', 'PASS', [pass('a')])], later);
    nist.catalog = { ...nist.catalog, framework: 'nist-800-53', version: 'rev5' };
    expect(() => diff(old, nist)).toThrow(AuditpackError);
    expect(() => diff(old, nist)).toThrow(/requirements of different frameworks cannot be compared/);
    const v6 = resultsFrom([req('2.1', 'PASS', [pass('a')])], later);
    v6.catalog = { ...v6.catalog, version: '6.0.0' };
    expect(() => diff(old, v6)).toThrow(
      /no crosswalk maps the two versions\. Give a crosswalk that maps both \(controls\/crosswalk-cis-aws-foundations\.yaml\)/,
    );
  });

  it('matches requirements through a crosswalk, showing both ids, and groups section pass rates by lineage', () => {
    const crosswalk = parseCrosswalk(
      [
        'framework: cis-aws-foundations',
        'versions: ["5.0.0", "6.0.0"]',
        'rows:',
        '  - { "5.0.0": "1.9", "6.0.0": "2.9" }',
        '  - { "5.0.0": "1.10", "6.0.0": null, note: "dropped in v6.0.0" }',
        '  - { "5.0.0": "3.2", "6.0.0": "4.2" }',
        '  - { "5.0.0": null, "6.0.0": "2.22", note: "new in v6.0.0" }',
      ].join('\n'),
      'crosswalk-cis-aws-foundations.yaml',
    );
    const old = resultsFrom([req('1.9', 'PASS', [pass('bob')]), req('1.10', 'FAIL', [fail('x')]), req('3.2', 'FAIL', [fail('trail')])]);
    const neu = resultsFrom(
      [req('2.9', 'FAIL', [fail('bob')]), req('2.22', 'PASS', [pass('y')]), req('4.2', 'FAIL', [fail('trail')])],
      later,
    );
    neu.catalog = { ...neu.catalog, version: '6.0.0', file: 'cis-aws-foundations-v6.0.0.yaml' };
    const d = diffResults(old, neu, { crosswalk, toolVersion: '0' });
    expect(d.matching).toMatchObject({
      mode: 'crosswalk',
      crosswalk: { file: 'crosswalk-cis-aws-foundations.yaml', fromVersion: '5.0.0', toVersion: '6.0.0' },
    });
    expect(d.requirements.map((r) => [r.oldId, r.newId, r.change, r.note])).toEqual([
      ['1.9', '2.9', 'regression', undefined],
      [undefined, '2.22', 'added', 'new in v6.0.0'],
      ['3.2', '4.2', 'still-failing', undefined],
      ['1.10', undefined, 'removed', 'dropped in v6.0.0'],
    ]);
    expect(d.summary.sections.map((s) => [s.oldId, s.newId, s.old?.passRate, s.new?.passRate])).toEqual([
      ['1', '2', 0.5, 0.5],
      ['3', '4', 0, 0],
    ]);
  });

  it('is deterministic: the same inputs give the same bytes', () => {
    const old = resultsFrom([req('1.1', 'PASS', [pass('a')]), req('1.2', 'FAIL', [fail('b'), fail('c')])]);
    const neu = resultsFrom([req('1.1', 'FAIL', [fail('a')]), req('1.2', 'FAIL', [fail('c'), fail('d')])], later);
    expect(canonicalJson(diff(old, neu))).toBe(canonicalJson(diff(structuredClone(old), structuredClone(neu))));
  });
});
