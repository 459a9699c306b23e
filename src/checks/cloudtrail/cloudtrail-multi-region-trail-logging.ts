import type { GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { accountTrails, recordsAllManagementEvents, type TrailDetails } from '../../bundle/evidence/cloudtrail.js';
import type { Wire } from '../../bundle/evidence/wire.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck } from '../define-check.js';

type Verdict = { kind: 'compliant'; how: string } | { kind: 'non-compliant'; why: string } | { kind: 'unknown'; why: string };

/** At least one multi-region trail is logging read and write management events. */
export default defineCheck({
  id: 'cloudtrail-multi-region-trail-logging',
  title: 'A multi-region trail is logging read and write management events',
  description:
    'Across DescribeTrails of every region in scope, at least one multi-region trail must be logging (GetTrailStatus in its home region) and record all read and write management events (GetEventSelectors: a classic selector with IncludeManagementEvents true, ReadWriteType All and no excluded sources, or an advanced selector on eventCategory Management with no readOnly or other field).',
  scope: 'account',
  needs: { trails: accountTrails },
  params: {},
  *run({ trails }, ctx) {
    const multiRegion = trails.trails.filter((t) => t.trail.IsMultiRegionTrail === true).map((t) => ({ t, verdict: judge(t) }));
    const compliant = multiRegion.find((m) => m.verdict.kind === 'compliant');
    if (compliant?.verdict.kind === 'compliant') {
      const { t } = compliant;
      const files: FileRef[] = [...t.files, ...(t.status.ok ? t.status.files : []), ...(t.selectors.ok ? t.selectors.files : [])];
      yield ctx.pass(
        ctx.scope.account,
        `trail ${t.trail.TrailARN} is multi-region, logging (IsLogging true in ${t.trail.HomeRegion}), and records read and write management events (${compliant.verdict.how})`,
        files,
      );
      return;
    }
    // Without a compliant trail, any gap could hide one: never FAIL on partial evidence.
    const gaps = [
      ...trails.unavailableRegions.map((r) => r.reason),
      ...trails.unreadable.map((r) => `${r.resource}: ${r.reason}`),
      ...multiRegion.flatMap(({ t, verdict }) => (verdict.kind === 'unknown' ? [`trail ${t.trail.TrailARN}: ${verdict.why}`] : [])),
    ];
    if (gaps.length > 0) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `no compliant multi-region trail found, and some evidence is missing or unreadable: ${gaps.join('; ')}`,
      );
      return;
    }
    const reasons = multiRegion.flatMap(({ t, verdict }) =>
      verdict.kind === 'non-compliant' ? [`trail ${t.trail.TrailARN} ${verdict.why}`] : [],
    );
    yield ctx.fail(
      ctx.scope.account,
      trails.trails.length === 0
        ? 'no CloudTrail trail in any region in scope (required: a multi-region trail that is logging)'
        : multiRegion.length === 0
          ? `no multi-region trail (only ${trails.trails.length} single-region trail${trails.trails.length === 1 ? '' : 's'}; IsMultiRegionTrail must be true)`
          : `no multi-region trail is both logging and recording all read and write management events: ${reasons.join('; ')}`,
    );
  },
});

function judge({ status, selectors }: TrailDetails): Verdict {
  if (status.ok && status.value.IsLogging !== true)
    return { kind: 'non-compliant', why: `is not logging (IsLogging ${String(status.value.IsLogging ?? 'absent')})` };
  const how = selectors.ok ? recordsAllManagementEvents(selectors.value) : undefined;
  if (selectors.ok && !how)
    return { kind: 'non-compliant', why: `does not record all read and write management events (${describeSelectors(selectors.value)})` };
  if (!status.ok) return { kind: 'unknown', why: status.reason };
  if (!selectors.ok || !how) return { kind: 'unknown', why: selectors.ok ? 'no selectors' : selectors.reason };
  return { kind: 'compliant', how };
}

/** What the selectors say about management events, for a reason. */
function describeSelectors({ EventSelectors, AdvancedEventSelectors }: Wire<GetEventSelectorsResponse>): string {
  const classic = (EventSelectors ?? []).map(
    (s) =>
      `classic: IncludeManagementEvents ${String(s.IncludeManagementEvents ?? 'absent')}, ReadWriteType ${s.ReadWriteType ?? 'absent'}${
        (s.ExcludeManagementEventSources ?? []).length > 0 ? `, excluding ${(s.ExcludeManagementEventSources ?? []).join(', ')}` : ''
      }`,
  );
  const advanced = (AdvancedEventSelectors ?? []).map(
    (s) =>
      `advanced${s.Name ? ` "${s.Name}"` : ''}: ${(s.FieldSelectors ?? []).map((f) => `${f.Field ?? '?'}${f.Equals ? `=${f.Equals.join('|')}` : ' (not an equality)'}`).join(', ')}`,
  );
  const all = [...classic, ...advanced];
  return all.length === 0 ? 'no event selectors' : all.join('; ');
}
