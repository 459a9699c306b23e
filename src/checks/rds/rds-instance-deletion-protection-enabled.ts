import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';
import { setAtClusterLevel } from './engines.js';

/** Every RDS DB instance outside Aurora, DocumentDB and Neptune clusters is protected from deletion. */
export default defineCheck({
  id: 'rds-instance-deletion-protection-enabled',
  title: 'RDS DB instances have deletion protection enabled',
  description:
    'For every DB instance in DescribeDBInstances, DeletionProtection must be true. Members of Aurora, DocumentDB and Neptune clusters are left out: their cluster holds the setting.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {},
  *run({ instances }, ctx) {
    for (const db of instances) {
      if (setAtClusterLevel(db)) continue;
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      if (db.deletionProtection === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no DeletionProtection`);
      else
        yield db.deletionProtection
          ? ctx.pass(db.arn, `${name} has DeletionProtection true`)
          : ctx.fail(db.arn, `${name} has DeletionProtection false (required: true)`);
    }
  },
});
