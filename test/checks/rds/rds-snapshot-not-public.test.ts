import check from '../../../src/checks/rds/rds-snapshot-not-public.js';
import { testCheck } from '../../helpers/test-check.js';
import { dbClusterSnapshot, dbSnapshot, restoreAttribute, snapshotEvidence } from './nist-builders.js';

const manual = 'orders-before-upgrade';
const withRestore = (values: unknown[]) =>
  snapshotEvidence([dbSnapshot(manual)], [], [{ id: manual, body: restoreAttribute('DBSnapshot', manual, values) }]);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'manual snapshot shared with nobody',
      evidence: withRestore([]),
      reason: /manual DB snapshot orders-before-upgrade is not shared/,
    },
    {
      name: 'manual snapshot shared with one account',
      evidence: withRestore(['444455556666']),
      reason: /shared with 1 named account \(444455556666\), not "all"/,
    },
    {
      name: 'automated and AWS Backup snapshots (never asked about) cannot be shared',
      evidence: snapshotEvidence([
        dbSnapshot('rds:orders-2026-09-29-04-05', { SnapshotType: 'automated' }),
        dbSnapshot('awsbackup:job-1a2b', { SnapshotType: 'awsbackup' }),
      ]),
      reason: /automated DB snapshot rds:orders-2026-09-29-04-05 cannot be shared: only manual snapshots can be made public/,
    },
    {
      name: 'manual cluster snapshot without a restore attribute',
      evidence: snapshotEvidence(
        [],
        [dbClusterSnapshot('reports-final')],
        [
          {
            kind: 'DBClusterSnapshot',
            id: 'reports-final',
            body: { DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: 'reports-final', DBClusterSnapshotAttributes: [] } },
          },
        ],
      ),
    },
  ],
  fail: [
    {
      name: 'manual DB snapshot restorable by all',
      evidence: withRestore(['all']),
      reason: /manual DB snapshot orders-before-upgrade has restore attribute "all": every AWS account can restore it/,
    },
    { name: '"all" beside a named account', evidence: withRestore(['444455556666', 'all']) },
    {
      name: 'public manual cluster snapshot beside a private DB snapshot',
      evidence: snapshotEvidence(
        [dbSnapshot(manual)],
        [dbClusterSnapshot('reports-final')],
        [
          { id: manual, body: restoreAttribute('DBSnapshot', manual, []) },
          { kind: 'DBClusterSnapshot', id: 'reports-final', body: restoreAttribute('DBClusterSnapshot', 'reports-final', ['all']) },
        ],
      ),
      reason: /manual DB cluster snapshot reports-final has restore attribute "all"/,
    },
  ],
  notEvaluated: [
    {
      name: 'attributes call denied for one manual snapshot, the other still decided',
      evidence: {
        ...snapshotEvidence(
          [dbSnapshot(manual), dbSnapshot('orders-copy')],
          [],
          [{ id: 'orders-copy', body: restoreAttribute('DBSnapshot', 'orders-copy', []) }],
        ),
        errors: [
          {
            region: 'us-east-1',
            service: 'rds',
            operation: 'DescribeDBSnapshotAttributes',
            parameters: { DBSnapshotIdentifier: manual },
            code: 'AccessDenied',
          },
        ],
      },
      reason: /manual DB snapshot orders-before-upgrade: rds:DescribeDBSnapshotAttributes .*failed during collection: AccessDenied/,
    },
    {
      name: 'restore values hold a number',
      evidence: withRestore([444455556666]),
      reason: /could not be read: the restore attribute holds 444455556666/,
    },
    {
      name: 'attribute list is a string',
      evidence: snapshotEvidence(
        [dbSnapshot(manual)],
        [],
        [{ id: manual, body: { DBSnapshotAttributesResult: { DBSnapshotAttributes: 'restore' } } }],
      ),
      reason: /DBSnapshotAttributes is "restore", not a list/,
    },
    {
      name: 'answer without DBSnapshotAttributesResult',
      evidence: snapshotEvidence([dbSnapshot(manual)], [], [{ id: manual, body: {} }]),
      reason: /the answer has no DBSnapshotAttributesResult/,
    },
    {
      name: 'snapshot without SnapshotType',
      evidence: snapshotEvidence([dbSnapshot(manual, { SnapshotType: undefined })]),
      reason: /shows no SnapshotType/,
    },
    {
      name: 'DescribeDBSnapshots throttled in eu-west-1',
      evidence: {
        files: (snapshotEvidence([]).files ?? []).filter((f) => !(f.operation === 'DescribeDBSnapshots' && f.region === 'eu-west-1')),
      },
      collectionError: { service: 'rds', operation: 'DescribeDBSnapshots', code: 'Throttling', region: 'eu-west-1' },
      reason: /DescribeDBSnapshots .*Throttling/,
    },
  ],
});
