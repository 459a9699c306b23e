import { redshiftClusters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** Every Redshift cluster routes its COPY and UNLOAD traffic through its VPC. */
export default defineCheck({
  id: 'redshift-cluster-enhanced-vpc-routing-enabled',
  title: 'Redshift clusters have enhanced VPC routing enabled',
  description:
    'For every cluster in DescribeClusters, EnhancedVpcRouting must be true; an answer without EnhancedVpcRouting is not evaluated.',
  scope: 'region',
  needs: { clusters: redshiftClusters },
  params: {},
  *run({ clusters }, ctx) {
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      if (c.enhancedVpcRouting === undefined)
        yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters shows no EnhancedVpcRouting (required: true)`);
      else
        yield c.enhancedVpcRouting
          ? ctx.pass(c.arn, `${name} has enhanced VPC routing enabled`)
          : ctx.fail(c.arn, `${name} has EnhancedVpcRouting false (required: true)`);
    }
  },
});
