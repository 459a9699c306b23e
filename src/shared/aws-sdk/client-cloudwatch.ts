// What auditpack uses of @aws-sdk/client-cloudwatch: the build bundles only these (see ./README.md).
export { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
