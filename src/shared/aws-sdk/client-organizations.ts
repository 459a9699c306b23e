// What auditpack uses of @aws-sdk/client-organizations: the build bundles only these (see ./README.md).
export {
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
} from '@aws-sdk/client-organizations';
