// What auditpack uses of @aws-sdk/client-cloudwatch-logs: the build bundles only these (see ./README.md).
export { CloudWatchLogsClient, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
