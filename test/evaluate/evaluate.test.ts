import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { testBundle, type TestBundleSpec } from '../helpers/bundle-builder.js';

const catalog = parseCatalog(
  `framework: test
version: 1.0.0
title: Test catalog
source: tests
sections:
  - { id: "1", title: Identity }
  - { id: "5", title: Networking }
  - { id: "5.1", title: EC2 }
requirements:
  - id: "1.7"
    section: "1"
    title: Password length
    assessment: automated
    checks: [{ check: iam-password-policy-minimum-length, params: { minLength: 14 } }]
  - id: "5.1.1"
    section: "5.1"
    title: EBS default encryption
    assessment: automated
    checks: [{ check: ec2-ebs-default-encryption-enabled }]
  - id: "1.1"
    section: "1"
    title: Contacts
    assessment: manual
    manual_because: Only the owner knows.
  - id: "1.99"
    section: "1"
    title: Password length, reviewed by hand
    assessment: manual
    manual_because: Reviewed by hand.
    checks: [{ check: iam-password-policy-minimum-length, params: { minLength: 14 } }]
`,
  'test.yaml',
  findCheck,
  checks.map((c) => c.id),
);

const policy = (length: number) => ({ region: 'global', service: 'iam', operation: 'GetAccountPasswordPolicy', body: { PasswordPolicy: { MinimumPasswordLength: length } } });
const ebs = (region: string, on: boolean) => ({ region, service: 'ec2', operation: 'GetEbsEncryptionByDefault', body: { EbsEncryptionByDefault: on, SseType: on ? 'sse-ebs' : 'none' } });

async function run(spec: TestBundleSpec) {
  return evaluate(await testBundle(spec), catalog, { findCheck, toolVersion: '0.0.0-test', catalogFileName: 'test.yaml' });
}

const byId = (results: Awaited<ReturnType<typeof run>>, id: string) => results.requirements.find((r) => r.id === id)!;

afterEach(() => {
  vi.useRealTimers();
});

describe('evaluate', () => {
  it('passes a requirement only when every finding in every region passes', async () => {
    const results = await run({ files: [policy(14), ebs('us-east-1', true), ebs('eu-west-1', true)] });
    expect(byId(results, '1.7').status).toBe('PASS');
    expect(byId(results, '5.1.1')).toMatchObject({ status: 'PASS', statusReason: 'All 2 findings pass.' });
  });

  it('fails a requirement when any region fails', async () => {
    const results = await run({ files: [policy(8), ebs('us-east-1', true), ebs('eu-west-1', false)] });
    expect(byId(results, '1.7').status).toBe('FAIL');
    expect(byId(results, '5.1.1')).toMatchObject({ status: 'FAIL', statusReason: '1 of 2 findings fail.' });
  });

  it('is NOT_EVALUATED, naming the collection error, when one region could not be read', async () => {
    const results = await run({
      files: [policy(14), ebs('us-east-1', true)],
      errors: [{ region: 'eu-west-1', service: 'ec2', operation: 'GetEbsEncryptionByDefault', code: 'UnauthorizedOperation', message: 'not authorized' }],
    });
    const requirement = byId(results, '5.1.1');
    expect(requirement.status).toBe('NOT_EVALUATED');
    expect(requirement.statusReason).toMatch(/ec2:GetEbsEncryptionByDefault in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/);
  });

  it('is NOT_EVALUATED, never PASS, when the evidence was not collected at all', async () => {
    const results = await run({ files: [ebs('us-east-1', true), ebs('eu-west-1', true)] });
    expect(byId(results, '1.7')).toMatchObject({ status: 'NOT_EVALUATED' });
    expect(byId(results, '1.7').statusReason).toMatch(/not in the bundle/);
  });

  it('keeps manual requirements MANUAL, with the evidence suggestion beside them', async () => {
    const results = await run({ files: [policy(8), ebs('us-east-1', true), ebs('eu-west-1', true)] });
    expect(byId(results, '1.1')).toMatchObject({ status: 'MANUAL', statusReason: 'Attestation required: Only the owner knows.' });
    expect(byId(results, '1.1').suggestedStatus).toBeUndefined();
    expect(byId(results, '1.99')).toMatchObject({ status: 'MANUAL', suggestedStatus: 'FAIL' });
  });

  it('summarises per top-level section, counting sub-sections in', async () => {
    const results = await run({ files: [policy(14), ebs('us-east-1', true), ebs('eu-west-1', false)] });
    expect(results.summary.counts).toEqual({ PASS: 1, FAIL: 1, NOT_EVALUATED: 0, MANUAL: 2, NOT_APPLICABLE: 0, total: 4 });
    expect(results.summary.sections.map((s) => [s.id, s.counts.total, s.passRate])).toEqual([
      ['1', 3, 1],
      ['5', 1, 0],
    ]);
  });

  it('counts NOT_EVALUATED against the score, shows the coverage beside it, and leaves manual requirements out', async () => {
    const results = await run({ files: [policy(14), ebs('us-east-1', true)] });
    expect(byId(results, '5.1.1').status).toBe('NOT_EVALUATED');
    expect(results.summary).toMatchObject({ passRate: 1 / 2, coverage: 1 / 2, automated: { PASS: 1, FAIL: 0, NOT_EVALUATED: 1, total: 2 } });
    expect(results.summary.sections.map((s) => [s.id, s.passRate, s.coverage])).toEqual([
      ['1', 1, 1],
      ['5', 0, 0],
    ]);
  });

  it('scores 0 with no coverage, not "no score", when no evidence was collected at all', async () => {
    const results = await run({ files: [] });
    expect(results.summary).toMatchObject({ passRate: 0, coverage: 0 });
    expect(results.summary.automated.total).toBe(2);
  });

  it('never scores higher, overall or in a section, with any one evidence file missing or its call failed', async () => {
    const fulls = [
      [policy(8), ebs('us-east-1', true), ebs('eu-west-1', true)],
      [policy(14), ebs('us-east-1', true), ebs('eu-west-1', false)],
      [policy(14), ebs('us-east-1', true), ebs('eu-west-1', true)],
    ];
    for (const files of fulls) {
      const full = await run({ files });
      for (const [i, dropped] of files.entries()) {
        const rest = files.filter((_, j) => j !== i);
        const error = { region: dropped.region, service: dropped.service, operation: dropped.operation, code: 'InternalFailure' };
        for (const partial of [await run({ files: rest }), await run({ files: rest, errors: [error] })]) {
          const label = `${dropped.operation} ${dropped.region} missing`;
          expect(partial.summary.passRate ?? 0, label).toBeLessThanOrEqual(full.summary.passRate ?? 0);
          expect(partial.summary.coverage ?? 0, label).toBeLessThanOrEqual(full.summary.coverage ?? 0);
          for (const section of partial.summary.sections) {
            const before = full.summary.sections.find((x) => x.id === section.id);
            expect(section.passRate ?? 0, `${label}, section ${section.id}`).toBeLessThanOrEqual(before?.passRate ?? 0);
          }
        }
      }
    }
  });

  it('gives the same bytes for the same bundle, whatever the clock says', async () => {
    const spec = { files: [policy(14), ebs('us-east-1', true), ebs('eu-west-1', false)] };
    const first = canonicalJson(await run(spec));
    vi.useFakeTimers({ now: new Date('2040-01-01T00:00:00Z'), toFake: ['Date'] });
    const later = canonicalJson(await run(spec));
    expect(later).toBe(first);
  });
});
