// What auditpack uses of @aws-sdk/client-ssm: the build bundles only these (see ./README.md).
export {
  DescribeDocumentPermissionCommand,
  paginateDescribeInstanceInformation,
  paginateListDocuments,
  paginateListResourceComplianceSummaries,
  SSMClient,
} from '@aws-sdk/client-ssm';
