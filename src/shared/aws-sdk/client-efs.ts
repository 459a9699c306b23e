// What auditpack uses of @aws-sdk/client-efs: the build bundles only these (see ./README.md).
export { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
