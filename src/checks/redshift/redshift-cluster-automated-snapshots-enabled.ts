import { redshiftClusters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** Every Redshift cluster keeps automated snapshots for a number of days within the limits. */
export default defineCheck({
  id: 'redshift-cluster-automated-snapshots-enabled',
  title: 'Redshift clusters have automated snapshots enabled',
  description:
    'For every cluster in DescribeClusters, AutomatedSnapshotRetentionPeriod (0 = automated snapshots off) must be at least minRetentionDays and at most maxRetentionDays (AWS Config: MinRetentionPeriod, MaxRetentionPeriod; 35, the most Redshift allows, sets no upper limit).',
  scope: 'region',
  needs: { clusters: redshiftClusters },
  params: {
    minRetentionDays: {
      type: 'integer',
      minimum: 1,
      maximum: 35,
      stricter: 'higher',
      description: 'Fewest days automated snapshots must be kept (1: snapshots on; passes at exactly this many days).',
    },
    maxRetentionDays: {
      type: 'integer',
      minimum: 1,
      maximum: 35,
      stricter: 'lower',
      description: 'Most days automated snapshots may be kept (35: no upper limit; passes at exactly this many days).',
    },
  },
  *run({ clusters }, ctx) {
    const { minRetentionDays: min, maxRetentionDays: max } = ctx.params;
    if (min > max) throw new Error(`minRetentionDays ${min} is greater than maxRetentionDays ${max}`);
    const limit = max >= 35 ? `(required: at least ${min})` : `(required: ${min} to ${max})`;
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      const days = c.snapshotRetentionDays;
      if (days === undefined) yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters shows no AutomatedSnapshotRetentionPeriod ${limit}`);
      else if (days <= 0)
        yield ctx.fail(c.arn, `${name} has AutomatedSnapshotRetentionPeriod ${days}: automated snapshots are off ${limit}`);
      else
        yield days >= min && days <= max
          ? ctx.pass(c.arn, `${name} keeps automated snapshots for ${days} days ${limit}`)
          : ctx.fail(c.arn, `${name} keeps automated snapshots for ${days} days ${limit}`);
    }
  },
});
