import { describe, expect, it } from 'vitest';
import { toFindingSets, type FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';
import { OCSF_VERSION, ocsfFindingsChunks } from '../../src/report/ocsf.js';
import { buildResults, XSS_IMG, XSS_SCRIPT } from '../helpers/results-builder.js';
import { orgResults } from '../helpers/org-results.js';
import { SAMPLE_SG, sampleResults } from './sample-results.js';

// OCSF 1.4.0, attributes marked "required" (sources: docs/integrations.md):
// compliance_finding (2003) and its parents finding and base_event, with the cloud profile applied.
const EVENT_REQUIRED = [
  'activity_id',
  'category_uid',
  'class_uid',
  'compliance',
  'finding_info',
  'metadata',
  'severity_id',
  'time',
  'type_uid',
  'cloud',
];
const OBJECT_REQUIRED: Record<string, string[]> = {
  metadata: ['product', 'version'],
  finding_info: ['uid', 'title'],
  compliance: ['standards'],
  cloud: ['provider'],
};
const ENUMS = {
  activity_id: [0, 1, 2, 3, 99],
  severity_id: [0, 1, 2, 3, 4, 5, 6, 99],
  status_id: [0, 1, 2, 3, 4, 5, 6, 99],
  compliance_status_id: [0, 1, 2, 3, 99],
};

interface Event {
  [key: string]: unknown;
  activity_id: number;
  class_uid: number;
  category_uid: number;
  type_uid: number;
  severity_id: number;
  status_id: number;
  status: string;
  time: number;
  metadata: { version: string; uid: string; product: { name: string; vendor_name: string } };
  finding_info: { uid: string; title: string; types: string[] };
  compliance: { standards: string[]; requirements: string[]; status_id: number; status: string };
  cloud: { provider: string; account?: { uid: string }; region?: string };
  resources?: { uid: string; region: string; cloud_partition?: string; type?: string }[];
  unmapped: { auditpack_status: string; summary?: boolean; exception?: { id: string } };
}

const lines = (results: Results<FindingSet>, generatedAt = '2026-10-01T00:00:00Z'): string =>
  [...ocsfFindingsChunks(results, { generatedAt })].join('');

function parse(text: string): Event[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Event);
}

function expectWellFormed(events: Event[]): void {
  for (const event of events) {
    for (const name of EVENT_REQUIRED) expect(event, name).toHaveProperty(name);
    for (const [object, names] of Object.entries(OBJECT_REQUIRED)) {
      for (const name of names) expect(event[object], `${object}.${name}`).toHaveProperty(name);
    }
    expect(event.class_uid).toBe(2003);
    expect(event.category_uid).toBe(2);
    expect(event.type_uid).toBe(event.class_uid * 100 + event.activity_id);
    expect(ENUMS.activity_id).toContain(event.activity_id);
    expect(ENUMS.severity_id).toContain(event.severity_id);
    expect(ENUMS.status_id).toContain(event.status_id);
    expect(ENUMS.compliance_status_id).toContain(event.compliance.status_id);
    expect(event.metadata.version).toBe(OCSF_VERSION);
    expect(event.metadata.product.vendor_name).toBe('auditpack');
    expect(event.compliance.standards.length).toBeGreaterThan(0);
    expect(event.cloud.provider).toBe('AWS');
    expect(Number.isInteger(event.time)).toBe(true);
  }
  expect(new Set(events.map((e) => e.metadata.uid)).size).toBe(events.length);
}

function failingOrGaps(results: Results<FindingSet>): number {
  return results.requirements.reduce(
    (n, r) => n + r.checks.reduce((k, c) => k + c.findings.counts.FAIL + c.findings.counts.NOT_EVALUATED, 0),
    0,
  );
}

describe('OCSF compliance findings', () => {
  it('writes one event per failing or unevaluated finding and one per requirement, each with every required attribute', async () => {
    const results = await sampleResults('cis-aws-foundations-v5.0.0.yaml', true);
    const events = parse(lines(results));
    expectWellFormed(events);
    expect(events).toHaveLength(failingOrGaps(results) + results.requirements.length);
    const summaries = events.filter((e) => e.unmapped.summary);
    expect(summaries.map((e) => [e.compliance.requirements[0], e.unmapped.auditpack_status])).toEqual(
      results.requirements.map((r) => [r.id, r.status]),
    );
    expect(summaries.find((e) => e.unmapped.auditpack_status === 'PASS')?.compliance).toMatchObject({ status_id: 1, status: 'Pass' });
    expect(summaries.find((e) => e.unmapped.auditpack_status === 'MANUAL')?.compliance.status_id).toBe(2);
    const gap = events.find((e) => e.unmapped.auditpack_status === 'NOT_EVALUATED');
    expect(gap?.compliance).toMatchObject({ status_id: 2, status: 'Warning' });
    expect(gap?.cloud.account?.uid).toMatch(/^\d{12}$/);
    const excepted = events.find((e) => e.resources?.[0]?.uid === SAMPLE_SG && e.compliance.requirements[0] === '5.3');
    expect(excepted).toMatchObject({
      status_id: 3,
      status: 'Suppressed',
      compliance: { status_id: 3 },
      unmapped: { auditpack_status: 'EXCEPTED', exception: { id: 'EXC-2026-007' } },
    });
    expect(excepted?.resources?.[0]).toMatchObject({ cloud_partition: 'aws', type: 'ec2:security-group', region: 'us-east-1' });
    expect(excepted?.compliance.standards[0]).toMatch(/CIS .* 5\.0\.0$/);
    expect(excepted?.time).toBe(Date.parse('2026-10-01T00:00:00Z'));
  });

  it('gives the same bytes for the same inputs, and falls back to the collection end for time', async () => {
    const org = await orgResults({ accounts: 3, users: 12, sgs: 9 });
    try {
      const first = lines(org.results);
      expect(lines(org.results)).toBe(first);
      const events = parse(first);
      expectWellFormed(events);
      expect(events).toHaveLength(failingOrGaps(org.results) + org.results.requirements.length);
      expect(new Set(events.flatMap((e) => (e.cloud.account ? [e.cloud.account.uid] : []))).size).toBe(3);
      expect(parse(lines(org.results, ''))[0]?.time).toBe(Date.parse(org.results.bundle.finishedAt));
    } finally {
      org.dispose();
    }
  });

  it('keeps hostile strings JSON-safe: one event a line, values exact', () => {
    const results = buildResults();
    const check = results.requirements.find((r) => r.id === '1.13')?.checks[0];
    const hostile = `arn:aws:iam::111122223333:user/x\n{"class_uid":1}\u2028\u202E${XSS_SCRIPT}"\\${XSS_IMG}`;
    const failing = check?.findings.find((f) => f.status === 'FAIL');
    if (!failing) throw new Error('no failing finding');
    failing.resource = hostile;
    failing.reason = 'line\r\nbreak\u2029';
    const text = lines(toFindingSets(results));
    expect(text).not.toMatch(/[\u2028\u2029\u202E]/);
    const events = parse(text);
    expectWellFormed(events);
    const event = events.find((e) => e.resources?.[0]?.uid === hostile);
    expect(event?.finding_info.title).toBe('1.13 Ensure access keys are rotated every 90 days or less');
    expect(event?.resources?.[0]).toMatchObject({ cloud_partition: 'aws', type: 'iam:user' });
    expect(event?.finding_info).toBeDefined();
    expect(events).toHaveLength(failingOrGaps(toFindingSets(results)) + results.requirements.length);
  });
});
