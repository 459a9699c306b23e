import check from '../../../src/checks/rds/rds-instance-multi-az-enabled.js';
import { describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { nistInstance, unusableNistInstanceCases } from './nist-builders.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    { name: 'Multi-AZ instance', evidence: dbs(nistInstance('orders')), reason: /DB instance orders \(postgres\) has MultiAZ true/ },
    {
      name: 'single-AZ Aurora, DocumentDB and Neptune instances are left out',
      evidence: dbs(
        nistInstance('orders'),
        nistInstance('reports-1', { Engine: 'aurora-mysql', DBClusterIdentifier: 'reports', MultiAZ: false }),
        nistInstance('docs-1', { Engine: 'docdb', DBClusterIdentifier: 'docs', MultiAZ: false }),
        nistInstance('graph-1', { Engine: 'neptune', DBClusterIdentifier: 'graph', MultiAZ: false }),
      ),
    },
  ],
  fail: [
    {
      name: 'single-AZ SQL Server instance beside a Multi-AZ one',
      evidence: dbs(nistInstance('orders'), nistInstance('erp', { Engine: 'sqlserver-se', MultiAZ: false })),
      reason: /DB instance erp \(sqlserver-se\) has MultiAZ false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits MultiAZ',
      evidence: dbs(nistInstance('orders', { MultiAZ: undefined })),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no MultiAZ/,
    },
    {
      name: 'instance answer omits Engine: whether the rule applies is unknown',
      evidence: dbs(nistInstance('orders', { Engine: undefined, MultiAZ: false })),
      reason: /DB instance orders: DescribeDBInstances shows no Engine/,
    },
    ...unusableNistInstanceCases,
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [nistInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /DescribeDBInstances in 111122223333\/eu-west-1 failed/,
    },
  ],
});
