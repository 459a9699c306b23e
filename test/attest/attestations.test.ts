import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAttestation, type AttestationInput } from '../../src/attest/add-attestation.js';
import { loadBundleAttestations, parseAttestations } from '../../src/attest/attestations.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { main } from '../../src/cli/main.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { writeTestBundle } from '../helpers/bundle-builder.js';

const catalog = await loadCatalog('test/fixtures/catalog-small.yaml', findCheck, checks.map((c) => c.id));

function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-attest-'));
  cpSync('evidence/sample', dir, { recursive: true });
  return dir;
}

function input(overrides: Partial<AttestationInput> = {}): AttestationInput {
  return {
    requirement: '1.1',
    result: 'pass',
    attestedBy: 'Dana Smith',
    role: 'Head of Cloud Security',
    date: '2026-09-15',
    expires: '2027-09-15',
    justification: 'Contacts reviewed in the console; all current.',
    evidence: [],
    ...overrides,
  };
}

async function resultsFor(dir: string) {
  const bundle = await openBundle(dir);
  const attestations = await loadBundleAttestations(bundle);
  return evaluate(bundle, catalog, { findCheck, toolVersion: '0.0.0-test', catalogFileName: 'cis.yaml', attestations });
}

const requirement = (results: Awaited<ReturnType<typeof resultsFor>>, id: string) => results.requirements.find((r) => r.id === id)!;

describe('attestations', () => {
  it('decide a manual requirement, with who, when, until when and the hashed evidence file', async () => {
    const dir = sampleCopy();
    const screenshot = join(mkdtempSync(join(tmpdir(), 'shot-')), 'contacts.png');
    writeFileSync(screenshot, 'not really a png');
    await addAttestation(dir, catalog, input({ evidence: [screenshot] }));
    const results = await resultsFor(dir);
    const r = requirement(results, '1.1');
    expect(r.status).toBe('PASS');
    expect(r.statusReason).toBe('Attested pass by Dana Smith (Head of Cloud Security) on 2026-09-15, valid until 2027-09-15.');
    expect(r.attestations?.[0]?.evidence[0]?.path).toMatch(/^attestations\/evidence\/[0-9a-f]{12}-contacts\.png$/);
    expect(results.warnings).toEqual([]);
  });

  it('keep the bundle verifiable, and a changed evidence file is named', async () => {
    const dir = sampleCopy();
    const file = join(mkdtempSync(join(tmpdir(), 'shot-')), 'contacts.pdf');
    writeFileSync(file, '%PDF-1.7 contacts');
    await addAttestation(dir, catalog, input({ evidence: [file] }));
    await expect(openBundle(dir)).resolves.toBeDefined();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { attestations: { path: string }[] };
    const evidencePath = manifest.attestations.find((a) => a.path.startsWith('attestations/evidence/'))!.path;
    appendFileSync(join(dir, evidencePath), 'edited');
    await expect(openBundle(dir)).rejects.toThrow(/contacts\.pdf: sha256 does not match manifest\.json/);
  });

  it('are reported and not used once expired at the collection time', async () => {
    const dir = sampleCopy();
    await addAttestation(dir, catalog, input({ date: '2025-01-10', expires: '2026-01-10' }));
    const results = await resultsFor(dir);
    expect(requirement(results, '1.1').status).toBe('MANUAL');
    expect(results.warnings.join('\n')).toMatch(/attestations\.yaml:\d+: attestation for requirement "1\.1" by Dana Smith expired on 2026-01-10, before the collection \(2026-09-30\); it was not used/);
  });

  it('flag a decision that contradicts what the evidence suggests', async () => {
    const dir = sampleCopy();
    await addAttestation(dir, catalog, input({ requirement: '3.1', result: 'fail', justification: 'Trail excludes KMS events.' }));
    const results = await resultsFor(dir);
    expect(requirement(results, '3.1').status).toBe('FAIL');
    expect(results.warnings).toContain('Requirement "3.1" is attested FAIL, but the evidence suggests PASS. Review the attestation.');
  });

  it('mark a requirement not applicable only when every attestation says so', async () => {
    const dir = sampleCopy();
    await addAttestation(dir, catalog, input({ requirement: '1.2', result: 'not_applicable' }));
    expect(requirement(await resultsFor(dir), '1.2').status).toBe('NOT_APPLICABLE');
  });

  it('are refused for automated and unknown requirements, naming the closest id', async () => {
    const dir = sampleCopy();
    await expect(addAttestation(dir, catalog, input({ requirement: '1.13' }))).rejects.toThrow(/is automated; evidence decides it/);
    await expect(addAttestation(dir, catalog, input({ requirement: '1.0' }))).rejects.toThrow(/no such requirement\. Did you mean "1\.1"\?/);
  });

  it('must cover every account: one for a single account leaves the others waiting', async () => {
    const dir = writeTestBundle({ accounts: ['111122223333', '444455556666'] });
    await addAttestation(dir, catalog, input({ account: '111122223333' }));
    const r = requirement(await resultsFor(dir), '1.1');
    expect(r.status).toBe('MANUAL');
    expect(r.statusReason).toMatch(/^Attestation required for account 444455556666/);
  });

  it('report a hand-written attestation for a requirement the catalog lacks', async () => {
    const text = `attestations:
  - framework: cis-aws-foundations
    version: 5.0.0
    requirement: "9.99"
    result: pass
    attested_by: Eve
    role: Intern
    date: 2026-09-01
    expires: 2027-09-01
    justification: trust me
`;
    const bundle = await openBundle(writeTestBundle());
    const results = await evaluate(bundle, catalog, { findCheck, toolVersion: 't', catalogFileName: 'c', attestations: parseAttestations(text, 'a.yaml') });
    expect(results.warnings.join('\n')).toMatch(/requirement "9\.99", which cis-aws-foundations 5\.0\.0 does not have/);
  });

  it('give file and line for an invalid attestations file', () => {
    const bad = 'attestations:\n  - framework: cis-aws-foundations\n    version: 5.0.0\n    requirement: "1.1"\n    result: maybe\n';
    try {
      parseAttestations(bad, 'attestations.yaml');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(AuditpackError);
      const all = [(error as AuditpackError).message, ...(error as AuditpackError).details].join('\n');
      expect(all).toMatch(/attestations\.yaml:5: attestations\[0\]\.result: must be one of "pass", "fail", "not_applicable"/);
      expect(all).toMatch(/missing required field "attested_by"/);
    }
  });
});

describe('auditpack attest', () => {
  it('records an attestation from flags and says so', async () => {
    const dir = sampleCopy();
    const out: string[] = [];
    const code = await main(
      ['attest', dir, '-c', 'test/fixtures/catalog-small.yaml', '-r', '1.2', '--result', 'pass', '--by', 'Dana Smith', '--role', 'CISO', '--justification', 'Security contact set to secops@.', '--date', '2026-10-02'],
      { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, now: () => new Date('2026-10-02T10:00:00Z') },
    );
    expect(out.join('')).toContain('Attested pass for cis-aws-foundations 5.0.0 requirement 1.2 by Dana Smith, valid 2026-10-02 to 2027-10-02.');
    expect(code).toBe(0);
  });

  it('says which options are missing when nobody can be asked', async () => {
    const err: string[] = [];
    const code = await main(['attest', sampleCopy(), '-r', '1.2'], { out: () => undefined, err: (t) => err.push(t), env: {}, now: () => new Date() });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/missing --result, --by, --role, --justification\. Give them as options, or run on a terminal to be asked/);
  });
});
