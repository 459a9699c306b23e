import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

const EAST = 'us-east-1';

/** The ARN of a table in us-east-1. */
export const tableArn = (name: string): string => `arn:aws:dynamodb:${EAST}:${TEST_ACCOUNT}:table/${name}`;

/** A DescribeTable `Table` of a provisioned, KMS-encrypted table (as stored: dates ISO 8601); override any field. */
export function table(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    TableName: name,
    TableArn: tableArn(name),
    TableId: '5b0f6c2e-8d41-4a7f-9e3b-2c6d1a8f0e47',
    TableStatus: 'ACTIVE',
    CreationDateTime: '2024-03-12T10:00:00.000Z',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 10, WriteCapacityUnits: 5 },
    SSEDescription: {
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn: `arn:aws:kms:${EAST}:${TEST_ACCOUNT}:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64`,
    },
    TableSizeBytes: 1024,
    ItemCount: 10,
    ...overrides,
  };
}

/** An on-demand table (BillingMode PAY_PER_REQUEST, zero provisioned units). */
export function onDemandTable(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return table(name, {
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: '2024-03-12T10:00:00.000Z' },
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
    ...overrides,
  });
}

/** A global secondary index with provisioned units. */
export function gsi(name: string, read = 10, write = 5): Record<string, unknown> {
  return {
    IndexName: name,
    IndexStatus: 'ACTIVE',
    KeySchema: [{ AttributeName: 'other', KeyType: 'HASH' }],
    Projection: { ProjectionType: 'ALL' },
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: read, WriteCapacityUnits: write },
  };
}

/** One table's evidence: its DescribeTable `Table` (or a per-call outcome) and the other per-table answers. */
export interface TableSpec {
  table: Record<string, unknown>;
  /** PointInTimeRecoveryStatus; `denied` records a failed call; `gone` a not-found answer. Default ENABLED. */
  pitr?: string;
  tags?: Record<string, string>;
  /** DescribeTable: `denied` or `gone` (deleted during collection). */
  describe?: 'denied' | 'gone';
}

/** Evidence of one region: ListTables with each table's calls, and optionally limits and auto scaling. */
export function dynamoRegion(
  region: string,
  specs: TableSpec[],
  extra: { limits?: [number, number]; targets?: object[]; policies?: object[] } = {},
): {
  files: TestFile[];
  errors: { service: string; operation: string; code: string; region: string; parameters: Record<string, unknown> }[];
} {
  const files: TestFile[] = [];
  const errors: { service: string; operation: string; code: string; region: string; parameters: Record<string, unknown> }[] = [];
  const names = specs.map((s) => s.table.TableName as string);
  files.push({ region, service: 'dynamodb', operation: 'ListTables', body: { TableNames: names } });
  for (const spec of specs) {
    const name = spec.table.TableName as string;
    const parameters = { TableName: name };
    if (spec.describe === 'denied')
      errors.push({ region, service: 'dynamodb', operation: 'DescribeTable', code: 'AccessDeniedException', parameters });
    else if (spec.describe === 'gone')
      files.push({
        region,
        service: 'dynamodb',
        operation: 'DescribeTable',
        parameters,
        status: 'not-found',
        body: { Error: { Code: 'ResourceNotFoundException', Message: 'Requested resource not found' } },
      });
    else files.push({ region, service: 'dynamodb', operation: 'DescribeTable', parameters, body: { Table: spec.table } });
    if (spec.pitr === 'denied')
      errors.push({ region, service: 'dynamodb', operation: 'DescribeContinuousBackups', code: 'AccessDeniedException', parameters });
    else if (spec.pitr === 'gone' || spec.describe === 'gone')
      files.push({
        region,
        service: 'dynamodb',
        operation: 'DescribeContinuousBackups',
        parameters,
        status: 'not-found',
        body: { Error: { Code: 'TableNotFoundException', Message: 'Table not found' } },
      });
    else
      files.push({
        region,
        service: 'dynamodb',
        operation: 'DescribeContinuousBackups',
        parameters,
        body: {
          ContinuousBackupsDescription: {
            ContinuousBackupsStatus: 'ENABLED',
            PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: spec.pitr ?? 'ENABLED' },
          },
        },
      });
    if (spec.tags && spec.describe === undefined)
      files.push({
        region,
        service: 'dynamodb',
        operation: 'ListTagsOfResource',
        parameters: {
          ResourceArn: spec.table.TableArn ?? `arn:aws:dynamodb:${region}:${TEST_ACCOUNT}:table/${name}`,
        },
        body: { Tags: Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })) },
      });
  }
  const [read, write] = extra.limits ?? [80000, 80000];
  files.push({
    region,
    service: 'dynamodb',
    operation: 'DescribeLimits',
    body: {
      AccountMaxReadCapacityUnits: read,
      AccountMaxWriteCapacityUnits: write,
      TableMaxReadCapacityUnits: 40000,
      TableMaxWriteCapacityUnits: 40000,
    },
  });
  const ns = { ServiceNamespace: 'dynamodb' };
  files.push({
    region,
    service: 'applicationautoscaling',
    operation: 'DescribeScalableTargets',
    parameters: ns,
    body: { ScalableTargets: extra.targets ?? [] },
  });
  files.push({
    region,
    service: 'applicationautoscaling',
    operation: 'DescribeScalingPolicies',
    parameters: ns,
    body: { ScalingPolicies: extra.policies ?? [] },
  });
  return { files, errors };
}

