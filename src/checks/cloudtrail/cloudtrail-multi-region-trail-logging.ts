import type { GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { accountTrails, type TrailDetails } from '../../bundle/evidence/cloudtrail.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck } from '../define-check.js';

type Verdict = { kind: 'compliant' } | { kind: 'non-compliant'; why: string } | { kind: 'unknown'; why: string };

/** At least one multi-region trail is logging read and write management events. */
export default defineCheck({
  id: 'cloudtrail-multi-region-trail-logging',
  title: 'A multi-region trail is logging read and write management events',
  description:
    'Across DescribeTrails of every region in scope, at least one multi-region trail must be logging (GetTrailStatus) and record read and write management events (GetEventSelectors, classic or advanced).',
  scope: 'account',
  needs: { trails: accountTrails },
  params: {},
  *run({ trails }, ctx) {
    const multiRegion = trails.trails.filter((t) => t.trail.IsMultiRegionTrail === true).map((t) => ({ t, verdict: judge(t) }));
    const compliant = multiRegion.find((m) => m.verdict.kind === 'compliant');
    if (compliant) {
      const { t } = compliant;
      const files: FileRef[] = [...t.files, ...(t.status.ok ? t.status.files : []), ...(t.selectors.ok ? t.selectors.files : [])];
      yield ctx.pass(
        ctx.scope.account,
        `trail ${t.trail.TrailARN} is multi-region, logging, and records read and write management events`,
        files,
      );
      return;
    }
    // Without a compliant trail, any gap could hide one: never FAIL on partial evidence.
    const gaps = [
      ...trails.unavailableRegions.map((r) => r.reason),
      ...multiRegion.flatMap(({ t, verdict }) => (verdict.kind === 'unknown' ? [`trail ${t.trail.TrailARN}: ${verdict.why}`] : [])),
    ];
    if (gaps.length > 0) {
      yield ctx.notEvaluated(ctx.scope.account, `no compliant multi-region trail found, and some evidence is missing: ${gaps.join('; ')}`);
      return;
    }
    const reasons = multiRegion.flatMap(({ t, verdict }) =>
      verdict.kind === 'non-compliant' ? [`trail ${t.trail.TrailARN} ${verdict.why}`] : [],
    );
    yield ctx.fail(
      ctx.scope.account,
      trails.trails.length === 0
        ? 'no CloudTrail trail in any region in scope'
        : multiRegion.length === 0
          ? `no multi-region trail (only ${trails.trails.length} single-region trails)`
          : `no multi-region trail is both logging and recording read and write management events: ${reasons.join('; ')}`,
    );
  },
});

function judge({ status, selectors }: TrailDetails): Verdict {
  if (status.ok && status.value.IsLogging !== true) return { kind: 'non-compliant', why: 'is not logging' };
  if (selectors.ok && !recordsManagementEvents(selectors.value))
    return { kind: 'non-compliant', why: 'does not record both read and write management events' };
  if (!status.ok) return { kind: 'unknown', why: status.reason };
  if (!selectors.ok) return { kind: 'unknown', why: selectors.reason };
  return { kind: 'compliant' };
}

function recordsManagementEvents({ EventSelectors, AdvancedEventSelectors }: GetEventSelectorsResponse): boolean {
  const classic = (EventSelectors ?? []).some((s) => s.IncludeManagementEvents === true && s.ReadWriteType === 'All');
  const advanced = (AdvancedEventSelectors ?? []).some(({ FieldSelectors = [] }) => {
    const management = FieldSelectors.some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management'));
    // A readOnly field selector limits the selector to reads or to writes.
    return management && !FieldSelectors.some((f) => f.Field === 'readOnly');
  });
  return classic || advanced;
}
