import { ATTESTATIONS_PATH, isValidAt, type Attestation } from '../attest/attestations.js';
import { REGISTER_COPY_FILE } from '../attest/register.js';
import { collectionFraming } from '../bundle/framing.js';
import { appliedException, type ExceptionsInForce } from '../exceptions/exceptions.js';
import type { EvidenceBundle } from '../bundle/read-bundle.js';
import type { Catalog, CheckRef, Requirement } from '../catalog/catalog.js';
import { benchmarkParams, describeOverrides, type ParamOverride } from '../catalog/tailoring.js';
import type { Check, Finding } from '../checks/define-check.js';
import { CONFIG_RULE_CHECK } from '../checks/config/config-rule-compliant.js';
import { EvidenceCache, runCheck, scopesOf } from '../checks/run-check.js';
import { canonicalJson } from '../shared/canonical-json.js';
import {
  addCounts,
  emptyCounts,
  findingSet,
  materialise,
  memoryStore,
  type FindingCounts,
  type FindingSet,
  type FindingSink,
  type FindingStore,
} from './findings.js';
import type {
  AccountSummary,
  AttestationResult,
  AutomatedCounts,
  CheckResult,
  Decided,
  RequirementResult,
  Results,
  Score,
  SectionSummary,
  StatusCounts,
  ReportFraming,
} from './results.js';

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  findCheck: (id: string) => Check | undefined;
  /** Called after each account, for progress on long runs. */
  onAccountDone?: (account: string, done: number, total: number) => void;
  toolVersion: string;
  /** Catalog file name as results should show it (no machine-specific path). */
  catalogFileName: string;
  /** Attestations from the bundle; those for other frameworks or versions are ignored. */
  attestations?: readonly Attestation[];
  /** Thresholds a tailoring file changed, by requirement id (the catalog already carries the new values). */
  overrides?: ReadonlyMap<string, ParamOverride[]>;
  /** The tailoring file, for the record. */
  tailoring?: { file: string; sha256: string };
  /** The audit's period and sign-off, carried into the results as given. */
  framing?: ReportFraming;
  /** Accepted risks in force for this catalog at the collection time (exceptionsInForce). */
  exceptions?: ExceptionsInForce;
}

type ExceptionRule = ExceptionsInForce['byRequirement'] extends Map<string, (infer R)[]> ? R : never;

/** Options for {@link evaluateToSets}. */
export interface EvaluateToSetsOptions extends EvaluateOptions {
  /** Where findings go; a disk store keeps an organisation's evaluation in bounded memory. */
  store: FindingStore;
}

/** {@link evaluateToSets} with every finding in memory, as arrays. */
export async function evaluate(bundle: EvidenceBundle, catalog: Catalog, options: EvaluateOptions): Promise<Results> {
  const store = memoryStore();
  return materialise(await evaluateToSets(bundle, catalog, { ...options, store }));
}

/**
 * Evaluates a catalog against a bundle. Works account by account so that only one account's
 * evidence is held at a time; each distinct (check, params) pair runs once and is shared by every
 * requirement that names it. Reads no clock: "now" is the bundle's collection time.
 */
