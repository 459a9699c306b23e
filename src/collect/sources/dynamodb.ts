import type { ListTagsOfResourceCommandOutput } from '@aws-sdk/client-dynamodb';
import { defineSource } from './source.js';

// ListTables returns at most 100 names a page; DescribeScalableTargets at most 50, DescribeScalingPolicies at most 10.
const TABLES_PAGE = 100;
const TARGETS_PAGE = 50;
const POLICIES_PAGE = 10;

/**
 * Per region: the DynamoDB tables (ListTables), each one's DescribeTable (billing mode, provisioned
 * throughput of the table and its global secondary indexes, SSEDescription),
 * DescribeContinuousBackups (point-in-time recovery) and ListTagsOfResource (for AWS Backup tag
 * selections), the account's DescribeLimits, and the Application Auto Scaling targets and policies of
 * the `dynamodb` namespace.
 */
export default defineSource({
  id: 'dynamodb',
  scope: 'region',
  services: ['dynamodb', 'applicationautoscaling'],
  async collect(ctx) {
    const { paginateListTables, DescribeTableCommand, DescribeContinuousBackupsCommand, DescribeLimitsCommand, ListTagsOfResourceCommand } =
      await import('../../shared/aws-sdk/client-dynamodb.js');
    const { paginateDescribeScalableTargets, paginateDescribeScalingPolicies } =
      await import('../../shared/aws-sdk/client-application-auto-scaling.js');
    const pages = await ctx.pages(
      { service: 'dynamodb', operation: 'ListTables' },
      (client, startingToken, options) => paginateListTables({ client, startingToken, pageSize: TABLES_PAGE }, {}, options),
      (page) => page.LastEvaluatedTableName,
    );
    const names = [...new Set(pages?.flatMap((page) => (Array.isArray(page.TableNames) ? page.TableNames : [])) ?? [])].filter(
      (name): name is string => typeof name === 'string' && name !== '',
    );
    await ctx.each(names, async (name) => {
      const described = await ctx.call(
        {
          service: 'dynamodb',
          operation: 'DescribeTable',
          parameters: { TableName: name },
          key: name,
          notFound: ['ResourceNotFoundException'],
        },
        (client, options) => client.send(new DescribeTableCommand({ TableName: name }), options),
      );
      await ctx.call(
        {
          service: 'dynamodb',
          operation: 'DescribeContinuousBackups',
          parameters: { TableName: name },
          key: name,
          notFound: ['TableNotFoundException', 'ResourceNotFoundException'],
        },
        (client, options) => client.send(new DescribeContinuousBackupsCommand({ TableName: name }), options),
      );
      // Tags are asked for by ARN; a table that vanished (or whose description failed) has none to ask for.
      const arn = described?.Table?.TableArn;
      if (typeof arn !== 'string' || arn === '') return;
      await ctx.pages(
        {
          service: 'dynamodb',
          operation: 'ListTagsOfResource',
          parameters: { ResourceArn: arn },
          key: name,
          notFound: ['ResourceNotFoundException'],
        },
        (client, startingToken, options) =>
          (async function* (): AsyncGenerator<ListTagsOfResourceCommandOutput> {
            let token = startingToken;
            do {
              const page = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }), options);
              yield page;
              token = page.NextToken;
            } while (token);
          })(),
        (page) => page.NextToken,
      );
    });
    await ctx.call({ service: 'dynamodb', operation: 'DescribeLimits' }, (client, options) =>
      client.send(new DescribeLimitsCommand({}), options),
    );
    await ctx.pages(
      { service: 'applicationautoscaling', operation: 'DescribeScalableTargets', parameters: { ServiceNamespace: 'dynamodb' } },
      (client, startingToken, options) =>
        paginateDescribeScalableTargets({ client, startingToken, pageSize: TARGETS_PAGE }, { ServiceNamespace: 'dynamodb' }, options),
      (page) => page.NextToken,
    );
    await ctx.pages(
      { service: 'applicationautoscaling', operation: 'DescribeScalingPolicies', parameters: { ServiceNamespace: 'dynamodb' } },
      (client, startingToken, options) =>
        paginateDescribeScalingPolicies({ client, startingToken, pageSize: POLICIES_PAGE }, { ServiceNamespace: 'dynamodb' }, options),
      (page) => page.NextToken,
    );
  },
});
