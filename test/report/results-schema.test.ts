import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttestation } from '../../src/attest/add-attestation.js';
import { loadBundleAttestations } from '../../src/attest/attestations.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { applyTailoring } from '../../src/catalog/tailoring.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { withSeal } from '../../src/cli/evaluate-bundle.js';
import { evaluateToSets } from '../../src/evaluate/evaluate.js';
import { memoryStore, toFindingSets, type FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';
import { exceptionsInForce, parseExceptions } from '../../src/exceptions/exceptions.js';
import { resultsJsonChunks } from '../../src/report/results-json.js';
import { describeSchemaError, loadSchema } from '../../src/shared/schema.js';
import { evaluateWithRegister, threeQuarterScenario } from '../attest/three-quarters.js';
import { orgResults } from '../helpers/org-results.js';
import { buildResults } from '../helpers/results-builder.js';

// Compiled once per test file: the shared ajv instance refuses a second schema with the same $id.
const validate = loadSchema('results.v1.schema.json');

/** Every schema error, one readable line each; empty when the value is valid. */
function problems(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => describeSchemaError(e));
}

/** The results.json `report` writes for these results, parsed back: what an integrator reads. */
function written(results: Results<FindingSet> | Results): unknown {
  const sets = results.requirements.some((r) => r.checks.some((c) => Array.isArray(c.findings)))
    ? toFindingSets(results as Results)
    : (results as Results<FindingSet>);
  return JSON.parse([...resultsJsonChunks(sets)].join('')) as unknown;
}

const SAMPLE_BUNDLE_ID = '3b9d6f0e-8a41-4c7e-b2d5-91f04a6c7e18';
const SHIPPED = readdirSync('controls')
  .filter((name) => name.endsWith('.yaml') && !name.startsWith('crosswalk-'))
  .sort();