/** Tables in us-east-1 (and auto scaling, limits), none in eu-west-1. */
export function dynamo(specs: TableSpec[], extra: Parameters<typeof dynamoRegion>[2] = {}): NonNullable<CheckCase['evidence']> {
  const east = dynamoRegion(EAST, specs, extra);
  const west = dynamoRegion('eu-west-1', []);
  return { files: [...east.files, ...west.files], errors: [...east.errors, ...west.errors] };
}

/** A scalable target of the dynamodb namespace. */
export function target(resourceId: string, dimension: string): object {
  return {
    ServiceNamespace: 'dynamodb',
    ResourceId: resourceId,
    ScalableDimension: dimension,
    MinCapacity: 5,
    MaxCapacity: 100,
    RoleARN: `arn:aws:iam::${TEST_ACCOUNT}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable`,
    CreationTime: '2024-03-12T10:00:00.000Z',
  };
}

/** A target-tracking scaling policy of the dynamodb namespace. */
export function policy(resourceId: string, dimension: string): object {
  return {
    PolicyARN: `arn:aws:autoscaling:${EAST}:${TEST_ACCOUNT}:scalingPolicy:6d8b2f4a-1c3e-4a5b-9d7f-0e2c4a6b8d1f:resource/dynamodb/${resourceId}:policyName/p`,
    PolicyName: `$${resourceId.replaceAll('/', '-')}-${dimension.split(':').pop() ?? ''}`,
    ServiceNamespace: 'dynamodb',
    ResourceId: resourceId,
    ScalableDimension: dimension,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 70,
      PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' },
    },
    CreationTime: '2024-03-12T10:00:00.000Z',
  };
}

/** Targets and policies for read and write capacity of a table (`kind` table) or index. */
export function scaled(resourceId: string, kind: 'table' | 'index' = 'table'): { targets: object[]; policies: object[] } {
  const dims = [`dynamodb:${kind}:ReadCapacityUnits`, `dynamodb:${kind}:WriteCapacityUnits`];
  return { targets: dims.map((d) => target(resourceId, d)), policies: dims.map((d) => policy(resourceId, d)) };
}

// ---- AWS Backup -------------------------------------------------------------------------------

/** A GetBackupSelection `BackupSelection`; override Resources, ListOfTags, NotResources, Conditions. */
export function selection(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SelectionName: name,
    IamRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
    Resources: [],
    ListOfTags: [],
    NotResources: [],
    Conditions: { StringEquals: [], StringNotEquals: [], StringLike: [], StringNotLike: [] },
    ...overrides,
  };
}

