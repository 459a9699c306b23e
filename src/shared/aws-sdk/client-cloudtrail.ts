// What auditpack uses of @aws-sdk/client-cloudtrail: the build bundles only these (see ./README.md).
export { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
