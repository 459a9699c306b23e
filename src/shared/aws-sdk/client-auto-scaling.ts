// What auditpack uses of @aws-sdk/client-auto-scaling: the build bundles only these (see ./README.md).
export { AutoScalingClient, paginateDescribeAutoScalingGroups, paginateDescribeLaunchConfigurations } from '@aws-sdk/client-auto-scaling';
