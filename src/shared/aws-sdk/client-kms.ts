// What auditpack uses of @aws-sdk/client-kms: the build bundles only these (see ./README.md).
export { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
