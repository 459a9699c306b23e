import check from '../../../src/checks/iam/iam-user-console-mfa-enabled.js';
import { accessKey, credentialReport, password, reportUser } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'console user with MFA active',
      evidence: { files: [credentialReport([reportUser('alice', { ...password('2026-09-29'), mfa_active: 'true' })])] },
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
      reason: /bob has a console password but no MFA/,
    },
    {
      name: 'console user who never signed in, without MFA',
      evidence: { files: [credentialReport([reportUser('dave', password('no_information', '2026-06-01'))])] },
      reason: /dave/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
  ],
});
