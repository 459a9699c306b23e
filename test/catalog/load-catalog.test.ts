import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog, resolveCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { AuditpackError } from '../../src/shared/errors.js';

const known = checks.map((c) => c.id);

function parse(text: string) {
  return parseCatalog(text, 'controls/test.yaml', findCheck, known);
}

function problems(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof AuditpackError) return [error.message, ...error.details];
    throw error;
  }
  throw new Error('expected the catalog to be rejected');
}

const header = `framework: test
version: 1.0.0
title: Test catalog
source: tests
sections:
  - { id: "1", title: Identity }
requirements:
`;

describe('parseCatalog', () => {
  it('loads requirements with their checks and thresholds', () => {
    const catalog = parse(`${header}  - id: "1.13"
    section: "1"
    title: Keys rotated
    profile: 1
    assessment: automated
    checks: [{ check: iam-access-key-rotated, params: { maxAgeDays: 90 } }]
`);
    expect(catalog.requirements[0]).toMatchObject({
      id: '1.13',
      line: 8,
      checks: [{ check: 'iam-access-key-rotated', params: { maxAgeDays: 90 } }],
    });
    expect(catalog.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names file, line and a likely fix for an unknown check', () => {
    const [first] = problems(`${header}  - id: "1.13"
    section: "1"
    title: Keys rotated
    assessment: automated
    checks: [{ check: iam-acess-key-rotated, params: { maxAgeDays: 90 } }]
`);
    expect(first).toBe(
      'controls/test.yaml:12: requirement "1.13" names unknown check "iam-acess-key-rotated". Did you mean "iam-access-key-rotated"?',
    );
  });

  it('tells the user to quote an id that YAML read as a number', () => {
    const [first] = problems(`${header}  - id: 1.10
    section: "1"
    title: Unquoted
    assessment: manual
    manual_because: people decide
`);
    expect(first).toMatch(/^controls\/test\.yaml:8: requirements\[0\]\.id: must be string\. Quote ids/);
  });

  it('rejects a missing threshold and a weak one out of range, naming the param', () => {
    const all = problems(`${header}  - id: "1.13"
    section: "1"
    title: Keys rotated
    assessment: automated
    checks: [{ check: iam-access-key-rotated }]
  - id: "1.7"
    section: "1"
    title: Length
    assessment: automated
    checks: [{ check: iam-password-policy-minimum-length, params: { minLength: 0, colour: blue } }]
`);
    expect(all.join('\n')).toMatch(/:12: requirement "1\.13", check "iam-access-key-rotated": params: missing required field "maxAgeDays"/);
    expect(all.join('\n')).toMatch(/:17: requirement "1\.7", check "iam-password-policy-minimum-length": params: unknown field "colour"/);
    expect(all.join('\n')).toMatch(/params\.minLength: must be >= 1/);
  });

  it('rejects duplicate ids, unknown sections, unknown fields and manual requirements without a reason', () => {
    const all = problems(`${header}  - id: "1.1"
    section: "1"
    title: A
    assessment: manual
    manual_because: people decide
  - id: "1.1"
    section: "9"
    title: B
    assessment: manual
    manual_because: people decide
`).join('\n');
    expect(all).toMatch(/:13: requirement "1\.1" is defined twice \(first at line 8\)/);
    expect(all).toMatch(/:14: requirement "1\.1" names section "9", which is not in sections/);
    const schema = problems(`${header}  - id: "1.1"
    section: "1"
    title: A
    assessment: manual
    colour: blue
`).join('\n');
    expect(schema).toMatch(/:12: requirements\[0\]: unknown field "colour"/);
    expect(schema).toMatch(/requirements\[0\]: missing required field "manual_because"/);
  });

  it('loads a remediation hint, folded onto one line, and leaves it out when not given', () => {
    const catalog = parse(`${header}  - id: "1.13"
    section: "1"
    title: Keys rotated
    assessment: automated
    remediation: >-
      Create a new key, move the applications onto it,
      then delete the old key.
    checks: [{ check: iam-access-key-rotated, params: { maxAgeDays: 90 } }]
  - id: "1.1"
    section: "1"
    title: Contacts
    assessment: manual
    manual_because: people decide
`);
    expect(catalog.requirements[0]?.remediation).toBe('Create a new key, move the applications onto it, then delete the old key.');
    expect(catalog.requirements[1]).not.toHaveProperty('remediation');
  });

  it('rejects a blank, empty, non-text or over-long remediation with file and line', () => {
    const requirement = (remediation: string) => `${header}  - id: "1.1"
    section: "1"
    title: Contacts
    assessment: manual
    manual_because: people decide
    remediation: ${remediation}
`;
    expect(problems(requirement('"   "'))[0]).toBe(
      'controls/test.yaml:13: requirement "1.1" has a blank remediation. Write what fixes a failure, or remove the field.',
    );
    expect(problems(requirement('""'))[0]).toMatch(
      /^controls\/test\.yaml:13: requirements\[0\]\.remediation: must NOT have fewer than 1 characters/,
    );
    expect(problems(requirement('[a, b]'))[0]).toMatch(/^controls\/test\.yaml:13: requirements\[0\]\.remediation: must be string/);
    expect(problems(requirement('x'.repeat(301)))[0]).toMatch(
      /^controls\/test\.yaml:13: requirements\[0\]\.remediation: must NOT have more than 300 characters/,
    );
    expect(parse(requirement('x'.repeat(300))).requirements[0]?.remediation).toHaveLength(300);
  });

  it('points at the line of a YAML syntax error', () => {
    const [first] = problems(`${header}  - id: "1.1"\n    title: [unclosed\n`);
    expect(first).toMatch(/^controls\/test\.yaml:\d+: /);
  });
});

describe('shipped catalogs', () => {
  it('resolves the default to the newest CIS AWS Foundations version and loads it clean', async () => {
    const file = await resolveCatalog(undefined, 'controls');
    expect(file).toMatch(/cis-aws-foundations-v[\d.]+\.yaml$/);
    const catalog = await loadCatalog(file, findCheck, known);
    expect(catalog.requirements.length).toBeGreaterThanOrEqual(15);
  });

  it('uses every registered check in a shipped catalog (CIS v5.0.0, or NIST SP 800-53 for the checks of its conformance pack)', async () => {
    const used = new Set<string>();
    for (const file of ['controls/cis-aws-foundations-v5.0.0.yaml', 'controls/nist-800-53-rev5.yaml']) {
      const catalog = await loadCatalog(file, findCheck, known);
      for (const r of catalog.requirements) for (const c of r.checks) used.add(c.check);
    }
    expect(known.filter((id) => !used.has(id))).toEqual([]);
  });

  it('suggests the closest catalog id for a typo', async () => {
    await expect(resolveCatalog('cis-aws-foundations-v5.0', 'controls')).rejects.toThrow(/Did you mean "cis-aws-foundations-v5\.0\.0"/);
  });
});
