import { json, xml, type FakeAws, type WireRequest } from './fake-aws.js';

const isEast = (r: WireRequest): boolean => r.region === 'us-east-1';

/**
 * Serves the sample company's compute and data services (sources compute-services and
 * data-services): in us-east-1 two Auto Scaling groups and launch configurations, two Elastic
 * Beanstalk environments, two ECS task definition families (three revisions), two EMR clusters, two
 * DMS replication instances, a Redis OSS replication group and a standalone Redis OSS cluster, each
 * pair one compliant and one not; eu-west-1 has none of them.
 */
export function serveAcmeCompute(fake: FakeAws): void {
  const region = (r: WireRequest) => (isEast(r) ? 'us-east-1' : 'empty');
  fake.on('autoscaling', 'DescribeAutoScalingGroups', (r) => xml(`autoscaling/DescribeAutoScalingGroups.${region(r)}.xml`));
  fake.on('autoscaling', 'DescribeLaunchConfigurations', (r) => xml(`autoscaling/DescribeLaunchConfigurations.${region(r)}.xml`));
  fake.on('elasticbeanstalk', 'DescribeEnvironments', (r) => xml(`elasticbeanstalk/DescribeEnvironments.${region(r)}.xml`));
  fake.on('elasticbeanstalk', 'DescribeConfigurationSettings', (r) =>
    xml(`elasticbeanstalk/DescribeConfigurationSettings.${r.params.EnvironmentName ?? ''}.xml`),
  );
  fake.on('ecs', 'ListTaskDefinitions', (r) => json(`ecs/ListTaskDefinitions.${region(r)}.json`));
  fake.on('ecs', 'DescribeTaskDefinition', (r) =>
    json(`ecs/DescribeTaskDefinition.${String(r.body.taskDefinition).replace(':', '-')}.json`),
  );
  fake.on('emr', 'ListClusters', (r) => json(`emr/ListClusters.${region(r)}.json`));
  fake.on('emr', 'ListInstances', (r) => json(`emr/ListInstances.${String(r.body.ClusterId)}.json`));
  fake.on('dms', 'DescribeReplicationInstances', (r) => json(`dms/DescribeReplicationInstances.${region(r)}.json`));
  fake.on('elasticache', 'DescribeReplicationGroups', (r) => xml(`elasticache/DescribeReplicationGroups.${region(r)}.xml`));
  fake.on('elasticache', 'DescribeCacheClusters', (r) => xml(`elasticache/DescribeCacheClusters.${region(r)}.xml`));
}
