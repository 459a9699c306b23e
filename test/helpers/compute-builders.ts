import type { TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

type Fields = Record<string, unknown>;
/** Evidence for a check case: always a list of files. */
type Evidence = NonNullable<CheckCase['evidence']> & { files: TestFile[] };

const ACCOUNT = '111122223333';
const EAST = 'us-east-1';
/** Created well before the tests' collection time (2026-09-30). */
const CREATED = '2026-01-15T09:30:00.000Z';

/** A listing: `records` under `field` in us-east-1, an empty one in eu-west-1. */
function listing(service: string, operation: string, field: string, records: object[], parameters?: Record<string, unknown>): TestFile[] {
  return [EAST, 'eu-west-1'].map((region) => ({
    service,
    operation,
    region,
    ...(parameters ? { parameters } : {}),
    body: { [field]: region === EAST ? records : [] },
  }));
}

// --- Auto Scaling ---

/** An Auto Scaling group (health check EC2, no load balancer unless `fields` say so). */
export function asg(name: string, fields: Fields = {}): Fields {
  return {
    AutoScalingGroupName: name,
    AutoScalingGroupARN: `arn:aws:autoscaling:${EAST}:${ACCOUNT}:autoScalingGroup:6d1e3f5a-1b2c-4d3e-8f4a-5b6c7d8e9f0a:autoScalingGroupName/${name}`,
    MinSize: 1,
    MaxSize: 4,
    DesiredCapacity: 2,
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 300,
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    CreatedTime: CREATED,
    ...fields,
  };
}

/** A target group ARN. */
export const targetGroup = (name: string): string => `arn:aws:elasticloadbalancing:${EAST}:${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;

/** DescribeAutoScalingGroups evidence: these groups in us-east-1, none in eu-west-1. */
export const groups = (...list: object[]): Evidence => ({
  files: listing('autoscaling', 'DescribeAutoScalingGroups', 'AutoScalingGroups', list),
});

/** A launch configuration (AssociatePublicIpAddress as `fields` say; absent by default). */
export function launchConfig(name: string, fields: Fields = {}): Fields {
  return {
    LaunchConfigurationName: name,
    LaunchConfigurationARN: `arn:aws:autoscaling:${EAST}:${ACCOUNT}:launchConfiguration:0b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e:launchConfigurationName/${name}`,
    ImageId: 'ami-0abcdef1234567890',
    InstanceType: 't3.micro',
    CreatedTime: CREATED,
    ...fields,
  };
}

/** DescribeLaunchConfigurations evidence: these in us-east-1, none in eu-west-1. */
export const launchConfigs = (...list: object[]): Evidence => ({
  files: listing('autoscaling', 'DescribeLaunchConfigurations', 'LaunchConfigurations', list),
});

// --- Elastic Beanstalk ---

/** An Elastic Beanstalk environment of application acme-web. */
export function environment(name: string, fields: Fields = {}): Fields {
  return {
    EnvironmentName: name,
    EnvironmentId: `e-${name.replace(/[^a-z0-9]/g, '').slice(0, 10)}`,
    ApplicationName: 'acme-web',
    EnvironmentArn: `arn:aws:elasticbeanstalk:${EAST}:${ACCOUNT}:environment/acme-web/${name}`,
    SolutionStackName: '64bit Amazon Linux 2023 v6.1.0 running Node.js 20',
    Status: 'Ready',
    Health: 'Green',
    DateCreated: CREATED,
    ...fields,
  };
}

/** Option settings of an environment: enhanced health and managed updates at `minor` unless overridden (undefined leaves an option out). */
export function optionSettings(options: { systemType?: string; managedActions?: string; updateLevel?: string } = {}): Fields[] {
  // An explicit `undefined` in `options` overrides the default: that option is left out.
  const o = { systemType: 'enhanced', managedActions: 'true', updateLevel: 'minor', ...options };
  const all: [string, string, string | undefined][] = [
    ['aws:elasticbeanstalk:healthreporting:system', 'SystemType', o.systemType],
    ['aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', o.managedActions],
    ['aws:elasticbeanstalk:managedactions', 'PreferredStartTime', 'Sun:02:00'],
    ['aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel', o.updateLevel],
  ];
  return all.filter(([, , value]) => value !== undefined).map(([Namespace, OptionName, Value]) => ({ Namespace, OptionName, Value }));
}

/** Elastic Beanstalk evidence: each environment with its configuration settings answer, `not-found`, or none (`missing`). */
export function beanstalk(...envs: { env: Fields; settings?: Fields[] | 'not-found' | 'missing' }[]): Evidence {
  const files: TestFile[] = listing(
    'elasticbeanstalk',
    'DescribeEnvironments',
    'Environments',
    envs.map((e) => e.env),
    { IncludeDeleted: false },
  );
  for (const { env, settings = optionSettings() } of envs) {
    if (settings === 'missing') continue;
    const name = env.EnvironmentName as string;
    files.push({
      service: 'elasticbeanstalk',
      operation: 'DescribeConfigurationSettings',
      region: EAST,
      parameters: { EnvironmentName: name },
      ...(settings === 'not-found'
        ? {
            status: 'not-found' as const,
            body: { Error: { Code: 'InvalidParameterValue', Message: `No Environment found for EnvironmentName = '${name}'.` } },
          }
        : {
            body: {
              ConfigurationSettings: [
                {
                  ApplicationName: env.ApplicationName,
                  EnvironmentName: name,
                  SolutionStackName: env.SolutionStackName,
                  DeploymentStatus: 'deployed',
                  OptionSettings: settings,
                },
              ],
            },
          }),
    });
  }
  return { files };
}

// --- DMS ---

/** A DMS replication instance (private unless `fields` say otherwise). */
export function replicationInstance(id: string, fields: Fields = {}): Fields {
  return {
    ReplicationInstanceIdentifier: id,
    ReplicationInstanceArn: `arn:aws:dms:${EAST}:${ACCOUNT}:rep:${id.toUpperCase().replace(/-/g, '')}`,
    ReplicationInstanceClass: 'dms.t3.medium',
    ReplicationInstanceStatus: 'available',
    PubliclyAccessible: false,
    InstanceCreateTime: CREATED,
    ...fields,
  };
}

/** DescribeReplicationInstances evidence: these in us-east-1, none in eu-west-1. */
export const dmsInstances = (...list: object[]): Evidence => ({
  files: listing('dms', 'DescribeReplicationInstances', 'ReplicationInstances', list),
});

// --- ECS ---

/** A container definition (no privileged, user or readonlyRootFilesystem unless `fields` set them). */
export function container(name: string, fields: Fields = {}): Fields {
  return { name, image: `111122223333.dkr.ecr.us-east-1.amazonaws.com/${name}:1.4.2`, cpu: 256, memory: 512, essential: true, ...fields };
}

/** The ARN of a task definition revision. */
export const taskDefinitionArn = (family: string, revision: number): string =>
  `arn:aws:ecs:${EAST}:${ACCOUNT}:task-definition/${family}:${revision}`;

/** A DescribeTaskDefinition answer's taskDefinition. */
export function taskDefinition(family: string, revision: number, containers: Fields[], fields: Fields = {}): Fields {
  return {
    taskDefinitionArn: taskDefinitionArn(family, revision),
    family,
    revision,
    networkMode: 'awsvpc',
    status: 'ACTIVE',
    containerDefinitions: containers,
    requiresCompatibilities: ['FARGATE'],
    registeredAt: CREATED,
    ...fields,
  };
}

/**
 * ECS evidence: ListTaskDefinitions (ACTIVE) listing `listed` (default: the given definitions' ARNs)
 * and a DescribeTaskDefinition answer for each definition (or its `answer` instead).
 */
export function ecs(
  definitions: (Fields | { family: string; revision: number; answer: 'missing' | object })[],
  listed?: unknown[],
): Evidence {
  const arns = listed ?? definitions.map((d) => taskDefinitionArn(d.family as string, d.revision as number));
  const files: TestFile[] = listing('ecs', 'ListTaskDefinitions', 'taskDefinitionArns', arns as object[], { status: 'ACTIVE' });
  for (const d of definitions) {
    const answer = 'answer' in d ? d.answer : { taskDefinition: d, tags: [] };
    if (answer === 'missing') continue;
    files.push({
      service: 'ecs',
      operation: 'DescribeTaskDefinition',
      region: EAST,
      parameters: { taskDefinition: `${d.family as string}:${d.revision as number}` },
      body: answer,
    });
  }
  return { files };
}

// --- ElastiCache ---

/** A Redis OSS replication group (backups kept `SnapshotRetentionLimit` days: 15 unless overridden). */
export function replicationGroup(id: string, fields: Fields = {}): Fields {
  return {
    ReplicationGroupId: id,
    Description: `${id} cache`,
    Status: 'available',
    MemberClusters: [`${id}-001`, `${id}-002`],
    SnapshotRetentionLimit: 15,
    SnapshotWindow: '05:00-06:00',
    ClusterEnabled: false,
    CacheNodeType: 'cache.t4g.small',
    ARN: `arn:aws:elasticache:${EAST}:${ACCOUNT}:replicationgroup:${id}`,
    Engine: 'redis',
    ReplicationGroupCreateTime: CREATED,
    ...fields,
  };
}

/** A cache cluster (standalone Redis OSS with 15 days of backups unless overridden). */
export function cacheCluster(id: string, fields: Fields = {}): Fields {
  return {
    CacheClusterId: id,
    CacheNodeType: 'cache.t4g.micro',
    Engine: 'redis',
    EngineVersion: '7.1.0',
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    CacheClusterCreateTime: CREATED,
    SnapshotRetentionLimit: 15,
    ARN: `arn:aws:elasticache:${EAST}:${ACCOUNT}:cluster:${id}`,
    ...fields,
  };
}

/** ElastiCache evidence: these replication groups and cache clusters in us-east-1, none in eu-west-1. */
export function caches(replicationGroups: object[], cacheClusters: object[] = []): Evidence {
  return {
    files: [
      ...listing('elasticache', 'DescribeReplicationGroups', 'ReplicationGroups', replicationGroups),
      ...listing('elasticache', 'DescribeCacheClusters', 'CacheClusters', cacheClusters),
    ],
  };
}

// --- EMR ---

/** An EMR cluster summary (WAITING unless overridden). */
export function emrCluster(id: string, fields: Fields = {}): Fields {
  return {
    Id: id,
    Name: `acme-${id.toLowerCase()}`,
    Status: { State: 'WAITING', Timeline: { CreationDateTime: CREATED, ReadyDateTime: '2026-01-15T09:41:00.000Z' } },
    NormalizedInstanceHours: 96,
    ClusterArn: `arn:aws:elasticmapreduce:${EAST}:${ACCOUNT}:cluster/${id}`,
    ...fields,
  };
}

/** A master instance (private unless `fields` give it a public address). */
export function emrInstance(ec2InstanceId: string, fields: Fields = {}): Fields {
  return {
    Id: `ci-${ec2InstanceId.slice(2, 15).toUpperCase()}`,
    Ec2InstanceId: ec2InstanceId,
    PrivateDnsName: 'ip-10-20-1-15.ec2.internal',
    PrivateIpAddress: '10.20.1.15',
    Status: { State: 'RUNNING' },
    InstanceGroupId: 'ig-2EBKQ8J3XMJ4S',
    Market: 'ON_DEMAND',
    InstanceType: 'm5.xlarge',
    ...fields,
  };
}

/** EMR evidence: ListClusters listing the clusters, and ListInstances of each (its masters, or none when `missing`). */
export function emr(...clusters: { cluster: Fields; masters: Fields[] | 'missing' }[]): Evidence {
  const files: TestFile[] = listing(
    'emr',
    'ListClusters',
    'Clusters',
    clusters.map((c) => c.cluster),
  );
  for (const { cluster, masters } of clusters) {
    if (masters === 'missing') continue;
    files.push({
      service: 'emr',
      operation: 'ListInstances',
      region: EAST,
      parameters: { ClusterId: cluster.Id },
      body: { Instances: masters },
    });
  }
  return { files };
}
