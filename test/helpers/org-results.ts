import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBundle, type GenerateOptions } from '../../bench/generate-bundle.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluateToSets } from '../../src/evaluate/evaluate.js';
import { memoryStore, type FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';

/**
 * A generated organisation bundle (bench/generate-bundle.ts) evaluated against CIS v5.0.0, with
 * findings as sets, as `report` renders them. Call `dispose` when done.
 */
export async function orgResults(
  options: GenerateOptions,
): Promise<{ results: Results<FindingSet>; bundle: EvidenceBundle; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-org-'));
  generateBundle(dir, options);
  const bundle = await openBundle(dir);
  const catalog = await loadCatalog(
    'controls/cis-aws-foundations-v5.0.0.yaml',
    findCheck,
    checks.map((c) => c.id),
  );
  const results = await evaluateToSets(bundle, catalog, {
    findCheck,
    toolVersion: 'test',
    catalogFileName: 'cis-aws-foundations-v5.0.0.yaml',
    store: memoryStore(),
  });
  return { results, bundle, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
