import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCrosswalk, parseCrosswalk } from '../../src/catalog/crosswalk.js';
import { normalizeTitle } from '../../src/catalog/lint.js';
import { AuditpackError } from '../../src/shared/errors.js';

const SHIPPED = 'controls/crosswalk-cis-aws-foundations.yaml';
const CIS_VERSIONS = ['5.0.0', '6.0.0', '7.0.0'];

function problems(text: string): string[] {
  try {
    parseCrosswalk(text, 'controls/crosswalk-test.yaml');
  } catch (error) {
    if (error instanceof AuditpackError) return [error.message, ...error.details];
    throw error;
  }
  throw new Error('expected the crosswalk to be rejected');
}

const small = `framework: test
versions: ["1.0.0", "2.0.0"]
rows:
  - { "1.0.0": "1.1", "2.0.0": "2.1" }
  - { "1.0.0": "1.2", "2.0.0": null, note: dropped in 2.0.0 }
  - { "1.0.0": null, "2.0.0": "2.2", note: new in 2.0.0 }
`;

/** Requirement ids and titles of a shipped CIS catalog, read as plain YAML (no check resolution). */
function cisRequirements(version: string): { id: string; title: string }[] {
  const raw = parse(readFileSync(`controls/cis-aws-foundations-v${version}.yaml`, 'utf8')) as {
    requirements: { id: string; title: string }[];
  };
  return raw.requirements.map(({ id, title }) => ({ id, title }));
}

describe('parseCrosswalk', () => {
  it('maps ids between versions and reports dropped and added requirements', () => {
    const crosswalk = parseCrosswalk(small, 'controls/crosswalk-test.yaml');
    expect(crosswalk.map('1.0.0', '1.1', '2.0.0')).toBe('2.1');
    expect(crosswalk.map('2.0.0', '2.1', '1.0.0')).toBe('1.1');
    expect(crosswalk.map('1.0.0', '1.2', '2.0.0')).toBeUndefined();
    expect(crosswalk.map('1.0.0', '9.9', '2.0.0')).toBeUndefined();
    expect(crosswalk.dropped('1.0.0', '2.0.0')).toEqual(['1.2']);
    expect(crosswalk.added('1.0.0', '2.0.0')).toEqual(['2.2']);
    expect(crosswalk.ids('2.0.0')).toEqual(['2.1', '2.2']);
    expect(crosswalk.row('1.0.0', '1.2')).toMatchObject({ note: 'dropped in 2.0.0', line: 5 });
  });

  it('refuses a version it does not map, naming the versions it has', () => {
    const crosswalk = parseCrosswalk(small, 'controls/crosswalk-test.yaml');
    expect(() => crosswalk.map('1.0.0', '1.1', '3.0.0')).toThrow(
      /controls\/crosswalk-test\.yaml: the crosswalk has no version "3\.0\.0" \(it maps 1\.0\.0, 2\.0\.0\)/,
    );
  });

  it('names file and line for an unquoted id, a missing version, an unknown version and a duplicate id', () => {
    const all = problems(`framework: test
versions: ["1.0.0", "2.0.0"]
rows:
  - { "1.0.0": 1.10, "2.0.0": "2.1" }
`).join('\n');
    expect(all).toMatch(/^controls\/crosswalk-test\.yaml:4: rows\[0\]\["1\.0\.0"\]: must be a quoted requirement id or null\. Quote ids/);

    const rows = problems(`framework: test
versions: ["1.0.0", "2.0.0"]
rows:
  - { "1.0.0": "1.1", "2.0.0": "2.1" }
  - { "1.0.0": "1.2" }
  - { "1.0.0": "1.3", "2.0.0": "2.3", "3.0.0": "3.3" }
  - { "1.0.0": "1.1", "2.0.0": "2.4" }
`).join('\n');
    expect(rows).toMatch(/controls\/crosswalk-test\.yaml:5: rows\[1\] has no entry for "2\.0\.0"\. Write "2\.0\.0": null/);
    expect(rows).toMatch(/controls\/crosswalk-test\.yaml:6: rows\[2\] names version "3\.0\.0", which is not in versions/);
    expect(rows).toMatch(/controls\/crosswalk-test\.yaml:7: "1\.0\.0" requirement "1\.1" is mapped twice \(first at line 4\)/);
  });

  it('names the line of an unknown field', () => {
    const [first] = problems(`framework: test
versions: ["1.0.0", "2.0.0"]
rows:
  - { "1.0.0": "1.1", "2.0.0": "2.1", notes: typo }
`);
    expect(first).toMatch(/^controls\/crosswalk-test\.yaml:4: rows\[0\]: unknown field "notes"/);
  });
});

describe('shipped CIS AWS Foundations crosswalk', () => {
  it('loads and maps v5.0.0 → v6.0.0 → v7.0.0', async () => {
    const crosswalk = await loadCrosswalk(SHIPPED);
    expect(crosswalk.versions).toEqual(CIS_VERSIONS);
    expect(crosswalk.map('5.0.0', '1.13', '6.0.0')).toBe('2.13');
    expect(crosswalk.map('6.0.0', '2.13', '7.0.0')).toBe('2.12');
    expect(crosswalk.map('5.0.0', '1.12', '7.0.0')).toBeUndefined();
    expect(crosswalk.added('6.0.0', '7.0.0')).toEqual(['2.1.1', '2.1.2', '2.1.3', '2.1.4', '2.1.5', '2.1.6', '2.21', '4.10', '6.8']);
    expect(crosswalk.dropped('6.0.0', '7.0.0')).toEqual(['2.10', '2.12']);
  });

  it.each(CIS_VERSIONS)('names every requirement of the v%s catalog, and nothing else', async (version) => {
    const crosswalk = await loadCrosswalk(SHIPPED);
    const ids = cisRequirements(version).map((r) => r.id);
    expect([...crosswalk.ids(version)].sort()).toEqual([...ids].sort());
  });

  it('round-trips: mapping an id to another version and back returns the id', async () => {
    const crosswalk = await loadCrosswalk(SHIPPED);
    for (const from of CIS_VERSIONS) {
      for (const to of CIS_VERSIONS) {
        for (const id of crosswalk.ids(from)) {
          const there = crosswalk.map(from, id, to);
          if (there !== undefined) expect(crosswalk.map(to, there, from), `${from} ${id} → ${to} ${there}`).toBe(id);
        }
      }
    }
  });

  it('is total over shared titles: requirements titled alike in two versions map to each other', async () => {
    const crosswalk = await loadCrosswalk(SHIPPED);
    const unmapped: string[] = [];
    for (const from of CIS_VERSIONS) {
      for (const to of CIS_VERSIONS.filter((v) => v !== from)) {
        const byTitle = new Map(cisRequirements(to).map((r) => [normalizeTitle(r.title), r.id]));
        for (const r of cisRequirements(from)) {
          const twin = byTitle.get(normalizeTitle(r.title));
          if (twin !== undefined && crosswalk.map(from, r.id, to) !== twin) unmapped.push(`${from} ${r.id} ≠ ${to} ${twin}: ${r.title}`);
        }
      }
    }
    expect(unmapped).toEqual([]);
  });

  it('explains every requirement that has no counterpart in a later version', async () => {
    const crosswalk = await loadCrosswalk(SHIPPED);
    const silent = crosswalk.rows.filter((row) => Object.values(row.ids).includes(null) && !row.note);
    expect(silent).toEqual([]);
  });
});
