import { describeCall, type CollectionError, type ManifestFile } from './manifest.js';
import type { CallKey, EvidenceBundle, FileRef } from './read-bundle.js';

/** The account and region a check runs for; `region` is `global` for account-wide checks. */
export interface Scope {
  account: string;
  region: string;
}

/** Evidence a check can use, or why there is none (which makes the check NOT_EVALUATED). */
export type Evidence<T> =
  | { ok: true; value: T; files: FileRef[] }
  | { ok: false; reason: string; errors: CollectionError[] };

/**
 * A named kind of evidence, typed once from raw AWS data (`src/bundle/evidence/<service>.ts`).
 * Checks list the sources they need; the evaluator loads each once per scope and shares it.
 */
export interface EvidenceSource<T> {
  /** Human name for reports and errors: "IAM credential report". */
  readonly name: string;
  /** `account`: loaded once per account (region `global`); `region`: once per account and region. */
  readonly scope: 'account' | 'region';
  load(bundle: EvidenceBundle, scope: Scope): Promise<Evidence<T>>;
}

/** The value type an evidence source yields. */
export type EvidenceValue<S> = S extends EvidenceSource<infer T> ? T : never;

/** Declares an evidence source; identity matters (the evaluator caches per source object). */
export function defineEvidence<T>(source: EvidenceSource<T>): EvidenceSource<T> {
  return source;
}

/** What one AWS call left in the bundle. */
export type CallOutcome =
  | { kind: 'ok'; pages: ManifestFile[] }
  | { kind: 'not-found'; file: ManifestFile }
  | { kind: 'failed'; errors: readonly CollectionError[] }
  | { kind: 'missing' };

/** Looks a call up: its pages, an absence answer, its collection errors, or nothing at all. */
export function findCall(bundle: EvidenceBundle, key: CallKey): CallOutcome {
  const pages = bundle.files(key);
  const first = pages[0];
  if (first?.status === 'not-found') return { kind: 'not-found', file: first };
  if (first) return { kind: 'ok', pages: [...pages] };
  const errors = bundle.errors({ ...key, parameters: key.parameters ?? {} });
  if (errors.length > 0) return { kind: 'failed', errors };
  // An error recorded for the operation as a whole (no parameters) covers each of its calls.
  const operationWide = bundle.errors({ ...key, parameters: undefined }).filter((e) => Object.keys(e.parameters ?? {}).length === 0);
  if (operationWide.length > 0) return { kind: 'failed', errors: operationWide };
  // An account whose role could not be assumed has no evidence at all: say why, not "not collected".
  const assumeRole = bundle.errors({ account: key.account, region: 'global', service: 'sts', operation: 'AssumeRole', parameters: undefined });
  if (assumeRole.length > 0) return { kind: 'failed', errors: assumeRole };
  return { kind: 'missing' };
}

/** The reason text for a call that has no usable answer. */
export function unavailable(key: CallKey, outcome: CallOutcome): { ok: false; reason: string; errors: CollectionError[] } {
  if (outcome.kind === 'failed') {
    const first = outcome.errors[0] as CollectionError;
    return {
      ok: false,
      reason: `${describeCall(key)} failed during collection: ${first.code}: ${first.message}`,
      errors: [...outcome.errors],
    };
  }
  return { ok: false, reason: `${describeCall(key)} is not in the bundle (it was not collected)`, errors: [] };
}

/** A FileRef for a manifest entry. */
export function refOf(file: ManifestFile): FileRef {
  return { path: file.path, sha256: file.sha256 };
}

/**
 * Loads every page of a JSON call and returns them parsed, or why it cannot. `notFound` decides
 * what an absence answer means for this call (e.g. "no password policy"); without it an absence
 * answer is an unavailable result too.
 */
export async function loadJsonCall<T>(
  bundle: EvidenceBundle,
  key: CallKey,
  notFound?: (file: ManifestFile) => T,
): Promise<{ ok: true; pages: unknown[]; files: FileRef[]; absent?: T } | { ok: false; reason: string; errors: CollectionError[] }> {
  const outcome = findCall(bundle, key);
  if (outcome.kind === 'ok') {
    const pages = await Promise.all(outcome.pages.map((page) => bundle.readJson(page)));
    return { ok: true, pages, files: outcome.pages.map(refOf) };
  }
  if (outcome.kind === 'not-found' && notFound) {
    return { ok: true, pages: [], files: [refOf(outcome.file)], absent: notFound(outcome.file) };
  }
  if (outcome.kind === 'not-found') {
    return { ok: false, reason: `${describeCall(key)} answered that the resource does not exist`, errors: [] };
  }
  return unavailable(key, outcome);
}
