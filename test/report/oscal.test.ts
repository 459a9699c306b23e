import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFindingSets, type FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';
import { OSCAL_EVIDENCE_LISTED, OSCAL_VERSION, oscalAssessmentResults, oscalControlId } from '../../src/report/oscal.js';
import { buildResults, finding, XSS_IMG, XSS_SCRIPT } from '../helpers/results-builder.js';
import { orgResults } from '../helpers/org-results.js';
import { SAMPLE_SG, sampleResults } from './sample-results.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// The OSCAL schema is draft-07 with `\p{L}` patterns and keywords auditpack's strict shared Ajv
// instance refuses, so it gets an instance of its own.
let validate: ValidateFunction;
beforeAll(() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(readFileSync('schemas/vendor/oscal_assessment-results_schema.json', 'utf8')) as object);
});

interface Prop {
  name: string;
  value: string;
}
interface OscalFinding {
  title: string;
  props: Prop[];
  target: { type: string; 'target-id': string; status: { state: string; reason: string } };
  'related-observations'?: { 'observation-uuid': string }[];
  remarks?: string;
}
interface Observation {
  uuid: string;
  props: Prop[];
  'relevant-evidence'?: { href: string; description: string }[];
}
interface Document {
  'assessment-results': {
    uuid: string;
    metadata: { 'last-modified': string; 'oscal-version': string; parties?: { uuid: string; name: string }[] };
    'import-ap': { href: string };
    results: {
      'reviewed-controls': { 'control-selections': { 'include-controls': { 'control-id': string }[] }[] };
      observations?: Observation[];
      findings: OscalFinding[];
      attestations?: { 'responsible-parties': { 'party-uuids': string[] }[]; parts: { props: Prop[] }[] }[];
    }[];
    'back-matter': {
      resources: { uuid: string; title: string; rlinks: { href: string; hashes: { algorithm: string; value: string }[] }[] }[];
    };
  };
}

const text = (results: Results<FindingSet>, generatedAt = '2026-10-01T00:00:00.000Z'): string =>
  [...oscalAssessmentResults(results, { generatedAt })].join('');

function valid(results: Results<FindingSet>): Document {
  const out = text(results);
  const doc = JSON.parse(out) as Document;
  const ok = validate(doc);
  expect(ok ? [] : validate.errors?.slice(0, 5)).toEqual([]);
  return doc;
}

const propOf = (props: Prop[], name: string): string | undefined => props.find((p) => p.name === name)?.value;
const result = (doc: Document) => {
  const r = doc['assessment-results'].results[0];
  if (!r) throw new Error('no result');
  return r;
};

