import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { listBuckets, otherBucket } from './s3.js';
import { defineSource } from './source.js';

/**
 * Per region: DescribeTrails with shadow trails, then GetTrailStatus and GetEventSelectors for
 * each trail whose home region this is (a multi-region trail is asked once, at home). A bucket
 * such a trail delivers to that this account's ListBuckets does not list (an organisation's
 * log-archive bucket) is asked about here; the account's own buckets are the s3 source's.
 */
export default defineSource({
  id: 'cloudtrail',
  scope: 'region',
  services: ['cloudtrail', 's3'],
  async collect(ctx) {
    const listed = await ctx.call({ service: 'cloudtrail', operation: 'DescribeTrails', parameters: { includeShadowTrails: true } }, (client, options) =>
      client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), options),
    );
    const trails = (listed?.trailList ?? []).filter((t) => t.HomeRegion === ctx.region && t.TrailARN !== undefined && t.Name !== undefined);
    for (const trail of trails) {
      const arn = trail.TrailARN as string;
      const key = trail.Name as string;
      // The parameter is Name for GetTrailStatus but TrailName for GetEventSelectors; both take the ARN.
      await ctx.call({ service: 'cloudtrail', operation: 'GetTrailStatus', parameters: { Name: arn }, key }, (client, options) =>
        client.send(new GetTrailStatusCommand({ Name: arn }), options),
      );
      await ctx.call({ service: 'cloudtrail', operation: 'GetEventSelectors', parameters: { TrailName: arn }, key }, (client, options) =>
        client.send(new GetEventSelectorsCommand({ TrailName: arn }), options),
      );
    }
    const targets = new Set(trails.flatMap((t) => (t.S3BucketName ? [t.S3BucketName] : [])));
    if (targets.size === 0) return;
    // The s3 source's ListBuckets, shared or read back. Without it no bucket is known to be this
    // account's, and the s3 source asked about none, so every trail bucket is asked about here.
    const own = new Set(((await listBuckets(ctx)) ?? []).map((b) => b.name));
    // Two trails delivering to one bucket make the same calls, which the context makes once.
    for (const bucket of [...targets].filter((b) => !own.has(b)).sort()) await otherBucket(ctx, bucket);
  },
});
