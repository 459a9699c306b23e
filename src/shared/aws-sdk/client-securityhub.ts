// What auditpack uses of @aws-sdk/client-securityhub: the build bundles only these (see ./README.md).
export { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
