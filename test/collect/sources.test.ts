import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessAnalyzers } from '../../src/bundle/evidence/accessanalyzer.js';
import { dbInstances } from '../../src/bundle/evidence/rds.js';
import { efsFileSystems } from '../../src/bundle/evidence/efs.js';
import { authorizationDetails, serverCertificates } from '../../src/bundle/evidence/iam.js';
import { kmsKeys } from '../../src/bundle/evidence/kms.js';
import { securityHub } from '../../src/bundle/evidence/securityhub.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { ACME } from './helpers/acme.js';
import { anyOrder, FakeAws, json, s3Error, wire, xml, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const global = { account: ACME, region: 'global' };

describe('sources beyond the foundation checks', () => {
  it('reads IAM entities from GetAccountAuthorizationDetails in pages of 1000 by Marker, plus certificates, MFA devices and the support role', async () => {
    // The sample's entities, split over two pages: users and groups, then roles and policies.
    fake.on('iam', 'GetAccountAuthorizationDetails', (r) => xml(`iam/GetAccountAuthorizationDetails.p${r.params.Marker ? 2 : 1}.xml`));
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(
      fake.calls('iam', 'GetAccountAuthorizationDetails').map((r) => [r.params.MaxItems, r.params.Marker?.slice(0, 7), r.params.Filter]),
    ).toEqual([
      ['1000', undefined, undefined],
      ['1000', 'EXAMPLE', undefined],
    ]);
    expect(fake.calls('iam', 'ListEntitiesForPolicy').map((r) => r.params.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/AWSSupportAccess']);
    const bundle = await openBundle(result.dir);
    const details = await authorizationDetails.load(bundle, global);
    if (!details.ok) throw new Error(details.reason);
    expect(details.value.users.map((u) => u.name)).toEqual(['alice', 'bob', 'carol', 'ci-deploy', 'dave', 'erin']);
    expect(details.value.users.find((u) => u.name === 'ci-deploy')).toMatchObject({
      attachedPolicies: [{ name: 'ci-deploy-artifacts' }],
      inlinePolicies: [],
    });
    expect(details.value.users.find((u) => u.name === 'bob')).toMatchObject({ attachedPolicies: [], inlinePolicies: ['bob-billing-read'] });
    expect(details.value.roles.map((r) => r.name)).toEqual([
      'acme-bastion-ssm',
      'acme-support',
      'acme-vpc-flow-logs',
      'acme-web-ec2',
      'AuditpackReadOnly',
      'OrganizationAccountAccessRole',
    ]);
    const developer = details.value.policies.find((p) => p.name === 'acme-developer');
    expect(developer?.defaultVersion).toMatchObject({
      ok: true,
      versionId: 'v3',
      document: {
        Statement: [
          { Action: ['ec2:Describe*', 'rds:Describe*', 'cloudwatch:GetMetricData', 'logs:FilterLogEvents'] },
          { Action: ['s3:GetObject', 's3:ListBucket'] },
        ],
      },
    });
    const certificates = await serverCertificates.load(bundle, global);
    expect(certificates.ok && certificates.value.map((c) => [c.name, c.expiresAt?.toISOString()])).toEqual([
      ['acme-legacy-api-2025', '2025-11-30T23:59:59.000Z'],
      ['acme-www-2027', '2027-02-14T23:59:59.000Z'],
    ]);
    expect(result.manifest.files.find((f) => f.operation === 'ListEntitiesForPolicy')?.path).toBe(
      'aws/111122223333/global/iam/ListEntitiesForPolicy/AWSSupportAccess.json',
    );
  });

  it('asks DescribeKey for every KMS key and GetKeyRotationStatus only for the customer keys that can rotate', async () => {
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(fake.calls('kms', 'DescribeKey')).toHaveLength(4);
    expect(
      fake
        .calls('kms', 'GetKeyRotationStatus')
        .map((r) => r.body.KeyId)
        .sort(),
    ).toEqual(['0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64', '7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97']);
    const keys = await kmsKeys.load(await openBundle(result.dir), east);
    if (!keys.ok) throw new Error(keys.reason);
    expect(
      keys.value.map((k) => [
        k.keyId.slice(0, 8),
        k.metadata.ok && k.metadata.value.KeyManager,
        k.rotation.ok ? k.rotation.value.KeyRotationEnabled : 'not asked',
      ]),
    ).toEqual([
      ['0b7d2e4c', 'CUSTOMER', false],
      ['3f9a6c1e', 'AWS', 'not asked'],
      ['7c1e9a52', 'CUSTOMER', true],
      ['8d2b4f6a', 'AWS', 'not asked'],
    ]);
  });

  it('collects RDS instances, EFS file systems, Security Hub (not subscribed: not-found), GuardDuty, Access Analyzer and Macie per region', async () => {
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    const bundle = await openBundle(result.dir);
    expect(await dbInstances.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        { id: 'acme-orders-db', storageEncrypted: true, publiclyAccessible: false, autoMinorVersionUpgrade: true },
        { id: 'acme-reporting', storageEncrypted: false, publiclyAccessible: true, autoMinorVersionUpgrade: false },
      ],
    });
    expect(await dbInstances.load(bundle, west)).toMatchObject({ ok: true, value: [] });
    expect(await efsFileSystems.load(bundle, east)).toMatchObject({ ok: true, value: [{ id: 'fs-0a1b2c3d4e5f60718', encrypted: true }] });
    expect(await efsFileSystems.load(bundle, west)).toMatchObject({ ok: true, value: [{ id: 'fs-0b1c2d3e4f5a60719', encrypted: false }] });
    expect(await securityHub.load(bundle, east)).toMatchObject({
      ok: true,
      value: { arn: 'arn:aws:securityhub:us-east-1:111122223333:hub/default' },
    });
    expect(await securityHub.load(bundle, west)).toMatchObject({ ok: true, value: undefined });
    expect(await accessAnalyzers.load(bundle, east)).toMatchObject({
      ok: true,
      value: [{ name: 'acme-account-analyzer', status: 'ACTIVE', type: 'ACCOUNT' }],
    });
    const byPath = (path: string) => bundle.manifest.files.find((f) => f.path === path);
    expect(byPath('aws/111122223333/eu-west-1/securityhub/DescribeHub.json')?.status).toBe('not-found');
    expect(byPath('aws/111122223333/us-east-1/macie2/GetMacieSession.json')?.status).toBe('not-found');
    expect(byPath('aws/111122223333/global/account/GetAlternateContact/SECURITY.json')).toMatchObject({
      status: 'not-found',
      parameters: { AlternateContactType: 'SECURITY' },
    });
    expect(byPath('aws/111122223333/global/organizations/DescribeOrganization.json')?.status).toBe('not-found');
    expect(byPath('aws/111122223333/us-east-1/guardduty/GetDetector/12abc34d567e8fa901bc2d34e56789f0.json')?.status).toBe('ok');
    expect(anyOrder(fake.calls('guardduty', 'GetDetector').map((r) => r.params.path))).toEqual(anyOrder(['/detector/12abc34d567e8fa901bc2d34e56789f0']));
    expect(result.manifest.errors.map((e) => e.operation)).toEqual(['DescribeSecurityGroups']);
  });

  it('follows the monitoring chain: trail log group → metric filters → alarms on those metrics → their SNS subscriptions', async () => {
    fake.on('cloudtrail', 'DescribeTrails', (r) =>
      r.region === 'us-east-1' ? json('cloudtrail/DescribeTrails.with-log-group.json') : undefined,
    );
    fake.on('logs', 'DescribeMetricFilters', json('logs/DescribeMetricFilters.json'));
    fake.on('cloudwatch', 'DescribeAlarms', (r) =>
      r.region === 'us-east-1' ? { ...json('cloudwatch/DescribeAlarms.cis.json'), contentType: 'application/x-amz-json-1.0' } : undefined,
    );
    fake.on('sns', 'ListSubscriptionsByTopic', xml('sns/ListSubscriptionsByTopic.xml'));
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(anyOrder(fake.calls('logs', 'DescribeMetricFilters').map((r) => [r.region, r.body.logGroupName]))).toEqual(anyOrder([
      ['us-east-1', 'aws-cloudtrail-logs-acme'],
    ]));
    // Only the topic of alarms on a filter's metric; the billing alarm's topic is not asked.
    expect(anyOrder(fake.calls('sns', 'ListSubscriptionsByTopic').map((r) => r.params.TopicArn))).toEqual(anyOrder([
      'arn:aws:sns:us-east-1:111122223333:security-alerts',
    ]));
    // DescribeTrails is shared between the cloudtrail and monitoring sources, never asked twice.
    expect(
      fake
        .calls('cloudtrail', 'DescribeTrails')
        .map((r) => r.region)
        .sort(),
    ).toEqual(['eu-west-1', 'us-east-1']);
    const subs = result.manifest.files.find((f) => f.operation === 'ListSubscriptionsByTopic');
    expect(subs).toMatchObject({
      path: 'aws/111122223333/us-east-1/sns/ListSubscriptionsByTopic/security-alerts.json',
      parameters: { TopicArn: 'arn:aws:sns:us-east-1:111122223333:security-alerts' },
    });
    const body = JSON.parse(readFileSync(join(result.dir, subs?.path ?? ''), 'utf8')) as { Subscriptions: { Endpoint: string }[] };
    expect(body.Subscriptions.map((s) => s.Endpoint)).toEqual(['secops@acme.example']);
  });

  it('reads roots, OUs, SCPs and delegated administrators only from the management account', async () => {
    fake.on('organizations', 'DescribeOrganization', json('organizations/DescribeOrganization.json'));
    fake.on('organizations', 'ListRoots', json('organizations/ListRoots.json'));
    fake.on('organizations', 'ListOrganizationalUnitsForParent', (r) =>
      json(`organizations/ListOrganizationalUnitsForParent.${String(r.body.ParentId)}.json`),
    );
    fake.on('organizations', 'ListPolicies', json('organizations/ListPolicies.json'));
    fake.on('organizations', 'ListDelegatedAdministrators', json('organizations/ListDelegatedAdministrators.json'));
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    const org = result.manifest.files
      .filter((f) => f.service === 'organizations')
      .map((f) => f.path.replace('aws/111122223333/global/organizations/', ''));
    expect(org.sort()).toEqual([
      'DescribeOrganization.json',
      'ListDelegatedAdministrators.json',
      'ListOrganizationalUnitsForParent/ou-a1b2-prod1234.json',
      'ListOrganizationalUnitsForParent/r-a1b2.json',
      'ListPolicies/SERVICE_CONTROL_POLICY.json',
      'ListRoots.json',
    ]);

    // A member account reads only DescribeOrganization.
    const member = JSON.parse(wire('organizations/DescribeOrganization.json')) as { Organization: Record<string, string> };
    member.Organization.MasterAccountId = '999988887777';
    fake.on('organizations', 'DescribeOrganization', { body: JSON.stringify(member), contentType: 'application/x-amz-json-1.1' });
    const before = fake.calls('organizations').length;
    await collectFrom(fake, { regions: ['us-east-1'] });
    expect(
      fake
        .calls('organizations')
        .slice(before)
        .map((r) => r.operation),
    ).toEqual(['DescribeOrganization']);
  });

  it('asks about the buckets of trails that deliver to another account, once each, and records what AWS answers', async () => {
    // us-east-1: the org trail (own bucket) and two trails to other accounts' buckets; eu-west-1's own trail
    // delivers to the organisation's log archive too, whose calls are made once.
    type Trail = { Name: string; S3BucketName: string; HomeRegion: string; TrailARN: string };
    const trails = (region: string) => (JSON.parse(wire(`cloudtrail/DescribeTrails.${region}.json`)) as { trailList: Trail[] }).trailList;
    const trail = (name: string, bucket: string): Trail => ({
      ...(trails('us-east-1')[0] as Trail),
      Name: name,
      S3BucketName: bucket,
      TrailARN: `arn:aws:cloudtrail:us-east-1:${ACME}:trail/${name}`,
    });
    const east = [
      ...trails('us-east-1'),
      trail('archive-trail', 'acme-org-log-archive'),
      trail('frankfurt-trail', 'acme-archive-frankfurt'),
      trail('partner-trail', 'partner-audit-logs'),
    ];
    const west = trails('eu-west-1').map((t) => (t.Name === 'legacy-eu-trail' ? { ...t, S3BucketName: 'acme-org-log-archive' } : t));
    fake.on('cloudtrail', 'DescribeTrails', (r) => ({
      body: JSON.stringify({ trailList: r.region === 'us-east-1' ? east : west }),
      contentType: 'application/x-amz-json-1.1',
    }));
    const added = (r: WireRequest, field: string) => /trail\/(archive|frankfurt|partner)-trail$/.test(String(r.body[field]));
    fake.on('cloudtrail', 'GetTrailStatus', (r) => (added(r, 'Name') ? json('cloudtrail/GetTrailStatus.acme-org-trail.json') : undefined));
    fake.on('cloudtrail', 'GetEventSelectors', (r) =>
      added(r, 'TrailName') ? json('cloudtrail/GetEventSelectors.acme-org-trail.json') : undefined,
    );

    // The log archive (eu-west-1) shows its logging but denies the rest; the Frankfurt bucket, outside the run's
    // regions, has no policy; the partner denies everything, its location included.
    const denied = (r: WireRequest) => s3Error('AccessDenied', `Access Denied (${r.operation} ${r.bucket ?? ''} in ${r.region})`, 403);
    const where: Record<string, string> = {
      'acme-org-log-archive': 'eu-west-1',
      'acme-archive-frankfurt': 'eu-central-1',
      'partner-audit-logs': 'us-east-1',
    };
    const foreign = (answer: (r: WireRequest) => ReturnType<typeof xml>) => (r: WireRequest) => {
      const region = where[r.bucket ?? ''];
      if (region === undefined) return undefined;
      return r.region === region
        ? answer(r)
        : s3Error('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', 301);
    };
    fake.on('s3', 'GetBucketLocation', (r) =>
      r.bucket === 'partner-audit-logs'
        ? denied(r)
        : where[r.bucket ?? '']
          ? xml(`s3/GetBucketLocation.${where[r.bucket ?? '']}.xml`)
          : undefined,
    );
    fake.on(
      's3',
      'GetBucketLogging',
      foreign((r) => (r.bucket === 'partner-audit-logs' ? denied(r) : xml('s3/GetBucketLogging.disabled.xml'))),
    );
    fake.on(
      's3',
      'GetBucketPolicy',
      foreign((r) => (r.bucket === 'acme-archive-frankfurt' ? xml('s3/NoSuchBucketPolicy.xml', 404) : denied(r))),
    );
    fake.on('s3', 'GetPublicAccessBlock', foreign(denied));

    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(result.outcome).toBe('partial');
    const asked = (operation: string) =>
      fake
        .calls('s3', operation)
        .flatMap((r) => (where[r.bucket ?? ''] ? [`${r.bucket ?? ''}@${r.region}`] : []))
        .sort();
    expect(asked('GetBucketLocation')).toEqual([
      'acme-archive-frankfurt@us-east-1',
      'acme-org-log-archive@us-east-1',
      'partner-audit-logs@us-east-1',
    ]);
    // Each in the bucket's own region (the home region when the location is unknown), once.
    for (const operation of ['GetBucketLogging', 'GetBucketPolicy', 'GetPublicAccessBlock']) {
      expect(asked(operation), operation).toEqual([
        'acme-archive-frankfurt@eu-central-1',
        'acme-org-log-archive@eu-west-1',
        'partner-audit-logs@us-east-1',
      ]);
    }
    // The account's own buckets are the s3 source's alone: one ListBuckets, one policy call each, no location.
    expect(fake.calls('s3', 'ListBuckets')).toHaveLength(1);
    expect(fake.calls('s3', 'GetBucketPolicy').filter((r) => !where[r.bucket ?? ''])).toHaveLength(3);

    const about = (bucket: string) => (f: { parameters?: Record<string, unknown> }) => f.parameters?.Bucket === bucket;
    const filed = (bucket: string) =>
      result.manifest.files
        .filter(about(bucket))
        .map((f) => `${f.path} ${f.status}`)
        .sort();
    const failed = (bucket: string) =>
      result.manifest.errors
        .filter(about(bucket))
        .map((e) => `${e.region} ${e.operation} ${e.code}`)
        .sort();
    expect(filed('acme-org-log-archive')).toEqual([
      'aws/111122223333/eu-west-1/s3/GetBucketLogging/acme-org-log-archive.json ok',
      'aws/111122223333/global/s3/GetBucketLocation/acme-org-log-archive.json ok',
    ]);
    expect(failed('acme-org-log-archive')).toEqual([
      'eu-west-1 GetBucketPolicy AccessDenied',
      'eu-west-1 GetPublicAccessBlock AccessDenied',
    ]);
    // eu-central-1 is not one of the run's regions: filed under global.
    expect(filed('acme-archive-frankfurt')).toEqual([
      'aws/111122223333/global/s3/GetBucketLocation/acme-archive-frankfurt.json ok',
      'aws/111122223333/global/s3/GetBucketLogging/acme-archive-frankfurt.json ok',
      'aws/111122223333/global/s3/GetBucketPolicy/acme-archive-frankfurt.json not-found',
    ]);
    expect(failed('acme-archive-frankfurt')).toEqual(['global GetPublicAccessBlock AccessDenied']);
    expect(filed('partner-audit-logs')).toEqual([]);
    expect(failed('partner-audit-logs')).toEqual([
      'global GetBucketLocation AccessDenied',
      'global GetBucketLogging AccessDenied',
      'global GetBucketPolicy AccessDenied',
      'global GetPublicAccessBlock AccessDenied',
    ]);
    expect(readFileSync(join(result.dir, 'aws/111122223333/global/s3/GetBucketLocation/acme-archive-frankfurt.json'), 'utf8')).toBe(
      '{\n  "LocationConstraint": "eu-central-1"\n}\n',
    );
    expect(result.manifest.errors.filter((e) => e.code === 'InternalError')).toEqual([]);
    await openBundle(result.dir);
  });

  it('names a single account by its first alias, and an account without an alias not at all', async () => {
    const named = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(fake.calls('iam', 'ListAccountAliases').map((r) => r.params)).toEqual([{ Action: 'ListAccountAliases', Version: '2010-05-08' }]);
    expect(named.manifest.scope.accounts).toEqual([{ id: ACME, name: 'acme-prod' }]);
    expect(named.manifest.files.find((f) => f.operation === 'ListAccountAliases')).toMatchObject({
      path: 'aws/111122223333/global/iam/ListAccountAliases.json',
      region: 'global',
      parameters: {},
      status: 'ok',
    });

    fake.on('iam', 'ListAccountAliases', xml('iam/ListAccountAliases.none.xml'));
    const unnamed = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(unnamed.manifest.scope.accounts).toEqual([{ id: ACME }]);
    expect(unnamed.manifest.errors.filter((e) => e.service === 'iam')).toEqual([]);
  });

  it('collects every active account of the organization with --organization', async () => {
    fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
    const result = await collectFrom(fake, { organization: true, roleName: 'OrganizationAccountAccessRole', regions: ['us-east-1'] });
    expect(result.manifest.scope.accounts).toEqual([
      { id: ACME, name: 'acme-prod' },
      { id: '444455556666', name: 'acme-security' },
    ]);
    expect(
      fake
        .calls('sts', 'AssumeRole')
        .map((r) => r.params.RoleArn)
        .sort(),
    ).toEqual([
      'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole',
      'arn:aws:iam::444455556666:role/OrganizationAccountAccessRole',
    ]);
    expect(new Set(result.manifest.files.map((f) => f.account))).toEqual(new Set([ACME, '444455556666']));
  });
});
