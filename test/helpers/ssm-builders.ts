import { describeInstances } from './aws-builders.js';
import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

type Evidence = NonNullable<CheckCase['evidence']>;

// ---- SSM managed nodes --------------------------------------------------------------------------

/** A node as DescribeInstanceInformation stores it: an EC2 instance whose agent is Online, unless overridden. */
export function managedNode(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    InstanceId: id,
    PingStatus: 'Online',
    LastPingDateTime: '2026-09-29T23:52:31.000Z',
    AgentVersion: '3.3.1142.0',
    IsLatestVersion: false,
    PlatformType: 'Linux',
    PlatformName: 'Amazon Linux',
    PlatformVersion: '2023',
    ResourceType: id.startsWith('mi-') ? 'ManagedInstance' : 'EC2Instance',
    IPAddress: '10.20.1.37',
    ComputerName: 'ip-10-20-1-37.ec2.internal',
    SourceId: id,
    SourceType: id.startsWith('mi-') ? 'AWS::SSM::ManagedInstance' : 'AWS::EC2::Instance',
    ...fields,
  };
}

/** `ssm:DescribeInstanceInformation` of a region. */
export function describeInstanceInformation(region: string, nodes: object[], page?: number): TestFile {
  return {
    region,
    service: 'ssm',
    operation: 'DescribeInstanceInformation',
    body: { InstanceInformationList: nodes },
    ...(page ? { page } : {}),
  };
}

/** EC2 instances and SSM nodes in us-east-1; eu-west-1 has neither. */
export function managedEvidence(instances: object[], nodes: object[]): Evidence {
  return {
    files: [
      describeInstances('us-east-1', instances),
      describeInstanceInformation('us-east-1', nodes),
      describeInstances('eu-west-1', []),
      describeInstanceInformation('eu-west-1', []),
    ],
  };
}

// ---- SSM compliance summaries -------------------------------------------------------------------

/** A summary as ListResourceComplianceSummaries stores it. */
export function complianceSummary(
  resourceId: string,
  complianceType: string,
  status: 'COMPLIANT' | 'NON_COMPLIANT',
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  const failing = status === 'NON_COMPLIANT';
  return {
    ComplianceType: complianceType,
    ResourceType: 'ManagedInstance',
    ResourceId: resourceId,
    Status: status,
    OverallSeverity: failing ? 'CRITICAL' : 'UNSPECIFIED',
    ExecutionSummary: {
      ExecutionTime: '2026-09-29T03:12:05.000Z',
      ExecutionId: complianceType === 'Patch' ? '5d2c6e8a-1b3f-4c7d-9e0a-2f4b6d8c0e1a' : 'b7e3a1c9-4d2f-4e6a-8c1b-3d5f7a9c2e4b',
      ExecutionType: 'Command',
    },
    CompliantSummary: {
      CompliantCount: 12,
      SeveritySummary: { CriticalCount: 0, HighCount: 0, MediumCount: 0, LowCount: 0, InformationalCount: 0, UnspecifiedCount: 12 },
    },
    NonCompliantSummary: {
      NonCompliantCount: failing ? 3 : 0,
      SeveritySummary: {
        CriticalCount: failing ? 2 : 0,
        HighCount: failing ? 1 : 0,
        MediumCount: 0,
        LowCount: 0,
        InformationalCount: 0,
        UnspecifiedCount: 0,
      },
    },
    ...fields,
  };
}

/** ListResourceComplianceSummaries: these summaries in us-east-1, none in eu-west-1. */
export function complianceEvidence(...items: object[]): Evidence {
  return {
    files: [
      {
        region: 'us-east-1',
        service: 'ssm',
        operation: 'ListResourceComplianceSummaries',
        body: { ResourceComplianceSummaryItems: items },
      },
      { region: 'eu-west-1', service: 'ssm', operation: 'ListResourceComplianceSummaries', body: { ResourceComplianceSummaryItems: [] } },
    ],
  };
}

// ---- SSM documents ------------------------------------------------------------------------------

/** The parameters the collector records for ListDocuments with the Owner=Self filter. */
export const OWNED = { Owner: 'Self' };

/** A document as ListDocuments stores it: a Command document the test account owns. */
export function ssmDocument(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: name,
    CreatedDate: '2026-03-14T16:22:08.000Z',
    Owner: TEST_ACCOUNT,
    PlatformTypes: ['Linux', 'MacOS'],
    DocumentVersion: '1',
    DocumentType: 'Command',
    SchemaVersion: '2.2',
    DocumentFormat: 'YAML',
    Tags: [],
    ...fields,
  };
}

/** DescribeDocumentPermission of one document (PermissionType Share). */
export function documentPermission(name: string, body: unknown, options: { page?: number; status?: 'ok' | 'not-found' } = {}): TestFile {
  return {
    region: 'us-east-1',
    service: 'ssm',
    operation: 'DescribeDocumentPermission',
    parameters: { Name: name },
    body,
    ...(options.page ? { page: options.page } : {}),
    ...(options.status ? { status: options.status } : {}),
  };
}

/** The answer of DescribeDocumentPermission for these account ids. */
export function sharedWith(...accountIds: unknown[]): object {
  return {
    AccountIds: accountIds,
    AccountSharingInfoList: accountIds.map((AccountId) => ({ AccountId, SharedDocumentVersion: '$DEFAULT' })),
  };
}

