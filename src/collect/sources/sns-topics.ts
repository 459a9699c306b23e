import { defineSource } from './source.js';

/**
 * Per region: SNS topics (ListTopics, every page: 100 a page, not settable) and the attributes of
 * each (GetTopicAttributes, for KmsMasterKeyId); a topic deleted meanwhile answers NotFound,
 * recorded as absence.
 */
export default defineSource({
  id: 'sns-topics',
  scope: 'region',
  services: ['sns'],
  async collect(ctx) {
    const { paginateListTopics, GetTopicAttributesCommand } = await import('../../shared/aws-sdk/client-sns.js');
    const pages = await ctx.pages(
      { service: 'sns', operation: 'ListTopics' },
      (client, startingToken, options) => paginateListTopics({ client, startingToken }, {}, options),
      (page) => page.NextToken,
    );
    const arns = pages
      ?.flatMap((page) => page.Topics ?? [])
      .flatMap((t) => (typeof t.TopicArn === 'string' && t.TopicArn !== '' ? [t.TopicArn] : []));
    await ctx.each(new Set(arns), async (TopicArn) => {
      await ctx.call(
        {
          service: 'sns',
          operation: 'GetTopicAttributes',
          parameters: { TopicArn },
          key: TopicArn.split(':').pop() ?? TopicArn,
          notFound: ['NotFound', 'NotFoundException'],
        },
        (client, options) => client.send(new GetTopicAttributesCommand({ TopicArn }), options),
      );
    });
  },
});
