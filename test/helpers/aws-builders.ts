import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { ConfigurationRecorder } from '@aws-sdk/client-config-service';
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { PasswordPolicy } from '@aws-sdk/client-iam';
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { Wire } from '../../src/bundle/evidence/wire.js';
import { TEST_ACCOUNT, type TestBundleSpec, type TestFile } from './bundle-builder.js';

/** Builders of raw AWS evidence files, shaped as the SDK v3 returns them (Dates as ISO strings). */

type TestError = NonNullable<TestBundleSpec['errors']>[number];

/** A failed call for a bundle's `errors`, with the parameters that identify it. */
export function callError(
  service: string,
  operation: string,
  code: string,
  region = 'global',
  parameters: Record<string, unknown> = {},
): TestError {
  return { service, operation, code, region, parameters, message: `${code} (test)` };
}

// ---- IAM ------------------------------------------------------------------------------------

/** The credential report's 22 columns, in AWS's order. */
export const REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** One credential report row, column → text. */
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string>;

/** `2026-07-02` → `2026-07-02T00:00:00+00:00`, the report's timestamp style; full timestamps pass through. */
export function reportTimestamp(day: string): string {
  return day.length === 10 ? `${day}T00:00:00+00:00` : day;
}

/** An IAM user with no password and no keys, created 2020-01-01; `fields` overrides columns. */
export function reportUser(name: string, fields: Partial<ReportRow> = {}): ReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    user_creation_time: reportTimestamp('2020-01-01'),
    password_enabled: 'false',
    password_last_used: 'N/A',
    password_last_changed: 'N/A',
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    ...noKey(1),
    ...noKey(2),
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...fields,
  } as ReportRow;
}

/** The `<root_account>` row: password fields not_supported, MFA on, no keys. */
export function rootRow(fields: Partial<ReportRow> = {}): ReportRow {
  return reportUser('<root_account>', {
    arn: `arn:aws:iam::${TEST_ACCOUNT}:root`,
    user_creation_time: reportTimestamp('2019-04-02'),
    password_enabled: 'not_supported',
    password_last_used: reportTimestamp('2026-09-12'),
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
    ...fields,
  });
}

/** Columns of a console password set on `changed` and last used `lastUsed` (a day, or no_information). */
export function password(lastUsed: string, changed = '2020-01-01'): Partial<ReportRow> {
  return {
    password_enabled: 'true',
    password_last_used: lastUsed === 'no_information' ? lastUsed : reportTimestamp(lastUsed),
    password_last_changed: reportTimestamp(changed),
  };
}

/** Columns of access key `slot`: rotated on `rotated`, last used `lastUsed` (a day, or N/A). */
export function accessKey(slot: 1 | 2, rotated: string, options: { lastUsed?: string; active?: boolean } = {}): Partial<ReportRow> {
  const used = options.lastUsed ?? 'N/A';
  return {
    [`access_key_${slot}_active`]: String(options.active ?? true),
    [`access_key_${slot}_last_rotated`]: reportTimestamp(rotated),
    [`access_key_${slot}_last_used_date`]: used === 'N/A' ? used : reportTimestamp(used),
    [`access_key_${slot}_last_used_region`]: used === 'N/A' ? 'N/A' : 'us-east-1',
    [`access_key_${slot}_last_used_service`]: used === 'N/A' ? 'N/A' : 'sts',
  };
}

function noKey(slot: 1 | 2): Partial<ReportRow> {
  return {
    [`access_key_${slot}_active`]: 'false',
    [`access_key_${slot}_last_rotated`]: 'N/A',
    [`access_key_${slot}_last_used_date`]: 'N/A',
    [`access_key_${slot}_last_used_region`]: 'N/A',
    [`access_key_${slot}_last_used_service`]: 'N/A',
  };
}

/** The report CSV (header + rows, no trailing newline, as AWS sends it). */
export function reportCsv(rows: ReportRow[]): string {
  return [REPORT_COLUMNS.join(','), ...rows.map((row) => REPORT_COLUMNS.map((c) => row[c]).join(','))].join('\n');
}

/** `iam:GetCredentialReport` holding the root row (unless given `root: null`) and these users. */
export function credentialReport(users: ReportRow[], options: { root?: ReportRow | null; generatedTime?: string } = {}): TestFile {
  const root = options.root === undefined ? rootRow() : options.root;
  const file: TestFile = { service: 'iam', operation: 'GetCredentialReport', body: reportCsv(root ? [root, ...users] : users) };
  if (options.generatedTime) file.fields = { GeneratedTime: options.generatedTime, ReportFormat: 'text/csv' };
  return file;
}

/** `iam:GetAccountPasswordPolicy`, or its NoSuchEntity answer for `'not-found'`. */
export function passwordPolicy(policy: PasswordPolicy | 'not-found'): TestFile {
  if (policy === 'not-found') {
    return notFound(
      'iam',
      'GetAccountPasswordPolicy',
      'global',
      {},
      'NoSuchEntity',
      `The Password Policy with domain name ${TEST_ACCOUNT} cannot be found.`,
    );
  }
  return {
    service: 'iam',
    operation: 'GetAccountPasswordPolicy',
    body: { PasswordPolicy: { AllowUsersToChangePassword: true, ExpirePasswords: false, ...policy } },
  };
}

