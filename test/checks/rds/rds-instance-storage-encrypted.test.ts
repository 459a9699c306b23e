import check from '../../../src/checks/rds/rds-instance-storage-encrypted.js';
import { dbInstance, describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs, unusableDbInstanceCases } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';

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
    ...unusableDbInstanceCases,
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [dbInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /rds:DescribeDBInstances in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
