import check from '../../../src/checks/rds/rds-instance-not-publicly-accessible.js';
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
    {
      name: 'private instance',
      evidence: dbs(dbInstance('orders')),
      reason: /DB instance orders \(postgres\) has PubliclyAccessible false/,
    },
  ],
  fail: [
    {
      name: 'publicly accessible instance beside a private one',
      evidence: dbs(dbInstance('orders'), dbInstance('analytics', { PubliclyAccessible: true })),
      reason: /DB instance analytics \(postgres\) has PubliclyAccessible true \(required: false\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits PubliclyAccessible',
      evidence: dbs({ ...dbInstance('orders'), PubliclyAccessible: undefined }),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no PubliclyAccessible/,
    },
    ...unusableDbInstanceCases,
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [dbInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /DescribeDBInstances in 111122223333\/eu-west-1 failed/,
    },
  ],
});
