import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '@aws-sdk/client-iam';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { applyTailoring } from '../../src/catalog/tailoring.js';
import type { Finding } from '../../src/checks/define-check.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { RequirementResult, Results } from '../../src/evaluate/results.js';
import { accessKey, callError, credentialReport, passwordPolicy, reportUser } from '../helpers/aws-builders.js';
import { testBundle, TEST_ACCOUNT, type TestBundleSpec } from '../helpers/bundle-builder.js';

// CIS v5.0.0 as shipped, cut down to the requirements these cases use.
const shipped = await loadCatalog(
  'controls/cis-aws-foundations-v5.0.0.yaml',
  findCheck,
  checks.map((c) => c.id),
);
const catalog = { ...shipped, requirements: shipped.requirements.filter((r) => ['1.7', '1.13'].includes(r.id)) };

const REPORT_AT = '2026-09-30T08:00:00+00:00';

function tailoring(requirement: string, check: string, params: string): string {
  return `overrides:
  - framework: cis-aws-foundations
    version: 5.0.0
    requirement: "${requirement}"
    check: ${check}
    params: ${params}
    reason: The identity provider enforces its own rules.
    approved_by: Dana Smith
`;
}

const minLength = (n: number): string => tailoring('1.7', 'iam-password-policy-minimum-length', `{ minLength: ${n} }`);
const maxAge = (n: number): string => tailoring('1.13', 'iam-access-key-rotated', `{ maxAgeDays: ${n} }`);

async function run(text: string | undefined, spec: TestBundleSpec): Promise<Results> {
  const bundle = await testBundle(spec);
  if (text === undefined) return evaluate(bundle, catalog, { findCheck, toolVersion: 't', catalogFileName: 'c' });
  const tailored = applyTailoring(catalog, text, 'tailoring.yaml', findCheck);
  return evaluate(bundle, tailored.catalog, {
    findCheck,
    toolVersion: 't',
    catalogFileName: 'c',
    overrides: tailored.overrides,
    tailoring: { file: 'tailoring.yaml', sha256: tailored.sha256 },
  });
}

