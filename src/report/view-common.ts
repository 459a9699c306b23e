import { errorAdvice, printableCode, type CollectionError, type ErrorCause } from '../bundle/manifest.js';
import type { RequirementStatus, Results, SealStatus, StatusCounts } from '../evaluate/results.js';
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
