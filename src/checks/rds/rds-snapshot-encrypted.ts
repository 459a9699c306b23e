import { dbClusterSnapshots, dbSnapshots } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** Every RDS DB snapshot and DB cluster snapshot is encrypted. */
export default defineCheck({
  id: 'rds-snapshot-encrypted',
  title: 'RDS DB snapshots and DB cluster snapshots are encrypted',
  description:
    'For every snapshot in DescribeDBSnapshots (Encrypted) and DescribeDBClusterSnapshots (StorageEncrypted), automated and manual, the flag must be true.',
  scope: 'region',
  needs: { snapshots: dbSnapshots, clusterSnapshots: dbClusterSnapshots },
  params: {},
  *run({ snapshots, clusterSnapshots }, ctx) {
    for (const s of [...snapshots, ...clusterSnapshots]) {
      const field = s.kind === 'DB snapshot' ? 'Encrypted' : 'StorageEncrypted';
      const name = `${s.type ?? 'unknown-type'} ${s.kind} ${s.id} (of ${s.sourceId ?? 'an unnamed source'})`;
      if (s.encrypted === undefined) yield ctx.notEvaluated(s.arn, `${name}: the listing shows no ${field}`);
      else yield s.encrypted ? ctx.pass(s.arn, `${name} is encrypted`) : ctx.fail(s.arn, `${name} has ${field} false (required: true)`);
    }
  },
});
