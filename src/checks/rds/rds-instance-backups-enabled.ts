import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** Every RDS DB instance keeps automated backups for at least the minimum number of days. */
export default defineCheck({
  id: 'rds-instance-backups-enabled',
  title: 'RDS DB instances have automated backups enabled',
  description:
    'For every DB instance in DescribeDBInstances, BackupRetentionPeriod (0 = automated backups off) must be at least minRetentionDays; read replicas are checked only when checkReadReplicas is true.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {
    minRetentionDays: {
      type: 'integer',
      minimum: 1,
      maximum: 35,
      stricter: 'higher',
      description: 'Fewest days automated backups must be kept (1: backups on; passes at exactly this many days).',
    },
    checkReadReplicas: {
      type: 'boolean',
      description: 'Also check read replicas (AWS Config: checkReadReplicas); when false, replicas are left out.',
    },
  },
  *run({ instances }, ctx) {
    const limit = `(required: at least ${ctx.params.minRetentionDays})`;
    for (const db of instances) {
      if (db.replicaOf !== undefined && !ctx.params.checkReadReplicas) continue;
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})${db.replicaOf === undefined ? '' : `, a read replica of ${db.replicaOf},`}`;
      const days = db.backupRetentionPeriod;
      if (days === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no BackupRetentionPeriod`);
      else if (days === 0) yield ctx.fail(db.arn, `${name} has BackupRetentionPeriod 0: automated backups are off ${limit}`);
      else
        yield days >= ctx.params.minRetentionDays
          ? ctx.pass(db.arn, `${name} keeps automated backups for ${days} days ${limit}`)
          : ctx.fail(db.arn, `${name} keeps automated backups for ${days} days ${limit}`);
    }
  },
});