describe('OSCAL assessment results', () => {
  it('validates for the sample (NOT_EVALUATED findings, MANUAL requirements, an accepted risk); only PASS is satisfied', async () => {
    const results = await sampleResults('cis-aws-foundations-v5.0.0.yaml', true);
    expect(new Set(results.requirements.map((r) => r.status))).toEqual(new Set(['PASS', 'FAIL', 'MANUAL']));
    expect(results.requirements.some((r) => r.checks.some((c) => c.findings.counts.NOT_EVALUATED > 0))).toBe(true);
    const doc = valid(results);
    const r = result(doc);
    expect(doc['assessment-results'].metadata['oscal-version']).toBe(OSCAL_VERSION);
    expect(doc['assessment-results'].metadata['last-modified']).toBe('2026-10-01T00:00:00.000Z');
    expect(r.findings).toHaveLength(results.requirements.length);
    expect(r['reviewed-controls']['control-selections'][0]?.['include-controls'].map((c) => c['control-id'])).toEqual(
      results.requirements.map((q) => `cis-aws-foundations-5.0.0-${q.id}`),
    );
    for (const [i, requirement] of results.requirements.entries()) {
      const f = r.findings[i];
      expect(propOf(f?.props ?? [], 'auditpack-status')).toBe(requirement.status);
      expect(f?.target.status.state).toBe(requirement.status === 'PASS' ? 'satisfied' : 'not-satisfied');
      expect(f?.target.type).toBe('objective-id');
    }
    const excepted = r.findings.find((f) => propOf(f.props, 'requirement-id') === '5.3');
    expect(excepted?.target.status).toMatchObject({ state: 'not-satisfied', reason: 'fail' });
    expect(propOf(excepted?.props ?? [], 'findings-excepted')).toBe('1');
    expect(propOf(excepted?.props ?? [], 'exception')).toBe('EXC-2026-007');
    expect(excepted?.remarks).toMatch(/accepted risks \(EXCEPTED\)/);
    // Every related observation exists; every cited evidence file is a back-matter resource with its SHA-256.
    const observations = new Map((r.observations ?? []).map((o) => [o.uuid, o]));
    for (const f of r.findings)
      for (const rel of f['related-observations'] ?? []) expect(observations.has(rel['observation-uuid'])).toBe(true);
    const resources = new Map(doc['assessment-results']['back-matter'].resources.map((res) => [res.uuid, res]));
    expect(resources.has(doc['assessment-results']['import-ap'].href.slice(1))).toBe(true);
    const cited = [...observations.values()].flatMap((o) => o['relevant-evidence'] ?? []);
    expect(cited.length).toBeGreaterThan(0);
    for (const e of cited) {
      const res = resources.get(e.href.slice(1));
      expect(res?.rlinks[0]?.href).toBe(`bundle:${res?.title}`);
      expect(res?.rlinks[0]?.hashes[0]?.value).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(SAMPLE_SG).toContain('sg-');
  });

  it('validates with every requirement status, an excepted requirement and an attestation; never satisfied but for PASS', () => {
    const results = buildResults();
    const bySg = results.requirements.find((r) => r.id === '5.3');
    const failing = bySg?.checks[0]?.findings.find((f) => f.status === 'FAIL');
    if (!failing) throw new Error('no failing SG');
    failing.exception = { id: 'EXC-1', approvedBy: 'Dana Smith (CISO)', expires: '2027-01-01' };
    results.exceptions = [
      {
        id: 'EXC-1',
        framework: 'cis-aws-foundations',
        version: '5.0.0',
        requirement: '5.3',
        appliesTo: '5.3',
        resource: failing.resource,
        justification: 'Legacy bastion.',
        approvedBy: 'Dana Smith (CISO)',
        approvedOn: '2026-07-01',
        expires: '2027-01-01',
        sha256: 'b'.repeat(64),
        matched: 1,
      },
    ];
    const manual = results.requirements.find((r) => r.id === '1.1');
    if (!manual) throw new Error('no 1.1');
    manual.status = 'NOT_APPLICABLE';
    manual.attestations = [
      {
        result: 'not_applicable',
        attestedBy: 'Lee Chen',
        role: 'CISO',
        date: '2026-09-01',
        expires: '2027-03-01',
        justification: 'No contacts.',
        evidence: [],
      },
    ];
    const doc = valid(toFindingSets(results));
    const statusOf = (id: string) => result(doc).findings.find((f) => propOf(f.props, 'requirement-id') === id);
    expect(new Set(results.requirements.map((r) => r.status))).toEqual(
      new Set(['PASS', 'FAIL', 'NOT_EVALUATED', 'MANUAL', 'NOT_APPLICABLE']),
    );
    for (const requirement of results.requirements) {
      expect(statusOf(requirement.id)?.target.status.state).toBe(requirement.status === 'PASS' ? 'satisfied' : 'not-satisfied');
    }
    expect(statusOf('2.1.1')?.target.status).toMatchObject({ state: 'not-satisfied', reason: 'other' });
    expect(propOf(statusOf('2.1.1')?.props ?? [], 'auditpack-status')).toBe('NOT_EVALUATED');
    expect(propOf(statusOf('1.18')?.props ?? [], 'auditpack-status')).toBe('MANUAL');
    expect(propOf(statusOf('1.1')?.props ?? [], 'auditpack-status')).toBe('NOT_APPLICABLE');
    expect(propOf(statusOf('5.3')?.props ?? [], 'findings-excepted')).toBe('1');
    expect(statusOf('5.3')?.remarks).toMatch(/EXC-1/);
  });

  it('writes NIST control ids in OSCAL form and validates', async () => {
    expect(oscalControlId('nist-800-53', 'rev5', 'AC-2(1)')).toBe('ac-2.1');
    expect(oscalControlId('nist-800-53', 'rev5', 'SC-7')).toBe('sc-7');
    expect(oscalControlId('cis-aws-foundations', '5.0.0', '1.4')).toBe('cis-aws-foundations-5.0.0-1.4');
    expect(oscalControlId('9box', '1', 'a b')).toBe('_9box-1-a_b');
    const doc = valid(await sampleResults('nist-800-53-rev5.yaml'));
    const ids = result(doc)['reviewed-controls']['control-selections'][0]?.['include-controls'].map((c) => c['control-id']) ?? [];
    expect(ids).toContain('ac-2.1');
    expect(ids).toContain('ac-2');
    expect(ids.every((id) => /^[a-z]{2}-\d+(\.\d+)?$/.test(id))).toBe(true);
  });

  it('validates for an organisation and names attestors as parties', async () => {
    const { results, dispose } = await orgResults({ accounts: 3, users: 12, sgs: 9 });
    try {
      const requirement = results.requirements.find((r) => r.status === 'MANUAL');
      if (!requirement) throw new Error('no manual requirement');
      requirement.status = 'PASS';
      requirement.attestations = [
        {
          result: 'pass',
          attestedBy: 'Lee Chen',
          role: 'Compliance lead',
          date: '2026-09-01',
          expires: '2027-03-01',
          justification: 'Contacts reviewed.\nAll current.',
          evidence: [{ path: 'attestations/contacts.pdf', sha256: 'a'.repeat(64) }],
        },
      ];
      const doc = valid(results);
      const party = doc['assessment-results'].metadata.parties?.find((p) => p.name === 'Lee Chen');
      expect(party).toBeDefined();
      expect(result(doc).attestations?.[0]?.['responsible-parties'][0]?.['party-uuids']).toEqual([party?.uuid]);
      expect(result(doc).observations?.length).toBeGreaterThan(0);
    } finally {
      dispose();
    }
  });

  it('caps the evidence files an observation lists and counts the rest', () => {
    const results = buildResults();
    const check = results.requirements.find((r) => r.id === '5.3')?.checks[0];
    if (!check) throw new Error('no 5.3');
    check.findings = Array.from({ length: OSCAL_EVIDENCE_LISTED + 50 }, (_, i) =>
      finding('PASS', `arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${i}`, 'closed', `aws/111122223333/eu-west-1/ec2/sg-${i}.json`),
    );
    const doc = valid(toFindingSets(results));
    const observation = result(doc).observations?.find((o) => propOf(o.props, 'check-id') === check.check);
    expect(observation?.['relevant-evidence']).toHaveLength(OSCAL_EVIDENCE_LISTED);
    expect(propOf(observation?.props ?? [], 'evidence-files-not-listed')).toBe('50');
  });

  it('keeps hostile text valid and inert, and gives the same bytes for the same inputs', () => {
    const results = buildResults();
    const first = results.requirements[0];
    if (first) {
      first.statusReason = `  line one\nline two\u2028 ${XSS_SCRIPT} \u202E[x](javascript:alert(1)) `;
      first.title = `\n${XSS_IMG}\n`;
    }
    const out = text(toFindingSets(results));
    expect(out).not.toContain('\u2028');
    expect(out).not.toContain('\u202E');
    expect(out).not.toContain('<script>');
    const doc = valid(toFindingSets(results));
    expect(result(doc).findings[0]?.title).toContain('\\<img');
    expect(text(toFindingSets(results))).toBe(out);
    expect(text(toFindingSets(buildResults()))).toBe(text(toFindingSets(buildResults())));
    // With no report date, the bundle's collection end stands in.
    const undated = JSON.parse(text(toFindingSets(buildResults()), '')) as Document;
    expect(undated['assessment-results'].metadata['last-modified']).toBe('2026-09-30T08:04:12.000Z');
  });
});