/** A ListOfTags entry. */
export const tagIs = (key: string, value: string): object => ({ ConditionType: 'STRINGEQUALS', ConditionKey: key, ConditionValue: value });

/** A Conditions entry. */
export const condition = (key: string, value: string): object => ({ ConditionKey: `aws:ResourceTag/${key}`, ConditionValue: value });

/** One plan with selections (each a BackupSelection, or `denied` for a failed GetBackupSelection). */
export interface PlanSpec {
  id: string;
  name?: string;
  selections: (Record<string, unknown> | 'denied')[];
  /** ListBackupSelections failed. */
  listDenied?: boolean;
}

/** ListBackupPlans of a region with each plan's ListBackupSelections and GetBackupSelection. */
export function backupRegion(region: string, plans: PlanSpec[]): { files: TestFile[]; errors: ReturnType<typeof dynamoRegion>['errors'] } {
  const files: TestFile[] = [];
  const errors: ReturnType<typeof dynamoRegion>['errors'] = [];
  files.push({
    region,
    service: 'backup',
    operation: 'ListBackupPlans',
    body: {
      BackupPlansList: plans.map((p) => ({
        BackupPlanArn: `arn:aws:backup:${region}:${TEST_ACCOUNT}:backup-plan:${p.id}`,
        BackupPlanId: p.id,
        BackupPlanName: p.name ?? p.id,
        CreationDate: '2024-03-12T10:00:00.000Z',
        VersionId: 'ZjM0NmU5YTE',
      })),
    },
  });
  for (const plan of plans) {
    if (plan.listDenied) {
      errors.push({
        region,
        service: 'backup',
        operation: 'ListBackupSelections',
        code: 'AccessDeniedException',
        parameters: { BackupPlanId: plan.id },
      });
      continue;
    }
    const ids = plan.selections.map((_, i) => `${plan.id}-sel-${i + 1}`);
    files.push({
      region,
      service: 'backup',
      operation: 'ListBackupSelections',
      parameters: { BackupPlanId: plan.id },
      body: {
        BackupSelectionsList: ids.map((SelectionId) => ({
          SelectionId,
          SelectionName: SelectionId,
          BackupPlanId: plan.id,
          CreationDate: '2024-03-12T10:00:00.000Z',
        })),
      },
    });
    plan.selections.forEach((sel, i) => {
      // The collector records BackupPlanId too; the test bundle's file names take one parameter, and the accessor finds the file by SelectionId.
      const parameters = { SelectionId: ids[i] as string };
      if (sel === 'denied')
        errors.push({ region, service: 'backup', operation: 'GetBackupSelection', code: 'AccessDeniedException', parameters });
      else
        files.push({
          region,
          service: 'backup',
          operation: 'GetBackupSelection',
          parameters,
          body: { BackupPlanId: plan.id, SelectionId: ids[i], BackupSelection: sel },
        });
    });
  }
  return { files, errors };
}

/** Merges region evidence into one test bundle spec. */
export function merge(
  ...parts: { files: TestFile[]; errors?: ReturnType<typeof dynamoRegion>['errors'] }[]
): NonNullable<CheckCase['evidence']> {
  return { files: parts.flatMap((p) => p.files), errors: parts.flatMap((p) => p.errors ?? []) };
}

/** An EBS volume as DescribeVolumes lists it (stored form), with tags. */
export function volume(id: string, tags: Record<string, string> = {}): object {
  return {
    VolumeId: id,
    Size: 8,
    AvailabilityZone: 'us-east-1a',
    State: 'available',
    CreateTime: '2024-03-12T10:00:00.000Z',
    Encrypted: true,
    VolumeType: 'gp3',
    Attachments: [],
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

/** `ec2:DescribeVolumes` of a region. */
export function describeVolumes(region: string, volumes: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeVolumes', body: { Volumes: volumes } };
}
