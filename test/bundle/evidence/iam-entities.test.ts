import { describe, expect, it } from 'vitest';
import { authorizationDetails, serverCertificates } from '../../../src/bundle/evidence/iam.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import * as aws from '../../helpers/aws-builders.js';

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
});
