// What auditpack uses of @aws-sdk/client-iam: the build bundles only these (see ./README.md).
export {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccountAliasesCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListEntitiesForPolicy,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
