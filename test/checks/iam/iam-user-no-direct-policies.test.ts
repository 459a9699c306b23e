import check from '../../../src/checks/iam/iam-user-no-direct-policies.js';
import { authorizationDetails, groupDetail, managedPolicyDetail, policyArn, roleDetail, userDetail } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const readOnly = policyArn('ReadOnlyAccess', true);
const admin = { Effect: 'Allow', Action: '*', Resource: '*' };

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'user with permissions through a group only',
      evidence: {
        files: [
          authorizationDetails({ users: [userDetail('alice', { groups: ['readers'] })], groups: [groupDetail('readers', [readOnly])] }),
        ],
      },
      reason: /user alice has no policies of its own \(groups: readers\) \(limit 0\)/,
    },
    { name: 'no IAM users', evidence: { files: [authorizationDetails({})] } },
    {
      name: 'roles holding policies directly are out of scope',
      evidence: { files: [authorizationDetails({ users: [userDetail('alice')], roles: [roleDetail('app', [readOnly])] })] },
    },
    {
      name: 'a managed policy without PolicyName does not affect the users',
      evidence: {
        files: [
          authorizationDetails({
            users: [userDetail('alice', { groups: ['ops'] })],
            policies: [without(managedPolicyDetail(policyArn('ops'), [admin]), 'PolicyName')],
          }),
        ],
      },
    },
    {
      name: 'a managed policy without Arn or name does not affect the users',
      evidence: {
        files: [
          authorizationDetails({
            users: [userDetail('alice')],
            policies: [without(managedPolicyDetail(policyArn('ops'), [admin]), 'PolicyName', 'Arn')],
          }),
        ],
      },
    },
    {
      name: 'a user without UserName (named from its ARN) and without optional lists',
      evidence: {
        files: [
          authorizationDetails({
            users: [without(userDetail('alice'), 'UserName', 'UserPolicyList', 'AttachedManagedPolicies', 'GroupList', 'Tags')],
          }),
        ],
      },
      reason: /user alice has no policies of its own \(groups: no groups\)/,
    },
  ],
  fail: [
    {
      name: 'user with an attached managed policy',
      evidence: { files: [authorizationDetails({ users: [userDetail('bob', { attached: [readOnly] })] })] },
      reason: /user bob has 1 policy of its own: attached ReadOnlyAccess \(limit 0/,
    },
    {
      name: 'user with an inline policy beside a compliant user',
      evidence: {
        files: [
          authorizationDetails({
            users: [userDetail('alice', { groups: ['readers'] }), userDetail('ci-deploy', { inline: ['deploy-bucket'] })],
          }),
        ],
      },
      reason: /ci-deploy has 1 policy of its own: inline deploy-bucket/,
    },
    {
      name: 'user with an attachment that lacks PolicyName (named from the ARN)',
      evidence: {
        files: [authorizationDetails({ users: [withFields(userDetail('bob'), { AttachedManagedPolicies: [{ PolicyArn: readOnly }] })] })],
      },
      reason: /attached ReadOnlyAccess/,
    },
    {
      name: 'user with an attachment that lacks PolicyArn',
      evidence: {
        files: [authorizationDetails({ users: [withFields(userDetail('bob'), { AttachedManagedPolicies: [{ PolicyName: 'mystery' }] })] })],
      },
      reason: /attached mystery/,
    },
    {
      name: 'user with an inline policy that lacks PolicyName',
      evidence: {
        files: [authorizationDetails({ users: [withFields(userDetail('bob'), { UserPolicyList: [{ PolicyDocument: '%7B%7D' }] })] })],
      },
      reason: /inline \(unnamed\)/,
    },
    {
      name: 'user without Arn (derived from name and path) holding a policy',
      evidence: { files: [authorizationDetails({ users: [without(userDetail('bob', { attached: [readOnly] }), 'Arn')] })] },
      reason: /user bob has 1 policy/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /iam:GetAccountAuthorizationDetails in 111122223333\/global failed during collection: AccessDenied/,
    },
    {
      name: 'a user with neither UserName nor Arn, beside a compliant one',
      evidence: { files: [authorizationDetails({ users: [userDetail('alice'), without(userDetail('ghost'), 'UserName', 'Arn')] })] },
      reason: /the user has neither a name nor an ARN/,
    },
  ],
});
