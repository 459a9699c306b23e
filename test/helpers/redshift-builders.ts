import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/00000000-0000-4000-8000-00000000000a`;

/**
 * A Redshift cluster as DescribeClusters returns it (as the bundle stores it) with every field the
 * checks read set to a compliant value: encrypted with a KMS key, private, enhanced VPC routing,
 * version upgrades allowed, 7 days of automated snapshots, a non-default master user, and the
 * parameter group `acme-secure` (require_ssl true in {@link parameters}).
 */
export function cluster(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ClusterIdentifier: id,
    NodeType: 'ra3.xlplus',
    ClusterStatus: 'available',
    ClusterAvailabilityStatus: 'Available',
    MasterUsername: 'warehouse_admin',
    DBName: 'dev',
    ClusterCreateTime: '2025-03-04T09:12:40.113Z',
    AutomatedSnapshotRetentionPeriod: 7,
    ManualSnapshotRetentionPeriod: -1,
    ClusterParameterGroups: [{ ParameterGroupName: 'acme-secure', ParameterApplyStatus: 'in-sync' }],
    PreferredMaintenanceWindow: 'sun:05:00-sun:05:30',
    ClusterVersion: '1.0',
    AllowVersionUpgrade: true,
    NumberOfNodes: 2,
    PubliclyAccessible: false,
    Encrypted: true,
    KmsKeyId: KEY_ARN,
    EnhancedVpcRouting: true,
    ClusterNamespaceArn: `arn:aws:redshift:us-east-1:${TEST_ACCOUNT}:namespace:5f1c3a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b`,
    ...fields,
  };
}

/** `redshift:DescribeClusters` of a region. */
export function describeClusters(region: string, clusters: object[]): TestFile {
  return { region, service: 'redshift', operation: 'DescribeClusters', body: { Clusters: clusters } };
}

/** `redshift:DescribeLoggingStatus` of one cluster in us-east-1 (on, to S3, unless told otherwise). */
export function loggingStatus(
  id: string,
  fields: Record<string, unknown> = { LoggingEnabled: true, BucketName: 'acme-redshift-audit', LogDestinationType: 's3' },
): TestFile {
  return {
    region: 'us-east-1',
    service: 'redshift',
    operation: 'DescribeLoggingStatus',
    parameters: { ClusterIdentifier: id },
    body: fields,
  };
}

/** `redshift:DescribeClusterParameters` of one parameter group in us-east-1, with the given require_ssl value (null: not listed). */
export function parameters(group: string, requireSsl: string | null = 'true', page?: number): TestFile {
  const list = [
    {
      ParameterName: 'enable_user_activity_logging',
      ParameterValue: 'true',
      Source: 'user',
      DataType: 'boolean',
      ApplyType: 'static',
      IsModifiable: true,
    },
    ...(requireSsl === null
      ? []
      : [
          {
            ParameterName: 'require_ssl',
            ParameterValue: requireSsl,
            Source: 'user',
            DataType: 'boolean',
            ApplyType: 'static',
            IsModifiable: true,
          },
        ]),
  ];
  return {
    region: 'us-east-1',
    service: 'redshift',
    operation: 'DescribeClusterParameters',
    parameters: { ParameterGroupName: group },
    body: { Parameters: list },
    ...(page ? { page } : {}),
  };
}

/** Redshift evidence: these clusters in us-east-1 (with any per-cluster files), none in eu-west-1. */
export const clusters = (list: object[], ...files: TestFile[]): NonNullable<CheckCase['evidence']> => ({
  files: [describeClusters('us-east-1', list), describeClusters('eu-west-1', []), ...files],
});

/** Records every Redshift check must set aside as unusable, whatever it reads: NOT_EVALUATED cases. */
export const unusableClusterCases = (extra: TestFile[] = []): CheckCase[] => [
  {
    name: 'cluster without ClusterIdentifier, beside a compliant one',
    evidence: clusters([cluster('warehouse'), { ...cluster('ghost'), ClusterIdentifier: undefined }], ...extra),
    reason: /lacks ClusterIdentifier/,
  },
  {
    name: 'cluster created after collection ended',
    evidence: clusters([cluster('warehouse', { ClusterCreateTime: '2027-01-01T00:00:00.000Z' })], ...extra),
    reason: /ClusterCreateTime 2027-01-01T00:00:00.000Z is after collection ended/,
  },
  {
    name: 'Clusters is not a list',
    evidence: { files: [{ ...describeClusters('us-east-1', []), body: { Clusters: 'warehouse' } }, describeClusters('eu-west-1', [])] },
    reason: /Clusters is "warehouse", not a list/,
  },
];

/** The denied listing: every Redshift check is NOT_EVALUATED for the region. */
export const deniedClustersCase: CheckCase = {
  name: 'DescribeClusters denied in eu-west-1',
  evidence: { files: [describeClusters('us-east-1', [cluster('warehouse')])] },
  collectionError: { service: 'redshift', operation: 'DescribeClusters', code: 'AccessDenied', region: 'eu-west-1' },
  reason: /redshift:DescribeClusters in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
};

/**
 * An OpenSearch Service domain as DescribeDomains returns it with every setting the checks read
 * compliant: in a VPC, encrypted at rest and node to node, HTTPS only with TLS 1.2, and error and
 * slow logs published to CloudWatch Logs.
 */
export function domain(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    DomainId: `${TEST_ACCOUNT}/${name}`,
    DomainName: name,
    ARN: `arn:aws:es:us-east-1:${TEST_ACCOUNT}:domain/${name}`,
    Created: true,
    Deleted: false,
    Endpoints: { vpc: `vpc-${name}-abc123.us-east-1.es.amazonaws.com` },
    Processing: false,
    UpgradeProcessing: false,
    EngineVersion: 'OpenSearch_2.13',
    ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 2 },
    VPCOptions: { VPCId: 'vpc-0a1b2c3d', SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
    EncryptionAtRestOptions: { Enabled: true, KmsKeyId: KEY_ARN },
    NodeToNodeEncryptionOptions: { Enabled: true },
    DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07', CustomEndpointEnabled: false },
    LogPublishingOptions: {
      ES_APPLICATION_LOGS: {
        CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:/aws/opensearch/${name}/error`,
        Enabled: true,
      },
      SEARCH_SLOW_LOGS: {
        CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:/aws/opensearch/${name}/search`,
        Enabled: true,
      },
      INDEX_SLOW_LOGS: {
        CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:/aws/opensearch/${name}/index`,
        Enabled: true,
      },
    },
    ...fields,
  };
}

