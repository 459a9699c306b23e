import check from '../../../src/checks/rds/rds-instance-storage-encrypted.js';
import { dbInstance, describeDbInstances } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const dbs = (...list: object[]) => ({ files: [describeDbInstances('us-east-1', list), describeDbInstances('eu-west-1', [])] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'instance without DBInstanceIdentifier: the id comes from DBInstanceArn',
      evidence: dbs({ ...dbInstance('orders'), DBInstanceIdentifier: undefined }),
      reason: /DB instance orders /,
    },
    {
      name: 'instance without DBInstanceArn: the ARN is derived',
      evidence: dbs({ ...dbInstance('orders'), DBInstanceArn: undefined }),
    },
    { name: 'encrypted instance', evidence: dbs(dbInstance('orders')), reason: /DB instance orders \(postgres\) has encrypted storage/ },
    { name: 'no DB instances', evidence: dbs() },
  ],
  fail: [
    {
      name: 'unencrypted MySQL instance beside an encrypted one',
      evidence: dbs(dbInstance('orders'), dbInstance('legacy', { Engine: 'mysql', StorageEncrypted: false, KmsKeyId: undefined })),
      reason: /DB instance legacy \(mysql\) has StorageEncrypted false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits StorageEncrypted',
      evidence: dbs({ ...dbInstance('orders'), StorageEncrypted: undefined }),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no StorageEncrypted/,
    },
    {
      name: 'instance without DBInstanceIdentifier or DBInstanceArn, beside a compliant one',
      evidence: dbs(dbInstance('orders'), { ...dbInstance('ghost'), DBInstanceIdentifier: undefined, DBInstanceArn: undefined }),
      reason: /lacks DBInstanceIdentifier/,
    },
    {
      name: 'instance created after collection ended',
      evidence: dbs(dbInstance('orders', { InstanceCreateTime: '2027-01-01T00:00:00.000Z' })),
      reason: /InstanceCreateTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [dbInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /rds:DescribeDBInstances in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
