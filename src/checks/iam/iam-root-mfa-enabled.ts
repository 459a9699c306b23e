import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

/** The root user has MFA enabled (or no console password at all). */
export default defineCheck({
  id: 'iam-root-mfa-enabled',
  title: 'The root user has MFA enabled',
  description:
    'Reads the <root_account> row of the IAM credential report: mfa_active must be true, or password_enabled false (a root user without a password, as with centrally managed root access), as the audit procedure accepts either.',
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
        : root.passwordEnabled === false
          ? { status: 'pass', reason: 'the root user has no MFA device but no console password either (password_enabled false)' }
          : { status: 'fail', reason: 'the root user has no MFA device active (required: mfa_active true, or no root password)' },
    );
  },
});
