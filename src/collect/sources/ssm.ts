import type { DescribeDocumentPermissionCommand, DescribeDocumentPermissionResponse, SSMClient } from '@aws-sdk/client-ssm';
import type { SendOptions } from '../context.js';
import { defineSource } from './source.js';

// The most each listing returns a page (DescribeInstanceInformation allows 5 to 50).
const PAGE_SIZE = 50;
// DescribeDocumentPermission returns at most 200 accounts a page.
const PERMISSION_PAGE_SIZE = 200;

/** The ListDocuments filter for the documents the account owns (not Amazon's or shared ones). */
const OWNED_DOCUMENTS = [{ Key: 'Owner', Values: ['Self'] }];

/**
 * Per region: the managed nodes SSM knows (DescribeInstanceInformation, with their ping status),
 * the compliance summary of every resource (ListResourceComplianceSummaries, all compliance types
 * in one listing: Association, Patch and custom), the documents the account owns (ListDocuments
 * with Owner=Self) and who each is shared with (DescribeDocumentPermission, PermissionType Share).
 */
export default defineSource({
  id: 'ssm',
  scope: 'region',
  services: ['ssm'],
  async collect(ctx) {
    const {
      paginateDescribeInstanceInformation,
      paginateListResourceComplianceSummaries,
      paginateListDocuments,
      DescribeDocumentPermissionCommand,
    } = await import('../../shared/aws-sdk/client-ssm.js');
    await ctx.pages(
      { service: 'ssm', operation: 'DescribeInstanceInformation' },
      (client, startingToken, options) => paginateDescribeInstanceInformation({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );
    await ctx.pages(
      { service: 'ssm', operation: 'ListResourceComplianceSummaries' },
      (client, startingToken, options) =>
        paginateListResourceComplianceSummaries({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );
    const documents = await ctx.pages(
      // Recorded as { Owner: 'Self' }: the one filter, flattened, as ec2 records OwnerIds.
      { service: 'ssm', operation: 'ListDocuments', parameters: { Owner: 'Self' } },
      (client, startingToken, options) =>
        paginateListDocuments({ client, startingToken, pageSize: PAGE_SIZE }, { Filters: OWNED_DOCUMENTS }, options),
      (page) => page.NextToken,
    );
    const names = (documents ?? []).flatMap((page) => page.DocumentIdentifiers ?? []).flatMap((d) => (d.Name ? [d.Name] : []));
    await ctx.each([...new Set(names)], async (name) => {
      await ctx.pages(
        {
          service: 'ssm',
          operation: 'DescribeDocumentPermission',
          // PermissionType is always Share (the only type there is), so the name alone identifies the call.
          parameters: { Name: name },
          key: name,
          // Deleted between the listing and this call.
          notFound: ['InvalidDocument'],
        },
        (client, startingToken, options) => permissionPages(client, name, startingToken, options, DescribeDocumentPermissionCommand),
        (page) => page.NextToken,
      );
    });
  },
});

/** The pages of DescribeDocumentPermission (the SDK has no paginator for it). */
async function* permissionPages(
  client: SSMClient,
  name: string,
  startingToken: string | undefined,
  options: SendOptions,
  Command: typeof DescribeDocumentPermissionCommand,
): AsyncGenerator<DescribeDocumentPermissionResponse> {
  let token = startingToken;
  do {
    const page = await client.send(
      new Command({ Name: name, PermissionType: 'Share', MaxResults: PERMISSION_PAGE_SIZE, ...(token ? { NextToken: token } : {}) }),
      options,
    );
    yield page;
    token = page.NextToken;
  } while (token);
}
