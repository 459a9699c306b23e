import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** No RDS DB instance has a public endpoint. */
export default defineCheck({
  id: 'rds-instance-not-publicly-accessible',
  title: 'RDS DB instances are not publicly accessible',
  description: 'For every DB instance in DescribeDBInstances, PubliclyAccessible must be false.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {},
  *run({ instances }, ctx) {
    for (const db of instances) {
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      if (db.publiclyAccessible === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no PubliclyAccessible`);
      else
        yield db.publiclyAccessible
          ? ctx.fail(db.arn, `${name} has PubliclyAccessible true (required: false)`)
          : ctx.pass(db.arn, `${name} has PubliclyAccessible false`);
    }
  },
});
