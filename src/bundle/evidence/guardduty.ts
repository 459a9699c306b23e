import type { GetDetectorResponse, ListDetectorsResponse } from '@aws-sdk/client-guardduty';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey, FileRef } from '../read-bundle.js';
import { afterCollection, callWhere, loadPages, mapEvidence, type Wire, listField } from './wire.js';

/** What a check reads of a GuardDuty detector's GetDetector answer. */
export interface DetectorDetail {
  /** ENABLED or DISABLED as AWS sends it; `undefined` when the answer omits it or it is not text. */
  status: string | undefined;
  /** Why the answer cannot be believed (updated or created after collection ended). */
  problem?: string;
}

/** A GuardDuty detector as ListDetectors lists it, with its own GetDetector answer. */
export interface GuardDutyDetector {
  id: string;
  /** Built from region, account and id (partition `aws`): GuardDuty answers carry no ARN. */
  arn: string;
  /** The ListDetectors pages that list it. */
  files: FileRef[];
  detail: Evidence<DetectorDetail>;
}

/**
 * `guardduty:ListDetectors` of one region (every page), then per detector `guardduty:GetDetector`
 * found by its DetectorId parameter. A listed id that is not text, or a GetDetector answer that is
 * missing, failed or unreadable, leaves only that detector's detail unavailable. A DetectorIds
 * field that is not a list fails the source (malformed evidence).
 */
export const guardDutyDetectors = defineEvidence<GuardDutyDetector[]>({
  name: 'GuardDuty detectors',
  scope: 'region',
  async load(bundle, { account, region }) {
    const listKey: CallKey = { account, region, service: 'guardduty', operation: 'ListDetectors' };
    const where = `ListDetectors of ${account}/${region}`;
    const listed = mapEvidence(await loadPages<ListDetectorsResponse>(bundle, listKey), (pages) =>
      pages.flatMap((page) => listField(page, 'DetectorIds') as unknown[]),
    );
    if (!listed.ok) return listed;
    const warnings: string[] = [];
    const value = await Promise.all(
      [...new Set(listed.value)].map(async (id, index): Promise<GuardDutyDetector> => {
        // Kept in the list, not set aside: an unreadable id could be the enabled detector, so it must block a FAIL.
        if (typeof id !== 'string' || id === '') {
          const name = `${where}, detector ${index + 1}`;
          return {
            id: name,
            arn: name,
            files: listed.files,
            detail: { ok: false, reason: `${name} is ${JSON.stringify(id)}, not a detector id`, errors: [] },
          };
        }
        const key = callWhere(bundle, { account, region, service: 'guardduty', operation: 'GetDetector' }, 'DetectorId', [id]);
        let detail: Evidence<DetectorDetail>;
        try {
          detail = mapEvidence(await loadPages<GetDetectorResponse>(bundle, key), (pages) => {
            const answer = pages[0] ?? ({} as Wire<GetDetectorResponse>);
            const status: unknown = answer.Status;
            const problem =
              afterCollection(answer.CreatedAt, 'CreatedAt', bundle.collectedAt) ??
              afterCollection(answer.UpdatedAt, 'UpdatedAt', bundle.collectedAt);
            if (problem) warnings.push(`GetDetector of ${id} in ${account}/${region}: ${problem}`);
            return { status: typeof status === 'string' && status !== '' ? status : undefined, ...(problem ? { problem } : {}) };
          });
        } catch (error) {
          detail = { ok: false, reason: `guardduty:GetDetector of ${id} could not be read: ${messageOf(error)}`, errors: [] };
        }
        return { id, arn: `arn:aws:guardduty:${region}:${account}:detector/${id}`, files: listed.files, detail };
      }),
    );
    return { ...listed, value, ...(warnings.length > 0 ? { warnings } : {}) };
  },
});
