import check from '../../../src/checks/iam/iam-user-console-mfa-enabled.js';
import { accessKey, authorizationDetails, credentialReport, password, reportUser, userDetail } from '../../helpers/aws-builders.js';
import { reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'every user GetAccountAuthorizationDetails and GetAccountSummary know has a row',
      evidence: {
        files: [
          credentialReport([reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' })]),
          authorizationDetails({ users: [userDetail('alice')] }),
          { service: 'iam', operation: 'GetAccountSummary', body: { SummaryMap: { Users: 1 } } },
        ],
      },
    },
    {
      name: 'console user with MFA active',
      evidence: { files: [credentialReport([reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' })])] },
      reason: /alice has a console password and MFA active/,
    },
    {
      name: 'user without console password and without MFA is out of scope',
      evidence: { files: [credentialReport([reportUser('ci-deploy', accessKey(1, '2026-07-15'))])] },
    },
    { name: 'no IAM users at all', evidence: { files: [credentialReport([])] } },
  ],
  fail: [
    {
      name: 'console user without MFA beside one with MFA',
      evidence: {
        files: [
          credentialReport([
            reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' }),
            reportUser('bob', password('2026-09-20')),
          ]),
        ],
      },
      reason: /bob has a console password but no MFA device active \(required: MFA for every console password\)/,
    },
    {
      name: 'console user who never signed in, without MFA',
      evidence: { files: [credentialReport([reportUser('dave', password('no_information', '2026-06-01'))])] },
      reason: /dave/,
    },
    {
      name: 'console user without MFA beside a malformed row (the failure is still reported)',
      evidence: {
        files: [credentialReport([reportUser('bob', password('2026-09-20')), reportUser('odd', { password_enabled: 'sometimes' })])],
      },
      reason: /bob has a console password but no MFA/,
    },
  ],
  notEvaluated: [
    {
      name: 'a user GetAccountAuthorizationDetails lists has no row in the report (a removed row)',
      evidence: {
        files: [
          credentialReport([reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' })]),
          authorizationDetails({ users: [userDetail('alice'), userDetail('bob')] }),
        ],
      },
      reason: /GetAccountAuthorizationDetails lists user bob, but the credential report .* has no row for it/,
    },
    {
      name: 'GetAccountSummary counts more users than the report has rows',
      evidence: {
        files: [
          credentialReport([reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' })]),
          { service: 'iam', operation: 'GetAccountSummary', body: { SummaryMap: { Users: 2, AccountMFAEnabled: 1 } } },
        ],
      },
      reason: /GetAccountSummary counts 2 IAM users, but the credential report .* has rows for 1/,
    },
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'a malformed password_enabled: that user is not evaluated, the others are',
      evidence: {
        files: [
          credentialReport([
            reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' }),
            reportUser('odd', { password_enabled: 'sometimes' }),
          ]),
        ],
      },
      reason: /line 4: password_enabled is "sometimes", expected true or false/,
    },
    {
      name: 'a row with no user name',
      evidence: { files: [credentialReport([reportUser('', { ...password('2026-09-29'), mfa_active: 'true' })])] },
      reason: /user is "", expected a value/,
    },
    {
      name: 'header-only report (no users, no root: not an answer)',
      evidence: { files: [credentialReport([], { root: null })] },
      reason: /no <root_account> row/,
    },
    {
      name: 'MFA active, but the report was generated years before collection',
      evidence: {
        files: [reportGenerated('2020-01-01T00:00:00.000Z', [reportUser('alice', { ...password('2019-12-01'), mfa_active: 'true' })])],
      },
      reason: /not accepted as a pass/,
    },
    {
      name: 'user created after the report was generated',
      evidence: {
        files: [
          reportGenerated('2026-09-29T22:00:00.000Z', [
            reportUser('late', {
              ...password('no_information', '2026-09-29T23:00:00+00:00'),
              user_creation_time: '2026-09-29T23:00:00+00:00',
              mfa_active: 'true',
            }),
          ]),
        ],
      },
      reason: /late: user_creation_time 2026-09-29T23:00:00.000Z, password_last_changed 2026-09-29T23:00:00.000Z are later than/,
    },
  ],
});
