import { credentialReport } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

/** The root user has MFA enabled. */
export default defineCheck({
  id: 'iam-root-mfa-enabled',
  title: 'The root user has MFA enabled',
  description: 'Reads mfa_active in the <root_account> row of the IAM credential report.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    const root = report.root;
    if (!root) yield ctx.notEvaluated(ctx.scope.account, 'the credential report has no <root_account> row');
    else
      yield root.mfaActive
        ? ctx.pass(root.arn, 'the root user has MFA active')
        : ctx.fail(root.arn, 'the root user has no MFA device active');
  },
});
