// What auditpack uses of @aws-sdk/client-application-auto-scaling: the build bundles only these (see ./README.md).
export {
  ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
  paginateDescribeScalingPolicies,
} from '@aws-sdk/client-application-auto-scaling';
