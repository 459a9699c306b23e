import { defineSource } from './source.js';

// IAM list calls return at most 1000 items a page.
const PAGE_SIZE = 1000;

/**
 * IAM entities in as few calls as IAM allows: GetAccountAuthorizationDetails (users, groups and
 * roles with their attached and inline policies, and every version of the managed policies),
 * server certificates, virtual MFA devices (a root user's MFA is virtual or hardware), and the
 * entities holding AWSSupportAccess (the support role check).
 */
export default defineSource({
  id: 'iam-entities',
  scope: 'account',
  services: ['iam'],
  async collect(ctx) {
    const {
      paginateGetAccountAuthorizationDetails,
      paginateListEntitiesForPolicy,
      paginateListServerCertificates,
      paginateListVirtualMFADevices,
    } = await import('../../shared/aws-sdk/client-iam.js');
    const truncated = (page: { IsTruncated?: boolean; Marker?: string }) => (page.IsTruncated ? page.Marker : undefined);
    await ctx.pages(
      { service: 'iam', operation: 'GetAccountAuthorizationDetails' },
      (client, startingToken, options) =>
        paginateGetAccountAuthorizationDetails({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      truncated,
    );
    await ctx.pages(
      { service: 'iam', operation: 'ListServerCertificates' },
      (client, startingToken, options) => paginateListServerCertificates({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      truncated,
    );
    await ctx.pages(
      { service: 'iam', operation: 'ListVirtualMFADevices' },
      (client, startingToken, options) => paginateListVirtualMFADevices({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      truncated,
    );
    const supportPolicy = `arn:${ctx.account.partition}:iam::aws:policy/AWSSupportAccess`;
    await ctx.pages(
      { service: 'iam', operation: 'ListEntitiesForPolicy', parameters: { PolicyArn: supportPolicy }, key: 'AWSSupportAccess' },
      (client, startingToken, options) =>
        paginateListEntitiesForPolicy({ client, startingToken, pageSize: PAGE_SIZE }, { PolicyArn: supportPolicy }, options),
      truncated,
    );
  },
});
