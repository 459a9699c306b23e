import check from '../../../src/checks/iam/iam-identity-no-inline-policies.js';
import { authorizationDetails, encodeIamPolicy, groupDetail, policyArn, roleDetail, userDetail } from '../../helpers/aws-builders.js';
import { TEST_ACCOUNT } from '../../helpers/bundle-builder.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const inline = (PolicyName: string) => ({ PolicyName, PolicyDocument: encodeIamPolicy({ Version: '2012-10-17', Statement: [] }) });
const serviceLinked = withFields(roleDetail('AWSServiceRoleForSupport'), {
  Path: '/aws-service-role/support.amazonaws.com/',
  Arn: `arn:aws:iam::${TEST_ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
  RolePolicyList: [inline('AWSSupportServiceRolePolicy')],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'user, group and role holding only managed policies',
      evidence: {
        files: [
          authorizationDetails({
            users: [userDetail('alice', { groups: ['readers'] })],
            groups: [groupDetail('readers', [policyArn('ReadOnlyAccess', true)])],
            roles: [roleDetail('app', [policyArn('app-s3')])],
          }),
        ],
      },
      reason: /role app has no inline policies \(limit 0\)/,
    },
    { name: 'an account with no users, groups or roles', evidence: { files: [authorizationDetails({})] } },
    {
      name: 'entities that leave their inline policy lists out',
      evidence: {
        files: [
          authorizationDetails({
            users: [without(userDetail('alice'), 'UserPolicyList')],
            groups: [without(groupDetail('ops'), 'GroupPolicyList')],
            roles: [without(roleDetail('app'), 'RolePolicyList')],
          }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'user with one inline policy beside a compliant user',
      evidence: { files: [authorizationDetails({ users: [userDetail('alice'), userDetail('ci-deploy', { inline: ['deploy-bucket'] })] })] },
      reason: /user ci-deploy has 1 inline policy: deploy-bucket \(limit 0; move them into managed policies\)/,
    },
    {
      name: 'group with two inline policies',
      evidence: {
        files: [authorizationDetails({ groups: [withFields(groupDetail('ops'), { GroupPolicyList: [inline('a'), inline('b')] })] })],
      },
      reason: /group ops has 2 inline policies: a, b/,
    },
    {
      name: 'role with an inline policy',
      evidence: { files: [authorizationDetails({ roles: [withFields(roleDetail('lambda-exec'), { RolePolicyList: [inline('logs')] })] })] },
      reason: /role lambda-exec has 1 inline policy: logs/,
    },
    {
      name: 'service-linked role with an inline policy (the rule exempts none)',
      evidence: { files: [authorizationDetails({ roles: [serviceLinked] })] },
      reason: /AWSServiceRoleForSupport has 1 inline policy: .*service-linked role, whose policies AWS maintains/,
    },
    {
      name: 'inline policy without PolicyName',
      evidence: {
        files: [authorizationDetails({ roles: [withFields(roleDetail('app'), { RolePolicyList: [{ PolicyDocument: '%7B%7D' }] })] })],
      },
      reason: /1 inline policy: \(unnamed\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /GetAccountAuthorizationDetails .*AccessDenied/,
    },
    {
      name: 'a role with neither RoleName nor Arn, beside a compliant one',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('app'), without(roleDetail('ghost'), 'RoleName', 'Arn')] })] },
      reason: /the role has neither a name nor an ARN/,
    },
    {
      name: 'a user whose UserPolicyList is not a list',
      evidence: {
        files: [authorizationDetails({ users: [userDetail('alice'), withFields(userDetail('odd'), { UserPolicyList: 'inline' })] })],
      },
      reason: /could not be read/,
    },
  ],
});
