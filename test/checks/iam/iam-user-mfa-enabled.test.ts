import check from '../../../src/checks/iam/iam-user-mfa-enabled.js';
import { accessKey, authorizationDetails, credentialReport, password, reportUser, userDetail } from '../../helpers/aws-builders.js';
import { reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'console user with MFA active',
      evidence: { files: [credentialReport([reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' })])] },
      reason: /alice has MFA active \(a console password\)/,
    },
    {
      name: 'access-key-only user with MFA active',
      evidence: { files: [credentialReport([reportUser('ci-deploy', { ...accessKey(1, '2026-07-15'), mfa_active: 'TRUE' })])] },
      reason: /ci-deploy has MFA active \(no console password\)/,
    },
    { name: 'no IAM users (the root row is not an IAM user)', evidence: { files: [credentialReport([])] } },
  ],
  fail: [
    {
      name: 'access-key-only user without MFA (out of scope for the console rule, in scope here)',
      evidence: { files: [credentialReport([reportUser('ci-deploy', accessKey(1, '2026-07-15'))])] },
      reason: /ci-deploy has no MFA device active \(no console password; required: MFA for every IAM user\)/,
    },
    {
      name: 'user with neither password nor keys, without MFA',
      evidence: { files: [credentialReport([reportUser('idle')])] },
      reason: /idle has no MFA device active/,
    },
    {
      name: 'console user without MFA beside one with MFA and a malformed row',
      evidence: {
        files: [
          credentialReport([
            reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' }),
            reportUser('bob', password('2026-09-20')),
            reportUser('odd', { mfa_active: 'maybe' }),
          ]),
        ],
      },
      reason: /bob has no MFA device active \(a console password/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'a malformed mfa_active: that user is not evaluated',
      evidence: { files: [credentialReport([reportUser('alice', { mfa_active: 'true' }), reportUser('odd', { mfa_active: 'maybe' })])] },
      reason: /mfa_active is "maybe", expected true or false/,
    },
    {
      name: 'a user GetAccountAuthorizationDetails lists has no row in the report',
      evidence: {
        files: [
          credentialReport([reportUser('alice', { mfa_active: 'true' })]),
          authorizationDetails({ users: [userDetail('alice'), userDetail('bob')] }),
        ],
      },
      reason: /lists user bob, but the credential report .* has no row for it/,
    },
    {
      name: 'MFA active, but the report was generated years before collection',
      evidence: { files: [reportGenerated('2020-01-01T00:00:00.000Z', [reportUser('alice', { mfa_active: 'true' })])] },
      reason: /not accepted as a pass/,
    },
  ],
});
