import type { EvidenceBundle } from '../bundle/read-bundle.js';
import type { Catalog, CheckRef, Requirement } from '../catalog/catalog.js';
import type { Check, Finding } from '../checks/define-check.js';
import { EvidenceCache, runCheck, scopesOf } from '../checks/run-check.js';
import { canonicalJson } from '../shared/canonical-json.js';
import type { CheckResult, RequirementResult, RequirementStatus, Results, SectionSummary, StatusCounts } from './results.js';

type Decided = Exclude<RequirementStatus, 'MANUAL'>;

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  findCheck: (id: string) => Check | undefined;
  /** Called after each account, for progress on long runs. */
  onAccountDone?: (account: string, done: number, total: number) => void;
  toolVersion: string;
  /** Catalog file name as results should show it (no machine-specific path). */
  catalogFileName: string;
}

/**
 * Evaluates a catalog against a bundle. Works account by account so that only one account's
 * evidence is held at a time; each distinct (check, params) pair runs once and is shared by every
 * requirement that names it. Reads no clock: "now" is the bundle's collection time.
 */
export async function evaluate(bundle: EvidenceBundle, catalog: Catalog, options: EvaluateOptions): Promise<Results> {
  const runs = new Map<string, { ref: CheckRef; check: Check; findings: Finding[] }>();
  for (const requirement of catalog.requirements) {
    for (const ref of requirement.checks) {
      const key = runKey(ref);
      const check = options.findCheck(ref.check);
      if (!check) throw new Error(`catalog ${catalog.file} names unknown check ${ref.check}; it should have been rejected on load`);
      if (!runs.has(key)) runs.set(key, { ref, check, findings: [] });
    }
  }
  const cache = new EvidenceCache(bundle);
  const { accounts, regions } = bundle.manifest.scope;
  for (const [i, account] of accounts.entries()) {
    for (const run of runs.values()) {
      for (const scope of scopesOf(run.check, account.id, regions)) {
        run.findings.push(...(await runCheck(run.check, scope, run.ref.params, bundle.collectedAt, cache)));
      }
    }
    cache.forgetAccount(account.id);
    options.onAccountDone?.(account.id, i + 1, accounts.length);
  }

  const sectionTitles = new Map(catalog.sections.map((s) => [s.id, s.title]));
  const requirements = catalog.requirements.map((requirement) =>
    requirementResult(
      requirement,
      sectionTitles.get(requirement.section) ?? requirement.section,
      requirement.checks.map((ref) => {
        const run = runs.get(runKey(ref));
        if (!run) throw new Error(`no run for ${ref.check}`);
        return { check: ref.check, title: run.check.title, params: ref.params, status: rollup(run.findings), findings: run.findings };
      }),
    ),
  );
  const { manifest } = bundle;
  return {
    formatVersion: 1,
    tool: { name: 'auditpack', version: options.toolVersion },
    bundle: {
      id: manifest.bundleId,
      manifestSha256: bundle.manifestSha256,
      startedAt: manifest.collection.startedAt,
      finishedAt: manifest.collection.finishedAt,
      complete: manifest.collection.complete,
      accounts: manifest.scope.accounts,
      regions: manifest.scope.regions,
      fileCount: manifest.files.length,
      errors: manifest.errors,
    },
    catalog: {
      framework: catalog.framework,
      version: catalog.version,
      title: catalog.title,
      source: catalog.source,
      file: options.catalogFileName,
      sha256: catalog.sha256,
    },
    summary: summarise(requirements, catalog.sections),
    requirements,
  };
}

function runKey(ref: CheckRef): string {
  return `${ref.check} ${canonicalJson(ref.params)}`;
}

/** A check's status over all its findings: any FAIL fails; any gap, or no finding at all, is NOT_EVALUATED. */
export function rollup(findings: readonly Finding[]): Decided {
  if (findings.some((f) => f.status === 'FAIL')) return 'FAIL';
  if (findings.length === 0 || findings.some((f) => f.status === 'NOT_EVALUATED')) return 'NOT_EVALUATED';
  return 'PASS';
}

function requirementResult(requirement: Requirement, sectionTitle: string, checks: CheckResult[]): RequirementResult {
  const findings = checks.flatMap((c) => c.findings);
  const decided: Decided = checks.length === 0 ? 'NOT_EVALUATED' : rollup(findings);
  const result: RequirementResult = {
    id: requirement.id,
    section: requirement.section,
    sectionTitle,
    title: requirement.title,
    assessment: requirement.assessment,
    status: requirement.assessment === 'manual' ? 'MANUAL' : decided,
    statusReason: '',
    checks,
  };
  if (requirement.profile !== undefined) result.profile = requirement.profile;
  if (requirement.description !== undefined) result.description = requirement.description;
  if (requirement.manualBecause !== undefined) result.manualBecause = requirement.manualBecause;
  if (requirement.assessment === 'manual') {
    if (checks.length > 0) result.suggestedStatus = decided;
    result.statusReason = `Attestation required: ${requirement.manualBecause ?? 'a person must decide this requirement'}`;
  } else {
    result.statusReason = checks.length === 0 ? 'No check decides this requirement yet.' : explain(decided, findings);
  }
  return result;
}

/** One sentence on why a decided status is what it is, naming counts and the first gap. */
function explain(status: Decided, findings: readonly Finding[]): string {
  const count = (s: Finding['status']): number => findings.filter((f) => f.status === s).length;
  const failed = count('FAIL');
  const gaps = findings.filter((f) => f.status === 'NOT_EVALUATED');
  const gapText = gaps.length > 0 ? `${gaps.length} not evaluated (${gaps[0]?.reason ?? ''}${gaps.length > 1 ? '; …' : ''})` : '';
  if (status === 'FAIL') return `${failed} of ${findings.length} findings fail${gapText ? `; ${gapText}` : ''}.`;
  if (status === 'NOT_EVALUATED') return findings.length === 0 ? 'No evidence was found for this requirement.' : `Not evaluated: ${gapText}.`;
  return `All ${findings.length} findings pass.`;
}

function countStatuses(requirements: readonly RequirementResult[]): StatusCounts {
  const counts: StatusCounts = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, MANUAL: 0, total: requirements.length };
  for (const r of requirements) counts[r.status]++;
  return counts;
}

function passRate(counts: StatusCounts): number | null {
  const decided = counts.PASS + counts.FAIL;
  return decided === 0 ? null : counts.PASS / decided;
}

function summarise(requirements: RequirementResult[], sections: Catalog['sections']): Results['summary'] {
  const counts = countStatuses(requirements);
  const topLevel = sections.filter((s) => !s.id.includes('.'));
  const sectionSummaries: SectionSummary[] = topLevel
    .map((section) => {
      const inSection = requirements.filter((r) => r.section === section.id || r.section.startsWith(`${section.id}.`));
      const sectionCounts = countStatuses(inSection);
      return { id: section.id, title: section.title, counts: sectionCounts, passRate: passRate(sectionCounts) };
    })
    .filter((s) => s.counts.total > 0);
  return { counts, passRate: passRate(counts), sections: sectionSummaries };
}
