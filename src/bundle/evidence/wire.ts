import { parseTimestamp } from '../../shared/time.js';
import { loadJsonCall, typeRecords, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';

/** An SDK v3 response as a bundle stores it: the same shape, with every Date as an ISO 8601 string. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type DateKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends Date ? K : never }[keyof T];

/** Turns the named timestamp fields of a stored object back into Dates, as the SDK returns them. */
export function reviveDates<T extends object>(wire: Wire<T>, fields: readonly DateKeys<T>[], where: string): T {
  const revived: Record<string, unknown> = { ...(wire as Record<string, unknown>) };
  for (const field of fields as readonly string[]) {
    const text = revived[field];
    if (text === undefined) continue;
    const date = typeof text === 'string' ? parseTimestamp(text) : undefined;
    if (!date) throw new Error(`${where}: ${field} is not an ISO 8601 timestamp (${JSON.stringify(text)})`);
    revived[field] = date;
  }
  return revived as T;
}

/** Every page of a JSON call in page order, typed as stored; an absence answer makes it unavailable. */
export async function loadPages<R>(bundle: EvidenceBundle, key: CallKey): Promise<Evidence<Wire<R>[]>> {
  const loaded = await loadJsonCall<never>(bundle, key);
  return loaded.ok ? { ok: true, value: loaded.pages as Wire<R>[], files: loaded.files } : loaded;
}

/** A single-page JSON call whose not-found answer is evidence: `undefined` means AWS said "none". */
export async function loadOptional<R>(bundle: EvidenceBundle, key: CallKey): Promise<Evidence<Wire<R> | undefined>> {
  const loaded = await loadJsonCall(bundle, key, () => null);
  return loaded.ok ? { ok: true, value: loaded.pages[0] as Wire<R> | undefined, files: loaded.files } : loaded;
}

/** Applies `f` to the value of available evidence; unavailable evidence passes through. */
export function mapEvidence<A, B>(evidence: Evidence<A>, f: (value: A) => B): Evidence<B> {
  return evidence.ok ? { ...evidence, value: f(evidence.value) } : evidence;
}

/**
 * Types every record of available list evidence one by one (see {@link typeRecords}): a record
 * that cannot be typed is set aside as unusable, and the rest of the source stays usable.
 */
export function mapRecords<A, R, B>(
  evidence: Evidence<A>,
  records: (value: A) => readonly R[],
  where: string,
  type: (record: R, index: number) => B,
): Evidence<B[]> {
  if (!evidence.ok) return evidence;
  const typed = typeRecords(records(evidence.value), where, type);
  return { ok: true, value: typed.value, files: evidence.files, unusable: [...(evidence.unusable ?? []), ...typed.unusable] };
}

/**
 * The key of a per-resource call found by one parameter's value (any of `values`: a key id or its
 * ARN), whatever other parameters the collector sent with it. Falls back to `{ parameter: values[0] }`
 * so a call that was never made is reported under the name a reader expects.
 */
export function callWhere(bundle: EvidenceBundle, key: Omit<CallKey, 'parameters'>, parameter: string, values: readonly string[]): CallKey {
  return callMatching(bundle, key, (value) => values.includes(value), parameter, values[0]);
}

/**
 * The key of a batch call (BatchGetProjects, DescribeDomains) whose `parameter` — the batch's names,
 * recorded comma-joined because a file key is one scalar — holds `name`, answered or failed; falls
 * back to `{ parameter: name }` so a call that was never made is reported under the name a reader expects.
 */
export function batchCallWhere(bundle: EvidenceBundle, key: Omit<CallKey, 'parameters'>, parameter: string, name: string): CallKey {
  return callMatching(bundle, key, (value) => value.split(',').includes(name), parameter, name);
}

function callMatching(
  bundle: EvidenceBundle,
  key: Omit<CallKey, 'parameters'>,
  test: (value: string) => boolean,
  parameter: string,
  fallback: string | undefined,
): CallKey {
  const matches = (parameters: Record<string, unknown> | undefined): boolean => {
    const value = parameters?.[parameter];
    return typeof value === 'string' && test(value);
  };
  const file = bundle.filesOf(key).find((f) => matches(f.parameters));
  if (file) return { ...key, parameters: file.parameters };
  const error = bundle.errors({ ...key, parameters: undefined }).find((e) => matches(e.parameters));
  if (error?.parameters) return { ...key, parameters: error.parameters };
  return { ...key, parameters: { [parameter]: fallback } };
}

/**
 * A list field of a stored answer: `[]` when AWS left it out, the list when it is one. A value that
 * is present but not a list (a string where AWS sends a list) is not read as "none": the answer is
 * malformed, and the error makes whatever needs it NOT_EVALUATED.
 */
export function listField<T extends object, K extends keyof T>(
  record: T,
  field: K,
): NonNullable<T[K]> extends readonly (infer U)[] ? U[] : never {
  const value = (record as Record<PropertyKey, unknown> | null | undefined)?.[field];
  if (value === undefined || value === null) return [] as never;
  if (!Array.isArray(value))
    throw new Error(`${String(field)} is ${typeof value === 'object' ? 'an object' : JSON.stringify(value).slice(0, 40)}, not a list`);
  return value as never;
}

/**
 * Why a stored timestamp cannot be believed because it lies after the collection ended (a resource
 * created in the future); `undefined` when it is absent, unreadable (the typer decides) or earlier.
 */
export function afterCollection(value: unknown, field: string, collectedAt: Date): string | undefined {
  const at = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (!at || at.getTime() <= collectedAt.getTime()) return undefined;
  return `${field} ${value as string} is after collection ended (${collectedAt.toISOString()})`;
}
