import check from '../../../src/checks/redshift/redshift-cluster-encrypted-and-audit-logged.js';
import { cluster, clusters, deniedClustersCase, loggingStatus, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const logged = (id: string) => loggingStatus(id);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { clusterDbEncrypted: true, loggingEnabled: true, nodeTypes: [] },
  pass: [
    {
      name: 'encrypted, logging to S3',
      evidence: clusters([cluster('warehouse')], logged('warehouse')),
      reason: /Redshift cluster warehouse is encrypted, audit logging on \(logs to s3 bucket acme-redshift-audit\)/,
    },
    {
      name: 'encrypted, logging to CloudWatch Logs (no bucket)',
      evidence: clusters(
        [cluster('warehouse')],
        loggingStatus('warehouse', { LoggingEnabled: true, LogDestinationType: 'cloudwatch', LogExports: ['connectionlog', 'userlog'] }),
      ),
      reason: /logs to cloudwatch\)/,
    },
    {
      name: 'node type among the allowed',
      evidence: clusters([cluster('warehouse')], logged('warehouse')),
      params: { nodeTypes: ['ra3.xlplus', 'ra3.4xlarge'] },
    },
    {
      name: 'logging not required: no logging answer needed',
      evidence: clusters([cluster('warehouse')]),
      params: { loggingEnabled: false },
      reason: /is encrypted$/,
    },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'not encrypted',
      evidence: clusters([cluster('warehouse', { Encrypted: false, KmsKeyId: undefined })], logged('warehouse')),
      reason: /Redshift cluster warehouse is not encrypted \(required: Encrypted true\)/,
    },
    {
      name: 'audit logging off',
      evidence: clusters([cluster('warehouse')], loggingStatus('warehouse', { LoggingEnabled: false })),
      reason: /has audit logging off \(required: LoggingEnabled true\)/,
    },
    {
      name: 'node type not allowed',
      evidence: clusters([cluster('warehouse', { NodeType: 'dc2.large' })], logged('warehouse')),
      params: { nodeTypes: ['ra3.xlplus'] },
      reason: /has node type dc2.large \(required: one of ra3.xlplus\)/,
    },
    {
      name: 'not encrypted while logging is unknown',
      evidence: clusters([cluster('warehouse', { Encrypted: false })]),
      reason: /is not encrypted/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeLoggingStatus denied for that cluster',
      evidence: clusters([cluster('warehouse')]),
      collectionError: { service: 'redshift', operation: 'DescribeLoggingStatus', code: 'AccessDenied', region: 'us-east-1' },
      reason: /DescribeLoggingStatus.*AccessDenied/,
    },
    {
      name: 'cluster deleted before its logging call (ClusterNotFound)',
      evidence: clusters([cluster('warehouse')], {
        ...logged('warehouse'),
        status: 'not-found',
        body: { Error: { Code: 'ClusterNotFound', Message: 'Cluster warehouse not found.' } },
      }),
      reason: /DescribeLoggingStatus.*does not exist/,
    },
    {
      name: 'answer omits LoggingEnabled',
      evidence: clusters([cluster('warehouse')], loggingStatus('warehouse', {})),
      reason: /shows no LoggingEnabled/,
    },
    {
      name: 'answer omits Encrypted',
      evidence: clusters([cluster('warehouse', { Encrypted: undefined })], logged('warehouse')),
      reason: /shows no Encrypted/,
    },
    ...unusableClusterCases([logged('warehouse')]),
    deniedClustersCase,
  ],
});