export async function evaluateToSets(
  bundle: EvidenceBundle,
  catalog: Catalog,
  options: EvaluateToSetsOptions,
): Promise<Results<FindingSet>> {
  const runs = new Map<string, { ref: CheckRef; check: Check; findings: FindingSink; rules?: ExceptionRule[] }>();
  // A requirement with exceptions gets runs of its own: an exception covers a resource for one
  // requirement, not for every requirement that shares the check.
  const exceptions = options.exceptions?.byRequirement ?? new Map<string, ExceptionRule[]>();
  const keyOf = (requirement: string, ref: CheckRef): string =>
    exceptions.has(requirement) ? `${requirement}\u0000${runKey(ref)}` : runKey(ref);
  for (const requirement of catalog.requirements) {
    for (const ref of requirement.checks) {
      const key = keyOf(requirement.id, ref);
      const check = options.findCheck(ref.check);
      if (!check) throw new Error(`catalog ${catalog.file} names unknown check ${ref.check}; it should have been rejected on load`);
      const rules = exceptions.get(requirement.id);
      if (!runs.has(key)) runs.set(key, { ref, check, findings: options.store.create(), ...(rules ? { rules } : {}) });
    }
  }
  const matched = new Map<string, number>();
  // A weakened threshold is run again with the benchmark's values, so that resources meeting the
  // benchmark can be told from those that pass only because of tailoring (see applyOverrides).
  for (const ref of benchmarkRefs(catalog, options.overrides)) {
    const check = options.findCheck(ref.check);
    if (check && !runs.has(runKey(ref))) runs.set(runKey(ref), { ref, check, findings: options.store.create() });
  }
  const cache = new EvidenceCache(bundle);
  const { accounts, regions } = bundle.manifest.scope;
  for (const [i, account] of accounts.entries()) {
    for (const run of runs.values()) {
      for (const scope of scopesOf(run.check, account.id, regions)) {
        for (const finding of await runCheck(run.check, scope, run.ref.params, bundle.collectedAt, cache)) {
          const rule =
            run.rules && finding.status === 'FAIL' ? run.rules.find((r) => r.matches(finding.resource, finding.account)) : undefined;
          if (!rule) {
            run.findings.add(finding);
            continue;
          }
          const { id, approvedBy, expires } = rule.exception;
          matched.set(id, (matched.get(id) ?? 0) + 1);
          run.findings.add({ ...finding, exception: { id, approvedBy, expires } });
        }
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
        const run = runs.get(keyOf(requirement.id, ref));
        if (!run) throw new Error(`no run for ${ref.check}`);
        return {
          check: ref.check,
          title: run.check.title,
          params: ref.params,
          status: rollup(run.findings.counts),
          findings: run.findings,
        };
      }),
    ),
  );
  const framing = await collectionFraming(bundle);
  const warnings = [
    ...cache.warnings(),
    ...framing.warnings,
    ...applyOverrides(requirements, options.overrides, (ref) => runs.get(runKey(ref))?.findings),

    ...applyAttestations(requirements, catalog, bundle, options.attestations ?? []),
    ...(options.exceptions?.warnings ?? []),
    ...[...exceptions.values()]
      .flat()
      .flatMap(({ exception, appliesTo }) =>
        matched.has(exception.id)
          ? []
          : [
              `Exception "${exception.id}" (requirement ${appliesTo}, ${exception.resource}) matched no failing resource: nothing it covers fails any more, or the pattern is wrong. Remove it from the register or correct it.`,
            ],
      ),
    ...requirements.flatMap((r) => (r.disagreement ? [`Requirement "${r.id}": ${r.disagreement}`] : [])),
  ];
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
      ...framing.framing,
    },
    ...(options.framing ? { framing: options.framing } : {}),
    ...(exceptions.size > 0
      ? {
          exceptions: [...exceptions.values()]
            .flat()
            .map(({ exception, appliesTo }) => appliedException(exception, appliesTo, matched.get(exception.id) ?? 0))
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        }
      : {}),
    catalog: {
      framework: catalog.framework,
      version: catalog.version,
      title: catalog.title,
      source: catalog.source,
      file: options.catalogFileName,
      sha256: catalog.sha256,
      ...(options.tailoring ? { tailoring: options.tailoring } : {}),
    },
    summary: { ...summarise(requirements, catalog.sections), accounts: accountSummaries(requirements, manifest.scope.accounts) },
    requirements,
    warnings,
  };
}