/** ListDocuments (Owner=Self) with these documents in us-east-1 and their permission files; eu-west-1 has none. */
export function documentEvidence(documents: object[], permissions: TestFile[] = []): Evidence {
  return {
    files: [
      { region: 'us-east-1', service: 'ssm', operation: 'ListDocuments', parameters: OWNED, body: { DocumentIdentifiers: documents } },
      { region: 'eu-west-1', service: 'ssm', operation: 'ListDocuments', parameters: OWNED, body: { DocumentIdentifiers: [] } },
      ...permissions,
    ],
  };
}

// ---- SageMaker ----------------------------------------------------------------------------------

const SM_ARN = `arn:aws:sagemaker:us-east-1:${TEST_ACCOUNT}`;
export const NOTEBOOK_KEY = `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/6a1f3c8e-2b4d-4e7a-9c0f-1d3e5a7b9c2d`;

/** A notebook instance as ListNotebookInstances stores it. */
export function notebookSummary(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    NotebookInstanceName: name,
    NotebookInstanceArn: `${SM_ARN}:notebook-instance/${name.toLowerCase()}`,
    NotebookInstanceStatus: 'InService',
    Url: `${name}.notebook.us-east-1.sagemaker.aws`,
    InstanceType: 'ml.t3.medium',
    CreationTime: '2026-05-19T11:03:55.000Z',
    LastModifiedTime: '2026-09-02T08:14:10.000Z',
    ...fields,
  };
}

/** DescribeNotebookInstance as stored: encrypted with NOTEBOOK_KEY and without direct internet access, unless overridden. */
export function notebookDetail(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...notebookSummary(name),
    SubnetId: 'subnet-0b1c2d3e4f5a6b7c8',
    SecurityGroups: ['sg-0d4e6f8a0b2c4d6e8'],
    RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole`,
    KmsKeyId: NOTEBOOK_KEY,
    NetworkInterfaceId: 'eni-0a2b4c6d8e0f1a3b5',
    DirectInternetAccess: 'Disabled',
    VolumeSizeInGB: 20,
    RootAccess: 'Disabled',
    PlatformIdentifier: 'notebook-al2-v3',
    InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
    ...fields,
  };
}

/** One notebook instance of {@link notebookEvidence}: its listing entry and its Describe answer (or a not-found file, or none at all). */
export interface NotebookCase {
  name: string;
  summary?: Record<string, unknown>;
  detail?: Record<string, unknown> | 'not-found' | 'missing';
}

/** ListNotebookInstances with these notebook instances in us-east-1 and their Describe answers; eu-west-1 has none. */
export function notebookEvidence(...notebooks: NotebookCase[]): Evidence {
  return sagemakerEvidence(
    'ListNotebookInstances',
    'NotebookInstances',
    'DescribeNotebookInstance',
    'NotebookInstanceName',
    notebooks.map((n) => ({
      name: n.name,
      summary: { ...notebookSummary(n.name), ...n.summary },
      detail: n.detail ?? notebookDetail(n.name),
    })),
  );
}

/** An endpoint configuration as ListEndpointConfigs stores it. */
export function endpointConfigSummary(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    EndpointConfigName: name,
    EndpointConfigArn: `${SM_ARN}:endpoint-config/${name.toLowerCase()}`,
    CreationTime: '2026-08-21T13:45:12.000Z',
    ...fields,
  };
}

/** DescribeEndpointConfig as stored: encrypted with NOTEBOOK_KEY, unless overridden. */
export function endpointConfigDetail(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...endpointConfigSummary(name),
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: 'churn-xgboost-2026-08',
        InitialInstanceCount: 1,
        InstanceType: 'ml.m5.large',
        InitialVariantWeight: 1,
      },
    ],
    KmsKeyId: NOTEBOOK_KEY,
    EnableNetworkIsolation: false,
    ...fields,
  };
}

/** ListEndpointConfigs with these configurations in us-east-1 and their Describe answers; eu-west-1 has none. */
export function endpointConfigEvidence(...configs: NotebookCase[]): Evidence {
  return sagemakerEvidence(
    'ListEndpointConfigs',
    'EndpointConfigs',
    'DescribeEndpointConfig',
    'EndpointConfigName',
    configs.map((c) => ({
      name: c.name,
      summary: { ...endpointConfigSummary(c.name), ...c.summary },
      detail: c.detail ?? endpointConfigDetail(c.name),
    })),
  );
}

function sagemakerEvidence(
  list: string,
  field: string,
  describe: string,
  parameter: string,
  items: { name: string; summary: Record<string, unknown>; detail: Record<string, unknown> | 'not-found' | 'missing' }[],
): Evidence {
  const files: TestFile[] = [
    { region: 'us-east-1', service: 'sagemaker', operation: list, body: { [field]: items.map((i) => i.summary) } },
    { region: 'eu-west-1', service: 'sagemaker', operation: list, body: { [field]: [] } },
  ];
  for (const item of items) {
    if (item.detail === 'missing') continue;
    const notFound = item.detail === 'not-found';
    files.push({
      region: 'us-east-1',
      service: 'sagemaker',
      operation: describe,
      parameters: { [parameter]: item.name },
      body: notFound ? { Error: { Code: 'ValidationException', Message: 'RecordNotFound' } } : item.detail,
      ...(notFound ? { status: 'not-found' as const } : {}),
    });
  }
  return { files };
}
