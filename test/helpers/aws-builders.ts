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

// ---- IAM entities -----------------------------------------------------------------------------

/** A policy document URL-encoded as IAM returns it (RFC 3986: `*` as %2A). */
export function encodeIamPolicy(document: object): string {
  return encodeURIComponent(JSON.stringify(document, null, 4)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `arn:aws:iam::aws:policy/<name>` for AWS-managed, else a customer-managed policy ARN in the test account. */
export function policyArn(name: string, awsManaged = false): string {
  return awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${TEST_ACCOUNT}:policy/${name}`;
}

/** Attached policies as UserDetail/GroupDetail/RoleDetail list them, from ARNs. */
function attached(arns: string[]): { PolicyName: string; PolicyArn: string }[] {
  return arns.map((arn) => ({ PolicyName: arn.split('/').pop() ?? arn, PolicyArn: arn }));
}

/** A UserDetail: attached policy ARNs, inline policy names and group names. */
export function userDetail(name: string, options: { attached?: string[]; inline?: string[]; groups?: string[] } = {}): object {
  return {
    Path: '/',
    UserName: name,
    UserId: `AIDA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    CreateDate: '2020-01-01T00:00:00.000Z',
    UserPolicyList: (options.inline ?? []).map((PolicyName) => ({
      PolicyName,
      PolicyDocument: encodeIamPolicy({ Version: '2012-10-17', Statement: [] }),
    })),
    GroupList: options.groups ?? [],
    AttachedManagedPolicies: attached(options.attached ?? []),
    Tags: [],
  };
}

/** A GroupDetail with these attached policy ARNs. */
export function groupDetail(name: string, attachedArns: string[] = []): object {
  return {
    Path: '/',
    GroupName: name,
    GroupId: `AGPA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    Arn: `arn:aws:iam::${TEST_ACCOUNT}:group/${name}`,
    CreateDate: '2020-01-01T00:00:00.000Z',
    GroupPolicyList: [],
    AttachedManagedPolicies: attached(attachedArns),
  };
}

/** A RoleDetail with these attached policy ARNs. */
export function roleDetail(name: string, attachedArns: string[] = []): object {
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    Arn: `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`,
    CreateDate: '2020-01-01T00:00:00.000Z',
    AssumeRolePolicyDocument: encodeIamPolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
    }),
    InstanceProfileList: [],
    RolePolicyList: [],
    AttachedManagedPolicies: attached(attachedArns),
    Tags: [],
    RoleLastUsed: {},
  };
}

/** A ManagedPolicyDetail whose default version v1 holds these statements. */
export function managedPolicyDetail(arn: string, statements: object[], attachmentCount = 1): object {
  return {
    PolicyName: arn.split('/').pop(),
    PolicyId: 'ANPAEXAMPLEPOLICYID01',
    Arn: arn,
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2021-05-04T09:12:40.000Z',
    UpdateDate: '2021-05-04T09:12:40.000Z',
    PolicyVersionList: [
      {
        Document: encodeIamPolicy({ Version: '2012-10-17', Statement: statements }),
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: '2021-05-04T09:12:40.000Z',
      },
    ],
  };
}

/** `iam:GetAccountAuthorizationDetails`, one page unless `page` is given. */
export function authorizationDetails(
  lists: { users?: object[]; groups?: object[]; roles?: object[]; policies?: object[] },
  page?: number,
): TestFile {
  const file: TestFile = {
    service: 'iam',
    operation: 'GetAccountAuthorizationDetails',
    body: {
      UserDetailList: lists.users ?? [],
      GroupDetailList: lists.groups ?? [],
      RoleDetailList: lists.roles ?? [],
      Policies: lists.policies ?? [],
      IsTruncated: false,
    },
  };
  if (page) file.page = page;
  return file;
}

/** A ServerCertificateMetadata expiring at `expiration` (a day or a timestamp). */
export function serverCertificate(name: string, expiration: string): object {
  return {
    Path: '/',
    ServerCertificateName: name,
    ServerCertificateId: `ASCA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    Arn: `arn:aws:iam::${TEST_ACCOUNT}:server-certificate/${name}`,
    UploadDate: '2024-01-10T12:00:00.000Z',
    Expiration: expiration.length === 10 ? `${expiration}T23:59:59.000Z` : expiration,
  };
}

/** `iam:ListServerCertificates`. */
export function listServerCertificates(certificates: object[]): TestFile {
  return { service: 'iam', operation: 'ListServerCertificates', body: { ServerCertificateMetadataList: certificates, IsTruncated: false } };
}

// ---- Access Analyzer, Security Hub --------------------------------------------------------------

/** An analyzer summary as ListAnalyzers returns it. */
export function analyzer(name: string, type = 'ACCOUNT', status = 'ACTIVE', region = 'us-east-1'): object {
  return {
    arn: `arn:aws:access-analyzer:${region}:${TEST_ACCOUNT}:analyzer/${name}`,
    name,
    type,
    createdAt: '2024-03-12T10:00:00.000Z',
    status,
    tags: {},
    ...(status === 'FAILED' || status === 'DISABLED' ? { statusReason: { code: 'AWS_SERVICE_ACCESS_DISABLED' } } : {}),
  };
}

/** `accessanalyzer:ListAnalyzers` of a region. */
export function listAnalyzers(region: string, analyzers: object[]): TestFile {
  return { region, service: 'accessanalyzer', operation: 'ListAnalyzers', body: { analyzers } };
}

/** `securityhub:DescribeHub` of a region, or its InvalidAccessException "not subscribed" answer. */
export function describeHub(region: string, state: 'enabled' | 'not-subscribed'): TestFile {
  if (state === 'not-subscribed') {
    return notFound(
      'securityhub',
      'DescribeHub',
      region,
      {},
      'InvalidAccessException',
      `Account ${TEST_ACCOUNT} is not subscribed to AWS Security Hub`,
    );
  }
  return {
    region,
    service: 'securityhub',
    operation: 'DescribeHub',
    body: {
      HubArn: `arn:aws:securityhub:${region}:${TEST_ACCOUNT}:hub/default`,
      SubscribedAt: '2024-03-12T10:05:44.207Z',
      AutoEnableControls: true,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    },
  };
}

// ---- EC2 instances and networks ---------------------------------------------------------------

/** An instance as DescribeInstances lists it: running, with a profile and IMDSv2 required unless overridden. */
export function instance(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    InstanceId: id,
    ImageId: 'ami-0c7217cdde317cfec',
    State: { Code: 16, Name: 'running' },
    InstanceType: 't3.micro',
    LaunchTime: '2026-09-01T10:00:00.000Z',
    SubnetId: 'subnet-0b1c2d3e4f5a6b7c8',
    VpcId: 'vpc-0a3f5c9e1d2b47e86',
    IamInstanceProfile: { Arn: `arn:aws:iam::${TEST_ACCOUNT}:instance-profile/app`, Id: 'AIPAEXAMPLEPROFILE001' },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    Tags: [{ Key: 'Name', Value: id }],
    ...fields,
  };
}