// ---- CloudTrail -----------------------------------------------------------------------------

/** A trail homed in us-east-1 unless told otherwise: multi-region, validated, KMS-encrypted. */
export function trail(name: string, fields: Partial<Trail> = {}): Trail & { TrailARN: string; HomeRegion: string } {
  const home = fields.HomeRegion ?? 'us-east-1';
  return {
    Name: name,
    S3BucketName: `trail-logs-${TEST_ACCOUNT}`,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: true,
    HomeRegion: home,
    TrailARN: `arn:aws:cloudtrail:${home}:${TEST_ACCOUNT}:trail/${name}`,
    LogFileValidationEnabled: true,
    KmsKeyId: `arn:aws:kms:${home}:${TEST_ACCOUNT}:key/00000000-0000-4000-8000-000000000001`,
    HasCustomEventSelectors: false,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
    ...fields,
  };
}

/** `cloudtrail:DescribeTrails` of a region (includeShadowTrails true). */
export function describeTrails(region: string, trails: Trail[]): TestFile {
  return {
    region,
    service: 'cloudtrail',
    operation: 'DescribeTrails',
    parameters: { includeShadowTrails: true },
    body: { trailList: trails },
  };
}

/** `cloudtrail:GetTrailStatus` of a trail, in its home region. */
export function trailStatus(t: { TrailARN: string; HomeRegion: string }, isLogging = true): TestFile {
  const body = isLogging
    ? {
        IsLogging: true,
        LatestDeliveryTime: '2026-09-29T23:58:12.417Z',
        StartLoggingTime: '2024-03-11T14:22:05.113Z',
        TimeLoggingStarted: '2024-03-11T14:22:05Z',
        TimeLoggingStopped: '',
      }
    : { IsLogging: false, StopLoggingTime: '2026-09-01T10:00:00.000Z', TimeLoggingStopped: '2026-09-01T10:00:00Z' };
  return { region: t.HomeRegion, service: 'cloudtrail', operation: 'GetTrailStatus', parameters: { Name: t.TrailARN }, body };
}

/** `cloudtrail:GetEventSelectors` of a trail; the default is the classic all-management-events selector. */
export function eventSelectors(
  t: { TrailARN: string; HomeRegion: string },
  selectors: object = { EventSelectors: [classicSelector('All')] },
): TestFile {
  return {
    region: t.HomeRegion,
    service: 'cloudtrail',
    operation: 'GetEventSelectors',
    parameters: { TrailName: t.TrailARN },
    body: { TrailARN: t.TrailARN, ...selectors },
  };
}

/** A classic event selector for management events of the given read/write type. */
export function classicSelector(readWriteType: 'All' | 'ReadOnly' | 'WriteOnly', includeManagementEvents = true): object {
  return {
    ReadWriteType: readWriteType,
    IncludeManagementEvents: includeManagementEvents,
    DataResources: [],
    ExcludeManagementEventSources: [],
  };
}

/** An advanced event selector for management events, optionally limited by readOnly. */
export function advancedManagementSelector(readOnly?: 'true' | 'false'): object {
  const fields = [{ Field: 'eventCategory', Equals: ['Management'] }, ...(readOnly ? [{ Field: 'readOnly', Equals: [readOnly] }] : [])];
  return { Name: 'Management events', FieldSelectors: fields };
}

/** DescribeTrails in both test regions, plus status and selectors: a compliant multi-region trail. */
export function compliantTrailFiles(name = 'main-trail'): TestFile[] {
  const t = trail(name);
  return [describeTrails('us-east-1', [t]), describeTrails('eu-west-1', [t]), trailStatus(t), eventSelectors(t)];
}

// ---- S3 -------------------------------------------------------------------------------------

/** A bucket as ListBuckets lists it. */
export interface TestBucket {
  Name: string;
  BucketRegion: string;
  CreationDate: string;
}

/** A bucket in `region` (default us-east-1). */
export function bucket(name: string, region = 'us-east-1'): TestBucket {
  return { Name: name, BucketRegion: region, CreationDate: '2024-03-11T14:18:52.000Z' };
}

/** `s3:ListBuckets`, one page unless `page` is given. */
export function listBuckets(buckets: TestBucket[], page?: number): TestFile {
  const file: TestFile = { service: 's3', operation: 'ListBuckets', body: { Buckets: buckets, Owner: { ID: 'f'.repeat(64) } } };
  if (page) file.page = page;
  return file;
}

/** Block Public Access settings: all four on, with overrides. */
export function blockSettings(overrides: PublicAccessBlockConfiguration = {}): PublicAccessBlockConfiguration {
  return { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true, ...overrides };
}

