import check from '../../../src/checks/rds/rds-instance-deletion-protection-enabled.js';
import { describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { nistInstance, unusableNistInstanceCases } from './nist-builders.js';

const auroraMember = (id: string) =>
  nistInstance(id, { Engine: 'aurora-postgresql', DBClusterIdentifier: 'reports', DeletionProtection: false, MultiAZ: false });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'protected instance',
      evidence: dbs(nistInstance('orders')),
      reason: /DB instance orders \(postgres\) has DeletionProtection true/,
    },
    { name: 'Aurora cluster member: the cluster holds the setting', evidence: dbs(nistInstance('orders'), auroraMember('reports-1')) },
    { name: 'only Aurora cluster members: nothing in scope', evidence: dbs(auroraMember('reports-1')), reason: /nothing in scope/ },
  ],
  fail: [
    {
      name: 'unprotected MySQL instance beside a protected one',
      evidence: dbs(nistInstance('orders'), nistInstance('legacy', { Engine: 'mysql', DeletionProtection: false })),
      reason: /DB instance legacy \(mysql\) has DeletionProtection false \(required: true\)/,
    },
    {
      name: 'unprotected instance of a Multi-AZ DB cluster (not Aurora: its instances are checked)',
      evidence: dbs(nistInstance('events-1', { DBClusterIdentifier: 'events', DeletionProtection: false })),
      reason: /DB instance events-1 \(postgres\) has DeletionProtection false/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits DeletionProtection',
      evidence: dbs(nistInstance('orders', { DeletionProtection: undefined })),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no DeletionProtection/,
    },
    {
      name: 'DeletionProtection is the string "true"',
      evidence: dbs(nistInstance('orders', { DeletionProtection: 'true' })),
      reason: /shows no DeletionProtection/,
    },
    ...unusableNistInstanceCases,
    {
      name: 'DescribeDBInstances throttled in us-east-1',
      evidence: { files: [describeDbInstances('eu-west-1', [])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'Throttling', region: 'us-east-1' },
      reason: /DescribeDBInstances .*Throttling/,
    },
  ],
});
