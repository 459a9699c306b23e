import check from '../../../src/checks/iam/iam-support-role-exists.js';
import { authorizationDetails, groupDetail, managedPolicyDetail, policyArn, roleDetail, userDetail } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

/** `iam:ListEntitiesForPolicy` for AWSSupportAccess, stored as the collector stores it. */
function entitiesForSupport(lists: { roles?: string[]; users?: string[]; groups?: string[] }): TestFile {
  return {
    service: 'iam',
    operation: 'ListEntitiesForPolicy',
    parameters: { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' },
    body: {
      PolicyRoles: (lists.roles ?? []).map((RoleName) => ({ RoleName, RoleId: 'AROAEXAMPLEROLEID0001' })),
      PolicyUsers: (lists.users ?? []).map((UserName) => ({ UserName, UserId: 'AIDAEXAMPLEUSERID0001' })),
      PolicyGroups: (lists.groups ?? []).map((GroupName) => ({ GroupName, GroupId: 'AGPAEXAMPLEGROUPID001' })),
      IsTruncated: false,
    },
  };
}

const support = policyArn('AWSSupportAccess', true);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'a support role holds AWSSupportAccess',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('support', [support])] })] },
      reason: /AWSSupportAccess is attached to role arn:aws:iam::111122223333:role\/support \(required: at least one role\)/,
    },
    {
      name: 'a role holds it, and a managed policy record lacks PolicyName',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('support', [support])],
            policies: [without(managedPolicyDetail(policyArn('x'), []), 'PolicyName', 'Arn')],
          }),
        ],
      },
    },
    {
      name: 'a role whose attachment lacks PolicyName but has the AWS ARN',
      evidence: {
        files: [
          authorizationDetails({ roles: [withFields(roleDetail('support'), { AttachedManagedPolicies: [{ PolicyArn: support }] })] }),
        ],
      },
    },
    {
      name: 'the GovCloud partition ARN',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('support', ['arn:aws-us-gov:iam::aws:policy/AWSSupportAccess'])] })] },
    },
    {
      name: 'ListEntitiesForPolicy lists a role (the audit procedure), though the listing omits role attachments',
      evidence: {
        files: [
          authorizationDetails({ roles: [without(roleDetail('support'), 'AttachedManagedPolicies')] }),
          entitiesForSupport({ roles: ['support'] }),
        ],
      },
      reason: /ListEntitiesForPolicy lists AWSSupportAccess on role support/,
    },
    {
      name: 'ListEntitiesForPolicy denied: the role attachments decide',
      evidence: {
        files: [authorizationDetails({ roles: [roleDetail('support', [support])] })],
        errors: [{ service: 'iam', operation: 'ListEntitiesForPolicy', code: 'AccessDenied', parameters: { PolicyArn: support } }],
      },
    },
  ],
  fail: [
    {
      name: 'ListEntitiesForPolicy lists only a user and a group',
      evidence: {
        files: [authorizationDetails({ roles: [roleDetail('app')] }), entitiesForSupport({ users: ['alice'], groups: ['helpdesk'] })],
      },
      reason: /held only by user alice, group helpdesk, which does not count \(required: at least one role\)/,
    },
    {
      name: 'ListEntitiesForPolicy lists nobody, and one role record is unreadable',
      evidence: {
        files: [authorizationDetails({ roles: [roleDetail('app'), without(roleDetail('x'), 'RoleName', 'Arn')] }), entitiesForSupport({})],
      },
      reason: /attached to none/,
    },
    {
      name: 'nobody holds AWSSupportAccess',
      evidence: {
        files: [
          authorizationDetails({ users: [userDetail('alice')], roles: [roleDetail('admin', [policyArn('AdministratorAccess', true)])] }),
        ],
      },
      reason: /attached to none of the account's 1 roles; a user or group holding it does not count \(required: at least one role\)/,
    },
    {
      name: 'only a group holds it (the procedure reads PolicyRoles)',
      evidence: { files: [authorizationDetails({ groups: [groupDetail('helpdesk', [support])], roles: [roleDetail('app')] })] },
      reason: /a user or group holding it does not count/,
    },
    {
      name: 'only a user holds it',
      evidence: { files: [authorizationDetails({ users: [userDetail('alice', { attached: [support] })] })] },
    },
    {
      name: 'a customer policy merely named AWSSupportAccess',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('support', [policyArn('AWSSupportAccess')])] })] },
    },
  ],
  notEvaluated: [
    {
      name: 'ListEntitiesForPolicy lists no role but a role holds it per GetAccountAuthorizationDetails',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('support', [support])] }), entitiesForSupport({})] },
      reason: /the evidence contradicts itself/,
    },
    {
      name: 'GetAccountAuthorizationDetails throttled',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'Throttling' },
    },
    {
      name: 'a role holds a policy named AWSSupportAccess whose ARN is not given',
      evidence: {
        files: [
          authorizationDetails({
            roles: [withFields(roleDetail('support'), { AttachedManagedPolicies: [{ PolicyName: 'AWSSupportAccess' }] })],
          }),
        ],
      },
      reason: /whose ARN the listing does not give/,
    },
    {
      name: 'no role holds it, and one role record cannot be read',
      evidence: {
        files: [authorizationDetails({ roles: [roleDetail('app'), without(roleDetail('ghost', [support]), 'RoleName', 'Arn')] })],
      },
      reason: /none of the 1 readable roles, but 1 role record could not be read/,
    },
  ],
});
