import { describe, expect, it } from 'vitest';
import type { Check, Finding, FindingStatus } from '../../src/checks/define-check.js';
import { EvidenceCache, runCheck, scopesOf } from '../../src/checks/run-check.js';
import { testBundle, type TestBundleSpec } from './bundle-builder.js';

/** One scenario: the evidence (as a test bundle) and, optionally, what the reasons must say. */
export interface CheckCase {
  name: string;
  evidence?: Omit<TestBundleSpec, 'collectedAt'>;
  /** Shorthand for a failed call: it goes into the bundle's `errors`. */
  collectionError?: { service?: string; operation: string; code: string; region?: string };
  /** Matched against the reasons of the findings with the expected status. */
  reason?: RegExp;
  /** Other params for this case only. */
  params?: Record<string, unknown>;
  /** Only these regions (default: every region in the bundle's scope). */
  regions?: string[];
}

/** Like ESLint's RuleTester: one vitest case per scenario; refuses an empty list. */
export function testCheck(
  check: Check,
  spec: {
    collectedAt: string;
    params?: Record<string, unknown>;
    pass: CheckCase[];
    fail: CheckCase[];
    notEvaluated: CheckCase[];
  },
): void {
  describe(check.id, () => {
    for (const list of ['pass', 'fail', 'notEvaluated'] as const) {
      if (spec[list].length === 0)
        throw new Error(`testCheck(${check.id}): the ${list} list is empty; every check needs a case of each kind`);
    }
    const expectStatus = (expected: FindingStatus, c: CheckCase): void => {
      it(`${expected}: ${c.name}`, async () => {
        const findings = await findingsFor(check, spec.collectedAt, { ...spec.params, ...c.params }, c);
        expect(findings.length).toBeGreaterThan(0);
        const statuses = findings.map((f) => f.status);
        if (expected === 'PASS')
          expect(
            statuses.every((s) => s === 'PASS'),
            describeFindings(findings),
          ).toBe(true);
        else expect(statuses, describeFindings(findings)).toContain(expected);
        if (expected === 'NOT_EVALUATED') expect(statuses, describeFindings(findings)).not.toContain('FAIL');
        if (c.reason) {
          const reasons = findings.filter((f) => f.status === expected).map((f) => f.reason);
          expect(
            reasons.some((r) => c.reason?.test(r)),
            `no ${expected} reason matches ${String(c.reason)}:\n${reasons.join('\n')}`,
          ).toBe(true);
        }
        for (const f of findings.filter((x) => x.status !== 'NOT_EVALUATED')) {
          expect(f.evidence.length, `finding on ${f.resource} cites no evidence file`).toBeGreaterThan(0);
        }
      });
    };
    spec.pass.forEach((c) => expectStatus('PASS', c));
    spec.fail.forEach((c) => expectStatus('FAIL', c));
    spec.notEvaluated.forEach((c) => expectStatus('NOT_EVALUATED', c));
  });
}

/** Runs a check over every scope of a test bundle, as the evaluator does. */
export async function findingsFor(check: Check, collectedAt: string, params: Record<string, unknown>, c: CheckCase): Promise<Finding[]> {
  const evidence = c.evidence ?? {};
  const errors = [...(evidence.errors ?? [])];
  if (c.collectionError) {
    errors.push({
      service: c.collectionError.service ?? 'iam',
      operation: c.collectionError.operation,
      code: c.collectionError.code,
      region: c.collectionError.region ?? 'global',
    });
  }
  const bundle = await testBundle({ ...evidence, errors, collectedAt });
  const cache = new EvidenceCache(bundle);
  const findings: Finding[] = [];
  for (const account of bundle.manifest.scope.accounts) {
    for (const scope of scopesOf(check, account.id, c.regions ?? bundle.manifest.scope.regions)) {
      findings.push(...(await runCheck(check, scope, params, bundle.collectedAt, cache)));
    }
  }
  return findings;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.status} ${f.resource}: ${f.reason}`).join('\n');
}
