import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { defineSource } from './source.js';

/**
 * Per region: DescribeTrails with shadow trails, then GetTrailStatus and GetEventSelectors for
 * each trail whose home region this is (a multi-region trail is asked once, at home).
 */
export default defineSource({
  id: 'cloudtrail',
  scope: 'region',
  services: ['cloudtrail'],
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
  },
});
