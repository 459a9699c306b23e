import { redshiftClusters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** Every Redshift cluster is encrypted with a KMS key (one of the allowed keys, when listed). */
export default defineCheck({
  id: 'redshift-cluster-kms-encrypted',
  title: 'Redshift clusters are encrypted with a KMS key',
  description:
    'For every cluster in DescribeClusters, Encrypted must be true and KmsKeyId must name a key; when kmsKeyArns lists keys, KmsKeyId must be one of them (AWS Config: REDSHIFT_CLUSTER_KMS_ENABLED, kmsKeyArns).',
  scope: 'region',
  needs: { clusters: redshiftClusters },
  params: {
    kmsKeyArns: {
      type: 'array',
      items: { type: 'string' },
      description: 'ARNs of the KMS keys clusters must be encrypted with ([]: any KMS key).',
    },
  },
  *run({ clusters }, ctx) {
    const allowed = ctx.params.kmsKeyArns;
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      if (c.encrypted === undefined)
        yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters shows no Encrypted (required: encrypted with a KMS key)`);
      else if (!c.encrypted) yield ctx.fail(c.arn, `${name} is not encrypted (required: encrypted with a KMS key)`);
      else if (c.kmsKeyId === undefined)
        yield ctx.fail(c.arn, `${name} is encrypted but DescribeClusters names no KmsKeyId (required: a KMS key)`);
      else if (allowed.length > 0 && !allowed.includes(c.kmsKeyId))
        yield ctx.fail(c.arn, `${name} is encrypted with ${c.kmsKeyId} (required: one of ${allowed.join(', ')})`);
      else yield ctx.pass(c.arn, `${name} is encrypted with KMS key ${c.kmsKeyId}`);
    }
  },
});
