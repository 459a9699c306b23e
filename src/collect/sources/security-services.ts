import { defineSource } from './source.js';

/**
 * Per region, whether the security services are on: Security Hub (not subscribed: a `not-found`
 * file), GuardDuty detectors and their status, IAM Access Analyzer analyzers, Macie.
 */
export default defineSource({
  id: 'security-services',
  scope: 'region',
  services: ['securityhub', 'guardduty', 'accessanalyzer', 'macie2'],
  async collect(ctx) {
    const { DescribeHubCommand } = await import('../../shared/aws-sdk/client-securityhub.js');
    await ctx.call(
      { service: 'securityhub', operation: 'DescribeHub', notFound: ['InvalidAccessException', 'ResourceNotFoundException'] },
      (client, options) => client.send(new DescribeHubCommand({}), options),
    );
    const { GetDetectorCommand, paginateListDetectors } = await import('../../shared/aws-sdk/client-guardduty.js');
    const detectors = await ctx.pages(
      { service: 'guardduty', operation: 'ListDetectors' },
      (client, startingToken, options) => paginateListDetectors({ client, startingToken, pageSize: 50 }, {}, options),
      (page) => page.NextToken,
    );
    await ctx.each(
      (detectors ?? []).flatMap((page) => page.DetectorIds ?? []),
      async (id) => {
        await ctx.call({ service: 'guardduty', operation: 'GetDetector', parameters: { DetectorId: id }, key: id }, (client, options) =>
          client.send(new GetDetectorCommand({ DetectorId: id }), options),
        );
      },
    );
    const { paginateListAnalyzers } = await import('../../shared/aws-sdk/client-accessanalyzer.js');
    await ctx.pages(
      { service: 'accessanalyzer', operation: 'ListAnalyzers' },
      (client, startingToken, options) => paginateListAnalyzers({ client, startingToken }, {}, options),
      (page) => page.nextToken,
    );
    const { GetMacieSessionCommand } = await import('../../shared/aws-sdk/client-macie2.js');
    // Macie answers 403 "Macie is not enabled" where it is off: an answer, not a missing permission.
    await ctx.call(
      {
        service: 'macie2',
        operation: 'GetMacieSession',
        notFound: (e) => e.code === 'ResourceNotFoundException' || (e.code === 'AccessDeniedException' && /not enabled/i.test(e.message)),
      },
      (client, options) => client.send(new GetMacieSessionCommand({}), options),
    );
  },
});
