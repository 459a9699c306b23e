import type { Evidence, EvidenceSource, Scope, UnusableRecord } from '../bundle/evidence.js';
import type { EvidenceBundle, FileRef } from '../bundle/read-bundle.js';
import { messageOf } from '../shared/errors.js';
import type { Check, CheckContext, Finding, FindingStatus } from './define-check.js';

/** Loads each evidence source at most once per scope; drop it when the scope is done. */
export class EvidenceCache {
  private readonly loaded = new Map<EvidenceSource<unknown>, Map<string, Promise<Evidence<unknown>>>>();
  private readonly seenWarnings = new Set<string>();

  constructor(private readonly bundle: EvidenceBundle) {}

  /** The source's evidence for a scope, loading it on first use. */
  get(source: EvidenceSource<unknown>, scope: Scope): Promise<Evidence<unknown>> {
    let byScope = this.loaded.get(source);
    if (!byScope) this.loaded.set(source, (byScope = new Map<string, Promise<Evidence<unknown>>>()));
    const key = `${scope.account}/${scope.region}`;
    let evidence = byScope.get(key);
    if (!evidence) {
      evidence = source
        .load(this.bundle, scope)
        .catch((error: unknown): Evidence<unknown> => ({ ok: false, reason: `${source.name} could not be read: ${messageOf(error)}`, errors: [] }))
        .then((loaded) => {
          if (loaded.ok) for (const warning of loaded.warnings ?? []) this.seenWarnings.add(warning);
          return loaded;
        });
      byScope.set(key, evidence);
    }
    return evidence;
  }

  /** Every warning the evidence loaded so far carried, in the order first seen (kept across accounts). */
  warnings(): string[] {
    return [...this.seenWarnings];
  }

  /** Forgets everything loaded for one account (all its regions), so memory stays flat. */
  forgetAccount(account: string): void {
    for (const byScope of this.loaded.values()) {
      for (const key of byScope.keys()) if (key.startsWith(`${account}/`)) byScope.delete(key);
    }
  }
}

/** The region a check's evidence is loaded for: `global` for account-wide checks. */
export function scopesOf(check: Check, account: string, regions: readonly string[]): Scope[] {
  return check.scope === 'account' ? [{ account, region: 'global' }] : regions.map((region) => ({ account, region }));
}

/**
 * Runs one check for one scope. Missing or failed evidence gives one NOT_EVALUATED finding that
 * names the collection error; a thrown error gives one with its message; a run that found nothing
 * to check gives one PASS for the scope. Every finding carries the evidence files it rests on.
 */
export async function runCheck(
  check: Check,
  scope: Scope,
  params: Record<string, unknown>,
  collectedAt: Date,
  cache: EvidenceCache,
): Promise<Finding[]> {
  const scopeResource = scope.region === 'global' ? scope.account : `${scope.account}/${scope.region}`;
  const values: Record<string, unknown> = {};
  const files: FileRef[] = [];
  const gaps: string[] = [];
  const unusable: { source: string; record: UnusableRecord; files: FileRef[] }[] = [];
  for (const [name, source] of Object.entries(check.needs)) {
    const evidence = await cache.get(source, scope);
    if (evidence.ok) {
      values[name] = evidence.value;
      files.push(...evidence.files);
      for (const record of evidence.unusable ?? []) unusable.push({ source: source.name, record, files: evidence.files });
    } else {
      gaps.push(evidence.reason);
    }
  }
  const finding = (status: FindingStatus, resource: string, reason: string, evidence?: FileRef | FileRef[]): Finding => ({
    status,
    resource,
    reason,
    account: scope.account,
    region: scope.region,
    evidence: evidence === undefined ? dedupe(files) : Array.isArray(evidence) ? evidence : [evidence],
  });
  if (gaps.length > 0) return [finding('NOT_EVALUATED', scopeResource, gaps.join('; '), [])];

  const context: CheckContext<Record<string, unknown>> = {
    params,
    collectedAt,
    scope,
    pass: (resource, reason, evidence) => finding('PASS', resource, reason, evidence),
    fail: (resource, reason, evidence) => finding('FAIL', resource, reason, evidence),
    notEvaluated: (resource, reason, evidence) => finding('NOT_EVALUATED', resource, reason, evidence),
  };
  // A record that could not be read is not evaluated, whatever the rest of its source says; it
  // never disappears silently, and it never lets "nothing in scope" pass.
  const unreadable = unusable.map(({ source, record, files: recordFiles }) =>
    finding('NOT_EVALUATED', record.resource, `${source}: a record could not be read (${record.reason})`, recordFiles),
  );
  try {
    const findings = [...check.run(values, context)];
    if (findings.length === 0 && unreadable.length === 0) return [finding('PASS', scopeResource, 'nothing in scope to check')];
    return [...findings, ...unreadable];
  } catch (error) {
    return [finding('NOT_EVALUATED', scopeResource, `check ${check.id} could not evaluate the evidence: ${messageOf(error)}`)];
  }
}

function dedupe(files: FileRef[]): FileRef[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && Boolean(seen.add(f.path)));
}
