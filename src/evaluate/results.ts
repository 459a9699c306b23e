import type { CollectionError } from '../bundle/manifest.js';
import type { ParamOverride } from '../catalog/tailoring.js';
import type { Finding } from '../checks/define-check.js';
import type { AppliedException } from '../exceptions/exceptions.js';

/**
 * A requirement's outcome. MANUAL: waiting for a person's attestation. NOT_APPLICABLE: a person
 * attested that it does not apply (only attestations give it).
 */
export type RequirementStatus = 'PASS' | 'FAIL' | 'NOT_EVALUATED' | 'MANUAL' | 'NOT_APPLICABLE';

/** Counts of requirements by status. */
export interface StatusCounts {
  PASS: number;
  FAIL: number;
  NOT_EVALUATED: number;
  MANUAL: number;
  NOT_APPLICABLE: number;
  total: number;
}

/** An attestation as a report shows it. */
export interface AttestationResult {
  result: 'pass' | 'fail' | 'not_applicable';
  attestedBy: string;
  role: string;
  date: string;
  expires: string;
  justification: string;
  /** Absent: it covers every account in the bundle. */
  account?: string;
  evidence: { path: string; sha256: string }[];
  /**
   * Set when the decision came from an attestation register (`report --register`): the entry's id
   * and SHA-256 as the report's copy (`register/attestations-used.yaml`) has it, and the version
   * and requirement it was made for when the crosswalk mapped it.
   */
  source?: { id: string; sha256: string; copy: string; mappedFrom?: { version: string; requirement: string } };
}

/** A status evidence can give: PASS, FAIL or NOT_EVALUATED. */
export type Decided = 'PASS' | 'FAIL' | 'NOT_EVALUATED';

/** One check as run for a requirement, over every scope, with all its findings. */
export interface CheckResult<F = Finding[]> {
  check: string;
  title: string;
  params: Record<string, unknown>;
  /** The check's own roll-up of its findings (PASS, FAIL or NOT_EVALUATED). */
  status: Decided;
  /** Every finding: an array in results.json; a {@link FindingSet} (read on demand) while a report is written. */
  findings: F;
}

/** One catalog requirement and how the evidence decided it. */
export interface RequirementResult<F = Finding[]> {
  id: string;
  /** The section it sits in (may be a sub-section such as "2.1"). */
  section: string;
  /** That section's title, e.g. "Simple Storage Service (S3)". */
  sectionTitle: string;
  title: string;
  profile?: number;
  assessment: 'automated' | 'manual';
  status: RequirementStatus;
  /** Why the status is what it is, in a sentence ("2 of 7 resources fail", "…failed: AccessDenied"). */
  statusReason: string;
  /** Manual requirements with checks: what the evidence suggests to the person who attests. */
  suggestedStatus?: Decided;
  /** The attestations that decided a manual requirement (one per account, or one for all). */
  attestations?: AttestationResult[];
  /** Set when our checks and AWS Config's rules reach opposite verdicts (our checks decide). */
  disagreement?: string;
  /** Thresholds changed by a tailoring file; a weaker one means the benchmark is not met. */
  overrides?: ParamOverride[];
  manualBecause?: string;
  description?: string;
  /** What to do about a failure, in a sentence (from the catalog). */
  remediation?: string;
  checks: CheckResult<F>[];
}

/** The automated requirements a score is computed over, by status (MANUAL and NOT_APPLICABLE never count). */
export interface AutomatedCounts {
  PASS: number;
  FAIL: number;
  NOT_EVALUATED: number;
  /** PASS + FAIL + NOT_EVALUATED. */
  total: number;
}

/**
 * A score that never rewards missing evidence, with how much of it evidence could decide. Over
 * automated requirements only: a requirement evidence could not decide counts against the score.
 */
export interface Score {
  /** PASS / (PASS + FAIL + NOT_EVALUATED) over automated requirements, 0..1; null when there are none. */
  passRate: number | null;
  /** (PASS + FAIL) / (PASS + FAIL + NOT_EVALUATED) over automated requirements: the share evidence decided; null when there are none. */
  coverage: number | null;
  automated: AutomatedCounts;
}

/** Per top-level section summary for the executive view; counts include its sub-sections. */
export interface SectionSummary extends Score {
  id: string;
  title: string;
  /** Every requirement by status, manual ones included. */
  counts: StatusCounts;
}

/**
 * One account's view of the catalog: each requirement decided from that account's findings only
 * (a requirement with no finding for the account is NOT_EVALUATED for it), manual requirements by
 * the attestation that covers the account.
 */
export interface AccountSummary extends Score {
  id: string;
  name?: string;
  counts: StatusCounts;
  /** How many findings of the deciding checks, by status, name this account. */
  findings: { PASS: number; FAIL: number; NOT_EVALUATED: number; total: number };
}

/** One person in a sign-off: absent fields are left blank for a wet signature. */
export interface SignOffEntry {
  name?: string;
  role?: string;
  /** YYYY-MM-DD */
  date?: string;
}

/** What the person running `report` says about the audit: its period and who signs it off. */
export interface ReportFraming {
  /** The audit period: a label ("2026-Q3") and/or first and last day (YYYY-MM-DD). */
  period?: { label?: string; start?: string; end?: string };
  preparedBy?: SignOffEntry;
  reviewedBy?: SignOffEntry;
  approvedBy?: SignOffEntry;
}

/**
 * A bundle's seal as `report` checked it: `verified` with a key the user passed (`fingerprint` is
 * that key's, `SHA256:<hex>`); `unverified` when sealed but no key was given, so the seal could
 * only be checked against its own history, not its signer; `unsealed` when there is no seal.
 */
export interface SealStatus {
  state: 'verified' | 'unverified' | 'unsealed';
  fingerprint?: string;
  subject?: string;
}

/**
 * Everything a report shows. Pure data with no clock time in it: the same bundle, catalog and
 * tool version always give the same bytes when serialised with canonicalJson.
 */
export interface Results<F = Finding[]> {
  formatVersion: 1;
  tool: { name: 'auditpack'; version: string };
  bundle: {
    id: string;
    manifestSha256: string;
    startedAt: string;
    finishedAt: string;
    complete: boolean;
    accounts: { id: string; name?: string }[];
    regions: string[];
    fileCount: number;
    errors: CollectionError[];
    /** How `report` found the bundle's seal; absent when the caller did not check (evaluate alone never does). */
    seal?: SealStatus;
    /** The AWS identities that made the calls (sts:GetCallerIdentity evidence); absent in results before 0.2. */
    collectedBy?: string[];
    /** The AWS Organization the accounts belong to, when it was collected. */
    organization?: { id: string; managementAccountId?: string };
    /** Services with evidence in the bundle, sorted. */
    services?: string[];
  };
  /** The audit's framing, given to `report` (period and sign-off); absent when none was given. */
  framing?: ReportFraming;
  /** Accepted risks in force for this catalog at the collection time, each with how many failing findings it covered. */
  exceptions?: AppliedException[];
  catalog: {
    framework: string;
    version: string;
    title: string;
    source: string;
    /** Catalog file name (not the full path: results must not depend on where the repo lives). */
    file: string;
    sha256: string;
    /** The tailoring file applied, if any (file name and SHA-256). */
    tailoring?: { file: string; sha256: string };
  };
  /** `accounts`: one entry per account in the bundle, in its order (absent in results written before 0.2). */
  summary: Score & { counts: StatusCounts; sections: SectionSummary[]; accounts?: AccountSummary[] };
  requirements: RequirementResult<F>[];
  /** Things an auditor must see: expired or misdirected attestations, disagreements with evidence. */
  warnings: string[];
}
