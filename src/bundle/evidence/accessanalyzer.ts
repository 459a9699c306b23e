import type { AnalyzerSummary, ListAnalyzersResponse } from '@aws-sdk/client-accessanalyzer';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapRecords, type Wire, listField, afterCollection } from './wire.js';

/** An IAM Access Analyzer analyzer of one region. */
export interface Analyzer {
  name: string;
  arn: string;
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, …; `undefined` when the answer omits it. */
  type: string | undefined;
  /** ACTIVE, CREATING, DISABLED or FAILED; `undefined` when the answer omits it. */
  status: string | undefined;
  /** Why it is DISABLED or FAILED, when AWS says. */
  statusReason: string | undefined;
  /** Why the record cannot be believed or read (no name or ARN, created after collection): it could be the ACTIVE one, so it blocks a FAIL. */
  problem?: string;
}

/**
 * `access-analyzer:ListAnalyzers` of one region (no type filter, every page), typed per analyzer:
 * the name comes from the ARN and the ARN from name, account and region when one is missing; one
 * with neither, or created after collection ended, is kept with a `problem`.
 */
export const accessAnalyzers = defineEvidence<Analyzer[]>({
  name: 'IAM Access Analyzer analyzers',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'accessanalyzer', operation: 'ListAnalyzers' };
    const where = `ListAnalyzers of ${account}/${region}`;
    const warnings: string[] = [];
    const typed = mapRecords(
      await loadPages<ListAnalyzersResponse>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'analyzers')),
      where,
      (a, index) => {
        const analyzer = typeAnalyzer(a, `${where}, analyzer ${index + 1}`, account, region);
        const problem = afterCollection(a.createdAt, 'createdAt', bundle.collectedAt);
        if (problem) {
          warnings.push(`${analyzer.arn}: ${problem}`);
          return { ...analyzer, problem };
        }
        return analyzer;
      },
    );
    return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
  },
});

function typeAnalyzer(a: Wire<AnalyzerSummary>, where: string, account: string, region: string): Analyzer {
  const arnName = typeof a.arn === 'string' ? /^arn:[^:]+:access-analyzer:[^:]*:[^:]*:analyzer\/(.+)$/.exec(a.arn)?.[1] : undefined;
  const name = typeof a.name === 'string' && a.name !== '' ? a.name : arnName;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  // The verdict is per region, so an unreadable analyzer stays in the list to block a FAIL.
  if (!name)
    return {
      name: where,
      arn: where,
      type: text(a.type),
      status: text(a.status),
      statusReason: undefined,
      problem: 'lacks name (and no arn names it)',
    };
  return {
    name,
    arn: text(a.arn) ?? `arn:aws:access-analyzer:${region}:${account}:analyzer/${name}`,
    type: text(a.type),
    status: text(a.status),
    statusReason: text(a.statusReason?.code),
  };
}
