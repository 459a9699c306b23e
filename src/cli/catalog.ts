import { join } from 'node:path';
import { lintFile } from '../catalog/lint.js';
import { listCatalogFiles, loadCatalog } from '../catalog/load-catalog.js';
import { checks, findCheck } from '../checks/registry.js';
import { AuditpackError } from '../shared/errors.js';
import { packageRoot } from '../shared/version.js';
import type { Io } from './io.js';

/** `auditpack checks`: every check with its scope and parameters. */
export function runChecks(io: Io): void {
  for (const check of checks) {
    io.out(`${check.id}  (${check.scope === 'region' ? 'per region' : 'per account'})\n  ${check.title}\n`);
    for (const [name, spec] of Object.entries(check.params)) io.out(`    param ${name}: ${spec.type} — ${spec.description}\n`);
  }
}

/** `auditpack catalog list`: the shipped catalogs. */
export async function runCatalogList(io: Io): Promise<void> {
  for (const c of await catalogList()) io.out(`${c.id}  ${c.title} ${c.version} (${c.requirements} requirements)\n`);
}

/** `auditpack catalog lint FILE`: prints the summary; the first problem becomes the error (exit 6), the rest its details. */
export async function runCatalogLint(file: string, io: Io): Promise<void> {
  const result = await lintFile(file, { findCheck, knownChecks: checks.map((c) => c.id) });
  for (const line of result.summary) io.out(`${line}\n`);
  const [first, ...rest] = result.problems;
  if (first !== undefined) throw new AuditpackError('CATALOG_INVALID', first, rest);
}

/** Shipped catalogs, for `auditpack catalog list`. */
export async function catalogList(
  controlsDir = join(packageRoot, 'controls'),
): Promise<{ id: string; title: string; version: string; requirements: number }[]> {
  const knownChecks = checks.map((c) => c.id);
  const list = [];
  for (const { id, file } of await listCatalogFiles(controlsDir)) {
    const catalog = await loadCatalog(file, findCheck, knownChecks);
    list.push({ id, title: catalog.title, version: catalog.version, requirements: catalog.requirements.length });
  }
  return list;
}
