// What auditpack uses of @aws-sdk/client-redshift: the build bundles only these (see ./README.md).
export {
  DescribeLoggingStatusCommand,
  paginateDescribeClusterParameters,
  paginateDescribeClusters,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
