// What auditpack uses of @aws-sdk/client-elastic-load-balancing: the build bundles only these (see ./README.md).
export {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
