import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isCrosswalkFile, loadCrosswalk } from '../../src/catalog/crosswalk.js';
import { lintFile } from '../../src/catalog/lint.js';
import { listCatalogFiles } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';

const CONTROLS = 'controls';
const options = { findCheck, knownChecks: checks.map((c) => c.id) };

interface RawRequirement {
  id: string;
  title: string;
  assessment: 'automated' | 'manual';
  remediation?: string;
  checks?: { check: string; params?: Record<string, unknown> }[];
}

const catalogFiles = readdirSync(CONTROLS)
  .filter((name) => name.endsWith('.yaml') && !isCrosswalkFile(name))
  .sort()
  .map((name) => join(CONTROLS, name));

/** Read as plain YAML, so each requirement gets its own test even while some checks are unregistered. */
function requirementsOf(file: string): RawRequirement[] {
  return (parse(readFileSync(file, 'utf8')) as { requirements: RawRequirement[] }).requirements;
}

const automated = catalogFiles.flatMap((file) =>
  requirementsOf(file)
    .filter((r) => r.assessment === 'automated')
    .map((r) => ({ file, id: r.id, checks: (r.checks ?? []).map((c) => c.check) })),
);

describe('shipped catalogs', () => {
  it('ships the complete CIS AWS Foundations v5.0.0, v6.0.0 and v7.0.0 catalogs and NIST SP 800-53 rev5', () => {
    const counts = Object.fromEntries(catalogFiles.map((f) => [f, requirementsOf(f).length]));
    expect(counts).toMatchObject({
      'controls/cis-aws-foundations-v5.0.0.yaml': 63,
      'controls/cis-aws-foundations-v6.0.0.yaml': 63,
      'controls/cis-aws-foundations-v7.0.0.yaml': 70,
      'controls/nist-800-53-rev5.yaml': 169,
    });
  });

  it('lists the catalogs, not the crosswalk, as shipped catalogs', async () => {
    expect((await listCatalogFiles(CONTROLS)).map((c) => c.id)).toEqual([
      'cis-aws-foundations-v5.0.0',
      'cis-aws-foundations-v6.0.0',
      'cis-aws-foundations-v7.0.0',
      'nist-800-53-rev5',
    ]);
  });

  it.each(catalogFiles)('%s loads and lints clean', async (file) => {
    const result = await lintFile(file, options);
    expect(result.problems).toEqual([]);
  });

  it.each(automated)('$file $id (automated) is decided by registered checks: $checks', ({ checks: ids }) => {
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !findCheck(id))).toEqual([]);
  });

  it('gives a requirement the same checks and thresholds in every CIS version that has it', async () => {
    const crosswalk = await loadCrosswalk(join(CONTROLS, 'crosswalk-cis-aws-foundations.yaml'));
    const byVersion = new Map(
      crosswalk.versions.map((v) => [v, new Map(requirementsOf(join(CONTROLS, `cis-aws-foundations-v${v}.yaml`)).map((r) => [r.id, r]))]),
    );
    const differing: string[] = [];
    for (const row of crosswalk.rows) {
      const present = crosswalk.versions.flatMap((v) => {
        const id = row.ids[v];
        const requirement = id ? byVersion.get(v)?.get(id) : undefined;
        return requirement ? [{ v, requirement }] : [];
      });
      const [first, ...rest] = present;
      for (const other of rest) {
        if (!first) break;
        if (
          JSON.stringify(other.requirement.checks ?? []) !== JSON.stringify(first.requirement.checks ?? []) ||
          other.requirement.assessment !== first.requirement.assessment
        ) {
          differing.push(`${first.v} ${first.requirement.id} vs ${other.v} ${other.requirement.id}`);
        }
      }
    }
    expect(differing).toEqual([]);
  });

  const cisFiles = catalogFiles.filter((file) => /cis-aws-foundations-v[\d.]+\.yaml$/.test(file));

  it.each(cisFiles)('%s gives every requirement, automated and manual, a short remediation hint', (file) => {
    const requirements = requirementsOf(file);
    expect(requirements.filter((r) => r.assessment === 'manual').length).toBeGreaterThan(0);
    expect(requirements.filter((r) => typeof r.remediation !== 'string' || r.remediation.trim() === '').map((r) => r.id)).toEqual([]);
    expect(requirements.filter((r) => (r.remediation ?? '').length > 300).map((r) => r.id)).toEqual([]);
  });

  it('finds the CIS v5.0.0, v6.0.0 and v7.0.0 catalogs to check for remediation hints', () => {
    expect(cisFiles.map((f) => f.replace(/^.*-v/, ''))).toEqual(['5.0.0.yaml', '6.0.0.yaml', '7.0.0.yaml']);
  });

  it('shares a remediation text across CIS versions only within one crosswalk row', async () => {
    const crosswalk = await loadCrosswalk(join(CONTROLS, 'crosswalk-cis-aws-foundations.yaml'));
    const rowOf = new Map<string, number>();
    const owners = new Map<string, Set<number>>();
    for (const file of cisFiles) {
      const version = file.replace(/^.*-v(.*)\.yaml$/, '$1');
      for (const r of requirementsOf(file)) {
        const row = crosswalk.rows.findIndex((x) => x.ids[version] === r.id);
        rowOf.set(`${version} ${r.id}`, row);
        const text = r.remediation ?? '';
        owners.set(text, new Set([...(owners.get(text) ?? []), row]));
      }
    }
    expect([...rowOf.entries()].filter(([, row]) => row === -1).map(([key]) => key)).toEqual([]);
    // One text serves one crosswalk row: a copy-pasted hint on another requirement is a mistake.
    expect([...owners.entries()].filter(([, rows]) => rows.size > 1).map(([text]) => text)).toEqual([]);
  });

  // The NIST catalog is generated from NIST's OSCAL files, which live outside the repository (../shared/nist).
  it.skipIf(!existsSync('../shared/nist'))(
    'has the NIST catalog and docs/nist-coverage.md exactly as scripts/gen-nist-catalog.mjs generates them',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'auditpack-nist-'));
      try {
        const out = join(dir, 'nist.yaml');
        const coverage = join(dir, 'coverage.md');
        const run = spawnSync(process.execPath, ['scripts/gen-nist-catalog.mjs', '--out', out, '--coverage', coverage], {
          encoding: 'utf8',
        });
        expect(run.stderr).toBe('');
        expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(CONTROLS, 'nist-800-53-rev5.yaml'), 'utf8'));
        expect(readFileSync(coverage, 'utf8')).toBe(readFileSync('docs/nist-coverage.md', 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
