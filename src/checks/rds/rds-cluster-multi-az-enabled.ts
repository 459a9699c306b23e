import { dbClusters } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** Every Aurora cluster and Multi-AZ DB cluster spans more than one Availability Zone. */
export default defineCheck({
  id: 'rds-cluster-multi-az-enabled',
  title: 'RDS DB clusters are Multi-AZ',
  description:
    'For every Aurora and Multi-AZ DB cluster in DescribeDBClusters, MultiAZ must be true. DocumentDB and Neptune clusters, which DescribeDBClusters also lists, are left out.',
  scope: 'region',
  needs: { clusters: dbClusters },
  params: {},
  *run({ clusters }, ctx) {
    for (const c of clusters) {
      if (c.engine === undefined) {
        yield ctx.notEvaluated(c.arn, `DB cluster ${c.id}: DescribeDBClusters shows no Engine, so whether the check applies is unknown`);
        continue;
      }
      if (c.engine === 'docdb' || c.engine === 'neptune') continue;
      const name = `DB cluster ${c.id} (${c.engine})`;
      if (c.multiAz === undefined) yield ctx.notEvaluated(c.arn, `${name}: DescribeDBClusters shows no MultiAZ`);
      else yield c.multiAz ? ctx.pass(c.arn, `${name} has MultiAZ true`) : ctx.fail(c.arn, `${name} has MultiAZ false (required: true)`);
    }
  },
});
