import type { DescribeEnvironmentsCommandOutput, ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk';
import { latestRevisions, parseTaskDefinitionArn } from '../../bundle/evidence/ecs.js';
import type { SendOptions } from '../context.js';
import { defineSource } from './source.js';

// 100 is the most the Auto Scaling Describe* listings return a page.
const AUTOSCALING_PAGE_SIZE = 100;
// ListTaskDefinitions allows up to 100 per page.
const ECS_PAGE_SIZE = 100;
// DescribeEnvironments allows up to 1000 per page.
const BEANSTALK_PAGE_SIZE = 1000;

/**
 * Per region: Auto Scaling groups and launch configurations; Elastic Beanstalk environments (not
 * deleted) with the configuration settings of each; the ACTIVE ECS task definitions with the latest
 * revision of each family described; EMR clusters in RUNNING or WAITING state with the instances of
 * each one's MASTER instance group.
 */
export default defineSource({
  id: 'compute-services',
  scope: 'region',
  services: ['autoscaling', 'elasticbeanstalk', 'ecs', 'emr'],
  async collect(ctx) {
    const { paginateDescribeAutoScalingGroups, paginateDescribeLaunchConfigurations } =
      await import('../../shared/aws-sdk/client-auto-scaling.js');
    await ctx.pages(
      { service: 'autoscaling', operation: 'DescribeAutoScalingGroups' },
      (client, startingToken, options) =>
        paginateDescribeAutoScalingGroups({ client, startingToken, pageSize: AUTOSCALING_PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );
    await ctx.pages(
      { service: 'autoscaling', operation: 'DescribeLaunchConfigurations' },
      (client, startingToken, options) =>
        paginateDescribeLaunchConfigurations({ client, startingToken, pageSize: AUTOSCALING_PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );

    const { DescribeEnvironmentsCommand, DescribeConfigurationSettingsCommand } =
      await import('../../shared/aws-sdk/client-elastic-beanstalk.js');
    // The Elastic Beanstalk SDK has no paginator for DescribeEnvironments: follow NextToken by hand.
    async function* environmentPages(client: ElasticBeanstalkClient, startingToken: string | undefined, options: SendOptions) {
      let token = startingToken;
      do {
        const page: DescribeEnvironmentsCommandOutput = await client.send(
          new DescribeEnvironmentsCommand({
            IncludeDeleted: false,
            MaxRecords: BEANSTALK_PAGE_SIZE,
            ...(token ? { NextToken: token } : {}),
          }),
          options,
        );
        yield page;
        token = page.NextToken;
      } while (token);
    }
    const environments = await ctx.pages(
      { service: 'elasticbeanstalk', operation: 'DescribeEnvironments', parameters: { IncludeDeleted: false } },
      environmentPages,
      (page) => page.NextToken,
    );
    await ctx.each(environments?.flatMap((page) => page.Environments ?? []) ?? [], async (env) => {
      const { ApplicationName: application, EnvironmentName: name } = env;
      if (typeof application !== 'string' || typeof name !== 'string' || application === '' || name === '') return;
      await ctx.call(
        {
          service: 'elasticbeanstalk',
          operation: 'DescribeConfigurationSettings',
          // Environment names are unique in a region of an account: the name alone identifies the call.
          parameters: { EnvironmentName: name },
          key: name,
          // An environment terminated after the listing.
          notFound: (error) => error.code === 'InvalidParameterValue' && /no environment found/i.test(error.message),
        },
        (client, options) =>
          client.send(new DescribeConfigurationSettingsCommand({ ApplicationName: application, EnvironmentName: name }), options),
      );
    });

    const { paginateListTaskDefinitions, DescribeTaskDefinitionCommand } = await import('../../shared/aws-sdk/client-ecs.js');
    const taskDefinitions = await ctx.pages(
      { service: 'ecs', operation: 'ListTaskDefinitions', parameters: { status: 'ACTIVE' } },
      (client, startingToken, options) =>
        paginateListTaskDefinitions({ client, startingToken, pageSize: ECS_PAGE_SIZE }, { status: 'ACTIVE' }, options),
      (page) => page.nextToken,
    );
    // Only the latest ACTIVE revision of each family is checked; it is asked for by family:revision.
    await ctx.each(latestRevisions(taskDefinitions?.flatMap((page) => page.taskDefinitionArns ?? []) ?? []), async (arn) => {
      const name = parseTaskDefinitionArn(arn)?.name ?? arn;
      await ctx.call(
        { service: 'ecs', operation: 'DescribeTaskDefinition', parameters: { taskDefinition: name }, key: name },
        (client, options) => client.send(new DescribeTaskDefinitionCommand({ taskDefinition: name }), options),
      );
    });

    const { paginateListClusters, paginateListInstances } = await import('../../shared/aws-sdk/client-emr.js');
    const clusters = await ctx.pages(
      // Only RUNNING and WAITING clusters are listed (the filter is not recorded: each cluster shows its state).
      { service: 'emr', operation: 'ListClusters' },
      (client, startingToken, options) =>
        paginateListClusters({ client, startingToken }, { ClusterStates: ['RUNNING', 'WAITING'] }, options),
      (page) => page.Marker,
    );
    const clusterIds = new Set(
      (clusters?.flatMap((page) => page.Clusters ?? []) ?? []).flatMap((c) => (typeof c.Id === 'string' && c.Id !== '' ? [c.Id] : [])),
    );
    await ctx.each(clusterIds, async (id) => {
      await ctx.pages(
        // Always the MASTER instance group: ClusterId alone identifies the call.
        { service: 'emr', operation: 'ListInstances', parameters: { ClusterId: id }, key: id },
        (client, startingToken, options) =>
          paginateListInstances({ client, startingToken }, { ClusterId: id, InstanceGroupTypes: ['MASTER'] }, options),
        (page) => page.Marker,
      );
    });
  },
});
