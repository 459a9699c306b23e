import { defineSource } from './source.js';

/**
 * Per region, the CIS monitoring chain: the metric filters on the CloudWatch Logs groups that
 * trails of this region deliver to, the region's metric alarms, and the subscriptions of the SNS
 * topics those alarms notify when they watch a filter's metric.
 */
export default defineSource({
  id: 'monitoring',
  scope: 'region',
  services: ['logs', 'cloudwatch', 'sns'],
  async collect(ctx) {
    const { DescribeTrailsCommand } = await import('../../shared/aws-sdk/client-cloudtrail.js');
    // The same call the cloudtrail source makes: shared, or read back, never asked twice.
    const trails = await ctx.call(
      { service: 'cloudtrail', operation: 'DescribeTrails', parameters: { includeShadowTrails: true } },
      (client, options) => client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), options),
    );
    // arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/acme:*
    const groups = new Set(
      (trails?.trailList ?? []).flatMap((t) => {
        const match = /^arn:[^:]+:logs:([^:]+):[^:]*:log-group:(.+?)(?::\*)?$/.exec(t.CloudWatchLogsLogGroupArn ?? '');
        return match && match[1] === ctx.region && match[2] ? [match[2]] : [];
      }),
    );
    const { paginateDescribeMetricFilters } = await import('../../shared/aws-sdk/client-cloudwatch-logs.js');
    const metrics = new Set<string>();
    await ctx.each([...groups].sort(), async (logGroupName) => {
      const filters = await ctx.pages(
        { service: 'logs', operation: 'DescribeMetricFilters', parameters: { logGroupName }, key: logGroupName },
        (client, startingToken, options) =>
          paginateDescribeMetricFilters({ client, startingToken, pageSize: 50 }, { logGroupName }, options),
        (page) => page.nextToken,
      );
      for (const filter of (filters ?? []).flatMap((page) => page.metricFilters ?? [])) {
        for (const t of filter.metricTransformations ?? []) metrics.add(`${t.metricNamespace ?? ''}|${t.metricName ?? ''}`);
      }
    });
    const { paginateDescribeAlarms } = await import('../../shared/aws-sdk/client-cloudwatch.js');
    const alarms = await ctx.pages(
      { service: 'cloudwatch', operation: 'DescribeAlarms' },
      (client, startingToken, options) => paginateDescribeAlarms({ client, startingToken, pageSize: 100 }, {}, options),
      (page) => page.NextToken,
    );
    const topics = new Set(
      (alarms ?? [])
        .flatMap((page) => page.MetricAlarms ?? [])
        .filter((a) => metrics.has(`${a.Namespace ?? ''}|${a.MetricName ?? ''}`))
        .flatMap((a) => a.AlarmActions ?? [])
        .filter((arn) => arn.startsWith('arn:') && arn.split(':')[2] === 'sns' && arn.split(':')[3] === ctx.region),
    );
    const { paginateListSubscriptionsByTopic } = await import('../../shared/aws-sdk/client-sns.js');
    await ctx.each([...topics].sort(), async (TopicArn) => {
      await ctx.pages(
        { service: 'sns', operation: 'ListSubscriptionsByTopic', parameters: { TopicArn }, key: TopicArn.split(':').pop() ?? TopicArn },
        (client, startingToken, options) => paginateListSubscriptionsByTopic({ client, startingToken }, { TopicArn }, options),
        (page) => page.NextToken,
      );
    });
  },
});
