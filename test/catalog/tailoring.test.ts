import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { applyTailoring, benchmarkParams, describeOverrides } from '../../src/catalog/tailoring.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { testBundle } from '../helpers/bundle-builder.js';
import { accessKey, credentialReport, reportUser } from '../helpers/aws-builders.js';

const catalog = await loadCatalog('test/fixtures/catalog-small.yaml', findCheck, checks.map((c) => c.id));

const override = (params: string) => `overrides:
  - framework: cis-aws-foundations
    version: 5.0.0
    requirement: "1.13"
    check: iam-access-key-rotated
    params: ${params}
    reason: Legacy ETL keys rotate quarterly with a grace period.
    approved_by: Dana Smith
`;

function problems(text: string): string {
  try {
    applyTailoring(catalog, text, 'tailoring.yaml', findCheck);
  } catch (error) {
    if (error instanceof AuditpackError) return [error.message, ...error.details].join('\n');
    throw error;
  }
  throw new Error('expected the tailoring to be refused');
}

describe('tailoring', () => {
  it('marks a looser threshold as weaker and a tighter one as not', () => {
    const looser = applyTailoring(catalog, override('{ maxAgeDays: 120 }'), 't.yaml', findCheck);
    expect(looser.overrides.get('1.13')).toEqual([
      expect.objectContaining({ check: 'iam-access-key-rotated', param: 'maxAgeDays', benchmark: 90, value: 120, weaker: true, approvedBy: 'Dana Smith' }),
    ]);
    expect(looser.catalog.requirements.find((r) => r.id === '1.13')?.checks[0]?.params).toEqual({ maxAgeDays: 120 });
    expect(catalog.requirements.find((r) => r.id === '1.13')?.checks[0]?.params).toEqual({ maxAgeDays: 90 });
    const tighter = applyTailoring(catalog, override('{ maxAgeDays: 60 }'), 't.yaml', findCheck);
    expect(tighter.overrides.get('1.13')?.[0]?.weaker).toBe(false);
  });

  it('fails a requirement that passes only under the weakened threshold, and says so', async () => {
    // A key rotated 100 days before the report: over the benchmark's 90, under the tailored 120.
    const report = credentialReport([reportUser('etl', accessKey(1, '2026-06-22'))]);
    const bundle = await testBundle({ files: [report] });
    const tailored = applyTailoring(catalog, override('{ maxAgeDays: 120 }'), 't.yaml', findCheck);
    const results = await evaluate(bundle, tailored.catalog, { findCheck, toolVersion: 't', catalogFileName: 'c', overrides: tailored.overrides, tailoring: { file: 't.yaml', sha256: tailored.sha256 } });
    const r = results.requirements.find((x) => x.id === '1.13')!;
    expect(r.checks[0]?.status).toBe('FAIL');
    expect(r.checks[0]?.findings.map((f) => f.status)).toEqual(['FAIL']);
    expect(r.status).toBe('FAIL');
    expect(r.statusReason).toBe(
      "1 of 1 findings fail. Does not meet the benchmark: 1 resource passes only because of tailoring (maxAgeDays 120 instead of the benchmark's 90): arn:aws:iam::111122223333:user/etl.",
    );
    expect(results.warnings[0]).toMatch(/^Requirement "1\.13": iam-access-key-rotated maxAgeDays is 120 instead of the benchmark's 90 \(weaker than the benchmark\); approved by Dana Smith/);
    expect(results.catalog.tailoring).toEqual({ file: 't.yaml', sha256: tailored.sha256 });
  });

  it('passes a requirement under a weakened threshold when every resource meets the benchmark itself', async () => {
    // A key rotated 30 days before the report: within both the benchmark's 90 and the tailored 120.
    const report = credentialReport([reportUser('etl', accessKey(1, '2026-08-31'))]);
    const bundle = await testBundle({ files: [report] });
    const tailored = applyTailoring(catalog, override('{ maxAgeDays: 120 }'), 't.yaml', findCheck);
    const results = await evaluate(bundle, tailored.catalog, { findCheck, toolVersion: 't', catalogFileName: 'c', overrides: tailored.overrides });
    const r = results.requirements.find((x) => x.id === '1.13')!;
    expect(r.status).toBe('PASS');
    expect(r.overrides?.[0]).toMatchObject({ weaker: true, value: 120, benchmark: 90 });
  });

  it('restores the benchmark value, or leaves the parameter out where the catalog set none', () => {
    const o = (param: string, benchmark: unknown) => ({ check: 'c', param, benchmark, value: 1, weaker: true, reason: 'r', approvedBy: 'a' });
    expect(benchmarkParams({ maxAgeDays: 120, other: 'x' }, [o('maxAgeDays', 90)])).toEqual({ maxAgeDays: 90, other: 'x' });
    expect(benchmarkParams({ maxAgeDays: 120 }, [o('maxAgeDays', undefined)])).toEqual({});
    expect(describeOverrides([o('maxAgeDays', 90), o('ports', undefined)])).toBe("maxAgeDays 1 instead of the benchmark's 90; ports 1 instead of the benchmark's default");
  });

  it('refuses overrides the catalog cannot take, naming file and line', () => {
    expect(problems(override('{ maxAgeDays: 0 }'))).toMatch(/^tailoring\.yaml:2: maxAgeDays: must be >= 1\./);
    expect(problems(override('{ maxDays: 120 }'))).toMatch(/check "iam-access-key-rotated" has no parameter "maxDays" \(it has maxAgeDays\)/);
    expect(problems(override('{ maxAgeDays: 120 }').replace('"1.13"', '"1.99"'))).toMatch(/has no requirement "1\.99"/);
    expect(problems(override('{ maxAgeDays: 120 }').replace('    approved_by: Dana Smith\n', ''))).toMatch(/tailoring\.yaml:2: overrides\[0\]: missing required field "approved_by"/);
  });

  it('skips overrides for other catalogs', () => {
    const other = applyTailoring(catalog, override('{ maxAgeDays: 120 }').replace('version: 5.0.0', 'version: 6.0.0'), 't.yaml', findCheck);
    expect(other.overrides.size).toBe(0);
  });
});
