import check from '../../../src/checks/rds/rds-cluster-multi-az-enabled.js';
import { testCheck } from '../../helpers/test-check.js';
import { clusterEvidence, dbCluster } from './nist-builders.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'Aurora cluster with instances in two zones',
      evidence: clusterEvidence(dbCluster('reports')),
      reason: /DB cluster reports \(aurora-postgresql\) has MultiAZ true/,
    },
    { name: 'Multi-AZ DB cluster (PostgreSQL)', evidence: clusterEvidence(dbCluster('events', { Engine: 'postgres' })) },
    {
      name: 'single-zone DocumentDB and Neptune clusters are left out',
      evidence: clusterEvidence(
        dbCluster('reports'),
        dbCluster('docs', { Engine: 'docdb', MultiAZ: false }),
        dbCluster('graph', { Engine: 'neptune', MultiAZ: false }),
      ),
    },
    { name: 'no clusters', evidence: clusterEvidence(), reason: /nothing in scope/ },
    {
      name: 'cluster without DBClusterIdentifier: the id comes from DBClusterArn',
      evidence: clusterEvidence({ ...dbCluster('reports'), DBClusterIdentifier: undefined }),
      reason: /DB cluster reports /,
    },
  ],
  fail: [
    {
      name: 'single-zone Aurora MySQL cluster beside a Multi-AZ one',
      evidence: clusterEvidence(dbCluster('reports'), dbCluster('sessions', { Engine: 'aurora-mysql', MultiAZ: false })),
      reason: /DB cluster sessions \(aurora-mysql\) has MultiAZ false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'cluster answer omits MultiAZ',
      evidence: clusterEvidence(dbCluster('reports', { MultiAZ: undefined })),
      reason: /DB cluster reports \(aurora-postgresql\): DescribeDBClusters shows no MultiAZ/,
    },
    {
      name: 'MultiAZ is the string "false"',
      evidence: clusterEvidence(dbCluster('reports', { MultiAZ: 'false' })),
      reason: /shows no MultiAZ/,
    },
    {
      name: 'cluster answer omits Engine',
      evidence: clusterEvidence(dbCluster('reports', { Engine: undefined, MultiAZ: false })),
      reason: /DB cluster reports: DescribeDBClusters shows no Engine/,
    },
    {
      name: 'cluster without DBClusterIdentifier or DBClusterArn, beside a compliant one',
      evidence: clusterEvidence(dbCluster('reports'), { ...dbCluster('ghost'), DBClusterIdentifier: undefined, DBClusterArn: undefined }),
      reason: /lacks DBClusterIdentifier \(and no DBClusterArn names it\)/,
    },
    {
      name: 'cluster created after collection ended',
      evidence: clusterEvidence(dbCluster('reports', { ClusterCreateTime: '2027-01-01T00:00:00.000Z' })),
      reason: /ClusterCreateTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DBClusters is not a list',
      evidence: {
        files: [
          {
            region: 'us-east-1',
            service: 'rds',
            operation: 'DescribeDBClusters',
            body: { DBClusters: { DBClusterIdentifier: 'reports' } },
          },
          clusterEvidence().files?.[1] ?? { service: 'rds', operation: 'x', body: {} },
        ],
      },
      reason: /DBClusters is an object, not a list/,
    },
    {
      name: 'DescribeDBClusters denied in eu-west-1',
      evidence: { files: clusterEvidence(dbCluster('reports')).files?.slice(0, 1) ?? [] },
      collectionError: { service: 'rds', operation: 'DescribeDBClusters', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /rds:DescribeDBClusters in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
