import type { ListAnalyzersResponse } from '@aws-sdk/client-accessanalyzer';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapEvidence } from './wire.js';

/** An IAM Access Analyzer analyzer of one region. */
export interface Analyzer {
  name: string;
  arn: string;
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, … */
  type: string;
  /** ACTIVE, CREATING, DISABLED or FAILED. */
  status: string;
  /** Why it is DISABLED or FAILED, when AWS says. */
  statusReason: string | undefined;
}

/** `access-analyzer:ListAnalyzers` of one region (no type filter, every page). */
export const accessAnalyzers = defineEvidence<Analyzer[]>({
  name: 'IAM Access Analyzer analyzers',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'accessanalyzer', operation: 'ListAnalyzers' };
    return mapEvidence(await loadPages<ListAnalyzersResponse>(bundle, key), (pages) =>
      pages.flatMap((page) => page.analyzers ?? []).map((a) => {
        if (!a.arn || !a.name) throw new Error(`ListAnalyzers in ${account}/${region}: an analyzer lacks its name or ARN`);
        return { name: a.name, arn: a.arn, type: a.type ?? 'UNKNOWN', status: a.status ?? 'UNKNOWN', statusReason: a.statusReason?.code };
      }),
    );
  },
});
