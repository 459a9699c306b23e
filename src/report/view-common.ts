import { errorAdvice, printableCode, type CollectionError, type ErrorCause } from '../bundle/manifest.js';
import type { RequirementStatus, Results, SealStatus, SignOffEntry, StatusCounts } from '../evaluate/results.js';
import { accountLabel, neutraliseBidi } from './format.js';

// What the HTML report and the PDF document both show, built once here. Templates only print.

/** The report's title: catalog title and version. */
export function reportTitle(results: Pick<Results<unknown>, 'catalog' | 'bundle'>): string {
  return neutraliseBidi(`${results.catalog.title} v${results.catalog.version}`);
}

/** The PDF's running header: framework/version · account(s) · collection date. */
export function reportHeaderText(results: Pick<Results<unknown>, 'catalog' | 'bundle'>): string {
  const { accounts, finishedAt } = results.bundle;
  const who = accounts.length > 3 ? `${accounts.length} accounts` : accounts.map(accountLabel).join(', ') || 'no accounts';
  return neutraliseBidi(`${results.catalog.framework} ${results.catalog.version} · ${who} · collected ${finishedAt.slice(0, 10)}`);
}

/** Requirement statuses in the order every summary shows them. */
export const STATUS_ORDER: readonly RequirementStatus[] = ['PASS', 'FAIL', 'NOT_EVALUATED', 'MANUAL', 'NOT_APPLICABLE'];

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatParams(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  return Object.entries(params)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(', ');
}

// What the template sees. Built here so templates only print; every value is escaped by {{ }}.

// The auditor sees the cause, a clean sentence on what to do, and the code; AWS's or the SDK's raw
// message stays in the bundle's manifest.json (it can be long, technical or attacker-influenced).
export interface ErrorView extends Omit<CollectionError, 'message' | 'code'> {
  call: string;
  params: string;
  code: string;
  causeLabel: string;
  what: string;
  todo: string;
}

const CAUSE_LABELS: Record<ErrorCause, string> = {
  'bad-answer': 'Unreadable answer',
  denied: 'Access denied',
  'not-offered': 'Not offered',
  other: 'Other',
  'service-error': 'AWS server error',
  throttled: 'Throttled',
  unreachable: 'Unreachable',
};

export function errorView(error: CollectionError): ErrorView {
  const { message: _message, code, ...rest } = error;
  const advice = errorAdvice(error);
  return {
    ...rest,
    cause: advice.cause,
    call: `${error.service}:${error.operation}`,
    params: formatParams(error.parameters),
    code: printableCode(code) ?? '',
    causeLabel: CAUSE_LABELS[advice.cause],
    what: `${advice.what.charAt(0).toUpperCase()}${advice.what.slice(1)}.`,
    todo: advice.todo,
  };
}

/** The cover's line on the bundle's seal (absent when results were not made by `report`). */
export function sealText(seal: SealStatus): string {
  switch (seal.state) {
    case 'verified':
      return `Sealed by ${seal.fingerprint ?? '?'}${seal.subject ? ` (${seal.subject})` : ''}, verified`;
    case 'unverified':
      return 'Sealed, signer not pinned: no key was given, so the seal was checked for consistency only, not against its signer';
    case 'unsealed':
      return 'Not sealed: nothing proves who collected this evidence';
  }
}

export function sectionAnchor(id: string): string {
  return `sec-${id}`;
}

export function bar(counts: StatusCounts): Bar {
  if (counts.total === 0) return [];
  return STATUS_ORDER.filter((status) => counts[status] > 0).map((status) => ({
    status,
    count: counts[status],
    width: `${((counts[status] / counts.total) * 100).toFixed(4)}%`,
  }));
}

/** Segments of a stacked status bar, widths in percent. */
export type Bar = { status: RequirementStatus; width: string; count: number }[];

/** One evidence file as the report cites it: numbered once, with its size and SHA-256. */
export interface EvidenceEntry {
  /** 1-based; rows cite it as "E12". */
  n: number;
  path: string;
  sha256: string;
  /** Bytes; absent when the report was rendered from results alone (no manifest at hand). */
  size?: number;
}

/**
 * The numbered evidence index a report cites instead of repeating a path and hash on every row.
 * Built from the bundle manifest's files (numbered in path order, so the same bundle gives the
 * same numbers); a cited file the manifest did not list (results rendered alone) is added at the end.
 */
export class EvidenceIndex {
  private readonly byKey = new Map<string, EvidenceEntry>();
  private readonly list: EvidenceEntry[] = [];

