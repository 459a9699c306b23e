import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCrosswalk } from '../../src/catalog/crosswalk.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { diffResults, isRegression } from '../../src/diff/diff.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { Results } from '../../src/evaluate/results.js';
import { exceptionsInForce, globMatches, loadExceptions, parseExceptions, type RiskException } from '../../src/exceptions/exceptions.js';

const SG = 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a7b3c9d1e5f24680';
const OTHER_SG = 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0e1f7a3b5c9d02468';

function register(entries: Record<string, string>[]): string {
  return `exceptions:\n${entries
    .map(
      (e) =>
        `  - ${Object.entries({
          framework: 'cis-aws-foundations',
          version: '5.0.0',
          justification: 'Legacy bastion until the SSM migration',
          approved_by: 'Dana Smith (CISO)',
          approved_on: '2026-07-01',
          expires: '2027-01-01',
          ...e,
        })
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join('\n    ')}`,
    )
    .join('\n')}\n`;
}

const exc = (e: Record<string, string>): RiskException[] => parseExceptions(register([e]), 'exceptions.yaml');

let dir: string;
let bundle: EvidenceBundle;
let v5: Catalog;
let v7: Catalog;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditpack-exceptions-'));
  bundle = await openBundle('evidence/sample');
  v5 = await loadCatalog(
    'controls/cis-aws-foundations-v5.0.0.yaml',
    findCheck,
    checks.map((c) => c.id),
  );
  v7 = await loadCatalog(
    'controls/cis-aws-foundations-v7.0.0.yaml',
    findCheck,
    checks.map((c) => c.id),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inForce = (
  exceptions: RiskException[],
  catalog: Catalog,
  at = bundle.collectedAt,
  crosswalk?: Awaited<ReturnType<typeof loadCrosswalk>>,
) =>
  exceptionsInForce(
    exceptions,
    { framework: catalog.framework, version: catalog.version, requirementIds: catalog.requirements.map((r) => r.id) },
    at,
    crosswalk,
  );

const run = (catalog: Catalog, exceptions?: RiskException[]): Promise<Results> =>
  evaluate(bundle, catalog, {
    findCheck,
    toolVersion: 'test',
    catalogFileName: 'c.yaml',
    ...(exceptions ? { exceptions: inForce(exceptions, catalog) } : {}),
  });

describe('the exceptions register', () => {
  it('names the file and line of a mistake, and refuses duplicate ids across files', async () => {
    expect(() => parseExceptions(register([{ id: 'E-1', requirement: '5.3', resource: SG, expires: '2026-07-01' }]), 'x.yaml')).toThrow(
      /^x\.yaml:\d+: exception "E-1" expires \(2026-07-01\) on or before it was approved/,
    );
    expect(() => parseExceptions(register([{ id: 'E 1', requirement: '5.3', resource: SG }]), 'x.yaml')).toThrow(
      /^x\.yaml:\d+: exceptions\[0\]\.id/,
    );
    expect(() => parseExceptions('exceptions:\n  - id: E-1\n', 'x.yaml')).toThrow(/^x\.yaml:2: /);
    const folder = join(dir, 'register');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.yaml'), register([{ id: 'E-1', requirement: '5.3', resource: SG }]));
    writeFileSync(join(folder, 'b.yml'), register([{ id: 'E-1', requirement: '1.9', resource: '*' }]));
    await expect(loadExceptions(folder)).rejects.toThrow(/b\.yml:2: exception id "E-1" is already used at .*a\.yaml:2/);
    writeFileSync(join(folder, 'b.yml'), register([{ id: 'E-2', requirement: '1.9', resource: '*' }]));
    expect((await loadExceptions(folder)).map((e) => e.id)).toEqual(['E-1', 'E-2']);
  });

  it('matches resources whole: * any run, ? one character, everything else literally', () => {
    expect(globMatches(SG, SG)).toBe(true);
    expect(globMatches('arn:aws:ec2:*:111122223333:security-group/sg-0a7b*', SG)).toBe(true);
    expect(globMatches('arn:aws:ec2:*:111122223333:security-group/sg-0a7b', SG)).toBe(false);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('a?c', 'abc')).toBe(true);
    expect(globMatches('a?c', 'ac')).toBe(false);
    expect(globMatches('a.c', 'abc')).toBe(false);
    expect(globMatches('[x]+(y)', '[x]+(y)')).toBe(true);
    // Many stars against a long attacker-named resource: no exponential backtracking.
    const started = performance.now();
    expect(globMatches(`${'*a'.repeat(40)}*b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('holds from the approval day up to, not including, its expiry day; maps to other versions through the crosswalk', async () => {
    const e = exc({ id: 'E-1', requirement: '5.3', resource: SG, approved_on: '2026-09-30', expires: '2026-10-01' });
    expect(inForce(e, v5, new Date('2026-09-30T00:00:00Z')).byRequirement.get('5.3')).toHaveLength(1);
    expect(inForce(e, v5, new Date('2026-09-29T23:59:59Z')).warnings[0]).toMatch(/approved on 2026-09-30, after the collection/);
    const expired = inForce(e, v5, new Date('2026-10-01T00:00:00Z'));
    expect(expired.byRequirement.size).toBe(0);
    expect(expired.warnings[0]).toMatch(/"E-1" .* expired on 2026-10-01, before the collection/);
    const crosswalk = await loadCrosswalk('controls/crosswalk-cis-aws-foundations.yaml');
    const mapped = inForce(e, v7, new Date('2026-09-30T12:00:00Z'), crosswalk);
    expect([...mapped.byRequirement.keys()]).toEqual([crosswalk.map('5.0.0', '5.3', '7.0.0')]);
    expect(inForce(exc({ id: 'E-2', requirement: '9.9', resource: SG }), v5).warnings[0]).toMatch(
      /names requirement "9\.9", which cis-aws-foundations 5\.0\.0 does not have/,
    );
    expect(inForce(exc({ id: 'E-3', requirement: '5.3', resource: SG, framework: 'nist-800-53' }), v5).byRequirement.size).toBe(0);
  });
});

describe('evaluating with exceptions', () => {
  it('shows a covered failure as excepted, keeps it a FAIL, and leaves every requirement status as it was', async () => {
    const plain = await run(v5);
    const withExceptions = await run(
      v5,
      exc({
        id: 'E-7',
        requirement: '5.3',
        account: '111122223333',
        resource: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a7b*',
      }),
    );
    expect(withExceptions.requirements.map((r) => [r.id, r.status])).toEqual(plain.requirements.map((r) => [r.id, r.status]));
    const findings = withExceptions.requirements.find((r) => r.id === '5.3')?.checks.flatMap((c) => c.findings) ?? [];
    expect(findings.find((f) => f.resource === SG)).toMatchObject({
      status: 'FAIL',
      exception: { id: 'E-7', approvedBy: 'Dana Smith (CISO)', expires: '2027-01-01' },
    });
    expect(findings.find((f) => f.resource === OTHER_SG)?.exception).toBeUndefined();
    expect(findings.filter((f) => f.exception).every((f) => f.status === 'FAIL')).toBe(true);
    expect(withExceptions.requirements.find((r) => r.id === '5.3')?.statusReason).toMatch(/fail, 1 of them accepted risks \(exceptions\)/);
    expect(withExceptions.exceptions?.map((e) => [e.id, e.appliesTo, e.matched])).toEqual([['E-7', '5.3', 1]]);
    expect(withExceptions.exceptions?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Only the requirement it names: no other requirement's finding carries it.
    const elsewhere = withExceptions.requirements.filter((r) => r.id !== '5.3').flatMap((r) => r.checks.flatMap((c) => c.findings));
    expect(elsewhere.some((f) => f.exception)).toBe(false);
  });

  it('never excepts a gap or a pass, and reports an exception that matched nothing', async () => {
    const results = await run(v5, exc({ id: 'E-8', requirement: '5.3', resource: '*' }));
    const findings = results.requirements.find((r) => r.id === '5.3')?.checks.flatMap((c) => c.findings) ?? [];
    expect(findings.filter((f) => f.status !== 'FAIL').some((f) => f.exception)).toBe(false);
    expect(findings.filter((f) => f.status === 'FAIL').every((f) => f.exception?.id === 'E-8')).toBe(true);
    expect(results.requirements.find((r) => r.id === '5.3')?.statusReason).toMatch(/all of them accepted risks/);
    const unused = await run(v5, exc({ id: 'E-9', requirement: '1.9', resource: 'arn:aws:iam::*:user/nobody' }));
    expect(unused.warnings.join('\n')).toMatch(
      /Exception "E-9" \(requirement 1\.9, arn:aws:iam::\*:user\/nobody\) matched no failing resource/,
    );
  });

  it('lets diff --fail-on regression pass over a new failure an exception covers, but not over one it does not', async () => {
    const old = await run(v5);
    // NEW: the bastion's SG passed before and fails now (simulated on OLD's results), once excepted, once not.
    const regressed = (excepted: boolean): Results => {
      const neu = structuredClone(old);
      const requirement = neu.requirements.find((r) => r.id === '5.3');
      const finding = requirement?.checks[0]?.findings.find((f) => f.resource === SG);
      if (!finding) throw new Error('sample has no bastion finding');
      finding.status = 'FAIL';
      if (excepted) finding.exception = { id: 'E-7', approvedBy: 'Dana', expires: '2027-01-01' };
      return neu;
    };
    const before = structuredClone(old);
    const sg = before.requirements.find((r) => r.id === '5.3')?.checks[0]?.findings.find((f) => f.resource === SG);
    if (sg) sg.status = 'PASS';
    const notExcepted = diffResults(before, regressed(false), { toolVersion: 't' });
    expect(notExcepted.summary.regressed).toBe(true);
    const covered = diffResults(before, regressed(true), { toolVersion: 't' });
    expect(covered.requirements.filter(isRegression)).toEqual([]);
    expect(covered.summary.regressed).toBe(false);
    expect(covered.requirements.find((r) => r.newId === '5.3')?.resources.find((r) => r.resource === SG)?.new?.excepted).toBe('E-7');
  });

  it('lists exceptions added, expired and removed between periods', async () => {
    const base = await run(v5);
    const applied = (id: string, expires: string) => ({
      id,
      framework: 'cis-aws-foundations',
      version: '5.0.0',
      requirement: '5.3',
      appliesTo: '5.3',
      resource: SG,
      justification: 'j',
      approvedBy: 'Dana',
      approvedOn: '2026-01-01',
      expires,
      sha256: 'a'.repeat(64),
      matched: 1,
    });
    const old = {
      ...base,
      exceptions: [applied('KEPT', '2027-01-01'), applied('EXPIRED', '2026-09-30'), applied('DROPPED', '2027-06-01')],
    };
    const neu = { ...base, exceptions: [applied('KEPT', '2027-01-01'), applied('NEW', '2027-03-01')] };
    const diff = diffResults(old, neu, { toolVersion: 't' });
    expect(diff.exceptions.added.map((e) => e.id)).toEqual(['NEW']);
    expect(diff.exceptions.expired.map((e) => e.id)).toEqual(['EXPIRED']);
    expect(diff.exceptions.removed.map((e) => e.id)).toEqual(['DROPPED']);
    expect(diff.summary.changed).toBe(true);
  });
});
