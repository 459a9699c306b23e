import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { applyTailoring } from '../../src/catalog/tailoring.js';
import { defineCheck } from '../../src/checks/define-check.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { RequirementResult } from '../../src/evaluate/results.js';
import { testBundle } from '../helpers/bundle-builder.js';

// A stand-in check whose resources show every way a benchmark run can differ from a tailored one:
// a value within both limits, one between them, one the benchmark's limit cannot decide, and one
// only the benchmark's limit brings into scope.
interface Item {
  name: string;
  value?: number;
  /** Judged only when the limit is at most this. */
  inScopeUpTo?: number;
}

function thresholdCheck(items: Item[]) {
  return defineCheck({
    id: 'test-value-within-limit',
    title: 'Values stay within the limit',
    description: 'Test only.',
    scope: 'account',
    needs: {},
    params: { limit: { type: 'integer', minimum: 1, stricter: 'lower', description: 'Largest value allowed.' } },
    *run(_evidence, ctx) {
      for (const item of items) {
        if (item.inScopeUpTo !== undefined && ctx.params.limit > item.inScopeUpTo) continue;
        if (item.value === undefined) {
          // Decidable only against a generous limit (as a missing optional field can be).
          if (ctx.params.limit < 7) yield ctx.notEvaluated(item.name, `value unknown (limit ${ctx.params.limit})`);
          else yield ctx.pass(item.name, `value unknown but at most 7 (limit ${ctx.params.limit})`);
          continue;
        }
        const reason = `value ${item.value} (limit ${ctx.params.limit})`;
        yield item.value <= ctx.params.limit ? ctx.pass(item.name, reason) : ctx.fail(item.name, reason);
      }
    },
  });
}

const catalog: Catalog = {
  framework: 'test-framework',
  version: '1.0.0',
  title: 'Test',
  source: 'tests',
  sections: [{ id: '9', title: 'Tests' }],
  requirements: [
    {
      id: '9.1',
      section: '9',
      title: 'Values stay within 6',
      assessment: 'automated',
      checks: [{ check: 'test-value-within-limit', params: { limit: 6 } }],
      line: 1,
    },
  ],
  file: 'test.yaml',
  sha256: '0'.repeat(64),
};

const tailoring = (limit: number): string => `overrides:
  - framework: test-framework
    version: 1.0.0
    requirement: "9.1"
    check: test-value-within-limit
    params: { limit: ${limit} }
    reason: Test.
    approved_by: Dana Smith
`;

async function requirementFor(items: Item[], limit: number): Promise<RequirementResult> {
  const check = thresholdCheck(items);
  const findCheck = (id: string) => (id === check.id ? check : undefined);
  const tailored = applyTailoring(catalog, tailoring(limit), 'tailoring.yaml', findCheck);
  const results = await evaluate(await testBundle(), tailored.catalog, {
    findCheck,
    toolVersion: 't',
    catalogFileName: 'c',
    overrides: tailored.overrides,
  });
  const found = results.requirements[0];
  if (!found) throw new Error('no requirement');
  return found;
}

const statuses = (r: RequirementResult) => Object.fromEntries((r.checks[0]?.findings ?? []).map((f) => [f.resource, f.status]));

describe('tailoring compared resource by resource (benchmark limit 6, tailored 10)', () => {
  it('fails only the resources between the limits and those only the benchmark judged; a gap under the benchmark is NOT_EVALUATED', async () => {
    const r = await requirementFor(
      [
        { name: 'within', value: 5 },
        { name: 'at-benchmark', value: 6 },
        { name: 'between', value: 8 },
        { name: 'at-tailored', value: 10 },
        { name: 'over', value: 11 },
        { name: 'unknown' },
        { name: 'benchmark-only', value: 9, inScopeUpTo: 6 },
      ],
      10,
    );
    expect(statuses(r)).toEqual({
      within: 'PASS',
      'at-benchmark': 'PASS',
      between: 'FAIL',
      'at-tailored': 'FAIL',
      over: 'FAIL',
      unknown: 'NOT_EVALUATED',
      'benchmark-only': 'FAIL',
    });
    expect(r.status).toBe('FAIL');
    expect(r.statusReason).toContain(
      "Does not meet the benchmark: 3 resources pass only because of tailoring (limit 10 instead of the benchmark's 6): between, at-tailored, benchmark-only.",
    );
    expect(r.statusReason).toContain(
      "1 resource could not be checked against the benchmark (limit 10 instead of the benchmark's 6): unknown.",
    );
  });

  it('is NOT_EVALUATED, never PASS, when a resource passes the tailored limit but the benchmark run cannot decide it', async () => {
    const r = await requirementFor([{ name: 'within', value: 5 }, { name: 'unknown' }], 10);
    expect(r.status).toBe('NOT_EVALUATED');
    expect(r.checks[0]?.findings.find((f) => f.resource === 'unknown')?.reason).toBe(
      "passes the tailored threshold (value unknown but at most 7 (limit 10)), but the benchmark's could not be checked (limit 10 instead of the benchmark's 6): value unknown (limit 6)",
    );
  });

  it('passes when every resource meets the benchmark itself', async () => {
    const r = await requirementFor(
      [
        { name: 'within', value: 5 },
        { name: 'at-benchmark', value: 6 },
      ],
      10,
    );
    expect(r.status).toBe('PASS');
    expect(r.statusReason).toBe('All 2 findings pass.');
  });

  it('leaves a stricter limit alone: what fails it fails, without a second run', async () => {
    const r = await requirementFor(
      [
        { name: 'within', value: 5 },
        { name: 'at-benchmark', value: 6 },
      ],
      5,
    );
    expect(r.overrides?.[0]?.weaker).toBe(false);
    expect(statuses(r)).toEqual({ within: 'PASS', 'at-benchmark': 'FAIL' });
    expect(r.statusReason).toBe('1 of 2 findings fail.');
  });
});
