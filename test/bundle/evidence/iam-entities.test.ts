import { describe, expect, it } from 'vitest';
import { authorizationDetails, iamGroups, iamRoles, iamUsers, managedPolicies, nameFromArn, serverCertificates, virtualMfaDevices } from '../../../src/bundle/evidence/iam.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import * as aws from '../../helpers/aws-builders.js';
import { listVirtualMfaDevices, without, withFields } from '../../helpers/iam-builders.js';

const scope = { account: '111122223333', region: 'global' };

describe('IAM authorization details', () => {
  it('concatenates pages and decodes each policy default version', async () => {
    const admin = aws.policyArn('AdministratorAccess', true);
    const twoVersions = {
      ...(aws.managedPolicyDetail(aws.policyArn('app'), []) as Record<string, unknown>),
      DefaultVersionId: 'v2',
      PolicyVersionList: [
        { Document: aws.encodeIamPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }), VersionId: 'v2', IsDefaultVersion: true, CreateDate: '2022-01-01T00:00:00.000Z' },
        { Document: aws.encodeIamPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }), VersionId: 'v1', IsDefaultVersion: false, CreateDate: '2021-01-01T00:00:00.000Z' },
      ],
    };
    const bundle = await testBundle({
      files: [
        aws.authorizationDetails({ users: [aws.userDetail('alice', { groups: ['admins'], inline: ['extra'] })], groups: [aws.groupDetail('admins', [admin])] }),
        aws.authorizationDetails({ roles: [aws.roleDetail('app', [aws.policyArn('app')])], policies: [aws.managedPolicyDetail(admin, [{ Effect: 'Allow', Action: '*', Resource: '*' }]), twoVersions] }, 2),
      ],
    });
    const evidence = await authorizationDetails.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    const { users, groups, roles, policies } = evidence.value;
    expect(users[0]).toMatchObject({ kind: 'user', name: 'alice', groups: ['admins'], inlinePolicies: ['extra'], attachedPolicies: [] });
    expect(groups[0]?.attachedPolicies).toEqual([{ name: 'AdministratorAccess', arn: admin }]);
    expect(roles[0]?.arn).toBe('arn:aws:iam::111122223333:role/app');
    expect(policies.map((p) => [p.name, p.awsManaged, p.defaultVersion.ok && p.defaultVersion.versionId])).toEqual([
      ['AdministratorAccess', true, 'v1'],
      ['app', false, 'v2'],
    ]);
    expect(policies[1]?.defaultVersion).toMatchObject({ ok: true, document: { Statement: [{ Action: 's3:*' }] } });
    expect(evidence.files).toHaveLength(2);
  });

  it('keeps an unreadable default version as a reason on that policy alone', async () => {
    const broken = { ...(aws.managedPolicyDetail(aws.policyArn('broken'), []) as Record<string, unknown>), PolicyVersionList: [{ Document: '%7Bnot%20json', VersionId: 'v1', IsDefaultVersion: true }] };
    const evidence = await authorizationDetails.load(await testBundle({ files: [aws.authorizationDetails({ policies: [broken] })] }), scope);
    expect(evidence.ok && evidence.value.policies[0]?.defaultVersion).toMatchObject({ ok: false, reason: expect.stringMatching(/default version v1 is not a readable policy document/) as unknown });
  });

  it('reads server certificate dates', async () => {
    const evidence = await serverCertificates.load(await testBundle({ files: [aws.listServerCertificates([aws.serverCertificate('www', '2027-01-15')])] }), scope);
    expect(evidence.ok && evidence.value[0]).toMatchObject({ name: 'www', expiresAt: new Date('2027-01-15T23:59:59.000Z'), uploadedAt: new Date('2024-01-10T12:00:00.000Z') });
  });

  it('reads a server certificate without optional fields and sets aside only the unreadable one', async () => {
    const files = [
      aws.listServerCertificates([
        without(aws.serverCertificate('www', '2027-01-15'), 'ServerCertificateName', 'ServerCertificateId', 'UploadDate'),
        withFields(aws.serverCertificate('odd', '2027-01-15'), { Expiration: 'soon' }),
        without(aws.serverCertificate('ghost', '2027-01-15'), 'ServerCertificateName', 'Arn'),
      ]),
    ];
    const evidence = await serverCertificates.load(await testBundle({ files }), scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    expect(evidence.value).toEqual([{ name: 'www', id: 'www', arn: 'arn:aws:iam::111122223333:server-certificate/www', uploadedAt: undefined, expiresAt: new Date('2027-01-15T23:59:59.000Z') }]);
    expect(evidence.unusable).toEqual([
      { resource: 'arn:aws:iam::111122223333:server-certificate/odd', reason: 'Expiration is not an ISO 8601 timestamp ("soon")' },
      { resource: 'ListServerCertificates of 111122223333, certificate 3', reason: 'the certificate has neither a ServerCertificateName nor an Arn' },
    ]);
  });
});

