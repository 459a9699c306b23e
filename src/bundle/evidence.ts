import { describeCall, describeFailure, type CollectionError, type ManifestFile } from './manifest.js';
import type { CallKey, EvidenceBundle, FileRef } from './read-bundle.js';

/** The account and region a check runs for; `region` is `global` for account-wide checks. */
export interface Scope {
  account: string;
  region: string;
}

/**
 * A record inside otherwise usable evidence that could not be read (a security group without an
 * id, a policy without a document). It makes only the findings that depend on it NOT_EVALUATED:
 * the harness gives one NOT_EVALUATED finding per unusable record to every check that needs the
 * source, and the rest of the source still evaluates.
 */
export interface UnusableRecord {
  /** The record's ARN or id where it has one, else where it sits (`DescribeSecurityGroups of 111122223333/us-east-1, record 3`). */
  resource: string;
  /** What is wrong with it, naming the field: "lacks GroupId". */
  reason: string;
}

/** Evidence a check can use, or why there is none (which makes the check NOT_EVALUATED). */
export type Evidence<T> =
  | {
      ok: true;
      value: T;
      files: FileRef[];
      /** Records that could not be read; each gives a NOT_EVALUATED finding to the checks that need the source. */
      unusable?: UnusableRecord[];
      /** What an auditor must be told about this evidence (it contradicts itself, a time is impossible); shown once in the report's warnings. */
      warnings?: string[];
    }
  | { ok: false; reason: string; errors: CollectionError[] };

/** Thrown while typing one record: that record becomes an {@link UnusableRecord}, the others stay. */
export class UnusableRecordError extends Error {
  constructor(
    readonly resource: string,
    readonly reason: string,
  ) {
    super(`${resource}: ${reason}`);
    this.name = 'UnusableRecordError';
  }
}

/**
 * Types each record of a list separately: a record whose `type` throws is set aside as unusable
 * (named by the error's resource, else by `where` and its position) instead of failing the source.
 */
export function typeRecords<A, B>(
  records: readonly A[],
  where: string,
  type: (record: A, index: number) => B,
): { value: B[]; unusable: UnusableRecord[] } {
  const value: B[] = [];
  const unusable: UnusableRecord[] = [];
  records.forEach((record, index) => {
    try {
      // Every AWS record is an object: a string or number in its place is a malformed answer.
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new UnusableRecordError(
          `${where}, record ${index + 1}`,
          `is ${JSON.stringify(record)?.slice(0, 40) ?? String(record)}, not an object`,
        );
      }
      value.push(type(record, index));
    } catch (error) {
      if (error instanceof UnusableRecordError) unusable.push({ resource: error.resource, reason: error.reason });
      else unusable.push({ resource: `${where}, record ${index + 1}`, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  return { value, unusable };
}

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
  const assumeRole = bundle.errors({
    account: key.account,
    region: 'global',
    service: 'sts',
    operation: 'AssumeRole',
    parameters: undefined,
  });
  if (assumeRole.length > 0) return { kind: 'failed', errors: assumeRole };
  return { kind: 'missing' };
}

/** The reason text for a call that has no usable answer. */
export function unavailable(key: CallKey, outcome: CallOutcome): { ok: false; reason: string; errors: CollectionError[] } {
  if (outcome.kind === 'failed') {
    const first = outcome.errors[0] as CollectionError;
    return {
      ok: false,
      // The advice, never the SDK's raw message: reasons reach the auditor's PDF.
      reason: describeFailure(key, first),
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
