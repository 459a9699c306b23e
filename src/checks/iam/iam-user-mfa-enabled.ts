import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

/** Every IAM user has MFA enabled, with or without a console password. */
export default defineCheck({
  id: 'iam-user-mfa-enabled',
  title: 'Every IAM user has MFA enabled',
  description:
    'For every IAM user in the credential report (the root user excluded), mfa_active must be true, whether or not the user has a console password (AWS Config IAM_USER_MFA_ENABLED). The report counts virtual and hardware devices alike.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    for (const user of report.users) {
      const access = user.passwordEnabled ? 'a console password' : 'no console password';
      yield reportFinding(
        ctx,
        report,
        user,
        user.mfaActive
          ? { status: 'pass', reason: `${user.user} has MFA active (${access})` }
          : { status: 'fail', reason: `${user.user} has no MFA device active (${access}; required: MFA for every IAM user)` },
      );
    }
  },
});