/** `ec2:DescribeInstances` of a region: one reservation per instance. */
export function describeInstances(region: string, instances: object[]): TestFile {
  const Reservations = instances.map((i, n) => ({
    ReservationId: `r-0${String(n).padStart(16, '0')}`,
    OwnerId: TEST_ACCOUNT,
    Groups: [],
    Instances: [i],
  }));
  return { region, service: 'ec2', operation: 'DescribeInstances', body: { Reservations } };
}

/** A VPC as DescribeVpcs lists it. */
export function vpc(id: string, isDefault = false): object {
  return {
    OwnerId: TEST_ACCOUNT,
    InstanceTenancy: 'default',
    CidrBlockAssociationSet: [
      { AssociationId: `vpc-cidr-assoc-${id.slice(4)}`, CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
    ],
    IsDefault: isDefault,
    VpcId: id,
    State: 'available',
    CidrBlock: '10.0.0.0/16',
    DhcpOptionsId: 'dopt-0a1b2c3d4e5f60718',
  };
}

/** `ec2:DescribeVpcs` of a region. */
export function describeVpcs(region: string, vpcs: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeVpcs', body: { Vpcs: vpcs } };
}

/** A flow log on a VPC, to CloudWatch Logs, traffic ALL, ACTIVE unless told otherwise. */
export function flowLog(id: string, resourceId: string, fields: Record<string, unknown> = {}): object {
  return {
    CreationTime: '2024-03-12T10:00:00.000Z',
    DeliverLogsPermissionArn: `arn:aws:iam::${TEST_ACCOUNT}:role/flow-logs`,
    DeliverLogsStatus: 'SUCCESS',
    FlowLogId: id,
    FlowLogStatus: 'ACTIVE',
    LogGroupName: 'vpc-flow-logs',
    ResourceId: resourceId,
    TrafficType: 'ALL',
    LogDestinationType: 'cloud-watch-logs',
    LogDestination: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:vpc-flow-logs`,
    LogFormat:
      '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
    Tags: [],
    MaxAggregationInterval: 600,
    ...fields,
  };
}

/** `ec2:DescribeFlowLogs` of a region. */
export function describeFlowLogs(region: string, flowLogs: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeFlowLogs', body: { FlowLogs: flowLogs } };
}

/** A network ACL entry: rule number, `allow`/`deny`, protocol (`-1`, `6`, `17`), CIDR (v4 or v6), optional port range. */
export function aclEntry(
  ruleNumber: number,
  action: 'allow' | 'deny',
  protocol: string,
  cidr: string,
  ports?: [number, number],
  egress = false,
): object {
  return {
    ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
    Egress: egress,
    ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
    Protocol: protocol,
    RuleAction: action,
    RuleNumber: ruleNumber,
  };
}

/** A network ACL with these entries plus the final deny-all rules (32767), as AWS lists them. */
export function networkAcl(id: string, entries: object[], isDefault = false): object {
  return {
    Associations: [],
    Entries: [...entries, aclEntry(32767, 'deny', '-1', '0.0.0.0/0'), aclEntry(32767, 'deny', '-1', '0.0.0.0/0', undefined, true)],
    IsDefault: isDefault,
    NetworkAclId: id,
    Tags: [],
    VpcId: 'vpc-0a3f5c9e1d2b47e86',
    OwnerId: TEST_ACCOUNT,
  };
}

/** `ec2:DescribeNetworkAcls` of a region. */
export function describeNetworkAcls(region: string, acls: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeNetworkAcls', body: { NetworkAcls: acls } };
}

// ---- RDS, EFS, KMS ----------------------------------------------------------------------------

/** A DB instance: encrypted, private, minor upgrades on, unless overridden. */
export function dbInstance(id: string, fields: Record<string, unknown> = {}, region = 'us-east-1'): object {
  return {
    DBInstanceIdentifier: id,
    DBInstanceClass: 'db.t3.medium',
    Engine: 'postgres',
    DBInstanceStatus: 'available',
    EngineVersion: '16.4',
    AutoMinorVersionUpgrade: true,
    PubliclyAccessible: false,
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${region}:${TEST_ACCOUNT}:key/00000000-0000-4000-8000-000000000002`,
    DbiResourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY0',
    DBInstanceArn: `arn:aws:rds:${region}:${TEST_ACCOUNT}:db:${id}`,
    ...fields,
  };
}

/** `rds:DescribeDBInstances` of a region. */
export function describeDbInstances(region: string, instances: object[]): TestFile {
  return { region, service: 'rds', operation: 'DescribeDBInstances', body: { DBInstances: instances } };
}

/** An EFS file system, encrypted unless told otherwise. */
export function fileSystem(id: string, encrypted = true, region = 'us-east-1'): object {
  return {
    OwnerId: TEST_ACCOUNT,
    CreationToken: `token-${id}`,
    FileSystemId: id,
    FileSystemArn: `arn:aws:elasticfilesystem:${region}:${TEST_ACCOUNT}:file-system/${id}`,
    CreationTime: '2024-03-12T10:00:00.000Z',
    LifeCycleState: 'available',
    Name: id,
    NumberOfMountTargets: 2,
    SizeInBytes: { Value: 6144, ValueInIA: 0, ValueInStandard: 6144, ValueInArchive: 0 },
    PerformanceMode: 'generalPurpose',
    Encrypted: encrypted,
    ...(encrypted ? { KmsKeyId: `arn:aws:kms:${region}:${TEST_ACCOUNT}:key/00000000-0000-4000-8000-000000000003` } : {}),
    ThroughputMode: 'bursting',
    Tags: [],
    FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
  };
}

/** `efs:DescribeFileSystems` of a region. */
export function describeFileSystems(region: string, fileSystems: object[]): TestFile {
  return { region, service: 'efs', operation: 'DescribeFileSystems', body: { FileSystems: fileSystems } };
}

/** A KMS key id and ARN in a region. */
export function kmsKey(keyId: string, region = 'us-east-1'): { KeyId: string; KeyArn: string } {
  return { KeyId: keyId, KeyArn: `arn:aws:kms:${region}:${TEST_ACCOUNT}:key/${keyId}` };
}

/** `kms:ListKeys` of a region. */
export function listKeys(region: string, keys: { KeyId: string; KeyArn: string }[]): TestFile {
  return { region, service: 'kms', operation: 'ListKeys', body: { Keys: keys, Truncated: false } };
}

/** `kms:DescribeKey` of a key: customer-managed, symmetric, enabled, unless overridden. */
export function describeKey(key: { KeyId: string; KeyArn: string }, fields: Record<string, unknown> = {}, region = 'us-east-1'): TestFile {
  const customer = (fields['KeyManager'] ?? 'CUSTOMER') === 'CUSTOMER';
  return {
    region,
    service: 'kms',
    operation: 'DescribeKey',
    parameters: { KeyId: key.KeyId },
    body: {
      KeyMetadata: {
        AWSAccountId: TEST_ACCOUNT,
        KeyId: key.KeyId,
        Arn: key.KeyArn,
        CreationDate: '2024-03-12T10:00:00.000Z',
        Enabled: true,
        Description: customer ? 'app data key' : 'Default key that protects my EBS volumes when no other key is defined',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
        ...fields,
      },
    },
  };
}

/** `kms:GetKeyRotationStatus` of a key. */
export function keyRotation(key: { KeyId: string; KeyArn: string }, enabled: boolean, region = 'us-east-1'): TestFile {
  const body = enabled
    ? { KeyRotationEnabled: true, KeyId: key.KeyArn, RotationPeriodInDays: 365, NextRotationDate: '2027-03-12T10:00:00.000Z' }
    : { KeyRotationEnabled: false, KeyId: key.KeyArn };
  return { region, service: 'kms', operation: 'GetKeyRotationStatus', parameters: { KeyId: key.KeyId }, body };
}

// ---- CloudWatch monitoring chain --------------------------------------------------------------

/** `logs:DescribeMetricFilters` of a log group: one filter per pattern, metric `<namespace>/<filter name>`. */
export function metricFilters(
  region: string,
  logGroupName: string,
  filters: { name: string; pattern: string; namespace?: string }[],
): TestFile {
  return {
    region,
    service: 'logs',
    operation: 'DescribeMetricFilters',
    parameters: { logGroupName },
    body: {
      metricFilters: filters.map((f) => ({
        filterName: f.name,
        filterPattern: f.pattern,
        metricTransformations: [{ metricName: f.name, metricNamespace: f.namespace ?? 'CISBenchmark', metricValue: '1' }],
        creationTime: 1710237600000,
        logGroupName,
        applyOnTransformedLogs: false,
      })),
    },
  };
}

/** A metric alarm on `<namespace>/<metric>` notifying these actions. */
export function metricAlarm(region: string, metric: string, actions: string[], fields: Record<string, unknown> = {}): object {
  return {
    AlarmName: `${metric}-alarm`,
    AlarmArn: `arn:aws:cloudwatch:${region}:${TEST_ACCOUNT}:alarm:${metric}-alarm`,
    AlarmConfigurationUpdatedTimestamp: '2024-03-12T10:00:00.000Z',
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: actions,
    InsufficientDataActions: [],
    StateValue: 'OK',
    StateReason: 'Threshold Crossed: 1 datapoint [0.0 (30/09/26 07:55:00)] was not greater than or equal to the threshold (1.0).',
    StateUpdatedTimestamp: '2026-09-30T07:56:00.000Z',
    MetricName: metric,
    Namespace: 'CISBenchmark',
    Statistic: 'Sum',
    Dimensions: [],
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    StateTransitionedTimestamp: '2024-03-12T10:01:00.000Z',
    ...fields,
  };
}

/** `cloudwatch:DescribeAlarms` of a region. */
export function describeAlarms(region: string, alarms: object[]): TestFile {
  return { region, service: 'cloudwatch', operation: 'DescribeAlarms', body: { MetricAlarms: alarms, CompositeAlarms: [] } };
}

/** `sns:ListSubscriptionsByTopic` of a topic: confirmed email subscriptions, or one pending. */
export function topicSubscriptions(topicArn: string, state: 'confirmed' | 'pending' | 'none'): TestFile {
  const region = topicArn.split(':')[3] ?? 'us-east-1';
  const Subscriptions =
    state === 'none'
      ? []
      : [
          {
            SubscriptionArn: state === 'confirmed' ? `${topicArn}:6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c` : 'PendingConfirmation',
            Owner: TEST_ACCOUNT,
            Protocol: 'email',
            Endpoint: 'security@example.com',
            TopicArn: topicArn,
          },
        ];
  return { region, service: 'sns', operation: 'ListSubscriptionsByTopic', parameters: { TopicArn: topicArn }, body: { Subscriptions } };
}
