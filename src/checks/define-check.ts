import type { EvidenceSource, EvidenceValue, Scope } from '../bundle/evidence.js';
import type { FileRef } from '../bundle/read-bundle.js';
import type { FindingException } from '../exceptions/exceptions.js';

/** A finding's status: one resource in one scope. */
export type FindingStatus = 'PASS' | 'FAIL' | 'NOT_EVALUATED';

/** One resource's outcome for one check, with the evidence it rests on. */
export interface Finding {
  status: FindingStatus;
  /** An ARN where AWS has one, otherwise a stable name (`111122223333/eu-west-1`). */
  resource: string;
  /** Names the observed value and the limit: "access key 1 is 204 days old (limit 90)". */
  reason: string;
  account: string;
  region: string;
  evidence: FileRef[];
  /** A FAIL an exception covers (an accepted risk): it stays a FAIL, shown as EXCEPTED and counted apart. */
  exception?: FindingException;
}

/** A threshold or option a catalog sets for a check, described as JSON Schema. */
export type ParamSpec =
  | {
      type: 'integer' | 'number';
      description: string;
      minimum?: number;
      maximum?: number;
      /** Which way is stricter; a catalog override in the weaker direction is reported. */
      stricter: 'higher' | 'lower';
    }
  | { type: 'string'; description: string; enum?: readonly string[] }
  | { type: 'boolean'; description: string }
  | { type: 'array'; description: string; items: { type: 'integer' | 'string' }; minItems?: number };

type ParamValue<S> = S extends { type: 'integer' | 'number' }
  ? number
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'array'; items: { type: 'string' } }
        ? string[]
        : S extends { type: 'array'; items: { type: 'integer' } }
          ? number[]
          : never;

/** The parameter values a check receives, typed from its `params` specs. */
export type ParamValues<P extends Record<string, ParamSpec>> = { [K in keyof P]: ParamValue<P[K]> };

/** What a running check is given besides its evidence. */
export interface CheckContext<P> {
  params: P;
  /** End of collection: "now" for every age. Never read the clock in a check. */
  collectedAt: Date;
  scope: Scope;
  // Function-typed properties, not methods: checks destructure them (`{ pass, fail }`).
  pass: (resource: string, reason: string, evidence?: FileRef | FileRef[]) => Finding;
  fail: (resource: string, reason: string, evidence?: FileRef | FileRef[]) => Finding;
  /** For a resource whose own evidence is missing (one bucket's call failed). */
  notEvaluated: (resource: string, reason: string, evidence?: FileRef | FileRef[]) => Finding;
}

type Needs = Record<string, EvidenceSource<unknown>>;
type NeedValues<N extends Needs> = { [K in keyof N]: EvidenceValue<N[K]> };

/** A check as written in `src/checks/<service>/<id>.ts`. */
export interface CheckSpec<N extends Needs, P extends Record<string, ParamSpec>> {
  /** `<service>-<subject>-<compliant state>`, kebab-case, equal to the file name. */
  id: string;
  title: string;
  /** One or two sentences: what is checked, on which evidence. */
  description: string;
  /** `account`: once per account; `region`: once per account and region in the bundle's scope. */
  scope: 'account' | 'region';
  needs: N;
  params: P;
  /** Yields one finding per resource; the harness handles missing evidence and thrown errors. */
  run(evidence: NeedValues<N>, context: CheckContext<ParamValues<P>>): Iterable<Finding>;
}

/** A check with its types erased, as the registry and evaluator hold it. */
export interface Check {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly scope: 'account' | 'region';
  readonly needs: Needs;
  readonly params: Record<string, ParamSpec>;
  run(evidence: Record<string, unknown>, context: CheckContext<Record<string, unknown>>): Iterable<Finding>;
}

/** Declares a check (like an ESLint rule: metadata plus one function). */
export function defineCheck<N extends Needs, P extends Record<string, ParamSpec>>(spec: CheckSpec<N, P>): Check {
  return spec;
}
