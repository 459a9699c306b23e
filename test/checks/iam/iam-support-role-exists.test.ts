import check from '../../../src/checks/iam/iam-support-role-exists.js';
import { authorizationDetails, groupDetail, policyArn, roleDetail, userDetail } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const support = policyArn('AWSSupportAccess', true);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'a support role holds AWSSupportAccess',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('support', [support])] })] },
      reason: /AWSSupportAccess is attached to role arn:aws:iam::111122223333:role\/support/,
    },
    { name: 'a group holds it', evidence: { files: [authorizationDetails({ groups: [groupDetail('helpdesk', [support])] })] } },
  ],
  fail: [
    {
      name: 'nobody holds AWSSupportAccess',
      evidence: {
        files: [
          authorizationDetails({ users: [userDetail('alice')], roles: [roleDetail('admin', [policyArn('AdministratorAccess', true)])] }),
        ],
      },
      reason: /attached to no role, user or group \(required: at least one\)/,
    },
    {
      name: 'a customer policy merely named AWSSupportAccess',
      evidence: { files: [authorizationDetails({ roles: [roleDetail('support', [policyArn('AWSSupportAccess')])] })] },
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails throttled',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'Throttling' },
    },
  ],
});
