import type { AdvancedEventSelector, EventSelector, GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { accountTrails, type TrailDetails } from '../../bundle/evidence/cloudtrail.js';
import type { Wire } from '../../bundle/evidence/wire.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck } from '../define-check.js';

type Kind = 'read' | 'write';
type Verdict = { kind: 'compliant'; how: string } | { kind: 'non-compliant'; why: string } | { kind: 'unknown'; why: string };

/** A logging multi-region trail records S3 object-level events of one kind for every bucket. */
export default defineCheck({
  id: 'cloudtrail-s3-object-logging-enabled',
  title: 'Object-level logging of S3 read or write events is enabled for all buckets',
  description:
    'Across DescribeTrails of every region in scope, at least one multi-region trail must be logging (GetTrailStatus) and select S3 data events (AWS::S3::Object) of the given kind for all buckets (GetEventSelectors, classic or advanced).',
  scope: 'account',
  needs: { trails: accountTrails },
  params: {
    events: { type: 'string', enum: ['read', 'write'], description: 'Which S3 object-level events must be recorded: "read" or "write".' },
  },
  *run({ trails }, ctx) {
    const kind = ctx.params.events as Kind;
    if (kind !== 'read' && kind !== 'write') throw new Error(`events is ${JSON.stringify(ctx.params.events)}, expected "read" or "write"`);
    const judged = trails.trails.map((t) => ({ t, verdict: judge(t, kind) }));
    const compliant = judged.find((j) => j.verdict.kind === 'compliant');
    if (compliant?.verdict.kind === 'compliant') {
      const { t } = compliant;
      const files: FileRef[] = [...t.files, ...(t.status.ok ? t.status.files : []), ...(t.selectors.ok ? t.selectors.files : [])];
      yield ctx.pass(
        ctx.scope.account,
        `trail ${t.trail.TrailARN} is multi-region, logging, and records S3 object ${kind} events for all buckets (${compliant.verdict.how})`,
        files,
      );
      return;
    }
    // Without a compliant trail, any gap could hide one: never FAIL on partial evidence.
    const gaps = [
      ...trails.unavailableRegions.map((r) => r.reason),
      ...trails.unreadable.map((r) => `${r.resource}: ${r.reason}`),
      ...judged.flatMap(({ t, verdict }) => (verdict.kind === 'unknown' ? [`trail ${t.trail.TrailARN}: ${verdict.why}`] : [])),
    ];
    if (gaps.length > 0) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `no trail shown to record S3 object ${kind} events for all buckets, and some evidence is missing or unreadable: ${gaps.join('; ')}`,
      );
      return;
    }
    const reasons = judged.flatMap(({ t, verdict }) =>
      verdict.kind === 'non-compliant' ? [`trail ${t.trail.TrailARN} ${verdict.why}`] : [],
    );
    yield ctx.fail(
      ctx.scope.account,
      trails.trails.length === 0
        ? 'no CloudTrail trail in any region in scope (required: a multi-region trail recording S3 object events)'
        : `no trail records S3 object ${kind} events for all buckets (required: one multi-region, logging trail that does): ${reasons.join('; ')}`,
    );
  },
});

function judge({ trail, status, selectors }: TrailDetails, kind: Kind): Verdict {
  // A single-region trail sees only the data events of buckets in its own region.
  if (trail.IsMultiRegionTrail !== true) return { kind: 'non-compliant', why: 'is single-region' };
  if (status.ok && status.value.IsLogging !== true)
    return { kind: 'non-compliant', why: `is not logging (IsLogging ${String(status.value.IsLogging ?? 'absent')})` };
  const how = selectors.ok ? recordsObjectEvents(selectors.value, kind) : undefined;
  if (selectors.ok && !how) {
    const partial = selectors.ok ? specificBuckets(selectors.value, kind) : [];
    return {
      kind: 'non-compliant',
      why:
        partial.length > 0
          ? `selects S3 object ${kind} events only for ${partial.join(', ')} (required: all current and future buckets)`
          : `selects no S3 object ${kind} events for all buckets`,
    };
  }
  if (!status.ok) return { kind: 'unknown', why: status.reason };
  if (!selectors.ok || !how) return { kind: 'unknown', why: selectors.ok ? 'no selectors' : selectors.reason };
  return { kind: 'compliant', how };
}