  constructor(files: readonly { path: string; sha256: string; size?: number }[] = []) {
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) this.add(file);
  }

  /** The number of a cited file (adding it when it is new). */
  number(ref: { path: string; sha256: string }): number {
    return (this.byKey.get(`${ref.path}\u0000${ref.sha256}`) ?? this.add(ref)).n;
  }

  entries(): readonly EvidenceEntry[] {
    return this.list;
  }

  private add(file: { path: string; sha256: string; size?: number }): EvidenceEntry {
    const key = `${file.path}\u0000${file.sha256}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const entry: EvidenceEntry = {
      n: this.list.length + 1,
      path: file.path,
      sha256: file.sha256,
      ...(file.size !== undefined ? { size: file.size } : {}),
    };
    this.byKey.set(key, entry);
    this.list.push(entry);
    return entry;
  }
}

// ---------------------------------------------------------------------------------------------
// Framing: the cover's period and organisation, "Scope and method", and the sign-off block.
// Built here once so the HTML page and the PDF document state the same things in the same words.

/** The audit period as the cover prints it: `2026-Q3 (2026-07-01 – 2026-09-30)`, or "not stated". */
export function periodText(framing: Results<unknown>['framing']): string {
  const period = framing?.period;
  const label = period?.label?.trim() ? period.label : undefined;
  const { start, end } = period ?? {};
  const span = start && end ? `${start} – ${end}` : start ? `from ${start}` : end ? `until ${end}` : undefined;
  if (label && span) return neutraliseBidi(`${label} (${span})`);
  return neutraliseBidi(label ?? span ?? 'not stated');
}

/** `o-a1b2c3d4e5 (management account 111122223333)`; undefined when the organisation was not collected. */
export function organizationText(bundle: Pick<Results<unknown>['bundle'], 'organization'>): string | undefined {
  const org = bundle.organization;
  if (!org) return undefined;
  return neutraliseBidi(org.managementAccountId ? `${org.id} (management account ${org.managementAccountId})` : org.id);
}

/** One tailored threshold as "Scope and method" lists it. */
export interface OverrideRow {
  requirement: string;
  check: string;
  param: string;
  /** JSON text of the tailored value and of the benchmark's. */
  value: string;
  benchmark: string;
  weaker: boolean;
  approvedBy: string;
  reason: string;
}

/** What could not be collected, one row per service and cause. */
export interface NotCollectedRow {
  service: string;
  cause: ErrorCause;
  causeLabel: string;
  /** Failed calls of that service with that cause. */
  count: number;
  /** The operations concerned, sorted: `GetBucketPolicy, GetBucketLocation`, the rest counted. */
  operations: string;
  /** Accounts with such a failure. */
  accounts: number;
}

/** Everything the "Scope and method" section states: what was audited, from what evidence, collected by whom. */
export interface ScopeView {
  organization?: string;
  accountCount: number;
  /** Account labels, when there are at most {@link SCOPE_ACCOUNTS_LISTED}; else the count and where they are listed. */
  accounts?: string[];
  /** Where the accounts are listed when there are too many to name here: "on the cover". */
  accountsWhere: string;
  regions: string[];
  /** Services with evidence; undefined when results do not record them (written before 0.2). */
  services?: string[];
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  /** Caller ARNs; empty when not recorded. */
  collectedBy: string[];
  fileCount: number;
  catalog: { file: string; sha256: string; framework: string; version: string };
  tailoring?: { file: string; sha256: string; overrides: OverrideRow[] };
  attestations: { count: number; requirements: number; by: string[] };
  notCollected: NotCollectedRow[];
  /** Failed calls in all. */
  errorCount: number;
}

/** At most this many accounts are listed by name in "Scope and method"; more are counted. */
export const SCOPE_ACCOUNTS_LISTED = 10;
/** Operations named per row of "what was not collected"; more are counted. */
const OPERATIONS_LISTED = 6;

/** The "Scope and method" section's content, from results alone; `accountsWhere` says where a long account list is. */
export function scopeView(
  results: Pick<Results<unknown>, 'bundle' | 'catalog' | 'requirements'>,
  accountsWhere = 'on the cover',
): ScopeView {
  const { bundle, catalog } = results;
  const overrides: OverrideRow[] = [];
  let attested = 0;
  let attestedRequirements = 0;
  const by = new Set<string>();
  for (const requirement of results.requirements) {
    for (const o of requirement.overrides ?? []) {
      overrides.push({
        requirement: requirement.id,
        check: o.check,
        param: o.param,
        value: JSON.stringify(o.value) ?? 'undefined',
        benchmark: JSON.stringify(o.benchmark) ?? 'undefined',
        weaker: o.weaker,
        approvedBy: o.approvedBy,
        reason: o.reason,
      });
    }
    const attestations = requirement.attestations ?? [];
    if (attestations.length > 0) attestedRequirements += 1;
    for (const a of attestations) {
      attested += 1;
      by.add(a.role ? `${a.attestedBy} (${a.role})` : a.attestedBy);
    }
  }
  return {
    ...(bundle.organization ? { organization: organizationText(bundle) } : {}),
    accountCount: bundle.accounts.length,
    ...(bundle.accounts.length <= SCOPE_ACCOUNTS_LISTED ? { accounts: bundle.accounts.map(accountLabel) } : {}),
    accountsWhere,
    regions: bundle.regions,
    ...(bundle.services ? { services: bundle.services } : {}),
    startedAt: bundle.startedAt,
    finishedAt: bundle.finishedAt,
    complete: bundle.complete,
    collectedBy: bundle.collectedBy ?? [],
    fileCount: bundle.fileCount,
    catalog: { file: catalog.file, sha256: catalog.sha256, framework: catalog.framework, version: catalog.version },
    ...(catalog.tailoring ? { tailoring: { ...catalog.tailoring, overrides } } : {}),
    attestations: { count: attested, requirements: attestedRequirements, by: [...by].sort(compareText) },
    notCollected: notCollected(bundle.errors),
    errorCount: bundle.errors.length,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Collection errors grouped by service and cause, largest group first (then by service and cause). */
function notCollected(errors: readonly CollectionError[]): NotCollectedRow[] {
  const groups = new Map<string, { service: string; cause: ErrorCause; count: number; operations: Set<string>; accounts: Set<string> }>();
  for (const error of errors) {
    const cause = errorAdvice(error).cause;
    const key = `${error.service}\u0000${cause}`;
    let group = groups.get(key);
    if (!group) {
      group = { service: error.service, cause, count: 0, operations: new Set(), accounts: new Set() };
      groups.set(key, group);
    }
    group.count += 1;
    group.operations.add(error.operation);
    group.accounts.add(error.account);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || compareText(a.service, b.service) || compareText(a.cause, b.cause))
    .map((g) => {
      const operations = [...g.operations].sort(compareText);
      const shown = operations.slice(0, OPERATIONS_LISTED).join(', ');
      const rest = operations.length - OPERATIONS_LISTED;
      return {
        service: g.service,
        cause: g.cause,
        causeLabel: CAUSE_LABELS[g.cause],
        count: g.count,
        operations: rest > 0 ? `${shown} and ${rest} more` : shown,
        accounts: g.accounts.size,
      };
    });
}

/** One row of the sign-off block; an absent field is printed as a blank line to fill in by hand. */
export interface SignOffRow {
  label: 'Prepared by' | 'Reviewed by' | 'Approved by';
  name?: string;
  role?: string;
  date?: string;
}

/** The sign-off block's rows, always all three, filled from the framing where given. */
export function signOffView(framing: Results<unknown>['framing']): SignOffRow[] {
  const row = (label: SignOffRow['label'], entry: SignOffEntry | undefined): SignOffRow => ({
    label,
    ...(entry?.name?.trim() ? { name: entry.name } : {}),
    ...(entry?.role?.trim() ? { role: entry.role } : {}),
    ...(entry?.date?.trim() ? { date: entry.date } : {}),
  });
  return [row('Prepared by', framing?.preparedBy), row('Reviewed by', framing?.reviewedBy), row('Approved by', framing?.approvedBy)];
}

/** Remediation is shown where something is left to do: FAIL, NOT EVALUATED and MANUAL requirements. */
export function showsRemediation(requirement: { status: RequirementStatus; remediation?: string }): boolean {
  return (
    requirement.remediation !== undefined &&
    requirement.remediation.trim() !== '' &&
    (requirement.status === 'FAIL' || requirement.status === 'NOT_EVALUATED' || requirement.status === 'MANUAL')
  );
}

// ---------------------------------------------------------------------------------------------
// Exceptions (accepted risks): a failing finding an exception covers stays a FAIL in results; the
// reports show it as EXCEPTED, count it apart and list every exception the report relied on.

/** The status word a FAIL finding covered by an exception is shown with. */
export const EXCEPTED = 'EXCEPTED';

/**
 * `36 findings: 4 FAIL (1 EXCEPTED), 32 PASS`: a finding set's counts, the failures an exception
 * covers counted apart (they are included in FAIL).
 */
export function findingsTally(counts: { PASS: number; FAIL: number; NOT_EVALUATED: number; total: number }, excepted = 0): string {
  if (counts.total === 0) return 'no findings';
  const parts: string[] = [];
  if (counts.FAIL > 0) parts.push(excepted > 0 ? `${counts.FAIL} FAIL (${excepted} ${EXCEPTED})` : `${counts.FAIL} FAIL`);
  if (counts.NOT_EVALUATED > 0) parts.push(`${counts.NOT_EVALUATED} NOT EVALUATED`);
  if (counts.PASS > 0) parts.push(`${counts.PASS} PASS`);
  return `${counts.total} finding${counts.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** `accepted risk EXC-2026-007 until 2027-01-01`: what a finding row says of the exception covering it. */
export function exceptionNote(exception: { id: string; expires: string }): string {
  return neutraliseBidi(`accepted risk ${exception.id} until ${exception.expires}`);
}

/** One exception as the "Exceptions (accepted risks)" section lists it. */
export interface ExceptionRow {
  id: string;
  /** The requirement of this catalog it applies to. */
  requirement: string;
  /** `mapped from 5.0.0 5.3` when the register names another version of the framework; else absent. */
  mappedFrom?: string;
  /** The account it is limited to, or "any". */
  account: string;
  resource: string;
  justification: string;
  approvedBy: string;
  approvedOn: string;
  expires: string;
  ticket?: string;
  matched: number;
  /** `2 failing findings`, or `matched nothing (stale)`. */
  matchedText: string;
  stale: boolean;
  sha256: string;
  /** The first 12 hex digits, for the HTML table (the full digest in its title). */
  shortSha256: string;
}

/** The "Exceptions (accepted risks)" section: every exception in force for this catalog. */
export interface ExceptionsView {
  count: number;
  /** Failing findings covered, over all exceptions. */
  excepted: number;
  /** Exceptions that matched no failing finding. */
  stale: number;
  rows: ExceptionRow[];
  /** `2 exceptions in force cover 3 failing findings; 1 matched nothing (stale).` */
  summary: string;
}

/** The exceptions section's content; undefined when no exception is in force (the section is left out). */
export function exceptionsView(results: Pick<Results<unknown>, 'exceptions' | 'catalog'>): ExceptionsView | undefined {
  const list = results.exceptions ?? [];
  if (list.length === 0) return undefined;
  const rows = list.map((e): ExceptionRow => {
    const mapped = e.version !== results.catalog.version || e.framework !== results.catalog.framework;
    return {
      id: neutraliseBidi(e.id),
      requirement: neutraliseBidi(e.appliesTo),
      ...(mapped
        ? {
            mappedFrom: neutraliseBidi(
              `mapped from ${e.framework === results.catalog.framework ? '' : `${e.framework} `}${e.version} ${e.requirement}`,
            ),
          }
        : {}),
      account: neutraliseBidi(e.account ?? 'any'),
      resource: neutraliseBidi(e.resource),
      justification: neutraliseBidi(e.justification),
      approvedBy: neutraliseBidi(e.approvedBy),
      approvedOn: neutraliseBidi(e.approvedOn),
      expires: neutraliseBidi(e.expires),
      ...(e.ticket !== undefined && e.ticket.trim() !== '' ? { ticket: neutraliseBidi(e.ticket) } : {}),
      matched: e.matched,
      matchedText: e.matched === 0 ? 'matched nothing (stale)' : `${e.matched} failing finding${e.matched === 1 ? '' : 's'}`,
      stale: e.matched === 0,
      sha256: e.sha256,
      shortSha256: e.sha256.slice(0, 12),
    };
  });
  const excepted = rows.reduce((n, r) => n + r.matched, 0);
  const stale = rows.filter((r) => r.stale).length;
  const inForce = `${rows.length} ${rows.length === 1 ? 'exception' : 'exceptions'} in force ${rows.length === 1 ? 'covers' : 'cover'} ${excepted} failing ${excepted === 1 ? 'finding' : 'findings'}`;
  return {
    count: rows.length,
    excepted,
    stale,
    rows,
    summary: `${inForce}${stale > 0 ? `; ${stale} matched nothing (stale)` : ''}.`,
  };
}

/** Scope and method's line on exceptions: `2 (see Exceptions)`, or `none`. */
export function exceptionsInForceText(results: Pick<Results<unknown>, 'exceptions'>): string {
  const count = results.exceptions?.length ?? 0;
  return count === 0 ? 'none' : `${count} (see Exceptions)`;
}
