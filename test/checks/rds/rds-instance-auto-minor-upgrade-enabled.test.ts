import check from '../../../src/checks/rds/rds-instance-auto-minor-upgrade-enabled.js';
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
    {
      name: 'minor upgrades on',
      evidence: dbs(dbInstance('orders')),
      reason: /DB instance orders \(postgres\) has AutoMinorVersionUpgrade true/,
    },
  ],
  fail: [
    {
      name: 'Aurora instance with minor upgrades off',
      evidence: dbs(
        dbInstance('reports-1', { Engine: 'aurora-postgresql', DBClusterIdentifier: 'reports', AutoMinorVersionUpgrade: false }),
      ),
      reason: /DB instance reports-1 \(aurora-postgresql\) has AutoMinorVersionUpgrade false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits AutoMinorVersionUpgrade',
      evidence: dbs({ ...dbInstance('orders'), AutoMinorVersionUpgrade: undefined }),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no AutoMinorVersionUpgrade/,
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
      name: 'DescribeDBInstances throttled in us-east-1',
      evidence: { files: [describeDbInstances('eu-west-1', [])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'Throttling', region: 'us-east-1' },
      reason: /DescribeDBInstances .*Throttling/,
    },
  ],
});
