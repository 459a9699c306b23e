import { trailIdentity } from '../../bundle/evidence/cloudtrail.js';
import { listBuckets, otherBucket } from './s3.js';
import { defineSource } from './source.js';

/**
 * Per region: DescribeTrails with shadow trails, then GetTrailStatus and GetEventSelectors of
 * every trail listed, each asked of the trail's home region — also when that region is outside
 * `--regions`, since a multi-region trail homed there covers the regions in scope (those answers
 * are filed under `global`). A trail listed
 * in several regions is asked about once (the context shares identical calls). A bucket a trail
 * homed here delivers to that this account's ListBuckets does not list (an organisation's
 * log-archive bucket) is asked about here; the account's own buckets are the s3 source's.
 */
export default defineSource({
  id: 'cloudtrail',
  scope: 'region',
  services: ['cloudtrail', 's3'],
  async collect(ctx) {
    const { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } =
      await import('../../shared/aws-sdk/client-cloudtrail.js');
    const listed = await ctx.call(
      { service: 'cloudtrail', operation: 'DescribeTrails', parameters: { includeShadowTrails: true } },
      (client, options) => client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), options),
    );
    const trails = (listed?.trailList ?? []).flatMap((t) => {
      const identity = trailIdentity(t, ctx.account.id, ctx.account.partition);
      return 'reason' in identity ? [] : [{ ...identity, trail: t }];
    });
    // Trails homed here first, then shadow copies in a stable order: the calls are the same either way.
    const ordered = [
      ...trails.filter((t) => t.home === ctx.region),
      ...trails.filter((t) => t.home !== ctx.region).sort((a, b) => a.arn.localeCompare(b.arn)),
    ];
    await ctx.each(ordered, async ({ arn, name, home }) => {
      // Asked of the home region's endpoint; filed under that region when the run covers it, else
      // under `global` (a bundle holds files of its own regions only).
      const cloudtrail = await ctx.client('cloudtrail', home);
      const filed = ctx.account.regions.includes(home) ? home : 'global';
      // The parameter is Name for GetTrailStatus but TrailName for GetEventSelectors; both take the ARN.
      await ctx.call(
        { service: 'cloudtrail', operation: 'GetTrailStatus', region: filed, parameters: { Name: arn }, key: name },
        (_client, options) => cloudtrail.send(new GetTrailStatusCommand({ Name: arn }), options),
      );
      await ctx.call(
        { service: 'cloudtrail', operation: 'GetEventSelectors', region: filed, parameters: { TrailName: arn }, key: name },
        (_client, options) => cloudtrail.send(new GetEventSelectorsCommand({ TrailName: arn }), options),
      );
    });
    const targets = new Set(
      trails.filter((t) => t.home === ctx.region).flatMap((t) => (t.trail.S3BucketName ? [t.trail.S3BucketName] : [])),
    );
    if (targets.size === 0) return;
    // The s3 source's ListBuckets, shared or read back. Without it no bucket is known to be this
    // account's, and the s3 source asked about none, so every trail bucket is asked about here.
    const own = new Set(((await listBuckets(ctx)) ?? []).map((b) => b.name));
    // Two trails delivering to one bucket make the same calls, which the context makes once.
    await ctx.each([...targets].filter((b) => !own.has(b)).sort(), (bucket) => otherBucket(ctx, bucket));
  },
});