/** `s3:GetPublicAccessBlock` of a bucket, or its NoSuchPublicAccessBlockConfiguration answer. */
export function bucketBlock(b: TestBucket, settings: PublicAccessBlockConfiguration | 'not-found'): TestFile {
  const parameters = { Bucket: b.Name };
  if (settings === 'not-found') {
    return notFound(
      's3',
      'GetPublicAccessBlock',
      b.BucketRegion,
      parameters,
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
    );
  }
  return {
    region: b.BucketRegion,
    service: 's3',
    operation: 'GetPublicAccessBlock',
    parameters,
    body: { PublicAccessBlockConfiguration: settings },
  };
}

/** `s3control:GetPublicAccessBlock` of the account, or its not-found answer. */
export function accountBlock(settings: PublicAccessBlockConfiguration | 'not-found'): TestFile {
  const parameters = { AccountId: TEST_ACCOUNT };
  if (settings === 'not-found') {
    return notFound(
      's3control',
      'GetPublicAccessBlock',
      'global',
      parameters,
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
    );
  }
  return { service: 's3control', operation: 'GetPublicAccessBlock', parameters, body: { PublicAccessBlockConfiguration: settings } };
}

/** `s3:GetBucketPolicy` of a bucket (the policy as a compact JSON string), or NoSuchBucketPolicy. */
export function bucketPolicy(b: TestBucket, policy: object | 'not-found'): TestFile {
  const parameters = { Bucket: b.Name };
  if (policy === 'not-found')
    return notFound('s3', 'GetBucketPolicy', b.BucketRegion, parameters, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
  return { region: b.BucketRegion, service: 's3', operation: 'GetBucketPolicy', parameters, body: { Policy: JSON.stringify(policy) } };
}

// ---- EC2 ------------------------------------------------------------------------------------

/** An ingress rule: protocol `tcp`, `udp`, `6` or `-1`, a port range (none for `-1`) and source CIDRs (v4 or v6). */
export function ingress(protocol: string, ports: [number, number] | undefined, ...cidrs: string[]): Wire<IpPermission> {
  return {
    IpProtocol: protocol,
    ...(ports ? { FromPort: ports[0], ToPort: ports[1] } : {}),
    UserIdGroupPairs: [],
    IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: [],
  };
}

/** A security group in the test account with these ingress rules. */
export function securityGroup(id: string, name: string, ...rules: Wire<IpPermission>[]): Wire<SecurityGroup> {
  return {
    GroupId: id,
    GroupName: name,
    Description: name,
    OwnerId: TEST_ACCOUNT,
    VpcId: 'vpc-0a3f5c9e1d2b47e86',
    SecurityGroupArn: `arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:security-group/${id}`,
    IpPermissions: rules,
    IpPermissionsEgress: [ingress('-1', undefined, '0.0.0.0/0')],
  };
}

/** `ec2:DescribeSecurityGroups` of a region (the groups' ARNs moved to that region). */
export function describeSecurityGroups(region: string, groups: Wire<SecurityGroup>[], page?: number): TestFile {
  const inRegion = groups.map((g) => ({ ...g, SecurityGroupArn: g.SecurityGroupArn?.replace(':us-east-1:', `:${region}:`) }));
  const file: TestFile = { region, service: 'ec2', operation: 'DescribeSecurityGroups', body: { SecurityGroups: inRegion } };
  if (page) file.page = page;
  return file;
}

/** `ec2:GetEbsEncryptionByDefault` of a region. */
export function ebsDefault(region: string, enabled: boolean): TestFile {
  return {
    region,
    service: 'ec2',
    operation: 'GetEbsEncryptionByDefault',
    body: { EbsEncryptionByDefault: enabled, SseType: enabled ? 'sse-ebs' : 'none' },
  };
}

// ---- Config ---------------------------------------------------------------------------------

/** A configuration recorder recording every supported resource type. */
export function recorder(name = 'default', fields: Partial<ConfigurationRecorder> = {}): ConfigurationRecorder {
  return {
    arn: `arn:aws:config:us-east-1:${TEST_ACCOUNT}:configuration-recorder/${name}/abc123`,
    name,
    roleARN: `arn:aws:iam::${TEST_ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] },
    ...fields,
  };
}

/** A recorder's status: recording, last status SUCCESS (as the service spells it) unless overridden. */
export function recorderStatus(name = 'default', fields: Record<string, unknown> = {}): object {
  return {
    name,
    lastStartTime: '2024-03-12T10:05:44.207Z',
    recording: true,
    lastStatus: 'SUCCESS',
    lastStatusChangeTime: '2026-09-29T23:00:00.000Z',
    ...fields,
  };
}

/** DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus of a region. */
export function configFiles(region: string, recorders: ConfigurationRecorder[], statuses: object[]): TestFile[] {
  return [
    { region, service: 'config', operation: 'DescribeConfigurationRecorders', body: { ConfigurationRecorders: recorders } },
    { region, service: 'config', operation: 'DescribeConfigurationRecorderStatus', body: { ConfigurationRecordersStatus: statuses } },
  ];
}

// ---- shared ---------------------------------------------------------------------------------

function notFound(
  service: string,
  operation: string,
  region: string,
  parameters: Record<string, unknown>,
  code: string,
  message: string,
): TestFile {
  return { region, service, operation, parameters, status: 'not-found', body: { Error: { Code: code, Message: message } } };
}