/** OpenSearch evidence: these domains in us-east-1 (ListDomainNames plus DescribeDomains in batches of 5), none in eu-west-1. */
export function domains(...list: Record<string, unknown>[]): NonNullable<CheckCase['evidence']> {
  const names = list.map((d) => d.DomainName as string);
  const files: TestFile[] = [
    {
      region: 'us-east-1',
      service: 'opensearch',
      operation: 'ListDomainNames',
      body: {
        DomainNames: list.map((d) => ({
          DomainName: d.DomainName,
          EngineType: (typeof d.EngineVersion === 'string' ? d.EngineVersion : 'OpenSearch').split('_')[0],
        })),
      },
    },
    { region: 'eu-west-1', service: 'opensearch', operation: 'ListDomainNames', body: { DomainNames: [] } },
  ];
  for (let i = 0; i < list.length; i += 5) {
    files.push({
      region: 'us-east-1',
      service: 'opensearch',
      operation: 'DescribeDomains',
      parameters: { DomainNames: names.slice(i, i + 5).join(',') },
      body: { DomainStatusList: list.slice(i, i + 5) },
    });
  }
  return { files };
}

/** Records every OpenSearch check must set aside as unusable or leave out: NOT_EVALUATED cases. */
export const unusableDomainCases: CheckCase[] = [
  {
    name: 'DescribeDomains denied for the batch naming the domain, beside a listing that worked',
    evidence: { files: (domains(domain('logs')).files ?? []).filter((f) => f.operation !== 'DescribeDomains') },
    collectionError: { service: 'opensearch', operation: 'DescribeDomains', code: 'AccessDenied', region: 'us-east-1' },
    reason: /DescribeDomains.*AccessDenied/,
  },
  {
    name: 'DescribeDomains does not describe a listed domain (deleted during collection)',
    evidence: {
      files: (domains(domain('logs'), domain('search')).files ?? []).map((f) =>
        f.operation === 'DescribeDomains' ? { ...f, body: { DomainStatusList: [domain('logs')] } } : f,
      ),
    },
    reason: /did not describe search/,
  },
  {
    name: 'ListDomainNames denied in eu-west-1',
    evidence: { files: (domains(domain('logs')).files ?? []).filter((f) => f.region !== 'eu-west-1') },
    collectionError: { service: 'opensearch', operation: 'ListDomainNames', code: 'AccessDenied', region: 'eu-west-1' },
    reason: /ListDomainNames in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
  },
];
