import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** Every RDS DB instance takes minor engine upgrades automatically. */
export default defineCheck({
  id: 'rds-instance-auto-minor-upgrade-enabled',
  title: 'RDS DB instances have automatic minor version upgrades enabled',
  description: 'For every DB instance in DescribeDBInstances, AutoMinorVersionUpgrade must be true.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {},
  *run({ instances }, ctx) {
    for (const db of instances) {
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      if (db.autoMinorVersionUpgrade === undefined)
        yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no AutoMinorVersionUpgrade`);
      else
        yield db.autoMinorVersionUpgrade
          ? ctx.pass(db.arn, `${name} has AutoMinorVersionUpgrade true`)
          : ctx.fail(db.arn, `${name} has AutoMinorVersionUpgrade false (required: true)`);
    }
  },
});
