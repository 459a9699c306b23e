import { redshiftClusterLogging } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** Every Redshift cluster is encrypted and has audit logging on (AWS Config: REDSHIFT_CLUSTER_CONFIGURATION_CHECK). */
export default defineCheck({
  id: 'redshift-cluster-encrypted-and-audit-logged',
  title: 'Redshift clusters are encrypted and have audit logging enabled',
  description:
    'For every cluster in DescribeClusters: when clusterDbEncrypted is true, Encrypted must be true; when loggingEnabled is true, LoggingEnabled in its DescribeLoggingStatus must be true (to S3 or CloudWatch Logs); when nodeTypes lists types, NodeType must be one of them. Deviation: AWS Config documents nodeTypes with default dc1.large; an empty nodeTypes here accepts every node type.',
  scope: 'region',
  needs: { clusters: redshiftClusterLogging },
  params: {
    clusterDbEncrypted: { type: 'boolean', description: 'Require Encrypted true (AWS Config: clusterDbEncrypted).' },
    loggingEnabled: { type: 'boolean', description: 'Require audit logging on (AWS Config: loggingEnabled).' },
    nodeTypes: {
      type: 'array',
      items: { type: 'string' },
      description: 'Node types clusters may use, e.g. ["ra3.xlplus"] ([]: any node type).',
    },
  },
  *run({ clusters }, ctx) {
    const { clusterDbEncrypted, loggingEnabled, nodeTypes } = ctx.params;
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      const problems: string[] = [];
      const unknown: string[] = [];
      const files = c.logging.ok ? c.logging.files : undefined;
      if (clusterDbEncrypted) {
        if (c.encrypted === undefined) unknown.push('DescribeClusters shows no Encrypted');
        else if (!c.encrypted) problems.push('is not encrypted (required: Encrypted true)');
      }
      if (nodeTypes.length > 0) {
        if (c.nodeType === undefined) unknown.push('DescribeClusters shows no NodeType');
        else if (!nodeTypes.includes(c.nodeType)) problems.push(`has node type ${c.nodeType} (required: one of ${nodeTypes.join(', ')})`);
      }
      if (loggingEnabled) {
        if (!c.logging.ok) unknown.push(c.logging.reason);
        else if (c.logging.value.enabled === undefined) unknown.push('DescribeLoggingStatus shows no LoggingEnabled');
        else if (!c.logging.value.enabled) problems.push('has audit logging off (required: LoggingEnabled true)');
      }
      const checked = [
        clusterDbEncrypted ? 'encrypted' : '',
        loggingEnabled ? 'audit logging on' : '',
        nodeTypes.length > 0 ? `node type ${c.nodeType ?? ''}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const evidence = [...c.listingFiles, ...(files ?? [])];
      if (problems.length > 0) yield ctx.fail(c.arn, `${name} ${problems.join('; ')}`, evidence);
      else if (unknown.length > 0) yield ctx.notEvaluated(c.arn, `${name}: ${unknown.join('; ')}`);
      else {
        const destination =
          c.logging.ok && c.logging.value.enabled
            ? ` (logs to ${c.logging.value.destination ?? 's3'}${c.logging.value.bucket ? ` bucket ${c.logging.value.bucket}` : ''})`
            : '';
        yield ctx.pass(c.arn, `${name} is ${checked || 'not checked for any setting'}${loggingEnabled ? destination : ''}`, evidence);
      }
    }
  },
});
