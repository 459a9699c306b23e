// What auditpack uses of @aws-sdk/client-config-service: the build bundles only these (see ./README.md).
export {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  paginateDescribeConformancePackCompliance,
  paginateDescribeConformancePacks,
  paginateGetComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
