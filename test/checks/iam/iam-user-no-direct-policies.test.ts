import check from '../../../src/checks/iam/iam-user-no-direct-policies.js';
import { authorizationDetails, groupDetail, policyArn, userDetail } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const readOnly = policyArn('ReadOnlyAccess', true);

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
      reason: /user alice has no policies of its own \(groups: readers\)/,
    },
    { name: 'no IAM users', evidence: { files: [authorizationDetails({})] } },
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
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /iam:GetAccountAuthorizationDetails in 111122223333\/global failed during collection: AccessDenied/,
    },
  ],
});