function requirement(results: Results, id: string): RequirementResult {
  const found = results.requirements.find((r) => r.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
}

const policy = (fields: PasswordPolicy) => ({ files: [passwordPolicy(fields)] });

describe('a weakened password length (tailored 12, benchmark 14)', () => {
  it.each([
    [16, 'PASS'],
    [15, 'PASS'],
    [14, 'PASS'],
  ])('length %i meets the benchmark itself, so it passes', async (length, status) => {
    const r = requirement(await run(minLength(12), policy({ MinimumPasswordLength: length })), '1.7');
    expect(r.status).toBe(status);
    expect(r.statusReason).not.toMatch(/tailoring|weakened/);
    expect(r.checks[0]?.findings.map((f) => f.status)).toEqual(['PASS']);
    expect(r.overrides).toMatchObject([{ param: 'minLength', value: 12, benchmark: 14, weaker: true }]);
  });

  it.each([13, 12])('length %i passes only because of tailoring: FAIL, naming the account', async (length) => {
    const results = await run(minLength(12), policy({ MinimumPasswordLength: length }));
    const r = requirement(results, '1.7');
    expect(r.status).toBe('FAIL');
    expect(r.statusReason).toBe(
      `1 of 1 findings fail. Does not meet the benchmark: 1 resource passes only because of tailoring (minLength 12 instead of the benchmark's 14): ${TEST_ACCOUNT}.`,
    );
    const [f] = r.checks[0]?.findings ?? [];
    expect(f).toMatchObject({ status: 'FAIL', resource: TEST_ACCOUNT });
    expect(f?.reason).toBe(
      `passes only because of tailoring: minimum password length is ${length} (required 12); under the benchmark (minLength 12 instead of the benchmark's 14): minimum password length is ${length} (required 14)`,
    );
    expect(r.checks[0]?.status).toBe('FAIL');
    expect(results.warnings).toContain(
      `Requirement "1.7": Does not meet the benchmark: 1 resource passes only because of tailoring (minLength 12 instead of the benchmark's 14): ${TEST_ACCOUNT}.`,
    );
  });

  it('length 11 fails the tailored threshold itself, as without tailoring', async () => {
    const r = requirement(await run(minLength(12), policy({ MinimumPasswordLength: 11 })), '1.7');
    expect(r.status).toBe('FAIL');
    expect(r.statusReason).toBe('1 of 1 findings fail.');
    expect(r.checks[0]?.findings[0]?.reason).toBe('minimum password length is 11 (required 12)');
  });

  it('no password policy fails under either threshold', async () => {
    const r = requirement(await run(minLength(12), { files: [passwordPolicy('not-found')] }), '1.7');
    expect(r.status).toBe('FAIL');
    expect(r.checks[0]?.findings[0]?.reason).toMatch(/^no password policy is set/);
  });

  it('a failed GetAccountPasswordPolicy stays NOT_EVALUATED, never PASS', async () => {
    const r = requirement(await run(minLength(12), { errors: [callError('iam', 'GetAccountPasswordPolicy', 'AccessDenied')] }), '1.7');
    expect(r.status).toBe('NOT_EVALUATED');
  });

  it('still lists the override among the warnings, weaker than the benchmark', async () => {
    const results = await run(minLength(12), policy({ MinimumPasswordLength: 14 }));
    expect(results.warnings).toContainEqual(
      expect.stringMatching(
        /^Requirement "1\.7": iam-password-policy-minimum-length minLength is 12 instead of the benchmark's 14 \(weaker than the benchmark\); approved by Dana Smith/,
      ),
    );
  });

  it('gives the same verdict as no tailoring for a resource that meets the benchmark, and never a better one', async () => {
    for (const length of [6, 11, 12, 13, 14, 15, 128]) {
      const spec = policy({ MinimumPasswordLength: length });
      const plain = requirement(await run(undefined, spec), '1.7').status;
      const tailored = requirement(await run(minLength(12), spec), '1.7').status;
      expect([length, tailored]).toEqual([length, plain]);
    }
  });
});

describe('a stricter password length (tailored 16, benchmark 14)', () => {
  it.each([
    [17, 'PASS'],
    [16, 'PASS'],
    [15, 'FAIL'],
    [14, 'FAIL'],
  ])("length %i is %s against the organisation's own threshold", async (length, status) => {
    const results = await run(minLength(16), policy({ MinimumPasswordLength: length }));
    const r = requirement(results, '1.7');
    expect(r.status).toBe(status);
    expect(r.statusReason).not.toMatch(/tailoring/);
    expect(r.overrides?.[0]?.weaker).toBe(false);
    expect(results.warnings.some((w) => w.includes("minLength is 16 instead of the benchmark's 14;"))).toBe(true);
  });
});

describe('a weakened key age (tailored 120 days, benchmark 90), resource by resource', () => {
  // The credential report was generated at REPORT_AT; ages count from there.
  const day = (daysBefore: number): string => new Date(Date.parse(REPORT_AT) - daysBefore * 86_400_000).toISOString().slice(0, 10);
  const report = (...users: Parameters<typeof reportUser>[]) => ({
    collectedAt: '2026-09-30T08:04:12.000Z',
    files: [
      credentialReport(
        users.map((u) => reportUser(...u)),
        { generatedTime: '2026-09-30T08:00:00Z' },
      ),
    ],
  });

  it('fails naming only the keys between the two thresholds; keys within the benchmark still pass', async () => {
    const r = requirement(
      await run(
        maxAge(120),
        report(
          ['alice', accessKey(1, day(90))],
          ['bob', accessKey(1, day(91))],
          ['carol', accessKey(1, day(120))],
          ['dave', accessKey(1, day(121))],
        ),
      ),
      '1.13',
    );
    expect(r.status).toBe('FAIL');
    const byUser: Record<string, Finding | undefined> = Object.fromEntries(
      (r.checks[0]?.findings ?? []).map((f) => [f.resource.split('/').pop() ?? '', f]),
    );
    expect(byUser.alice?.status).toBe('PASS');
    expect(byUser.bob?.status).toBe('FAIL');
    expect(byUser.bob?.reason).toMatch(/^passes only because of tailoring: .*91 days old.*under the benchmark/);
    expect(byUser.carol?.status).toBe('FAIL');
    expect(byUser.carol?.reason).toMatch(/^passes only because of tailoring/);
    expect(byUser.dave?.status).toBe('FAIL');
    expect(byUser.dave?.reason).not.toMatch(/tailoring/);
    expect(r.statusReason).toMatch(
      /^3 of 4 findings fail\. Does not meet the benchmark: 2 resources pass only because of tailoring \(maxAgeDays 120 instead of the benchmark's 90\): arn:aws:iam::111122223333:user\/bob, arn:aws:iam::111122223333:user\/carol\.$/,
    );
  });

  it('passes when every key meets the benchmark itself', async () => {
    const r = requirement(await run(maxAge(120), report(['alice', accessKey(1, day(10))], ['bob', accessKey(1, day(90))])), '1.13');
    expect(r.status).toBe('PASS');
  });

  it('pairs two keys of one user key by key: the old second key fails, the new first key passes', async () => {
    const r = requirement(await run(maxAge(120), report(['erin', { ...accessKey(1, day(5)), ...accessKey(2, day(100)) }])), '1.13');
    expect(r.status).toBe('FAIL');
    expect(r.checks[0]?.findings.map((f) => [f.status, /tailoring/.test(f.reason)])).toEqual([
      ['PASS', false],
      ['FAIL', true],
    ]);
  });

  it('keeps the pass rate at or below the untailored one', async () => {
    const spec = report(['alice', accessKey(1, day(30))], ['bob', accessKey(1, day(100))]);
    const plain = await run(undefined, spec);
    const tailored = await run(maxAge(120), spec);
    expect(tailored.summary.counts.PASS).toBeLessThanOrEqual(plain.summary.counts.PASS);
    expect(requirement(tailored, '1.13').status).toBe(requirement(plain, '1.13').status);
  });
});
