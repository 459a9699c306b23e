import { credentialReport } from '../../bundle/evidence/iam.js';
import { isoDay } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

/** The root user has no active access key. */
export default defineCheck({
  id: 'iam-root-access-key-absent',
  title: 'The root user has no active access key',
  description: 'Reads the <root_account> row of the IAM credential report: access_key_1_active and access_key_2_active must both be false.',
  scope: 'account',
  needs: { report: credentialReport },
  params: {},
  *run({ report }, ctx) {
    const root = report.root;
    if (!root) {
      // The harness names the missing or unreadable row as an unusable record; say what it means here.
      yield ctx.notEvaluated(
        ctx.scope.account,
        'the credential report has no readable <root_account> row, so the root user cannot be judged',
      );
      return;
    }
    const rotated = (at: Date | undefined): string => (at ? `last rotated ${isoDay(at)}` : 'no rotation date');
    const active = root.activeAccessKeys.map((key) => `access key ${key.slot} (${rotated(key.lastRotated)})`);
    const inactive = root.accessKeys.filter((k) => !k.active).map((k) => `access key ${k.slot}`);
    const note = inactive.length > 0 ? ` (inactive: ${inactive.join(', ')}; delete it)` : '';
    yield reportFinding(
      ctx,
      report,
      root,
      active.length === 0
        ? { status: 'pass', reason: `the root user has no active access key${note} (limit 0)` }
        : { status: 'fail', reason: `the root user has an active ${active.join(' and ')} (limit 0)` },
    );
  },
});
