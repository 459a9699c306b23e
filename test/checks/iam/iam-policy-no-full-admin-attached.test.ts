import check from '../../../src/checks/iam/iam-policy-no-full-admin-attached.js';
import { authorizationDetails, groupDetail, managedPolicyDetail, policyArn, roleDetail, userDetail } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const admin = policyArn('AdministratorAccess', true);
const adminStatement = { Effect: 'Allow', Action: '*', Resource: '*' };
const s3Only = policyArn('app-s3');
const custom = policyArn('ops-all');
const one = (statements: object[], holder = roleDetail('app', [custom])) => ({
  files: [authorizationDetails({ roles: [holder], policies: [managedPolicyDetail(custom, statements)] })],
});

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
      reason: /customer-managed policy app-s3 \(v1\), attached to role app, allows no Action "\*" on Resource "\*"/,
    },
    {
      name: 'admin policy that exists but is attached to nothing',
      evidence: { files: [authorizationDetails({ policies: [managedPolicyDetail(policyArn('break-glass'), [adminStatement], 0)] })] },
    },
    {
      name: 'admin policy with AttachmentCount left out and no entity holding it',
      evidence: {
        files: [
          authorizationDetails({ policies: [without(managedPolicyDetail(policyArn('break-glass'), [adminStatement]), 'AttachmentCount')] }),
        ],
      },
    },
    {
      name: 'Deny "*" on "*" is not a grant',
      evidence: one([{ Effect: 'Deny', Action: '*', Resource: '*' }], groupDetail('quarantine', [custom])),
    },
    { name: 'NotAction with Resource "*" is not counted', evidence: one([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) },
    {
      name: 'Action "*" on a single bucket is not full admin',
      evidence: one([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }]),
    },
    {
      name: 'Action "*" with NotResource is not counted',
      evidence: one([{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' }]),
    },
    { name: 'Action "iam:*" on "*" is not full admin', evidence: one([{ Effect: 'Allow', Action: ['iam:*', 'ec2:*'], Resource: '*' }]) },
    {
      name: 'an old admin version that is not the default',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [
              withFields(managedPolicyDetail(custom, []), {
                DefaultVersionId: 'v2',
                PolicyVersionList: [
                  {
                    Document: encodeURIComponent(
                      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
                    ),
                    VersionId: 'v2',
                    IsDefaultVersion: true,
                  },
                  {
                    Document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [adminStatement] })),
                    VersionId: 'v1',
                    IsDefaultVersion: false,
                  },
                ],
              }),
            ],
          }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'default version found by DefaultVersionId when IsDefaultVersion is left out',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [
              withFields(managedPolicyDetail(custom, []), {
                PolicyVersionList: [
                  { Document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [adminStatement] })), VersionId: 'v1' },
                ],
              }),
            ],
          }),
        ],
      },
      reason: /ops-all \(v1\) allows Action/,
    },
    {
      name: 'AdministratorAccess attached to a role',
      evidence: {
        files: [authorizationDetails({ roles: [roleDetail('admin', [admin])], policies: [managedPolicyDetail(admin, [adminStatement])] })],
      },
      reason: /AWS-managed policy AdministratorAccess \(v1\) allows Action "\*" on Resource "\*" and is attached to role admin/,
    },
    { name: 'attached to a user', evidence: one([adminStatement], userDetail('root-like', { attached: [custom] })) },
    {
      name: 'customer policy with Action ["*:*"] in a list and a Sid, beside a passing one',
      evidence: {
        files: [
          authorizationDetails({
            groups: [groupDetail('ops', [custom, s3Only])],
            policies: [
              managedPolicyDetail(custom, [{ Sid: 'Everything', Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }]),
              managedPolicyDetail(s3Only, []),
            ],
          }),
        ],
      },
      reason: /ops-all .* in statement Everything and is attached to group ops/,
    },
    {
      name: 'Action list holding "*" beside others, Resource list holding "*"',
      evidence: one([{ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::b', '*'] }]),
    },
    {
      name: 'admin statement with a Condition still counts',
      evidence: one([{ ...adminStatement, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]),
    },
    {
      name: 'attached only per AttachmentCount',
      evidence: { files: [authorizationDetails({ policies: [managedPolicyDetail(custom, [adminStatement], 2)] })] },
      reason: /attached to an entity not in the listing/,
    },
    {
      name: 'managed policy lacking PolicyName (named from its ARN)',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [without(managedPolicyDetail(custom, [adminStatement]), 'PolicyName')],
          }),
        ],
      },
      reason: /customer-managed policy ops-all \(v1\) allows Action "\*"/,
    },
    {
      name: 'managed policy lacking Arn (found through the one attachment of its name)',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [without(managedPolicyDetail(custom, [adminStatement]), 'Arn')],
          }),
        ],
      },
      reason: /ops-all/,
    },
    {
      name: 'an attachment lacking PolicyArn, matched by name to the listed policy',
      evidence: {
        files: [
          authorizationDetails({
            roles: [withFields(roleDetail('app'), { AttachedManagedPolicies: [{ PolicyName: 'ops-all' }] })],
            policies: [managedPolicyDetail(custom, [adminStatement])],
          }),
        ],
      },
      reason: /attached to role app/,
    },
  ],
  notEvaluated: [
    {
      name: 'DefaultVersionId and IsDefaultVersion name different versions',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [
              withFields(managedPolicyDetail(custom, []), {
                DefaultVersionId: 'v1',
                PolicyVersionList: [
                  {
                    Document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [] })),
                    VersionId: 'v2',
                    IsDefaultVersion: true,
                  },
                  { Document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [adminStatement] })), VersionId: 'v1' },
                ],
              }),
            ],
          }),
        ],
      },
      reason: /DefaultVersionId is v1 but the listing marks version v2 as the default/,
    },
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
    {
      name: 'default version document unreadable',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [
              withFields(managedPolicyDetail(custom, []), {
                PolicyVersionList: [{ Document: '%7Bnot', VersionId: 'v1', IsDefaultVersion: true }],
              }),
            ],
          }),
        ],
      },
      reason: /default version v1 is not a readable policy document/,
    },
    {
      name: 'default version missing from PolicyVersionList',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [custom])],
            policies: [without(managedPolicyDetail(custom, []), 'PolicyVersionList')],
          }),
        ],
      },
      reason: /no document for its default version v1/,
    },
    {
      name: 'a policy record with neither PolicyName nor Arn, beside a passing one',
      evidence: {
        files: [
          authorizationDetails({
            roles: [roleDetail('app', [s3Only])],
            policies: [managedPolicyDetail(s3Only, []), without(managedPolicyDetail(custom, [adminStatement]), 'PolicyName', 'Arn')],
          }),
        ],
      },
      reason: /the managed policy has no Arn, and none can be derived/,
    },
    {
      name: 'an attachment with neither PolicyName nor PolicyArn',
      evidence: { files: [authorizationDetails({ roles: [withFields(roleDetail('app'), { AttachedManagedPolicies: [{}] })] })] },
      reason: /role app holds a managed policy named \(unnamed\) whose ARN the listing does not give/,
    },
  ],
});