/**
 * Records tailored thresholds on their requirements and holds each requirement to the benchmark.
 * Where a check's threshold was weakened, every resource is compared with its finding under the
 * benchmark's values: failing the tailored threshold fails; passing it but failing the benchmark's
 * is FAIL, "passes only because of tailoring"; passing both passes; passing it where the benchmark
 * run could not decide is NOT_EVALUATED. A stricter threshold stands as the organisation set it.
 */
function applyOverrides(
  requirements: RequirementResult<FindingSet>[],
  overrides: ReadonlyMap<string, ParamOverride[]> | undefined,
  findingsUnder: (ref: CheckRef) => FindingSet | undefined,
): string[] {
  const warnings: string[] = [];
  if (!overrides) return warnings;
  for (const requirement of requirements) {
    const list = overrides.get(requirement.id);
    if (!list) continue;
    requirement.overrides = list;
    for (const o of list) {
      warnings.push(
        `Requirement "${requirement.id}": ${o.check} ${o.param} is ${JSON.stringify(o.value)} instead of the benchmark's ${JSON.stringify(o.benchmark)}${o.weaker ? ' (weaker than the benchmark)' : ''}; approved by ${o.approvedBy}: ${o.reason}`,
      );
    }
    const onlyByTailoring: string[] = [];
    const unconfirmed: string[] = [];
    const hows: string[] = [];
    for (const [checkId, mine] of groupBy(list, (o) => o.check)) {
      if (!mine.some((o) => o.weaker)) continue;
      // Tailoring overrides the first use of a check in a requirement (as applyTailoring does).
      const index = requirement.checks.findIndex((c) => c.check === checkId);
      const tailored = requirement.checks[index];
      if (!tailored) continue;
      const how = describeOverrides(mine);
      const benchmark = findingsUnder({ check: checkId, params: benchmarkParams(tailored.params, mine) });
      if (!benchmark) throw new Error(`no benchmark run for ${checkId} of requirement ${requirement.id}`);
      const compared = compareWithBenchmark([...tailored.findings.read()], [...benchmark.read()], how);
      if (compared.onlyByTailoring.length === 0 && compared.unconfirmed.length === 0) continue;
      const findings = findingSet(compared.findings);
      requirement.checks[index] = { ...tailored, status: rollup(findings.counts), findings };
      onlyByTailoring.push(...compared.onlyByTailoring);
      unconfirmed.push(...compared.unconfirmed);
      hows.push(how);
    }
    if (onlyByTailoring.length === 0 && unconfirmed.length === 0) continue;
    // Decide again as requirementResult does: our own checks decide, AWS Config only without them.
    const own = requirement.checks.filter((c) => c.check !== CONFIG_RULE_CHECK);
    const findings = combined((own.length > 0 ? own : requirement.checks).map((c) => c.findings));
    const decided = rollup(findings.counts);
    const notes = [
      onlyByTailoring.length > 0
        ? `Does not meet the benchmark: ${resourceCount(onlyByTailoring)} ${onlyByTailoring.length === 1 ? 'passes' : 'pass'} only because of tailoring (${hows.join('; ')}): ${nameSome(onlyByTailoring)}.`
        : '',
      unconfirmed.length > 0
        ? `${resourceCount(unconfirmed)} could not be checked against the benchmark (${hows.join('; ')}): ${nameSome(unconfirmed)}.`
        : '',
    ].filter((n) => n !== '');
    if (onlyByTailoring.length > 0) warnings.push(`Requirement "${requirement.id}": ${notes[0] ?? ''}`);
    if (requirement.assessment === 'manual') {
      if (requirement.suggestedStatus !== undefined) requirement.suggestedStatus = decided;
    } else {
      requirement.status = decided;
      requirement.statusReason = [explain(decided, findings), ...notes].join(' ');
    }
  }
  return warnings;
}

