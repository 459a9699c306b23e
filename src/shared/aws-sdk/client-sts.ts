// What auditpack uses of @aws-sdk/client-sts: the build bundles only these (see ./README.md).
export { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
