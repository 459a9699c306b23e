import { readFile } from 'node:fs/promises';
import { exists } from '../shared/write-file.js';
import { basename, join } from 'node:path';
import { attestationsForVersion, loadBundleAttestations } from '../attest/attestations.js';
import { openBundle } from '../bundle/read-bundle.js';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog, resolveCatalog } from '../catalog/load-catalog.js';
import { checks, findCheck } from '../checks/registry.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Results, SealStatus } from '../evaluate/results.js';
import { AuditpackError } from '../shared/errors.js';
import { packageRoot, toolVersion } from '../shared/version.js';
import { crosswalkFileFor, loadCrosswalk, type Crosswalk } from '../catalog/crosswalk.js';
import { exceptionsInForce, loadExceptions } from '../exceptions/exceptions.js';
import { loadTrustedKeys, type TrustedKey } from '../sign/keys.js';
import { BUNDLE_SIGNATURE, SEAL_RECORD, SEAL_RECORD_SIGNATURE, SIGNATURE_HISTORY, readSignatureHistory } from '../sign/seal.js';

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
  /** Keys the bundle's seal must verify with (`--key`, `--trusted-keys`); see {@link checkBundleSeal}. */
  trusted?: readonly TrustedKey[];
  /** An exceptions register (accepted risks) to apply, as `report --exceptions` does. */
  exceptions?: string;
}

/**
 * Verifies a bundle and evaluates one catalog against it with the bundle's attestations, exactly
 * as `auditpack report` does (without tailoring), so a diff compares what reports would show.
 */
export async function evaluateBundleDir(dir: string, catalog: Catalog, options: EvaluateBundleOptions = {}): Promise<Results> {
  const log = options.log ?? (() => undefined);
  log(`Verifying evidence bundle ${dir} …`);
  const seal = await checkBundleSeal(dir, options.trusted ?? []);
  log(`  ${describeSeal(seal)}`);
  const bundle = await openBundle(dir, { allowIncomplete: options.allowIncomplete ?? false });
  log(
    `  ${bundle.manifest.files.length} files verified (manifest sha256 ${bundle.manifestSha256}), ${bundle.manifest.errors.length} collection errors recorded`,
  );
  const attestations = await loadBundleAttestations(bundle);
  log(`Evaluating ${catalog.title} ${catalog.version} (${catalog.requirements.length} requirements) …`);
  const register = options.exceptions === undefined ? undefined : await loadExceptions(options.exceptions);
  const crosswalk = await crosswalkFor(catalog.framework, join(packageRoot, 'controls'));
  const exceptions = register
    ? exceptionsInForce(
        register,
        { framework: catalog.framework, version: catalog.version, requirementIds: catalog.requirements.map((r) => r.id) },
        bundle.collectedAt,
        crosswalk,
      )
    : undefined;
  const results = await evaluate(bundle, catalog, {
    findCheck,
    toolVersion,
    catalogFileName: basename(catalog.file),
    attestations: attestationsForVersion(attestations, catalog, crosswalk),
    ...(exceptions ? { exceptions } : {}),
  });
  return withSeal(results, seal);
}

/** The crosswalk shipped for a framework (attestations and exceptions of one CIS version apply to the others through it), if any. */
export async function crosswalkFor(framework: string, controlsDir: string): Promise<Crosswalk | undefined> {
  const file = crosswalkFileFor(framework, controlsDir);
  return (await exists(file)) ? loadCrosswalk(file) : undefined;
}

/** Loads every key named by `--key` (repeatable) and `--trusted-keys`, as `verify` does. */
export async function loadTrustOptions(files: readonly string[]): Promise<TrustedKey[]> {
  const trusted: TrustedKey[] = [];
  for (const file of files) trusted.push(...(await loadTrustedKeys(file)));
  return trusted;
}

/**
 * Checks a bundle's seal before anything is evaluated, so a report never rests on evidence that
 * changed after sealing. With trusted keys the seal must verify exactly as `auditpack verify`
 * checks it (signature, earlier seals, every file), and a bundle without a seal is refused: the
 * caller expected one. Without keys the seal format carries no key of its own to check against,
 * so only its consistency is checked (manifest.json and its signature are the newest sealed copy
 * in signatures/, none of the seal files is missing) and the result is `unverified`: sealed, signer
 * not pinned. Throws SIGNATURE_INVALID (exit 10) naming what failed.
 *
 * The one place `report` depends on the seal format: adapt it when the format changes.
 */