/** The weakened checks of each requirement, as runs with the benchmark's parameters. */
function benchmarkRefs(catalog: Catalog, overrides: ReadonlyMap<string, ParamOverride[]> | undefined): CheckRef[] {
  if (!overrides) return [];
  return catalog.requirements.flatMap((requirement) => {
    const list = overrides.get(requirement.id) ?? [];
    return [...groupBy(list, (o) => o.check)].flatMap(([checkId, mine]) => {
      const ref = requirement.checks.find((c) => c.check === checkId);
      return ref && mine.some((o) => o.weaker) ? [{ check: checkId, params: benchmarkParams(ref.params, mine) }] : [];
    });
  });
}

/**
 * Compares a check's findings under tailored thresholds with its findings under the benchmark's,
 * resource by resource (account, region and resource; the n-th finding of a resource with the n-th
 * when both runs give it the same number). Only PASS findings can change.
 */
function compareWithBenchmark(
  tailored: readonly Finding[],
  benchmark: readonly Finding[],
  how: string,
): { findings: Finding[]; onlyByTailoring: string[]; unconfirmed: string[] } {
  const key = (f: Finding): string => `${f.account}\u0000${f.region}\u0000${f.resource}`;
  const underBenchmark = groupBy(benchmark, key);
  const tailoredCount = new Map<string, number>();
  for (const f of tailored) tailoredCount.set(key(f), (tailoredCount.get(key(f)) ?? 0) + 1);
  const onlyByTailoring = new Set<string>();
  const unconfirmed = new Set<string>();
  const seen = new Map<string, number>();
  const findings = tailored.map((f): Finding => {
    const k = key(f);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    if (f.status !== 'PASS') return f;
    const all = underBenchmark.get(k) ?? [];
    const paired = all.length === tailoredCount.get(k) ? all[n] : undefined;
    const counterparts = paired ? [paired] : all;
    const failing = counterparts.find((b) => b.status === 'FAIL');
    if (failing) {
      onlyByTailoring.add(f.resource);
      return {
        ...f,
        status: 'FAIL',
        reason: `passes only because of tailoring: ${f.reason}; under the benchmark (${how}): ${failing.reason}`,
      };
    }
    const gap = counterparts.find((b) => b.status === 'NOT_EVALUATED');
    if (gap || counterparts.length === 0) {
      unconfirmed.add(f.resource);
      return {
        ...f,
        status: 'NOT_EVALUATED',
        reason: `passes the tailored threshold (${f.reason}), but the benchmark's could not be checked (${how}): ${gap ? gap.reason : 'no finding under the benchmark'}`,
      };
    }
    return f;
  });
  // A resource only the benchmark run judged (tailoring took it out of scope) and failed.
  for (const [k, list] of underBenchmark) {
    if (tailoredCount.has(k)) continue;
    for (const b of list.filter((x) => x.status === 'FAIL')) {
      onlyByTailoring.add(b.resource);
      findings.push({
        ...b,
        reason: `passes only because of tailoring: not judged under the tailored thresholds; under the benchmark (${how}): ${b.reason}`,
      });
    }
  }
  return { findings, onlyByTailoring: [...onlyByTailoring], unconfirmed: [...unconfirmed] };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item));
    if (list) list.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

function resourceCount(resources: readonly string[]): string {
  return `${resources.length} resource${resources.length === 1 ? '' : 's'}`;
}

/** The first few names of a list, then how many more. */
function nameSome(names: readonly string[], limit = 5): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/**
 * Decides manual requirements from attestations valid at the collection time: every account in
 * scope needs one (an attestation without an account covers all). Returns what an auditor must
 * be told: expired attestations, attestations for unknown or automated requirements, accounts
 * outside the bundle, and attestations that contradict what the evidence suggests.
 */
