import check from '../../../src/checks/rds/rds-instance-backups-enabled.js';
import { describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { nistInstance, unusableNistInstanceCases } from './nist-builders.js';

const replica = (id: string, days: number) =>
  nistInstance(id, { ReadReplicaSourceDBInstanceIdentifier: 'orders', BackupRetentionPeriod: days });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minRetentionDays: 7, checkReadReplicas: true },
  pass: [
    {
      name: 'retention exactly at the minimum',
      evidence: dbs(nistInstance('orders')),
      reason: /DB instance orders \(postgres\) keeps automated backups for 7 days \(required: at least 7\)/,
    },
    { name: 'retention one day above the minimum', evidence: dbs(nistInstance('orders', { BackupRetentionPeriod: 8 })) },
    { name: 'longest retention RDS allows', evidence: dbs(nistInstance('orders', { BackupRetentionPeriod: 35 })) },
    {
      name: 'read replica without backups, replicas not checked',
      evidence: dbs(nistInstance('orders'), replica('orders-replica', 0)),
      params: { checkReadReplicas: false },
    },
    {
      name: 'minimum 1: any backups pass',
      evidence: dbs(nistInstance('orders', { BackupRetentionPeriod: 1 })),
      params: { minRetentionDays: 1 },
    },
    { name: 'no DB instances', evidence: dbs() },
  ],
  fail: [
    {
      name: 'retention one day below the minimum',
      evidence: dbs(nistInstance('orders', { BackupRetentionPeriod: 6 })),
      reason: /DB instance orders \(postgres\) keeps automated backups for 6 days \(required: at least 7\)/,
    },
    {
      name: 'automated backups off',
      evidence: dbs(nistInstance('orders'), nistInstance('legacy', { Engine: 'mysql', BackupRetentionPeriod: 0 })),
      reason: /DB instance legacy \(mysql\) has BackupRetentionPeriod 0: automated backups are off \(required: at least 7\)/,
    },
    {
      name: 'read replica without backups, replicas checked',
      evidence: dbs(nistInstance('orders'), replica('orders-replica', 0)),
      reason: /DB instance orders-replica \(postgres\), a read replica of orders, has BackupRetentionPeriod 0/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits BackupRetentionPeriod',
      evidence: dbs(nistInstance('orders', { BackupRetentionPeriod: undefined })),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no BackupRetentionPeriod/,
    },
    {
      name: 'BackupRetentionPeriod is a string, beside a compliant instance',
      evidence: dbs(nistInstance('orders'), nistInstance('legacy', { BackupRetentionPeriod: '7' })),
      reason: /DB instance legacy \(postgres\): DescribeDBInstances shows no BackupRetentionPeriod/,
    },
    {
      name: 'BackupRetentionPeriod is negative',
      evidence: dbs(nistInstance('orders', { BackupRetentionPeriod: -1 })),
      reason: /shows no BackupRetentionPeriod/,
    },
    ...unusableNistInstanceCases,
    {
      name: 'DBInstances is not a list',
      evidence: {
        files: [{ ...describeDbInstances('us-east-1', []), body: { DBInstances: 'orders' } }, describeDbInstances('eu-west-1', [])],
      },
      reason: /DBInstances is "orders", not a list/,
    },
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [nistInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /rds:DescribeDBInstances in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
