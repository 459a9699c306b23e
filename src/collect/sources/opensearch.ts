import { defineSource } from './source.js';

// DescribeDomains describes at most 5 domains a call.
const BATCH_SIZE = 5;

/**
 * Per region: the OpenSearch Service domains of both engines (ListDomainNames without EngineType
 * lists OpenSearch and Elasticsearch domains) and their settings, DescribeDomains in batches of 5
 * names sorted by name.
 */
export default defineSource({
  id: 'opensearch',
  scope: 'region',
  services: ['opensearch'],
  async collect(ctx) {
    const { ListDomainNamesCommand, DescribeDomainsCommand } = await import('../../shared/aws-sdk/client-opensearch.js');
    const listed = await ctx.call({ service: 'opensearch', operation: 'ListDomainNames' }, (client, options) =>
      client.send(new ListDomainNamesCommand({}), options),
    );
    const entries = Array.isArray(listed?.DomainNames) ? listed.DomainNames : [];
    const names = [...new Set(entries.map((d) => d.DomainName).filter((n): n is string => typeof n === 'string' && n !== ''))].sort();
    for (let i = 0; i < names.length; i += BATCH_SIZE) {
      const batch = names.slice(i, i + BATCH_SIZE);
      await ctx.call(
        // The bundle names a call's file by a scalar parameter, so the batch is recorded as one
        // comma-joined string (domain names hold only a-z, 0-9 and "-": unambiguous).
        { service: 'opensearch', operation: 'DescribeDomains', parameters: { DomainNames: batch.join(',') }, key: batch.join(',') },
        (client, options) => client.send(new DescribeDomainsCommand({ DomainNames: batch }), options),
      );
    }
  },
});
