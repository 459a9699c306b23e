import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';
import { isClusterEngine } from './engines.js';

/** Every RDS DB instance (not Aurora, DocumentDB or Neptune) runs a standby in another Availability Zone. */
export default defineCheck({
  id: 'rds-instance-multi-az-enabled',
  title: 'RDS DB instances are Multi-AZ deployments',
  description:
    'For every DB instance in DescribeDBInstances whose engine is not Aurora, DocumentDB or Neptune (they replicate across zones at cluster level), MultiAZ must be true.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {},
  *run({ instances }, ctx) {
    for (const db of instances) {
      if (db.engine === undefined) {
        yield ctx.notEvaluated(db.arn, `DB instance ${db.id}: DescribeDBInstances shows no Engine, so whether Multi-AZ applies is unknown`);
        continue;
      }
      if (isClusterEngine(db.engine)) continue;
      const name = `DB instance ${db.id} (${db.engine})`;
      if (db.multiAz === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no MultiAZ`);
      else yield db.multiAz ? ctx.pass(db.arn, `${name} has MultiAZ true`) : ctx.fail(db.arn, `${name} has MultiAZ false (required: true)`);
    }
  },
});
