import check from '../../../src/checks/iam/iam-policy-no-full-admin-attached.js';
import { authorizationDetails, groupDetail, managedPolicyDetail, policyArn, roleDetail } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const admin = policyArn('AdministratorAccess', true);
const adminStatement = { Effect: 'Allow', Action: '*', Resource: '*' };
const s3Only = policyArn('app-s3');

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'attached customer policy allowing s3:* on "*"',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [s3Only])],
            policies: [managedPolicyDetail(s3Only, [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])],
          }),
        ],
      },
      reason: /policy app-s3 \(v1\), attached to role app, allows no Action "\*" on Resource "\*"/,
    },
    {
      name: 'admin policy that exists but is attached to nothing',
      evidence: { files: [authorizationDetails({ policies: [managedPolicyDetail(policyArn('break-glass'), [adminStatement], 0)] })] },
    },
    {
      name: 'Deny "*" on "*" is not a grant',
      evidence: {
        files: [
          authorizationDetails({
            groups: [groupDetail('quarantine', [policyArn('deny-all')])],
            policies: [managedPolicyDetail(policyArn('deny-all'), [{ Effect: 'Deny', Action: '*', Resource: '*' }])],
          }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'AdministratorAccess attached to a role',
      evidence: {
        files: [authorizationDetails({ roles: [roleDetail('admin', [admin])], policies: [managedPolicyDetail(admin, [adminStatement])] })],
      },
      reason: /policy AdministratorAccess \(v1\) allows Action "\*" on Resource "\*" and is attached to role admin/,
    },
    {
      name: 'customer policy with Action ["*:*"] in a list and a Sid, beside a passing one',
      evidence: {
        files: [
          authorizationDetails({
            groups: [groupDetail('ops', [policyArn('ops-all'), s3Only])],
            policies: [
              managedPolicyDetail(policyArn('ops-all'), [{ Sid: 'Everything', Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }]),
              managedPolicyDetail(s3Only, []),
            ],
          }),
        ],
      },
      reason: /ops-all .* in statement Everything and is attached to group ops/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /GetAccountAuthorizationDetails .*AccessDenied/,
    },
    {
      name: 'attached policy missing from the listing',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('admin', [admin])] })] },
      reason: /AdministratorAccess is attached to role admin but GetAccountAuthorizationDetails does not list it/,
    },
  ],
});
