import { defineSource } from './source.js';

// The most GetComplianceDetailsByConfigRule returns in one page.
const DETAILS_PAGE_SIZE = 100;

/**
 * Per region: configuration recorders and their status, delivery channels, config rules,
 * compliance by rule and every rule's compliance details (these results are evidence in their own
 * right), and the compliance of each conformance pack.
 */
export default defineSource({
  id: 'config',
  scope: 'region',
  services: ['config'],
  async collect(ctx) {
    const {
      DescribeConfigurationRecordersCommand,
      DescribeDeliveryChannelsCommand,
      paginateDescribeConfigRules,
      paginateDescribeConformancePackCompliance,
      paginateDescribeConformancePacks,
      DescribeConfigurationRecorderStatusCommand,
      paginateDescribeComplianceByConfigRule,
      paginateGetComplianceDetailsByConfigRule,
    } = await import('../../shared/aws-sdk/client-config-service.js');
    await ctx.call({ service: 'config', operation: 'DescribeConfigurationRecorders' }, (client, options) =>
      client.send(new DescribeConfigurationRecordersCommand({}), options),
    );
    await ctx.call({ service: 'config', operation: 'DescribeConfigurationRecorderStatus' }, (client, options) =>
      client.send(new DescribeConfigurationRecorderStatusCommand({}), options),
    );
    await ctx.call({ service: 'config', operation: 'DescribeDeliveryChannels' }, (client, options) =>
      client.send(new DescribeDeliveryChannelsCommand({}), options),
    );
    await ctx.pages(
      { service: 'config', operation: 'DescribeConfigRules' },
      (client, startingToken, options) => paginateDescribeConfigRules({ client, startingToken }, {}, options),
      (page) => page.NextToken,
    );
    const compliance = await ctx.pages(
      { service: 'config', operation: 'DescribeComplianceByConfigRule' },
      (client, startingToken, options) => paginateDescribeComplianceByConfigRule({ client, startingToken }, {}, options),
      (page) => page.NextToken,
    );
    const rules = [
      ...new Set(
        (compliance ?? [])
          .flatMap((page) => page.ComplianceByConfigRules ?? [])
          .flatMap((c) => (c.ConfigRuleName ? [c.ConfigRuleName] : [])),
      ),
    ];
    await ctx.each(rules, async (rule) => {
      await ctx.pages(
        { service: 'config', operation: 'GetComplianceDetailsByConfigRule', parameters: { ConfigRuleName: rule }, key: rule },
        (client, startingToken, options) =>
          paginateGetComplianceDetailsByConfigRule({ client, startingToken }, { ConfigRuleName: rule, Limit: DETAILS_PAGE_SIZE }, options),
        (page) => page.NextToken,
      );
    });
    const packs = await ctx.pages(
      { service: 'config', operation: 'DescribeConformancePacks' },
      // 20 is the most DescribeConformancePacks returns a page.
      (client, startingToken, options) => paginateDescribeConformancePacks({ client, startingToken }, { Limit: 20 }, options),
      (page) => page.NextToken,
    );
    const packNames = (packs ?? [])
      .flatMap((page) => page.ConformancePackDetails ?? [])
      .flatMap((p) => (p.ConformancePackName ? [p.ConformancePackName] : []));
    await ctx.each(packNames, async (pack) => {
      await ctx.pages(
        { service: 'config', operation: 'DescribeConformancePackCompliance', parameters: { ConformancePackName: pack }, key: pack },
        (client, startingToken, options) =>
          paginateDescribeConformancePackCompliance({ client, startingToken }, { ConformancePackName: pack, Limit: 1000 }, options),
        (page) => page.NextToken,
      );
    });
  },
});