describe('IAM authorization details, split by what each check needs', () => {
  const admin = aws.policyArn('ops');
  const statement = { Effect: 'Allow', Action: '*', Resource: '*' };

  it('keeps users, groups and roles whole when a managed policy lacks PolicyName, and names the policy from its ARN', async () => {
    const files = [
      aws.authorizationDetails({
        users: [aws.userDetail('alice', { groups: ['ops'] })],
        groups: [aws.groupDetail('ops', [admin])],
        roles: [aws.roleDetail('app')],
        policies: [without(aws.managedPolicyDetail(admin, [statement]), 'PolicyName'), without(aws.managedPolicyDetail(aws.policyArn('x'), []), 'PolicyName', 'Arn')],
      }),
    ];
    const bundle = await testBundle({ files });
    const users = await iamUsers.load(bundle, scope);
    const groups = await iamGroups.load(bundle, scope);
    const roles = await iamRoles.load(bundle, scope);
    const policies = await managedPolicies.load(bundle, scope);
    expect(users).toMatchObject({ ok: true, unusable: [] });
    expect(groups).toMatchObject({ ok: true, unusable: [] });
    expect(roles).toMatchObject({ ok: true, unusable: [], value: { unreadable: 0 } });
    if (!policies.ok) throw new Error(policies.reason);
    expect(policies.value.map((p) => [p.name, p.arn])).toEqual([['ops', admin]]);
    expect(policies.unusable).toEqual([{ resource: 'GetAccountAuthorizationDetails of 111122223333, policy 2', reason: 'the managed policy has no Arn, and none can be derived' }]);
  });

  it('derives an entity ARN from its name, path, account and the listing partition, and a name from an ARN', async () => {
    const govRole = withFields(aws.roleDetail('gov'), { Arn: 'arn:aws-us-gov:iam::111122223333:role/gov' });
    const files = [
      aws.authorizationDetails({
        users: [withFields(without(aws.userDetail('bob'), 'Arn'), { Path: '/team/' }), withFields(without(aws.userDetail('carol'), 'UserName', 'Path'), { Arn: 'arn:aws-us-gov:iam::111122223333:user/carol' })],
        roles: [govRole],
      }),
    ];
    const users = await iamUsers.load(await testBundle({ files }), scope);
    expect(users.ok && users.value.map((u) => [u.name, u.arn])).toEqual([
      ['bob', 'arn:aws-us-gov:iam::111122223333:user/team/bob'],
      ['carol', 'arn:aws-us-gov:iam::111122223333:user/carol'],
    ]);
    expect(nameFromArn('arn:aws:iam::aws:policy/service-role/AWSConfigRole')).toBe('AWSConfigRole');
    expect(nameFromArn('not an arn')).toBeUndefined();
  });

  it('counts unreadable roles, so a check needing some role cannot fail on a partial list', async () => {
    const files = [aws.authorizationDetails({ roles: [aws.roleDetail('app'), without(aws.roleDetail('x'), 'RoleName', 'Arn')] })];
    const roles = await iamRoles.load(await testBundle({ files }), scope);
    expect(roles.ok && roles.value.unreadable).toBe(1);
    expect(roles.ok && roles.unusable).toEqual([{ resource: 'GetAccountAuthorizationDetails of 111122223333, role 2', reason: 'the role has neither a name nor an ARN' }]);
  });

  it('keeps an attachment without PolicyArn (by name) and one without PolicyName (named from the ARN)', async () => {
    const files = [aws.authorizationDetails({ users: [withFields(aws.userDetail('bob'), { AttachedManagedPolicies: [{ PolicyName: 'a' }, { PolicyArn: admin }, {}] })] })];
    const users = await iamUsers.load(await testBundle({ files }), scope);
    expect(users.ok && users.value[0]?.attachedPolicies).toEqual([
      { name: 'a', arn: undefined },
      { name: 'ops', arn: admin },
      { name: '(unnamed)', arn: undefined },
    ]);
  });

  it('gives the whole listing with the unusable records of every part', async () => {
    const files = [aws.authorizationDetails({ users: [without(aws.userDetail('u'), 'UserName', 'Arn')], policies: [without(aws.managedPolicyDetail(admin, []), 'Arn', 'PolicyName')] })];
    const details = await authorizationDetails.load(await testBundle({ files }), scope);
    expect(details.ok && details.unusable?.map((u) => u.reason)).toEqual(['the user has neither a name nor an ARN', 'the managed policy has no Arn, and none can be derived']);
  });

  it('passes a failed call through to every part', async () => {
    const bundle = await testBundle({ errors: [aws.callError('iam', 'GetAccountAuthorizationDetails', 'AccessDenied')] });
    for (const source of [iamUsers, iamGroups, iamRoles, managedPolicies, authorizationDetails]) {
      expect(await source.load(bundle, scope)).toMatchObject({ ok: false, reason: expect.stringMatching(/AccessDenied/) as unknown });
    }
  });
});

describe('virtual MFA devices', () => {
  it('types each device; one without SerialNumber but with a User is kept, one with neither is unusable', async () => {
    const files = [
      listVirtualMfaDevices(
        { SerialNumber: 'arn:aws:iam::111122223333:mfa/spare' },
        { User: { Arn: 'arn:aws:iam::111122223333:root' }, EnableDate: '2021-01-01T00:00:00.000Z' },
        { EnableDate: '2021-01-01T00:00:00.000Z' },
        { SerialNumber: 'arn:aws:iam::111122223333:mfa/bad', EnableDate: 'never' },
      ),
    ];
    const devices = await virtualMfaDevices.load(await testBundle({ files }), scope);
    if (!devices.ok) throw new Error(devices.reason);
    expect(devices.value).toEqual([
      { serialNumber: 'arn:aws:iam::111122223333:mfa/spare', userArn: undefined, assigned: false, enabledAt: undefined },
      { serialNumber: '(a device without SerialNumber, assigned to arn:aws:iam::111122223333:root)', userArn: 'arn:aws:iam::111122223333:root', assigned: true, enabledAt: new Date('2021-01-01T00:00:00.000Z') },
    ]);
    expect(devices.unusable?.map((u) => u.resource)).toEqual(['ListVirtualMFADevices of 111122223333, device 3', 'arn:aws:iam::111122223333:mfa/bad']);
  });
});
