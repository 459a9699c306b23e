// What auditpack uses of @aws-sdk/client-elastic-load-balancing-v2: the build bundles only these (see ./README.md).
export {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
} from '@aws-sdk/client-elastic-load-balancing-v2';