export async function checkBundleSeal(dir: string, trusted: readonly TrustedKey[]): Promise<SealStatus> {
  const signature = await readOptional(join(dir, BUNDLE_SIGNATURE));
  const history = await readSignatureHistory(dir);
  // Any trace of a seal counts: removing only some of its files must not make a bundle "unsealed".
  const traces = await Promise.all([SIGNATURE_HISTORY, SEAL_RECORD, SEAL_RECORD_SIGNATURE].map((name) => exists(join(dir, name))));
  const sealed = signature !== undefined || traces.some(Boolean);
  if (trusted.length > 0) {
    if (!sealed) {
      throw new AuditpackError(
        'SIGNATURE_INVALID',
        `${join(dir, BUNDLE_SIGNATURE)}: is missing; the bundle is not sealed, but a key to verify its seal was given. Restore the sealed bundle from its archive, or leave out --key to report on an unsealed bundle.`,
      );
    }
    // The verifier (archives, PDF signatures) loads only when a seal is to be verified against a key.
    const { verifyPath } = await import('../sign/verify.js');
    const result = await verifyPath(dir, trusted);
    const item = result.items[0];
    const problems = [...result.items.flatMap((i) => i.problems), ...result.problems];
    const first = problems.find((p) => p.code === 'SIGNATURE_INVALID') ?? problems[0];
    if (first !== undefined || !item?.signer) {
      throw new AuditpackError(
        first?.code ?? 'SIGNATURE_INVALID',
        `${first?.message ?? `${dir}: the seal did not verify.`} The report was not written: it would rest on evidence whose seal does not verify.`,
        problems.filter((p) => p !== first).map((p) => p.message),
      );
    }
    return { state: 'verified', fingerprint: item.signer.fingerprint, ...(item.signer.subject ? { subject: item.signer.subject } : {}) };
  }
  if (!sealed) return { state: 'unsealed' };
  const latest = history.at(-1);
  const manifest = await readFile(join(dir, 'manifest.json')).catch(() => undefined);
  const refuse = (what: string): never => {
    throw new AuditpackError(
      'SIGNATURE_INVALID',
      `${what} Restore the bundle from its archive; "auditpack verify ${dir} --key PUBLIC.pem" names every difference.`,
    );
  };
  if (signature === undefined)
    refuse(
      `${join(dir, BUNDLE_SIGNATURE)}: is missing although ${SIGNATURE_HISTORY}/ holds ${history.length} seal(s): the seal was removed.`,
    );
  if (latest === undefined)
    refuse(`${join(dir, SIGNATURE_HISTORY)}: holds no seal although ${BUNDLE_SIGNATURE} is there: the seal history was removed.`);
  for (const entry of history) {
    if (!entry.manifest || !entry.signature)
      refuse(`${join(dir, entry.path)}: lacks manifest.json or ${BUNDLE_SIGNATURE}: the seal history was changed.`);
  }
  if (manifest !== undefined && latest?.manifest && !latest.manifest.equals(manifest)) {
    refuse(
      `${join(dir, 'manifest.json')}: differs from the sealed copy ${latest.path}/manifest.json: it changed after the bundle was sealed.`,
    );
  }
  if (signature && latest?.signature && !latest.signature.equals(signature)) {
    refuse(`${join(dir, BUNDLE_SIGNATURE)}: differs from the sealed copy ${latest.path}/${BUNDLE_SIGNATURE}: it changed after sealing.`);
  }
  return { state: 'unverified' };
}

/** `sealed by SHA256:… (CN=…), verified` — how logs and reports name a seal. */
export function describeSeal(seal: SealStatus): string {
  switch (seal.state) {
    case 'verified':
      return `sealed by ${seal.fingerprint ?? '?'}${seal.subject ? ` (${seal.subject})` : ''}, verified`;
    case 'unverified':
      return 'sealed, signer not pinned: no --key given, so the seal was checked for consistency only, not against its signer';
    case 'unsealed':
      return 'not sealed: nothing proves who collected this evidence';
  }
}

/** Results with the seal recorded beside the bundle (results.json shows it). */
export function withSeal<F>(results: Results<F>, seal: SealStatus): Results<F> {
  return { ...results, bundle: { ...results.bundle, seal } };
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}