async function shippedCatalog(file: string): Promise<Catalog> {
  return loadCatalog(
    join('controls', file),
    findCheck,
    checks.map((c) => c.id),
  );
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('results.json against schemas/results.v1.schema.json', () => {
  let sample: EvidenceBundle;
  beforeAll(async () => {
    sample = await openBundle('evidence/sample');
  });

  it('lists every shipped catalog it is tested with', () => {
    expect(SHIPPED).toEqual(
      expect.arrayContaining(['cis-aws-foundations-v5.0.0.yaml', 'cis-aws-foundations-v7.0.0.yaml', 'nist-800-53-rev5.yaml']),
    );
  });

  it.each(SHIPPED)('holds for the sample bundle evaluated against %s', async (file) => {
    const results = await evaluateToSets(sample, await shippedCatalog(file), {
      findCheck,
      toolVersion: '0.1.0',
      catalogFileName: file,
      store: memoryStore(),
    });
    const json = written(results) as Results;
    expect(problems(json)).toEqual([]);
    // What makes the sample worth validating: gaps, manual requirements, collection errors.
    const findings = json.requirements.flatMap((r) => r.checks.flatMap((c) => c.findings));
    expect(findings.some((f) => f.status === 'NOT_EVALUATED')).toBe(true);
    expect(json.requirements.some((r) => r.status === 'MANUAL')).toBe(true);
    expect(json.bundle.errors.length).toBeGreaterThan(0);
  });

  it('holds for a generated organisation of several accounts', async () => {
    const { results, dispose } = await orgResults({ accounts: 3, users: 12, sgs: 9 });
    try {
      const json = written(results) as Results;
      expect(problems(json)).toEqual([]);
      expect(json.summary.accounts).toHaveLength(3);
    } finally {
      dispose();
    }
  });

  it('holds with every optional field: bundle attestations, an excepted finding, tailoring, framing and a verified seal', async () => {
    const work = mkdtempSync(join(tmpdir(), 'auditpack-results-schema-'));
    temps.push(work);
    const dir = join(work, 'bundle');
    cpSync('evidence/sample', dir, { recursive: true });
    const v5 = await shippedCatalog('cis-aws-foundations-v5.0.0.yaml');
    const screenshot = join(work, 'contacts.png');
    writeFileSync(screenshot, 'not really a png');
    const attestation = {
      attestedBy: 'Dana Smith',
      role: 'Head of Cloud Security',
      date: '2026-09-15',
      expires: '2027-09-15',
      justification: 'Reviewed in the console.',
    };
    await addAttestation(dir, v5, { ...attestation, requirement: '1.1', result: 'pass', evidence: [screenshot] });
    await addAttestation(dir, v5, { ...attestation, requirement: '1.2', result: 'not_applicable', account: '111122223333', evidence: [] });
    const bundle = await openBundle(dir);
    const tailored = applyTailoring(
      v5,
      `overrides:
  - framework: cis-aws-foundations
    version: 5.0.0
    requirement: "1.13"
    check: iam-access-key-rotated
    params: { maxAgeDays: 365 }
    reason: Keys are vaulted and rotated yearly.
    approved_by: Dana Smith
`,
      'tailoring.yaml',
      findCheck,
    );
    const exceptions = parseExceptions(
      `exceptions:
  - id: EXC-2026-014
    framework: cis-aws-foundations
    version: 5.0.0
    requirement: "5.3"
    account: "111122223333"
    resource: "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a7b*"
    justification: Legacy bastion until the SSM migration
    approved_by: Dana Smith (CISO)
    approved_on: 2026-07-01
    expires: 2027-01-01
    ticket: SEC-1234
`,
      'exceptions.yaml',
    );
    const evaluated = await evaluateToSets(bundle, tailored.catalog, {
      findCheck,
      toolVersion: '0.1.0',
      catalogFileName: 'cis-aws-foundations-v5.0.0.yaml',
      store: memoryStore(),
      attestations: await loadBundleAttestations(bundle),
      overrides: tailored.overrides,
      tailoring: { file: 'tailoring.yaml', sha256: tailored.sha256 },
      framing: {
        period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
        preparedBy: { name: 'Sam Lee', role: 'Cloud auditor', date: '2026-10-02' },
        approvedBy: { name: 'Dana Smith' },
      },
      exceptions: exceptionsInForce(
        exceptions,
        { framework: v5.framework, version: v5.version, requirementIds: v5.requirements.map((r) => r.id) },
        bundle.collectedAt,
      ),
    });
    const results = withSeal(evaluated, { state: 'verified', fingerprint: `SHA256:${'ab'.repeat(32)}`, subject: 'CN=Acme audit' });
    const json = written(results) as Results;
    expect(problems(json)).toEqual([]);

    const byId = new Map(json.requirements.map((r) => [r.id, r]));
    expect(byId.get('1.1')?.attestations?.[0]?.evidence[0]?.path).toMatch(/^attestations\/evidence\//);
    expect(byId.get('1.2')?.status).toBe('NOT_APPLICABLE');
    expect(byId.get('1.13')?.overrides?.[0]).toMatchObject({ param: 'maxAgeDays', value: 365, benchmark: 90, weaker: true });
    const excepted = byId
      .get('5.3')
      ?.checks.flatMap((c) => c.findings)
      .filter((f) => f.exception);
    expect(excepted?.map((f) => [f.status, f.exception?.id])).toEqual([['FAIL', 'EXC-2026-014']]);
    expect(json.exceptions?.map((e) => [e.id, e.appliesTo, e.matched, e.ticket])).toEqual([['EXC-2026-014', '5.3', 1, 'SEC-1234']]);
    expect(json.catalog.tailoring?.file).toBe('tailoring.yaml');
    expect(json.framing?.period?.label).toBe('2026-Q3');
    expect(json.bundle.seal?.state).toBe('verified');
  });

  it.each([
    ['5.0.0', 'Q1', false],
    ['7.0.0', 'Q2', true],
  ] as const)(
    'holds with an attestation from the register (CIS %s, %s, mapped through the crosswalk: %s)',
    async (version, quarter, mapped) => {
      const scenario = await threeQuarterScenario();
      temps.push(dirname(scenario.register), ...Object.values(scenario.bundles));
      const { results } = await evaluateWithRegister(scenario.bundles[quarter], version, scenario.register);
      const json = written(results) as Results;
      expect(problems(json)).toEqual([]);
      const source = json.requirements.flatMap((r) => r.attestations ?? []).find((a) => a.source)?.source;
      expect(source?.id).toBe(scenario.entryId);
      expect(source?.mappedFrom !== undefined).toBe(mapped);
    },
  );

  it('holds for the results the report tests are built from (with a UUID bundle id)', () => {
    expect(problems(written(buildResults({ id: SAMPLE_BUNDLE_ID })))).toEqual([]);
  });
});

describe('results.json that drifted from the schema', () => {
  /** Built results as written, with one change made to them. */
  const mutated = (change: (json: Results & Record<string, unknown>) => void): string[] => {
    const json = written(buildResults({ id: SAMPLE_BUNDLE_ID })) as Results & Record<string, unknown>;
    change(json);
    return problems(json);
  };
  const req = (json: Results, id: string) => {
    const found = json.requirements.findIndex((r) => r.id === id);
    if (found < 0) throw new Error(`no requirement ${id} in the built results`);
    return { index: found, requirement: json.requirements[found] as Results['requirements'][number] };
  };
  const firstFinding = (json: Results, id: string) => {
    const { requirement } = req(json, id);
    const finding = requirement.checks[0]?.findings[0];
    if (!finding) throw new Error(`requirement ${id} has no finding`);
    return finding;
  };

  it.each([
    [
      'an unknown requirement status',
      (json: Results) => Object.assign(req(json, '1.13').requirement, { status: 'EXCEPTED' }),
      /^requirements\[2\]\.status: must be one of "PASS", "FAIL", "NOT_EVALUATED", "MANUAL", "NOT_APPLICABLE"$/m,
    ],
    [
      'an unknown finding status',
      (json: Results) => Object.assign(firstFinding(json, '1.13'), { status: 'WARN' }),
      /^requirements\[2\]\.checks\[0\]\.findings\[0\]\.status: must be one of "PASS", "FAIL", "NOT_EVALUATED"$/m,
    ],
    [
      'a finding without its reason',
      (json: Results) => {
        delete (firstFinding(json, '1.13') as Partial<Results['requirements'][number]['checks'][number]['findings'][number]>).reason;
      },
      /^requirements\[2\]\.checks\[0\]\.findings\[0\]: missing required field "reason"$/m,
    ],
    [
      'a finding without its evidence',
      (json: Results) => {
        delete (firstFinding(json, '1.13') as Partial<Results['requirements'][number]['checks'][number]['findings'][number]>).evidence;
      },
      /^requirements\[2\]\.checks\[0\]\.findings\[0\]: missing required field "evidence"$/m,
    ],
    [
      'an extra top-level field',
      (json: Record<string, unknown>) => Object.assign(json, { score: 0.5 }),
      /^\(top level\): unknown field "score"$/m,
    ],
    [
      'an extra finding field',
      (json: Results) => Object.assign(firstFinding(json, '1.13'), { severity: 'high' }),
      /^requirements\[2\]\.checks\[0\]\.findings\[0\]: unknown field "severity"$/m,
    ],
    [
      'an extra bundle field',
      (json: Results) => Object.assign(json.bundle, { path: '/home/me/evidence' }),
      /^bundle: unknown field "path"$/m,
    ],
    ['a newer format version', (json: Record<string, unknown>) => Object.assign(json, { formatVersion: 2 }), /^formatVersion: must be 1$/m],
    [
      'an exception on a passing finding (EXCEPTED is a FAIL with an exception)',
      (json: Results) => Object.assign(firstFinding(json, '1.3'), { exception: { id: 'E-1', approvedBy: 'Dana', expires: '2027-01-01' } }),
      /^requirements\[1\]\.checks\[0\]\.findings\[0\]\.status: must be "FAIL"$/m,
    ],
    [
      'an automated requirement left MANUAL',
      (json: Results) => Object.assign(req(json, '3.1').requirement, { status: 'MANUAL' }),
      /^requirements\[6\]\.status: must be one of "PASS", "FAIL", "NOT_EVALUATED"$/m,
    ],
    [
      'an evidence hash that is not SHA-256 hex',
      (json: Results) => {
        const ref = firstFinding(json, '1.13').evidence[0];
        if (ref) ref.sha256 = ref.sha256.toUpperCase();
      },
      /^requirements\[2\]\.checks\[0\]\.findings\[0\]\.evidence\[0\]\.sha256: must match pattern/m,
    ],
    ['a pass rate above 1', (json: Results) => Object.assign(json.summary, { passRate: 1.5 }), /^summary\.passRate: must be <= 1$/m],
    [
      'a collection error with an unknown cause',
      (json: Results) => Object.assign(json.bundle.errors[0] ?? {}, { cause: 'flaky' }),
      /^bundle\.errors\[0\]\.cause: must be one of "bad-answer"/m,
    ],
  ])('is refused: %s', (_name, change, expected) => {
    expect(mutated(change as (json: Results & Record<string, unknown>) => void).join('\n')).toMatch(expected);
  });
});

describe('docs/results-format.md', () => {
  it('gives an example that the schema accepts', () => {
    const text = readFileSync('docs/results-format.md', 'utf8');
    const example = /## Example[\s\S]*?```json\n([\s\S]*?)\n```/.exec(text)?.[1];
    if (example === undefined) throw new Error('docs/results-format.md: no ```json block under "## Example"');
    expect(problems(JSON.parse(example))).toEqual([]);
  });

  it('names every top-level field the schema has', () => {
    const text = readFileSync('docs/results-format.md', 'utf8');
    const schema = JSON.parse(readFileSync('schemas/results.v1.schema.json', 'utf8')) as { properties: Record<string, unknown> };
    for (const field of Object.keys(schema.properties)) expect(text).toContain(`| \`${field}\``);
  });
});
