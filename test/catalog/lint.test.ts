import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintFile } from '../../src/catalog/lint.js';
import { checks, findCheck } from '../../src/checks/registry.js';

const options = { findCheck, knownChecks: checks.map((c) => c.id) };

/** A catalog using only the foundation checks, so these tests do not depend on checks still being written. */
function catalog(version: string, requirements: string): string {
  return `framework: demo
version: ${version}
title: Demo benchmark
source: tests
sections:
  - { id: "1", title: Identity }
requirements:
${requirements}`;
}

const rotated = (id: string, title = 'Keys rotated') => `  - id: "${id}"
    section: "1"
    title: ${title}
    assessment: automated
    checks: [{ check: iam-access-key-rotated, params: { maxAgeDays: 90 } }]
`;
const contacts = (id: string) => `  - id: "${id}"
    section: "1"
    title: Contacts current
    assessment: manual
    manual_because: people decide
`;

describe('lintFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-lint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('passes a clean catalog and summarises what it holds', async () => {
    const file = write('demo-v1.0.0.yaml', catalog('1.0.0', rotated('1.1') + contacts('1.2')));
    const result = await lintFile(file, options);
    expect(result.problems).toEqual([]);
    expect(result.summary.join('\n')).toMatch(
      /demo 1\.0\.0, 2 requirements in 1 section: 1 automated, 1 manual \(0 with evidence-assisted review\); 1 check used/,
    );
    expect(result.summary.join('\n')).toMatch(/no crosswalk for demo beside it/);
    expect(result.summary.at(-1)).toBe(`${file}: ok`);
  });

  it('asks for a remediation on every requirement once any has one, and counts them', async () => {
    const hinted = (id: string) => `${contacts(id)}    remediation: Update the contacts under Account in the console.\n`;
    const none = await lintFile(write('demo-v1.0.0.yaml', catalog('1.0.0', rotated('1.1') + contacts('1.2'))), options);
    expect(none.summary).toContain('  no remediation hints.');
    const all = await lintFile(write('demo-v2.0.0.yaml', catalog('2.0.0', hinted('2.1') + hinted('2.2'))), options);
    expect(all.problems).toEqual([]);
    expect(all.summary).toContain('  remediation hints: all 2 requirements.');
    const file = write('demo-v3.0.0.yaml', catalog('3.0.0', hinted('3.1') + rotated('3.2')));
    const some = await lintFile(file, options);
    expect(some.problems).toEqual([
      `${file}:14: requirement "3.2" has no remediation, though 1 of the 2 requirements have one. Add a remediation: a sentence or two, in your own words, on what fixes a failure.`,
    ]);
    expect(some.summary).toContain('  remediation hints: 1 of 2 requirements.');
    expect(some.summary.at(-1)).toBe(`${file}: 1 problem`);
  });

  it('reports the loader problems with file and line, all at once', async () => {
    const file = write(
      'demo-v1.0.0.yaml',
      catalog(
        '1.0.0',
        rotated('1.1') +
          `  - id: "1.1"
    section: "1"
    title: Typo
    assessment: automated
    checks: [{ check: iam-acess-key-rotated, params: { maxAgeDays: 90 } }]
`,
      ),
    );
    const result = await lintFile(file, options);
    expect(result.problems.join('\n')).toMatch(
      new RegExp(`${escape(file)}:13: requirement "1\\.1" is defined twice \\(first at line 8\\)`),
    );
    expect(result.problems.join('\n')).toMatch(
      new RegExp(
        `${escape(file)}:17: requirement "1\\.1" names unknown check "iam-acess-key-rotated"\\. Did you mean "iam-access-key-rotated"\\?`,
      ),
    );
    expect(result.summary.at(-1)).toMatch(/2 problems; the catalog did not load/);
  });

  it('checks a catalog against the crosswalk beside it, both ways', async () => {
    const file = write('demo-v2.0.0.yaml', catalog('2.0.0', rotated('2.1') + contacts('2.3')));
    write('demo-v1.0.0.yaml', catalog('1.0.0', rotated('1.1') + contacts('1.2')));
    const crosswalk = write(
      'crosswalk-demo.yaml',
      `framework: demo
versions: ["1.0.0", "2.0.0"]
rows:
  - { "1.0.0": "1.1", "2.0.0": "2.1" }
  - { "1.0.0": "1.2", "2.0.0": "2.2" }
`,
    );
    const result = await lintFile(file, options);
    expect(result.problems).toEqual([
      `${file}:13: requirement "2.3" is not in ${crosswalk} for version 2.0.0. Add a row for it, with null for versions that lack it.`,
      `${crosswalk}:5: "2.0.0" id "2.2" is not a requirement of ${file}. Fix the id, or write null if that version lacks it.`,
    ]);
  });

  it('lints a crosswalk against its catalogs, including requirements titled alike but not mapped', async () => {
    write('demo-v1.0.0.yaml', catalog('1.0.0', rotated('1.1') + contacts('1.2')));
    write('demo-v2.0.0.yaml', catalog('2.0.0', rotated('2.1') + contacts('2.2')));
    const crosswalk = write(
      'crosswalk-demo.yaml',
      `framework: demo
versions: ["1.0.0", "2.0.0", "3.0.0"]
rows:
  - { "1.0.0": "1.1", "2.0.0": null, "3.0.0": null, note: dropped }
  - { "1.0.0": null, "2.0.0": "2.1", "3.0.0": null, note: new }
  - { "1.0.0": "1.2", "2.0.0": "2.2", "3.0.0": null }
`,
    );
    const result = await lintFile(crosswalk, options);
    expect(result.kind).toBe('crosswalk');
    expect(result.problems).toEqual([
      `${crosswalk}:2: version "3.0.0" has no catalog beside the crosswalk (expected ${join(dir, 'demo-v3.0.0.yaml')}). Add the catalog or remove the version.`,
      `${crosswalk}:4: 1.0.0 "1.1" and 2.0.0 "2.1" have the same title ("Keys rotated") but are not mapped to each other. Put them in one row.`,
    ]);
    expect(result.summary.join('\n')).toMatch(/1\.0\.0 → 2\.0\.0: 1 mapped, 1 dropped, 1 added/);
  });

  it('lints the shipped crosswalk clean against the shipped CIS catalogs', async () => {
    const result = await lintFile('controls/crosswalk-cis-aws-foundations.yaml', options);
    expect(result.problems).toEqual([]);
    expect(result.summary.join('\n')).toMatch(/6\.0\.0 → 7\.0\.0: 61 mapped, 2 dropped, 9 added/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