function applyAttestations(
  requirements: RequirementResult<FindingSet>[],
  catalog: Catalog,
  bundle: EvidenceBundle,
  attestations: readonly Attestation[],
): string[] {
  const warnings: string[] = [];
  const where = (a: Attestation): string =>
    a.source ? `${a.source.file}:${a.source.line} (register entry ${a.source.id})` : `${ATTESTATIONS_PATH}:${a.line}`;
  const mine = attestations.filter((a) => a.framework === catalog.framework && a.version === catalog.version);
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const accounts = bundle.manifest.scope.accounts.map((a) => a.id);
  const usable: Attestation[] = [];
  for (const a of mine) {
    const requirement = byId.get(a.requirement);
    if (!requirement)
      warnings.push(
        `${where(a)}: attestation names requirement "${a.requirement}", which ${catalog.framework} ${catalog.version} does not have; it was not used.`,
      );
    else if (requirement.assessment === 'automated')
      warnings.push(
        `${where(a)}: requirement "${a.requirement}" is automated, so evidence decides it; the attestation by ${a.attestedBy} was not used.`,
      );
    else if (a.account !== undefined && !accounts.includes(a.account))
      warnings.push(
        `${where(a)}: attestation for requirement "${a.requirement}" names account ${a.account}, which is not in this bundle; it was not used.`,
      );
    else if (!isValidAt(a, bundle.collectedAt))
      warnings.push(
        `${where(a)}: attestation for requirement "${a.requirement}" by ${a.attestedBy} expired on ${a.expires}, before the collection (${bundle.manifest.collection.finishedAt.slice(0, 10)}); it was not used. Renew it.`,
      );
    else usable.push(a);
  }
  for (const requirement of requirements) {
    if (requirement.assessment !== 'manual') continue;
    const candidates = usable
      .filter((a) => a.requirement === requirement.id)
      .sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
    if (candidates.length === 0) continue;
    // Per account: its own attestation wins over one for all accounts; the newest wins among equals.
    const chosen = accounts.map(
      (account) => candidates.find((a) => a.account === account) ?? candidates.find((a) => a.account === undefined),
    );
    const missing = accounts.filter((_, i) => chosen[i] === undefined);
    if (missing.length > 0) {
      requirement.statusReason =
        `Attestation required for account${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ${requirement.manualBecause ?? ''}`.trim();
      continue;
    }
    const used = [...new Set(chosen)] as Attestation[];
    const results = used.map((a) => a.result);
    requirement.status = results.includes('fail') ? 'FAIL' : results.every((r) => r === 'not_applicable') ? 'NOT_APPLICABLE' : 'PASS';
    requirement.attestations = used.map(attestationResult);
    requirement.statusReason = used
      .map(
        (a) =>
          `Attested ${a.result.replace('_', ' ')} by ${a.attestedBy} (${a.role}) on ${a.date}, valid until ${a.expires}${a.account ? ` for account ${a.account}` : ''}.`,
      )
      .join(' ');
    if (
      requirement.suggestedStatus !== undefined &&
      requirement.suggestedStatus !== 'NOT_EVALUATED' &&
      requirement.status !== 'NOT_APPLICABLE' &&
      requirement.suggestedStatus !== requirement.status
    ) {
      warnings.push(
        `Requirement "${requirement.id}" is attested ${requirement.status}, but the evidence suggests ${requirement.suggestedStatus}. Review the attestation.`,
      );
    }
  }
  return warnings;
}

function attestationResult(a: Attestation): AttestationResult {
  const result: AttestationResult = {
    result: a.result,
    attestedBy: a.attestedBy,
    role: a.role,
    date: a.date,
    expires: a.expires,
    justification: a.justification,
    evidence: a.evidence,
  };
  if (a.account !== undefined) result.account = a.account;
  if (a.source) {
    const { id, sha256, mappedFrom } = a.source;
    result.source = { id, sha256, copy: REGISTER_COPY_FILE, ...(mappedFrom ? { mappedFrom } : {}) };
  }
  return result;
}

function runKey(ref: CheckRef): string {
  return `${ref.check} ${canonicalJson(ref.params)}`;
}

