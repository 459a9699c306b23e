import type { DescribeTrailsResponse, GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from '@aws-sdk/client-cloudtrail';
import { defineEvidence, refOf, UnusableRecordError, type Evidence, type UnusableRecord } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { loadPages, mapEvidence, mapRecords, reviveDates, type Wire, listField } from './wire.js';

/** A trail as DescribeTrails lists it, with Name, TrailARN and HomeRegion present (derived from one another where AWS left one out). */
export type CloudTrail = Wire<Trail> & { Name: string; TrailARN: string; HomeRegion: string };

/** A trail with its status and event selectors, each asked of the trail's home region (filed under `global` when the bundle does not cover it). */
export interface TrailDetails {
  trail: CloudTrail;
  /** The DescribeTrails pages the trail was first seen in. */
  files: FileRef[];
  /** Unavailable also when the status contradicts itself or the collection time (a time in the future). */
  status: Evidence<GetTrailStatusResponse>;
  selectors: Evidence<Wire<GetEventSelectorsResponse>>;
}

/** Every trail seen in the bundle's regions (deduplicated by ARN), the regions whose listing is unavailable, and listed trails that could not be read. */
export interface AccountTrails {
  trails: TrailDetails[];
  unavailableRegions: { region: string; reason: string }[];
  /** Trail records without a usable identity: for "some trail" checks, a gap that could hide a compliant trail. */
  unreadable: UnusableRecord[];
}

const TRAIL_ARN = /^arn:([a-z-]+):cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

/**
 * A trail's ARN, name and home region, each derived from the others where the listing omits it:
 * the ARN carries region and name, and the ARN of a trail of this account (not an organization
 * trail, which another account may own) is built from account, home region and name.
 */
export function trailIdentity(
  trail: Wire<Trail>,
  account: string,
  partition = 'aws',
): { arn: string; name: string; home: string } | { reason: string } {
  const parsed = trail.TrailARN ? TRAIL_ARN.exec(trail.TrailARN) : null;
  if (trail.TrailARN && !parsed) return { reason: `TrailARN ${JSON.stringify(trail.TrailARN)} is not a trail ARN` };
  const home = trail.HomeRegion ?? parsed?.[2];
  const name = trail.Name ?? parsed?.[4];
  if (!home || !name) return { reason: `lacks ${!home ? 'HomeRegion' : 'Name'} and a TrailARN to derive it from` };
  if (parsed && parsed[2] !== home) return { reason: `HomeRegion ${home} contradicts its TrailARN (region ${parsed[2]})` };
  if (trail.TrailARN) return { arn: trail.TrailARN, name, home };
  if (trail.IsOrganizationTrail === true) return { reason: 'is an organization trail without a TrailARN (its owning account is unknown)' };
  return { arn: `arn:${partition}:cloudtrail:${home}:${account}:trail/${name}`, name, home };
}

/**
 * `cloudtrail:DescribeTrails` of one region: the trails whose home region it is, plus trails
 * homed outside the bundle's regions, judged in the first region (in scope order) that lists them.
 */
export const trailsByHomeRegion = defineEvidence<CloudTrail[]>({
  name: 'CloudTrail trails',
  scope: 'region',
  async load(bundle, { account, region }) {
    const regions = bundle.manifest.scope.regions;
    const listed = await describeTrails(bundle, account, region);
    if (!listed.ok) return listed;
    const outside = listed.value.filter((t) => !regions.includes(t.HomeRegion));
    // A trail homed outside the scope belongs to the first region in scope that lists it; its
    // fields are read from every listing in scope (one may leave out what another shows).
    const copies = new Map<string, { region: string; trail: CloudTrail }[]>();
    const files = [...listed.files];
    const unusable: UnusableRecord[] = [...listField(listed, 'unusable')];
    const own = new Set(listed.value.map((t) => t.TrailARN));
    for (const other of regions) {
      const copy = other === region ? listed : await describeTrails(bundle, account, other);
      if (!copy.ok) continue;
      for (const t of copy.value) {
        if (!regions.includes(t.HomeRegion)) copies.set(t.TrailARN, [...(copies.get(t.TrailARN) ?? []), { region: other, trail: t }]);
        // Another region's shadow copy of a trail homed here that this region's own listing lacks:
        // the listings contradict each other, and the trail must not silently go unjudged.
        if (t.HomeRegion === region && !own.has(t.TrailARN)) {
          own.add(t.TrailARN);
          files.push(...copy.files);
          unusable.push({
            resource: t.TrailARN,
            reason: `DescribeTrails in ${other} lists it as homed in ${region}, but ${region}'s own DescribeTrails does not`,
          });
        }
      }
      if (other !== region && outside.length > 0) files.push(...copy.files);
    }
    const mine: CloudTrail[] = listed.value.filter((t) => t.HomeRegion === region);
    for (const t of outside) {
      const all = copies.get(t.TrailARN) ?? [];
      if (all[0]?.region !== region) continue;
      const merged = mergeCopies(all);
      if ('reason' in merged) unusable.push(merged);
      else mine.push(merged);
    }
    // A status or selectors answer filed here (or under `global`, judged in the first region in
    // scope) for a trail no listing shows: the listing lost the trail, which must not go unjudged.
    for (const orphan of trailCallsOf(bundle, account)) {
      const judgedHere = orphan.filed === region || (orphan.filed === 'global' && regions[0] === region);
      if (!judgedHere || own.has(orphan.arn) || copies.has(orphan.arn)) continue;
      own.add(orphan.arn);
      files.push(...orphan.files);
      unusable.push(orphan.record(region));
    }
    return { ok: true, value: mine, files: [...new Map(files.map((f) => [f.path, f])).values()], unusable };
  },
});

/** A per-trail call (GetTrailStatus, GetEventSelectors) the bundle holds, by the trail ARN it names. */
interface TrailCall {
  arn: string;
  /** The region it is filed under: the trail's home region, or `global`. */
  filed: string;
  files: FileRef[];
  /** The unusable record it makes when no listing shows the trail. */
  record(listedIn: string): UnusableRecord;
}

const TRAIL_CALLS = [
  { operation: 'GetTrailStatus', parameter: 'Name' },
  { operation: 'GetEventSelectors', parameter: 'TrailName' },
] as const;

/**
 * Every trail the bundle asked GetTrailStatus or GetEventSelectors about (answers and collection
 * errors alike), one entry per trail ARN and filing region. The collector asks only about trails
 * DescribeTrails listed, so each names a trail some listing must show.
 */
function trailCallsOf(bundle: EvidenceBundle, account: string): TrailCall[] {
  const found = new Map<string, { arn: string; filed: string; operations: Set<string>; files: FileRef[] }>();
  for (const filed of [...bundle.manifest.scope.regions, 'global']) {
    for (const { operation, parameter } of TRAIL_CALLS) {
      const key = { account, region: filed, service: 'cloudtrail', operation };
      const asked = [
        ...bundle.filesOf(key).map((f) => ({ parameters: f.parameters, file: refOf(f) })),
        ...bundle.errors({ ...key, parameters: undefined }).map((e) => ({ parameters: e.parameters, file: undefined })),
      ];
      for (const { parameters, file } of asked) {
        const arn: unknown = parameters?.[parameter];
        if (typeof arn !== 'string' || arn === '') continue;
        const id = `${filed}\n${arn}`;
        const entry = found.get(id) ?? { arn, filed, operations: new Set<string>(), files: [] };
        entry.operations.add(`cloudtrail:${operation}`);
        if (file) entry.files.push(file);
        found.set(id, entry);
      }
    }
  }
  return [...found.values()].map(({ arn, filed, operations, files }) => ({
    arn,
    filed,
    files,
    record: (listedIn) => ({
      resource: arn,
      reason: `the bundle holds ${[...operations].join(' and ')} for this trail (filed under ${filed}), but DescribeTrails of ${account}/${listedIn} does not list it; the listing is incomplete`,
    }),
  }));
}

/**
 * One trail from the shadow copies the regions in scope list of it: a field one copy leaves out
 * is taken from another; copies that disagree on a field make the trail unusable.
 */
function mergeCopies(copies: { region: string; trail: CloudTrail }[]): CloudTrail | UnusableRecord {
  const merged: Record<string, unknown> = {};
  const seenIn: Record<string, string> = {};
  for (const { region, trail } of copies) {
    for (const [field, value] of Object.entries(trail)) {
      if (value === undefined) continue;
      if (field in merged && JSON.stringify(merged[field]) !== JSON.stringify(value)) {
        return {
          resource: trail.TrailARN,
          reason: `DescribeTrails in ${seenIn[field] ?? '?'} and ${region} disagree on ${field} (${JSON.stringify(merged[field])} and ${JSON.stringify(value)})`,
        };
      }
      merged[field] = value;
      seenIn[field] ??= region;
    }
  }
  return merged as CloudTrail;
}

/** Trails of every region in the bundle's scope, each with its GetTrailStatus and GetEventSelectors from its home region. */
export const accountTrails = defineEvidence<AccountTrails>({
  name: 'CloudTrail trails of every region',
  scope: 'account',
  async load(bundle, { account }) {
    const seen = new Map<string, { trail: CloudTrail; files: FileRef[] }>();
    const shadows = new Map<string, { region: string; trail: CloudTrail }[]>();
    const unavailableRegions: AccountTrails['unavailableRegions'] = [];
    const unreadable = new Map<string, UnusableRecord>();
    const files: FileRef[] = [];
    for (const region of bundle.manifest.scope.regions) {
      const listed = await describeTrails(bundle, account, region);
      if (!listed.ok) {
        unavailableRegions.push({ region, reason: listed.reason });
        continue;
      }
      files.push(...listed.files);
      for (const record of listField(listed, 'unusable')) unreadable.set(`${record.resource}\n${record.reason}`, record);
      // Prefer the home region's listing: the trail's own record rather than a shadow copy.
      for (const trail of listed.value) {
        if (!seen.has(trail.TrailARN) || trail.HomeRegion === region) seen.set(trail.TrailARN, { trail, files: listed.files });
        shadows.set(trail.TrailARN, [...(shadows.get(trail.TrailARN) ?? []), { region, trail }]);
      }
    }
    // A trail homed outside the scope has no authoritative listing: combine its copies.
    for (const [arn, entry] of seen) {
      if (bundle.manifest.scope.regions.includes(entry.trail.HomeRegion)) continue;
      const merged = mergeCopies(shadows.get(arn) ?? []);
      if ('reason' in merged) {
        unreadable.set(`${merged.resource}\n${merged.reason}`, merged);
        seen.delete(arn);
      } else entry.trail = merged;
    }
    // Status or selectors of a trail that no listing in scope shows: a listing lost it. Only where
    // the listing that must show it (its home region's, or any for a trail homed outside) was read.
    const regions = bundle.manifest.scope.regions;
    for (const orphan of trailCallsOf(bundle, account)) {
      if (seen.has(orphan.arn) || [...unreadable.values()].some((r) => r.resource === orphan.arn)) continue;
      if (orphan.filed !== 'global' && unavailableRegions.some((u) => u.region === orphan.filed)) continue;
      const listedIn = orphan.filed === 'global' ? regions.join(', ') : orphan.filed;
      const record = orphan.record(listedIn);
      unreadable.set(`${record.resource}\n${record.reason}`, record);
      files.push(...orphan.files);
    }
    const warnings: string[] = [];
    const trails = await Promise.all(
      [...seen.values()].map(async ({ trail, files: trailFiles }): Promise<TrailDetails> => {
        // The request parameter is Name for GetTrailStatus but TrailName for GetEventSelectors.
        // Filed under the home region when the bundle covers it, else under `global`.
        const filed = bundle.manifest.scope.regions.includes(trail.HomeRegion) ? trail.HomeRegion : 'global';
        const key = (operation: string, parameter: string): CallKey => ({
          account,
          region: filed,
          service: 'cloudtrail',
          operation,
          parameters: { [parameter]: trail.TrailARN },
        });
        const status = typedStatus(
          await loadPages<GetTrailStatusResponse>(bundle, key('GetTrailStatus', 'Name')),
          trail,
          bundle.collectedAt,
        );
        if (!status.ok && 'contradiction' in status) warnings.push(status.reason);
        const selectors = mapEvidence(
          await loadPages<GetEventSelectorsResponse>(bundle, key('GetEventSelectors', 'TrailName')),
          (pages) => pages[0] ?? {},
        );
        return { trail, files: trailFiles, status, selectors };
      }),
    );
    return {
      ok: true,
      value: { trails, unavailableRegions, unreadable: [...unreadable.values()] },
      files,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

const STATUS_TIMES = [
  'LatestDeliveryTime',
  'LatestNotificationTime',
  'StartLoggingTime',
  'StopLoggingTime',
  'LatestCloudWatchLogsDeliveryTime',
  'LatestDigestDeliveryTime',
] as const;

/**
 * GetTrailStatus with its times as Dates. A time that cannot be read, a time after the collection
 * ended, or "logging" with a stop later than the last start makes the status unavailable (no
 * verdict rests on it) rather than failing the whole source.
 */
function typedStatus(
  loaded: Evidence<Wire<GetTrailStatusResponse>[]>,
  trail: CloudTrail,
  collectedAt: Date,
): Evidence<GetTrailStatusResponse> | { ok: false; reason: string; errors: []; contradiction: true } {
  if (!loaded.ok) return loaded;
  const where = `GetTrailStatus of ${trail.TrailARN}`;
  let status: GetTrailStatusResponse;
  try {
    status = reviveDates<GetTrailStatusResponse>(loaded.value[0] ?? {}, STATUS_TIMES, where);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), errors: [], contradiction: true };
  }
  for (const field of STATUS_TIMES) {
    const time = status[field];
    if (time && time.getTime() > collectedAt.getTime()) {
      return {
        ok: false,
        reason: `${where}: ${field} ${time.toISOString()} is later than the collection (${collectedAt.toISOString()}); the status contradicts itself and no verdict rests on it`,
        errors: [],
        contradiction: true,
      };
    }
  }
  const { StartLoggingTime: start, StopLoggingTime: stop } = status;
  if (status.IsLogging === true && start && stop && stop.getTime() > start.getTime()) {
    return {
      ok: false,
      reason: `${where}: IsLogging is true but StopLoggingTime ${stop.toISOString()} is later than StartLoggingTime ${start.toISOString()}; the status contradicts itself and no verdict rests on it`,
      errors: [],
      contradiction: true,
    };
  }
  return { ok: true, value: status, files: loaded.files };
}

async function describeTrails(bundle: EvidenceBundle, account: string, region: string): Promise<Evidence<CloudTrail[]>> {
  const key: CallKey = { account, region, service: 'cloudtrail', operation: 'DescribeTrails', parameters: { includeShadowTrails: true } };
  const where = `cloudtrail:DescribeTrails of ${account}/${region}`;
  return mapRecords(
    await loadPages<DescribeTrailsResponse>(bundle, key),
    (pages) => pages.flatMap((page) => listField(page, 'trailList')),
    where,
    (trail, index): CloudTrail => {
      const identity = trailIdentity(trail, account, partitionOf(trail));
      if ('reason' in identity)
        throw new UnusableRecordError(trail.TrailARN ?? trail.Name ?? `${where}, trail ${index + 1}`, `the trail ${identity.reason}`);
      return { ...trail, Name: identity.name, TrailARN: identity.arn, HomeRegion: identity.home };
    },
  );
}

/** The partition of the ARNs a trail names (its KMS key, topic, log group), else `aws`. */
function partitionOf(trail: Wire<Trail>): string {
  for (const arn of [trail.KmsKeyId, trail.SnsTopicARN, trail.CloudWatchLogsLogGroupArn, trail.CloudWatchLogsRoleArn]) {
    const match = arn ? /^arn:([a-z-]+):/.exec(arn) : null;
    if (match?.[1]) return match[1];
  }
  return 'aws';
}

/**
 * Whether event selectors record every management event, reads and writes, as the benchmark's
 * audit asks: a classic selector with IncludeManagementEvents true, ReadWriteType All and no
 * excluded event sources (AWS documents true and All as the defaults when a field is omitted), or
 * an advanced selector whose only field is eventCategory equal to Management (a readOnly or
 * eventSource field narrows it). Returns how, or undefined.
 */
export function recordsAllManagementEvents({
  EventSelectors,
  AdvancedEventSelectors,
}: Wire<GetEventSelectorsResponse>): string | undefined {
  const classic = (EventSelectors ?? []).find(
    (s) =>
      (s.IncludeManagementEvents ?? true) &&
      (s.ReadWriteType ?? 'All') === 'All' &&
      listField(s, 'ExcludeManagementEventSources').length === 0,
  );
  if (classic)
    return `classic selector, IncludeManagementEvents true, ReadWriteType ${classic.ReadWriteType ?? 'All (omitted, the default)'}`;
  const advanced = (AdvancedEventSelectors ?? []).find(({ FieldSelectors = [] }) => {
    if (FieldSelectors.length === 0) return false;
    return FieldSelectors.every((f) => {
      const onlyEquals = !f.StartsWith && !f.EndsWith && !f.NotEquals && !f.NotStartsWith && !f.NotEndsWith;
      return f.Field === 'eventCategory' && onlyEquals && listField(f, 'Equals').includes('Management');
    });
  });
  if (advanced) return `advanced selector${advanced.Name ? ` "${advanced.Name}"` : ''} on eventCategory Management without readOnly`;
  return undefined;
}
