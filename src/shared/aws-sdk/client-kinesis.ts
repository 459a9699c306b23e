// What auditpack uses of @aws-sdk/client-kinesis: the build bundles only these (see ./README.md).
export { DescribeStreamSummaryCommand, KinesisClient, paginateListStreams } from '@aws-sdk/client-kinesis';
