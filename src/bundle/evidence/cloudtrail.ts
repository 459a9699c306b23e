import type { DescribeTrailsResponse, GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from '@aws-sdk/client-cloudtrail';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { loadPages, mapEvidence, reviveDates } from './wire.js';

/** A trail as DescribeTrails lists it, with the fields every trail has made required. */
export type CloudTrail = Trail & { Name: string; TrailARN: string; HomeRegion: string };

/** A trail with its status and event selectors, each loaded from the trail's home region. */
export interface TrailDetails {
  trail: CloudTrail;
  /** The DescribeTrails pages the trail was first seen in. */
  files: FileRef[];
  status: Evidence<GetTrailStatusResponse>;
  selectors: Evidence<GetEventSelectorsResponse>;
}

/** Every trail seen in the bundle's regions (deduplicated by ARN) and the regions whose listing is unavailable. */
export interface AccountTrails {
  trails: TrailDetails[];
  unavailableRegions: { region: string; reason: string }[];
}

/** `cloudtrail:DescribeTrails` of one region: the trails whose home region it is (shadow copies left out). */
export const trailsByHomeRegion = defineEvidence<CloudTrail[]>({
  name: 'CloudTrail trails',
  scope: 'region',
  async load(bundle, { account, region }) {
    const listed = await describeTrails(bundle, account, region);
    return mapEvidence(listed, (trails) => trails.filter((t) => t.HomeRegion === region));
  },
});

/** Trails of every region in the bundle's scope, each with its GetTrailStatus and GetEventSelectors. */
export const accountTrails = defineEvidence<AccountTrails>({
  name: 'CloudTrail trails of every region',
  scope: 'account',
  async load(bundle, { account }) {
    const seen = new Map<string, { trail: CloudTrail; files: FileRef[] }>();
    const unavailableRegions: AccountTrails['unavailableRegions'] = [];
    const files: FileRef[] = [];
    for (const region of bundle.manifest.scope.regions) {
      const listed = await describeTrails(bundle, account, region);
      if (!listed.ok) {
        unavailableRegions.push({ region, reason: listed.reason });
        continue;
      }
      files.push(...listed.files);
      // Prefer the home region's listing: the trail's own record rather than a shadow copy.
      for (const trail of listed.value) {
        if (!seen.has(trail.TrailARN) || trail.HomeRegion === region) seen.set(trail.TrailARN, { trail, files: listed.files });
      }
    }
    const trails = await Promise.all(
      [...seen.values()].map(async ({ trail, files: trailFiles }): Promise<TrailDetails> => {
        // The request parameter is Name for GetTrailStatus but TrailName for GetEventSelectors.
        const key = (operation: string, parameter: string): CallKey => ({
          account,
          region: trail.HomeRegion,
          service: 'cloudtrail',
          operation,
          parameters: { [parameter]: trail.TrailARN },
        });
        const status = mapEvidence(await loadPages<GetTrailStatusResponse>(bundle, key('GetTrailStatus', 'Name')), (pages) =>
          reviveDates<GetTrailStatusResponse>(
            pages[0] ?? {},
            ['LatestDeliveryTime', 'LatestNotificationTime', 'StartLoggingTime', 'StopLoggingTime', 'LatestCloudWatchLogsDeliveryTime', 'LatestDigestDeliveryTime'],
            `GetTrailStatus of ${trail.TrailARN}`,
          ),
        );
        const selectors = mapEvidence(await loadPages<GetEventSelectorsResponse>(bundle, key('GetEventSelectors', 'TrailName')), (pages) => pages[0] ?? {});
        return { trail, files: trailFiles, status, selectors };
      }),
    );
    return { ok: true, value: { trails, unavailableRegions }, files };
  },
});

async function describeTrails(bundle: EvidenceBundle, account: string, region: string): Promise<Evidence<CloudTrail[]>> {
  const key: CallKey = { account, region, service: 'cloudtrail', operation: 'DescribeTrails', parameters: { includeShadowTrails: true } };
  return mapEvidence(await loadPages<DescribeTrailsResponse>(bundle, key), (pages) =>
    pages.flatMap((page) => page.trailList ?? []).map((trail) => {
      if (!trail.Name || !trail.TrailARN || !trail.HomeRegion) {
        throw new Error(`DescribeTrails in ${account}/${region}: a trail lacks Name, TrailARN or HomeRegion`);
      }
      return trail as CloudTrail;
    }),
  );
}
