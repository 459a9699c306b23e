import type { SourceContext } from '../context.js';
import { defineSource } from './source.js';

// Deep organisations are rare; a cycle is impossible, but a bound keeps a bad answer from looping.
const MAX_OU_DEPTH = 5;

/**
 * The organisation the account belongs to (not in one: a `not-found` file). From the management
 * account also its roots, OUs, service control policies and delegated administrators; member
 * accounts cannot read those, so they are not asked there.
 */
export default defineSource({
  id: 'organizations',
  scope: 'account',
  services: ['organizations'],
  async collect(ctx) {
    const { DescribeOrganizationCommand, paginateListDelegatedAdministrators, paginateListPolicies, paginateListRoots } =
      await import('../../shared/aws-sdk/client-organizations.js');
    const described = await ctx.call(
      { service: 'organizations', operation: 'DescribeOrganization', notFound: ['AWSOrganizationsNotInUseException'] },
      (client, options) => client.send(new DescribeOrganizationCommand({}), options),
    );
    if (described?.Organization?.MasterAccountId !== ctx.account.id) return;
    const roots = await ctx.pages(
      { service: 'organizations', operation: 'ListRoots' },
      (client, startingToken, options) => paginateListRoots({ client, startingToken }, {}, options),
      (page) => page.NextToken,
    );
    for (const root of (roots ?? []).flatMap((page) => page.Roots ?? [])) {
      if (root.Id) await organizationalUnits(ctx, root.Id, 1);
    }
    await ctx.pages(
      {
        service: 'organizations',
        operation: 'ListPolicies',
        parameters: { Filter: 'SERVICE_CONTROL_POLICY' },
        key: 'SERVICE_CONTROL_POLICY',
      },
      (client, startingToken, options) => paginateListPolicies({ client, startingToken }, { Filter: 'SERVICE_CONTROL_POLICY' }, options),
      (page) => page.NextToken,
    );
    await ctx.pages(
      { service: 'organizations', operation: 'ListDelegatedAdministrators' },
      (client, startingToken, options) => paginateListDelegatedAdministrators({ client, startingToken }, {}, options),
      (page) => page.NextToken,
    );
  },
});

async function organizationalUnits(ctx: SourceContext, parentId: string, depth: number): Promise<void> {
  const { paginateListOrganizationalUnitsForParent } = await import('../../shared/aws-sdk/client-organizations.js');
  const pages = await ctx.pages(
    { service: 'organizations', operation: 'ListOrganizationalUnitsForParent', parameters: { ParentId: parentId }, key: parentId },
    (client, startingToken, options) =>
      paginateListOrganizationalUnitsForParent({ client, startingToken }, { ParentId: parentId }, options),
    (page) => page.NextToken,
  );
  if (depth >= MAX_OU_DEPTH) return;
  for (const ou of (pages ?? []).flatMap((page) => page.OrganizationalUnits ?? [])) {
    if (ou.Id) await organizationalUnits(ctx, ou.Id, depth + 1);
  }
}
