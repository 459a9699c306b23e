import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

/** The root user has MFA enabled. */
export default defineCheck({
  id: 'iam-root-mfa-enabled',
  title: 'The root user has MFA enabled',
  description:
    "Reads the <root_account> row of the IAM credential report: mfa_active must be true, as the audit's AccountMFAEnabled = 1. A root user without a password and without MFA still fails: the procedure asks for MFA, whatever the password.",
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    const root = report.root;
    if (!root) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        'the credential report has no readable <root_account> row, so the root user cannot be judged',
      );
      return;
    }
    yield reportFinding(
      ctx,
      report,
      root,
      root.mfaActive
        ? { status: 'pass', reason: 'the root user has MFA active' }
        : {
            status: 'fail',
            reason: `the root user has no MFA device active${root.passwordEnabled === false ? ' (it has no console password either, but the audit asks for MFA)' : ''} (required: mfa_active true)`,
          },
    );
  },
});
