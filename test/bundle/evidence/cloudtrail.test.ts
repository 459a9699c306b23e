import { describe, expect, it } from 'vitest';
import { accountTrails, trailsByHomeRegion } from '../../../src/bundle/evidence/cloudtrail.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { callError, describeTrails, eventSelectors, trail, trailStatus } from '../../helpers/aws-builders.js';

const main = () => trail('main-trail');
const legacy = () => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false });

describe('CloudTrail evidence', () => {
  it('lists a region only the trails homed there, leaving shadow copies out', async () => {
    const bundle = await testBundle({ files: [describeTrails('eu-west-1', [main(), legacy()])] });
    const evidence = await trailsByHomeRegion.load(bundle, { account: '111122223333', region: 'eu-west-1' });
    expect(evidence.ok && evidence.value.map((t) => t.Name)).toEqual(['legacy-eu-trail']);
  });

  it('dedupes trails across regions by ARN, citing the home region listing, with status dates as Dates', async () => {
    const bundle = await testBundle({ files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), legacy()]), trailStatus(main()), eventSelectors(main())] });
    const evidence = await accountTrails.load(bundle, { account: '111122223333', region: 'global' });
    if (!evidence.ok) throw new Error(evidence.reason);
    const [first, second] = evidence.value.trails;
    expect(evidence.value.trails.map((t) => t.trail.Name)).toEqual(['main-trail', 'legacy-eu-trail']);
    expect(first?.files[0]?.path).toMatch(/us-east-1\/cloudtrail\/DescribeTrails/);
    expect(first?.status).toMatchObject({ ok: true, value: { IsLogging: true, LatestDeliveryTime: new Date('2026-09-29T23:58:12.417Z'), TimeLoggingStarted: '2024-03-11T14:22:05Z' } });
    expect(first?.selectors.ok).toBe(true);
    expect(second?.status.ok === false && second.status.reason).toMatch(/GetTrailStatus Name=arn:aws:cloudtrail:eu-west-1:111122223333:trail\/legacy-eu-trail in 111122223333\/eu-west-1 is not in the bundle/);
  });

  it('records a region whose DescribeTrails failed instead of failing the whole account', async () => {
    const bundle = await testBundle({
      files: [describeTrails('us-east-1', [main()])],
      errors: [callError('cloudtrail', 'DescribeTrails', 'AccessDenied', 'eu-west-1', { includeShadowTrails: true })],
    });
    const evidence = await accountTrails.load(bundle, { account: '111122223333', region: 'global' });
    const unavailable = evidence.ok ? evidence.value.unavailableRegions : [];
    expect(unavailable.map((r) => r.region)).toEqual(['eu-west-1']);
    expect(unavailable[0]?.reason).toMatch(/DescribeTrails .*AccessDenied/);
  });
});
