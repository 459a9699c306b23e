import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

/** Every IAM user with a console password has MFA enabled. */
export default defineCheck({
  id: 'iam-user-console-mfa-enabled',
  title: 'IAM users with a console password have MFA enabled',
  description: 'For every IAM user whose credential report row has password_enabled true, mfa_active must be true.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    for (const user of report.users.filter((u) => u.passwordEnabled)) {
      yield reportFinding(
        ctx,
        report,
        user,
        user.mfaActive
          ? { status: 'pass', reason: `${user.user} has a console password and MFA active` }
          : {
              status: 'fail',
              reason: `${user.user} has a console password but no MFA device active (required: MFA for every console password)`,
            },
      );
    }
  },
});
