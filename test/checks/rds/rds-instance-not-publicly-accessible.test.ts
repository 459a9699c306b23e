import check from '../../../src/checks/rds/rds-instance-not-publicly-accessible.js';
import { dbInstance, describeDbInstances } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const dbs = (...list: object[]) => ({ files: [describeDbInstances('us-east-1', list), describeDbInstances('eu-west-1', [])] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
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
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [dbInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /DescribeDBInstances in 111122223333\/eu-west-1 failed/,
    },
  ],
});
