import check from '../../../src/checks/rds/rds-snapshot-encrypted.js';
import { testCheck } from '../../helpers/test-check.js';
import { dbClusterSnapshot, dbSnapshot, snapshotEvidence } from './nist-builders.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'encrypted manual and automated DB snapshots and an encrypted cluster snapshot',
      evidence: snapshotEvidence(
        [dbSnapshot('orders-before-upgrade'), dbSnapshot('rds:orders-2026-09-29-04-05', { SnapshotType: 'automated' })],
        [dbClusterSnapshot('reports-final')],
      ),
      reason: /manual DB snapshot orders-before-upgrade \(of orders\) is encrypted/,
    },
    { name: 'no snapshots', evidence: snapshotEvidence([], []), reason: /nothing in scope/ },
    {
      name: 'snapshot without DBSnapshotIdentifier: the id comes from DBSnapshotArn',
      evidence: snapshotEvidence([{ ...dbSnapshot('orders-before-upgrade'), DBSnapshotIdentifier: undefined }]),
      reason: /DB snapshot orders-before-upgrade /,
    },
  ],
  fail: [
    {
      name: 'unencrypted automated DB snapshot',
      evidence: snapshotEvidence([
        dbSnapshot('orders-before-upgrade'),
        dbSnapshot('rds:legacy-2026-09-29-04-05', { SnapshotType: 'automated', Encrypted: false, DBInstanceIdentifier: 'legacy' }),
      ]),
      reason: /automated DB snapshot rds:legacy-2026-09-29-04-05 \(of legacy\) has Encrypted false \(required: true\)/,
    },
    {
      name: 'unencrypted manual DB cluster snapshot',
      evidence: snapshotEvidence([], [dbClusterSnapshot('sessions-copy', { StorageEncrypted: false, DBClusterIdentifier: 'sessions' })]),
      reason: /manual DB cluster snapshot sessions-copy \(of sessions\) has StorageEncrypted false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'snapshot answer omits Encrypted',
      evidence: snapshotEvidence([dbSnapshot('orders-before-upgrade', { Encrypted: undefined })]),
      reason: /DB snapshot orders-before-upgrade \(of orders\): the listing shows no Encrypted/,
    },
    {
      name: 'cluster snapshot holds StorageEncrypted "yes"',
      evidence: snapshotEvidence([], [dbClusterSnapshot('reports-final', { StorageEncrypted: 'yes' })]),
      reason: /shows no StorageEncrypted/,
    },
    {
      name: 'snapshot without identifier or ARN, beside a compliant one',
      evidence: snapshotEvidence([
        dbSnapshot('orders-before-upgrade'),
        { ...dbSnapshot('ghost'), DBSnapshotIdentifier: undefined, DBSnapshotArn: undefined },
      ]),
      reason: /lacks DBSnapshotIdentifier \(and no DBSnapshotArn names it\)/,
    },
    {
      name: 'cluster snapshot taken after collection ended',
      evidence: snapshotEvidence([], [dbClusterSnapshot('reports-final', { SnapshotCreateTime: '2027-01-01T00:00:00.000Z' })]),
      reason: /SnapshotCreateTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeDBClusterSnapshots denied in us-east-1',
      evidence: {
        files: (snapshotEvidence([dbSnapshot('orders-before-upgrade')]).files ?? []).filter(
          (f) => !(f.operation === 'DescribeDBClusterSnapshots' && f.region === 'us-east-1'),
        ),
      },
      collectionError: { service: 'rds', operation: 'DescribeDBClusterSnapshots', code: 'AccessDenied', region: 'us-east-1' },
      reason: /rds:DescribeDBClusterSnapshots in 111122223333\/us-east-1 failed during collection: AccessDenied/,
    },
  ],
});
