import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/00000000-0000-4000-8000-00000000000b`;

/**
 * A CodeBuild project as BatchGetProjects returns it (as the bundle stores it) with every field the
 * checks read compliant: S3 artifacts encrypted (encryptionDisabled false), no secondary artifacts,
 * and environment variables that take AWS credentials from Secrets Manager.
 */
export function project(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    arn: `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:project/${name}`,
    source: { type: 'CODECOMMIT', location: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/${name}` },
    artifacts: { type: 'S3', location: 'acme-build-artifacts', encryptionDisabled: false, packaging: 'ZIP' },
    environment: {
      type: 'LINUX_CONTAINER',
      image: 'aws/codebuild/standard:7.0',
      computeType: 'BUILD_GENERAL1_SMALL',
      environmentVariables: [
        { name: 'STAGE', value: 'prod', type: 'PLAINTEXT' },
        { name: 'AWS_ACCESS_KEY_ID', value: 'deploy/access-key-id', type: 'SECRETS_MANAGER' },
      ],
      privilegedMode: false,
    },
    serviceRole: `arn:aws:iam::${TEST_ACCOUNT}:role/codebuild-${name}`,
    timeoutInMinutes: 60,
    encryptionKey: KEY_ARN,
    created: '2025-05-12T10:14:03.000Z',
    lastModified: '2025-05-12T10:14:03.000Z',
    ...fields,
  };
}

/** An environment with these variables (name, type, value) in place of the builder's. */
export function env(...vars: [string, string | undefined, string][]): Record<string, unknown> {
  return {
    environment: {
      type: 'LINUX_CONTAINER',
      image: 'aws/codebuild/standard:7.0',
      computeType: 'BUILD_GENERAL1_SMALL',
      environmentVariables: vars.map(([name, type, value]) => (type === undefined ? { name, value } : { name, value, type })),
    },
  };
}

/** CodeBuild evidence: these projects in us-east-1 (ListProjects plus BatchGetProjects in batches of `batch`), none in eu-west-1. */
export function projects(list: Record<string, unknown>[], batch = 100): NonNullable<CheckCase['evidence']> {
  const names = list.map((p) => p.name as string);
  const files: TestFile[] = [
    { region: 'us-east-1', service: 'codebuild', operation: 'ListProjects', body: { projects: names } },
    { region: 'eu-west-1', service: 'codebuild', operation: 'ListProjects', body: { projects: [] } },
  ];
  for (let i = 0; i < list.length; i += batch) {
    files.push({
      region: 'us-east-1',
      service: 'codebuild',
      operation: 'BatchGetProjects',
      parameters: { names: names.slice(i, i + batch).join(',') },
      body: { projects: list.slice(i, i + batch), projectsNotFound: [] },
    });
  }
  return { files };
}

/** Records every CodeBuild check must set aside as unusable or leave out: NOT_EVALUATED cases. */
export const unusableProjectCases: CheckCase[] = [
  {
    name: 'BatchGetProjects denied for the batch naming the project, beside a listing that worked',
    evidence: { files: (projects([project('api-build')]).files ?? []).filter((f) => f.operation !== 'BatchGetProjects') },
    collectionError: { service: 'codebuild', operation: 'BatchGetProjects', code: 'AccessDeniedException', region: 'us-east-1' },
    reason: /BatchGetProjects.*AccessDeniedException/,
  },
  {
    name: 'BatchGetProjects neither describes a listed project nor reports it not found',
    evidence: {
      files: (projects([project('api-build'), project('web-build')]).files ?? []).map((f) =>
        f.operation === 'BatchGetProjects' ? { ...f, body: { projects: [project('api-build')] } } : f,
      ),
    },
    reason: /did not describe web-build/,
  },
  {
    name: 'project created after collection ended',
    evidence: projects([project('api-build', { created: '2026-10-01T00:00:00.000Z' })]),
    reason: /created 2026-10-01T00:00:00.000Z is after collection ended/,
  },
  {
    name: 'ListProjects denied in eu-west-1',
    evidence: { files: (projects([project('api-build')]).files ?? []).filter((f) => f.region !== 'eu-west-1') },
    collectionError: { service: 'codebuild', operation: 'ListProjects', code: 'AccessDeniedException', region: 'eu-west-1' },
    reason: /ListProjects in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
  },
];

/** A Kinesis data stream as DescribeStreamSummary's StreamDescriptionSummary holds it, encrypted with a KMS key. */
export function stream(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    StreamName: name,
    StreamARN: `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/${name}`,
    StreamStatus: 'ACTIVE',
    StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    RetentionPeriodHours: 24,
    StreamCreationTimestamp: '2025-08-19T07:31:55.000Z',
    EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    EncryptionType: 'KMS',
    KeyId: KEY_ARN,
    OpenShardCount: 4,
    ConsumerCount: 0,
    ...fields,
  };
}

/** Kinesis evidence: these streams in us-east-1 (ListStreams plus DescribeStreamSummary each), none in eu-west-1. */
export function streams(...list: Record<string, unknown>[]): NonNullable<CheckCase['evidence']> {
  const files: TestFile[] = [
    {
      region: 'us-east-1',
      service: 'kinesis',
      operation: 'ListStreams',
      body: {
        StreamNames: list.map((s) => s.StreamName),
        HasMoreStreams: false,
        StreamSummaries: list.map((s) => ({ StreamName: s.StreamName, StreamARN: s.StreamARN, StreamStatus: s.StreamStatus })),
      },
    },
    {
      region: 'eu-west-1',
      service: 'kinesis',
      operation: 'ListStreams',
      body: { StreamNames: [], HasMoreStreams: false, StreamSummaries: [] },
    },
  ];
  for (const s of list) {
    files.push({
      region: 'us-east-1',
      service: 'kinesis',
      operation: 'DescribeStreamSummary',
      parameters: { StreamName: s.StreamName },
      body: { StreamDescriptionSummary: s },
    });
  }
  return { files };
}