/** A check's status over all its findings: any FAIL fails; any gap, or no finding at all, is NOT_EVALUATED. */
export function rollup(counts: FindingCounts): Decided {
  if (counts.FAIL > 0) return 'FAIL';
  if (counts.total === 0 || counts.NOT_EVALUATED > 0) return 'NOT_EVALUATED';
  return 'PASS';
}

/** Several checks' findings taken together: their counts summed, the first gap of the first that has one. */
interface Combined {
  counts: FindingCounts;
  firstGap: string | undefined;
  excepted: number;
}

function combined(sets: readonly Pick<FindingSet, 'counts' | 'firstGap' | 'excepted'>[]): Combined {
  const counts = emptyCounts();
  for (const set of sets) addCounts(counts, set.counts);
  return {
    counts,
    firstGap: sets.find((s) => s.firstGap !== undefined)?.firstGap,
    excepted: sets.reduce((n, s) => n + (s.excepted ?? 0), 0),
  };
}

/** The checks that decide a requirement: our own; AWS Config's verdicts only where no check of ours speaks. */
function decidingChecks<F>(checks: readonly CheckResult<F>[]): readonly CheckResult<F>[] {
  const own = checks.filter((c) => c.check !== CONFIG_RULE_CHECK);
  return own.length > 0 ? own : checks;
}

function requirementResult(
  requirement: Requirement,
  sectionTitle: string,
  checks: CheckResult<FindingSet>[],
): RequirementResult<FindingSet> {
  const own = checks.filter((c) => c.check !== CONFIG_RULE_CHECK);
  const findings = combined(decidingChecks(checks).map((c) => c.findings));
  const decided: Decided = checks.length === 0 ? 'NOT_EVALUATED' : rollup(findings.counts);
  const result: RequirementResult<FindingSet> = {
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
  if (requirement.remediation !== undefined) result.remediation = requirement.remediation;
  const disagreement = configDisagreement(
    own,
    checks.filter((c) => c.check === CONFIG_RULE_CHECK),
  );
  if (disagreement !== undefined) result.disagreement = disagreement;
  if (requirement.assessment === 'manual') {
    if (checks.length > 0) result.suggestedStatus = decided;
    result.statusReason = `Attestation required: ${requirement.manualBecause ?? 'a person must decide this requirement'}`;
  } else {
    result.statusReason = checks.length === 0 ? 'No check decides this requirement yet.' : explain(decided, findings);
  }
  return result;
}

/** When our checks and AWS Config's rules reach opposite verdicts, a sentence saying so. */
function configDisagreement(own: readonly CheckResult<FindingSet>[], config: readonly CheckResult<FindingSet>[]): string | undefined {
  if (own.length === 0 || config.length === 0) return undefined;
  const ours = rollup(combined(own.map((c) => c.findings)).counts);
  const theirs = rollup(combined(config.map((c) => c.findings)).counts);
  if (ours === 'NOT_EVALUATED' || theirs === 'NOT_EVALUATED' || ours === theirs) return undefined;
  const rules = config.map((c) => String(c.params.identifier)).join(', ');
  return `auditpack's checks say ${ours} but AWS Config (${rules}) says ${theirs}; AWS Config evaluates on its own schedule, so compare the evidence times.`;
}

/** One sentence on why a decided status is what it is, naming counts and the first gap. */
function explain(status: Decided, { counts, firstGap, excepted }: Combined): string {
  const gaps = counts.NOT_EVALUATED;
  const gapText = gaps > 0 ? `${gaps} not evaluated (${firstGap ?? ''}${gaps > 1 ? '; …' : ''})` : '';
  const exceptedText =
    excepted === 0
      ? ''
      : excepted === counts.FAIL
        ? `, all of them accepted risks (exceptions)`
        : `, ${excepted} of them accepted risks (exceptions)`;
  if (status === 'FAIL') return `${counts.FAIL} of ${counts.total} findings fail${exceptedText}${gapText ? `; ${gapText}` : ''}.`;
  if (status === 'NOT_EVALUATED') return counts.total === 0 ? 'No evidence was found for this requirement.' : `Not evaluated: ${gapText}.`;
  return `All ${counts.total} findings pass.`;
}

function countStatuses(requirements: readonly Pick<RequirementResult<unknown>, 'status'>[]): StatusCounts {
  const counts: StatusCounts = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, MANUAL: 0, NOT_APPLICABLE: 0, total: requirements.length };
  for (const r of requirements) counts[r.status]++;
  return counts;
}

