import { credentialReport } from '../../bundle/evidence/iam.js';
import { isoDay } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

/** The root user has no active access key. */
export default defineCheck({
  id: 'iam-root-access-key-absent',
  title: 'The root user has no active access key',
  description: 'Reads the <root_account> row of the IAM credential report: neither access key of the root user may be active.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    const root = report.root;
    if (!root) {
      yield ctx.notEvaluated(ctx.scope.account, 'the credential report has no <root_account> row');
      return;
    }
    const active = root.activeAccessKeys.map((key) => `access key ${key.slot} (last rotated ${isoDay(key.lastRotated)})`);
    yield active.length === 0
      ? ctx.pass(root.arn, 'the root user has no active access key')
      : ctx.fail(root.arn, `the root user has an active ${active.join(' and ')}`);
  },
});
