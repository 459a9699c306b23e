import { defineSource } from './source.js';

// 100 is the most ListSecrets returns a page.
const SECRETS_PAGE_SIZE = 100;

/**
 * Per region: Secrets Manager secrets (ListSecrets, every page). Its entries carry RotationEnabled,
 * RotationRules and KmsKeyId, so no DescribeSecret per secret is needed. Secrets scheduled for
 * deletion are left out (IncludePlannedDeletion is not set), as the console lists them.
 */
export default defineSource({
  id: 'secrets',
  scope: 'region',
  services: ['secretsmanager'],
  async collect(ctx) {
    const { paginateListSecrets } = await import('../../shared/aws-sdk/client-secrets-manager.js');
    await ctx.pages(
      { service: 'secretsmanager', operation: 'ListSecrets' },
      (client, startingToken, options) => paginateListSecrets({ client, startingToken, pageSize: SECRETS_PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );
  },
});