/** How the trail selects the events, or undefined when it does not (for every bucket). */
function recordsObjectEvents({ EventSelectors, AdvancedEventSelectors }: Wire<GetEventSelectorsResponse>, kind: Kind): string | undefined {
  const classic = (EventSelectors ?? []).find((s) => classicCovers(s, kind));
  if (classic) return `classic selector, ReadWriteType ${classic.ReadWriteType ?? 'All'}`;
  const advanced = (AdvancedEventSelectors ?? []).find((s) => advancedCovers(s, kind));
  if (advanced) return `advanced selector${advanced.Name ? ` "${advanced.Name}"` : ''}`;
  return undefined;
}

/** The bucket prefixes classic selectors of the right kind name instead of every bucket, for a reason. */
function specificBuckets({ EventSelectors }: Wire<GetEventSelectorsResponse>, kind: Kind): string[] {
  return (EventSelectors ?? [])
    .filter((s) => kindMatches(s.ReadWriteType, kind))
    .flatMap((s) => (s.DataResources ?? []).filter((r) => r.Type === 'AWS::S3::Object').flatMap((r) => r.Values ?? []));
}

function kindMatches(readWriteType: string | undefined, kind: Kind): boolean {
  // ReadWriteType is optional; AWS documents All as its default.
  const type = readWriteType ?? 'All';
  return type === 'All' || type === (kind === 'read' ? 'ReadOnly' : 'WriteOnly');
}

// "arn:aws:s3" (or "arn:aws:s3:::") as a DataResources value means every bucket, present and future.
const ALL_BUCKETS = /^arn:[a-z-]+:s3(:::)?$/;

function classicCovers(selector: Wire<EventSelector>, kind: Kind): boolean {
  if (!kindMatches(selector.ReadWriteType, kind)) return false;
  return (selector.DataResources ?? []).some((r) => r.Type === 'AWS::S3::Object' && (r.Values ?? []).some((v) => ALL_BUCKETS.test(v)));
}

function advancedCovers({ FieldSelectors = [] }: Wire<AdvancedEventSelector>, kind: Kind): boolean {
  const readOnly = kind === 'read' ? 'true' : 'false';
  let data = false;
  let objects = false;
  for (const f of FieldSelectors) {
    const onlyEquals = !f.StartsWith && !f.EndsWith && !f.NotEquals && !f.NotStartsWith && !f.NotEndsWith;
    if (f.Field === 'eventCategory') data = onlyEquals && (f.Equals ?? []).includes('Data');
    else if (f.Field === 'resources.type') objects = onlyEquals && (f.Equals ?? []).includes('AWS::S3::Object');
    else if (f.Field === 'readOnly') {
      // Either form limits the selector to one kind; it must be ours.
      const selects = (f.Equals ?? []).includes(readOnly) || (f.NotEquals ?? []).some((v) => v !== readOnly);
      if (!selects) return false;
    } else if (f.Field === 'resources.ARN') {
      // Only a prefix every S3 object ARN has leaves the selector covering all buckets.
      const everyBucket =
        !f.Equals &&
        !f.EndsWith &&
        !f.NotEquals &&
        !f.NotStartsWith &&
        !f.NotEndsWith &&
        (f.StartsWith ?? []).some((p) => ALL_BUCKETS.test(p));
      if (!everyBucket) return false;
    } else {
      // eventName, eventSource, userIdentity.arn, … narrow the events recorded.
      return false;
    }
  }
  return data && objects;
}