/**
 * The score of a set of requirements: PASS over every automated requirement, decided or not, so
 * that evidence going missing can only lower it; coverage says how much evidence decided. Manual
 * requirements (attested or not) and NOT_APPLICABLE ones are left out: an attestation expiring
 * must not move the score either way.
 */
export function passRate(requirements: readonly Pick<RequirementResult<unknown>, 'assessment' | 'status'>[]): Score {
  const automated: AutomatedCounts = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, total: 0 };
  for (const r of requirements) {
    if (r.assessment !== 'automated' || (r.status !== 'PASS' && r.status !== 'FAIL' && r.status !== 'NOT_EVALUATED')) continue;
    automated[r.status]++;
    automated.total++;
  }
  if (automated.total === 0) return { passRate: null, coverage: null, automated };
  return { passRate: automated.PASS / automated.total, coverage: (automated.PASS + automated.FAIL) / automated.total, automated };
}

function summarise(requirements: RequirementResult<FindingSet>[], sections: Catalog['sections']): Results['summary'] {
  const counts = countStatuses(requirements);
  const topLevel = sections.filter((s) => !s.id.includes('.'));
  const sectionSummaries: SectionSummary[] = topLevel
    .map((section) => {
      const inSection = requirements.filter((r) => r.section === section.id || r.section.startsWith(`${section.id}.`));
      return { id: section.id, title: section.title, counts: countStatuses(inSection), ...passRate(inSection) };
    })
    .filter((s) => s.counts.total > 0);
  return { counts, ...passRate(requirements), sections: sectionSummaries };
}

/**
 * Each account's view: every requirement decided again from the findings that name that account
 * (the same rules as for the whole bundle, so no finding means NOT_EVALUATED), manual requirements
 * by the attestation that covers the account, or MANUAL.
 */
function accountSummaries(
  requirements: readonly RequirementResult<FindingSet>[],
  accounts: readonly { id: string; name?: string }[],
): AccountSummary[] {
  return accounts.map((account) => {
    const findings = emptyCounts();
    const statuses = requirements.map((r): Pick<RequirementResult<unknown>, 'assessment' | 'status'> => {
      const counts = emptyCounts();
      for (const c of decidingChecks(r.checks)) addCounts(counts, c.findings.byAccount.get(account.id) ?? emptyCounts());
      if (r.assessment === 'manual') return { assessment: r.assessment, status: attestedFor(r, account.id) };
      addCounts(findings, counts);
      return { assessment: r.assessment, status: r.checks.length === 0 ? 'NOT_EVALUATED' : rollup(counts) };
    });
    return {
      id: account.id,
      ...(account.name !== undefined ? { name: account.name } : {}),
      counts: countStatuses(statuses),
      ...passRate(statuses),
      findings,
    };
  });
}

/** A manual requirement's status for one account: the attestation covering it (its own before one for all), else MANUAL. */
function attestedFor(requirement: RequirementResult<FindingSet>, account: string): RequirementResult['status'] {
  const list = requirement.attestations ?? [];
  const chosen = list.find((a) => a.account === account) ?? list.find((a) => a.account === undefined);
  if (!chosen) return 'MANUAL';
  return chosen.result === 'fail' ? 'FAIL' : chosen.result === 'not_applicable' ? 'NOT_APPLICABLE' : 'PASS';
}
