import { redshiftClusters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** No Redshift cluster is publicly accessible. */
export default defineCheck({
  id: 'redshift-cluster-not-publicly-accessible',
  title: 'Redshift clusters are not publicly accessible',
  description:
    'For every cluster in DescribeClusters, PubliclyAccessible must be false; an answer without PubliclyAccessible is not evaluated.',
  scope: 'region',
  needs: { clusters: redshiftClusters },
  params: {},
  *run({ clusters }, ctx) {
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      if (c.publiclyAccessible === undefined)
        yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters shows no PubliclyAccessible (required: false)`);
      else
        yield c.publiclyAccessible
          ? ctx.fail(c.arn, `${name} has PubliclyAccessible true: it can be reached from the internet (required: false)`)
          : ctx.pass(c.arn, `${name} has PubliclyAccessible false`);
    }
  },
});
