import check from '../../../src/checks/rds/rds-instance-auto-minor-upgrade-enabled.js';
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
    ...unusableDbInstanceCases,
    {
      name: 'DescribeDBInstances throttled in us-east-1',
      evidence: { files: [describeDbInstances('eu-west-1', [])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'Throttling', region: 'us-east-1' },
      reason: /DescribeDBInstances .*Throttling/,
    },
  ],
});
