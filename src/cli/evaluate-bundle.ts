import { basename } from 'node:path';
import { loadBundleAttestations } from '../attest/attestations.js';
import { openBundle } from '../bundle/read-bundle.js';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog, resolveCatalog } from '../catalog/load-catalog.js';
import { checks, findCheck } from '../checks/registry.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Results } from '../evaluate/results.js';
import { toolVersion } from '../shared/version.js';

/** Loads a catalog named like `--catalog` does: a shipped id, a YAML path, or (undefined) the newest CIS catalog. */
export async function loadCatalogOption(idOrFile: string | undefined, controlsDir: string): Promise<Catalog> {
  const file = await resolveCatalog(idOrFile, controlsDir);
  return loadCatalog(
    file,
    findCheck,
    checks.map((c) => c.id),
  );
}

/** Options for {@link evaluateBundleDir}. */
export interface EvaluateBundleOptions {
  allowIncomplete?: boolean;
  log?: (line: string) => void;
}

/**
 * Verifies a bundle and evaluates one catalog against it with the bundle's attestations, exactly
 * as `auditpack report` does (without tailoring), so a diff compares what reports would show.
 */
export async function evaluateBundleDir(dir: string, catalog: Catalog, options: EvaluateBundleOptions = {}): Promise<Results> {
  const log = options.log ?? (() => undefined);
  log(`Verifying evidence bundle ${dir} …`);
  const bundle = await openBundle(dir, { allowIncomplete: options.allowIncomplete ?? false });
  log(
    `  ${bundle.manifest.files.length} files verified (manifest sha256 ${bundle.manifestSha256}), ${bundle.manifest.errors.length} collection errors recorded`,
  );
  const attestations = await loadBundleAttestations(bundle);
  log(`Evaluating ${catalog.title} ${catalog.version} (${catalog.requirements.length} requirements) …`);
  return evaluate(bundle, catalog, { findCheck, toolVersion, catalogFileName: basename(catalog.file), attestations });
}
