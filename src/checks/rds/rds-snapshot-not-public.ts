import { dbClusterSnapshots, dbSnapshots } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** No RDS DB snapshot or DB cluster snapshot can be restored by every AWS account. */
export default defineCheck({
  id: 'rds-snapshot-not-public',
  title: 'RDS DB snapshots and DB cluster snapshots are not public',
  description:
    'For every manual snapshot in DescribeDBSnapshots and DescribeDBClusterSnapshots, the restore attribute (DescribeDBSnapshotAttributes, DescribeDBClusterSnapshotAttributes) must not hold "all". Automated and AWS Backup snapshots cannot be shared and pass.',
  scope: 'region',
  needs: { snapshots: dbSnapshots, clusterSnapshots: dbClusterSnapshots },
  params: {},
  *run({ snapshots, clusterSnapshots }, ctx) {
    for (const s of [...snapshots, ...clusterSnapshots]) {
      const name = `${s.type ?? 'unknown-type'} ${s.kind} ${s.id}`;
      if (s.type === undefined) {
        yield ctx.notEvaluated(s.arn, `${s.kind} ${s.id}: the listing shows no SnapshotType, so whether it can be shared is unknown`);
        continue;
      }
      if (s.restore === undefined) {
        yield ctx.pass(s.arn, `${name} cannot be shared: only manual snapshots can be made public`);
        continue;
      }
      if (!s.restore.ok) {
        yield ctx.notEvaluated(s.arn, `${name}: ${s.restore.reason}`);
        continue;
      }
      const accounts = s.restore.value;
      const files = s.restore.files;
      if (accounts.includes('all'))
        yield ctx.fail(s.arn, `${name} has restore attribute "all": every AWS account can restore it (required: not "all")`, files);
      else if (accounts.length === 0) yield ctx.pass(s.arn, `${name} is not shared`, files);
      else
        yield ctx.pass(
          s.arn,
          `${name} is shared with ${accounts.length} named account${accounts.length === 1 ? '' : 's'} (${accounts.join(', ')}), not "all"`,
          files,
        );
    }
  },
});
