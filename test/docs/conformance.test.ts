import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// docs/conformance.md says, per automated CIS requirement, how auditpack implements the audit
// procedure. These tests keep it in step with the catalogs: a requirement, check, AWS Config rule
// or parameter added to a catalog without a word in the document fails here.

const DOC = 'docs/conformance.md';
const VERSIONS = ['5.0.0', '6.0.0', '7.0.0'] as const;
const CONFIG_RULE_CHECK = 'config-rule-compliant';
const PARTS = ['Procedure', 'Implementation', 'Thresholds', 'Scope', 'Evidence problems', 'Deviations'];

type Version = (typeof VERSIONS)[number];

interface RawCheckRef {
  check: string;
  params?: Record<string, unknown>;
}

interface RawRequirement {
  id: string;
  title: string;
  assessment: 'automated' | 'manual';
  checks?: RawCheckRef[];
}

interface Section {
  heading: string;
  /** Requirement ids the heading lists, by version label ("v5"). */
  ids: Map<string, string[]>;
  body: string;
}

/** "v5" for 5.0.0: the label the document uses before a requirement id. */
const labelOf = (version: Version): string => `v${version.split('.')[0] ?? ''}`;

function requirementsOf(version: Version): RawRequirement[] {
  const file = `controls/cis-aws-foundations-v${version}.yaml`;
  return (parse(readFileSync(file, 'utf8')) as { requirements: RawRequirement[] }).requirements;
}

/** The `###` sections of the document, each up to the next `##` or `###` heading. */
function sectionsOf(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const line of markdown.split('\n')) {
    if (/^#{2,3} /.test(line)) {
      current = undefined;
      if (line.startsWith('### ')) {
        const ids = new Map<string, string[]>();
        for (const [, major, id] of line.matchAll(/\b(v\d) (\d+(?:\.\d+)*)/g)) {
          if (major && id) ids.set(major, [...(ids.get(major) ?? []), id]);
        }
        current = { heading: line, ids, body: '' };
        sections.push(current);
      }
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return sections;
}

/** Every scalar a parameter value holds, as text. */
function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [String(value)];
}

const doc = readFileSync(DOC, 'utf8');
const sections = sectionsOf(doc);
const automated = VERSIONS.flatMap((version) =>
  requirementsOf(version)
    .filter((r) => r.assessment === 'automated')
    .map((requirement) => ({ version, label: labelOf(version), requirement })),
);
const crosswalk = (parse(readFileSync('controls/crosswalk-cis-aws-foundations.yaml', 'utf8')) as { rows: Record<string, unknown>[] }).rows;

/** The section whose heading names the requirement, or undefined. */
function sectionFor(label: string, id: string): Section[] {
  return sections.filter((s) => s.ids.get(label)?.includes(id));
}

describe(DOC, () => {
  it('has a section for every automated requirement of CIS v5.0.0, v6.0.0 and v7.0.0', () => {
    expect(automated.length).toBeGreaterThan(100);
    const missing = automated.filter(({ label, requirement }) => sectionFor(label, requirement.id).length !== 1);
    expect(missing.map(({ label, requirement }) => `${label} ${requirement.id} ${requirement.title}`)).toEqual([]);
  });

  it('names in its headings only automated requirements the catalogs have', () => {
    const known = new Set(automated.map(({ label, requirement }) => `${label} ${requirement.id}`));
    const stale = sections.flatMap((s) =>
      [...s.ids].flatMap(([label, ids]) => ids.map((id) => `${label} ${id}`)).filter((k) => !known.has(k)),
    );
    expect(stale).toEqual([]);
    expect(sections.filter((s) => s.ids.size === 0).map((s) => s.heading)).toEqual([]);
  });

  it('groups in one section only requirements the crosswalk maps to one another', () => {
    const rowOf = (label: string, id: string): number =>
      crosswalk.findIndex((row) => VERSIONS.some((v) => labelOf(v) === label && row[v] === id));
    const mixed = sections.filter((s) => new Set([...s.ids].flatMap(([label, ids]) => ids.map((id) => rowOf(label, id)))).size !== 1);
    expect(mixed.map((s) => s.heading)).toEqual([]);
  });

  it.each(sections.map((s) => [s.heading, s] as const))('%s has every part', (_heading, section) => {
    expect(PARTS.filter((part) => !section.body.includes(`**${part}**`))).toEqual([]);
  });

  it.each(automated.map((a) => [`${a.label} ${a.requirement.id}`, a] as const))(
    '%s: the section names every check, AWS Config rule and parameter the catalog gives',
    (_name, { label, requirement }) => {
      const [section] = sectionFor(label, requirement.id);
      if (!section) throw new Error(`${DOC}: no section for ${label} ${requirement.id}`);
      const absent: string[] = [];
      for (const ref of requirement.checks ?? []) {
        if (ref.check === CONFIG_RULE_CHECK) {
          const rule = String(ref.params?.identifier);
          if (!section.body.includes(rule)) absent.push(`AWS Config rule ${rule}`);
          continue;
        }
        if (!section.body.includes(`\`${ref.check}\``)) absent.push(`check \`${ref.check}\``);
        for (const [name, value] of Object.entries(ref.params ?? {})) {
          if (!section.body.includes(name)) absent.push(`parameter ${name} of ${ref.check}`);
          for (const leaf of leaves(value)) if (!section.body.includes(leaf)) absent.push(`value ${leaf} of ${ref.check} ${name}`);
        }
      }
      expect(absent).toEqual([]);
    },
  );
});
