// What auditpack uses of @aws-sdk/client-elastic-beanstalk: the build bundles only these (see ./README.md).
export {
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
} from '@aws-sdk/client-elastic-beanstalk';
