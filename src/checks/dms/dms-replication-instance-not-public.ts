import { dmsReplicationInstances } from '../../bundle/evidence/dms.js';
import { defineCheck } from '../define-check.js';

/** No DMS replication instance is publicly accessible. */
export default defineCheck({
  id: 'dms-replication-instance-not-public',
  title: 'DMS replication instances are not publicly accessible',
  description:
    'For every replication instance in DescribeReplicationInstances, PubliclyAccessible must be false; an answer without PubliclyAccessible is not evaluated.',
  scope: 'region',
  needs: { instances: dmsReplicationInstances },
  params: {},
  *run({ instances }, ctx) {
    for (const ri of instances) {
      const name = `replication instance ${ri.id}`;
      if (ri.publiclyAccessible === undefined)
        yield ctx.notEvaluated(ri.arn, `${name}: DescribeReplicationInstances shows no PubliclyAccessible (required: false)`);
      else
        yield ri.publiclyAccessible
          ? ctx.fail(ri.arn, `${name} has PubliclyAccessible true (required: false)`)
          : ctx.pass(ri.arn, `${name} has PubliclyAccessible false`);
    }
  },
});
