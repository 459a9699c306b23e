import check from '../../../src/checks/ec2/ec2-ebs-snapshot-not-public.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

/** A completed snapshot the test account owns. */
const snapshot = (id: string, fields: Record<string, unknown> = {}) => ({
  Description: 'nightly backup',
  Encrypted: true,
  OwnerId: '111122223333',
  Progress: '100%',
  SnapshotId: id,
  StartTime: '2026-09-20T02:00:00.000Z',
  State: 'completed',
  VolumeId: 'vol-0a1b2c3d4e5f60718',
  VolumeSize: 8,
  StorageTier: 'standard',
  ...fields,
});
const listing = (region: string, snapshots: object[]): TestFile => ({
  region,
  service: 'ec2',
  operation: 'DescribeSnapshots',
  parameters: { OwnerIds: 'self' },
  body: { Snapshots: snapshots },
});
/** `ec2:DescribeSnapshotAttribute` createVolumePermission of a us-east-1 snapshot. */
const permissions = (id: string, entries: unknown): TestFile => ({
  region: 'us-east-1',
  service: 'ec2',
  operation: 'DescribeSnapshotAttribute',
  parameters: { SnapshotId: id },
  body: { SnapshotId: id, CreateVolumePermissions: entries },
});
const evidence = (snapshots: object[], ...attributes: TestFile[]) => ({
  files: [listing('us-east-1', snapshots), listing('eu-west-1', []), ...attributes],
});

// AWS Config EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK: no owned snapshot may be restorable by "all".
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'private snapshot (no permissions)',
      evidence: evidence([snapshot('snap-0aaa')], permissions('snap-0aaa', [])),
      reason: /snapshot snap-0aaa \(of vol-0a1b2c3d4e5f60718\) is restorable by its owner only/,
    },
    {
      name: 'snapshot shared with one named account',
      evidence: evidence([snapshot('snap-0aaa')], permissions('snap-0aaa', [{ UserId: '444455556666' }])),
      reason: /shared only with account 444455556666/,
    },
    {
      name: 'attribute answer without the permission list',
      evidence: evidence([snapshot('snap-0aaa')], { ...permissions('snap-0aaa', undefined), body: { SnapshotId: 'snap-0aaa' } }),
    },
    { name: 'no snapshots', evidence: evidence([]) },
  ],
  fail: [
    {
      name: 'public snapshot beside a private one',
      evidence: evidence(
        [snapshot('snap-0aaa'), snapshot('snap-0bbb')],
        permissions('snap-0aaa', []),
        permissions('snap-0bbb', [{ Group: 'all' }]),
      ),
      reason: /snapshot snap-0bbb \(of vol-0a1b2c3d4e5f60718\) has createVolumePermission Group "all", so anyone can restore it/,
    },
    {
      name: 'public and shared with an account',
      evidence: evidence([snapshot('snap-0ccc')], permissions('snap-0ccc', [{ UserId: '444455556666' }, { Group: 'all' }])),
      reason: /Group "all"/,
    },
  ],
  notEvaluated: [
    {
      name: 'attribute call missing for a snapshot',
      evidence: evidence([snapshot('snap-0aaa')]),
      reason: /snap-0aaa.*DescribeSnapshotAttribute.*not in the bundle/,
    },
    {
      name: 'attribute call denied for one snapshot',
      evidence: {
        ...evidence([snapshot('snap-0aaa')]),
        errors: [
          {
            region: 'us-east-1',
            service: 'ec2',
            operation: 'DescribeSnapshotAttribute',
            parameters: { SnapshotId: 'snap-0aaa' },
            code: 'UnauthorizedOperation',
          },
        ],
      },
      reason: /DescribeSnapshotAttribute.*UnauthorizedOperation/,
    },
    {
      name: 'permission list is an object',
      evidence: evidence([snapshot('snap-0aaa')], permissions('snap-0aaa', { Group: 'all' })),
      reason: /could not be read: CreateVolumePermissions is an object, not a list/,
    },
    {
      name: 'permission entry naming neither group nor account',
      evidence: evidence([snapshot('snap-0aaa')], permissions('snap-0aaa', [{ Group: 'everyone' }])),
      reason: /entries that cannot be read: \{"Group":"everyone"\}/,
    },
    {
      name: 'snapshot without SnapshotId beside a private one',
      evidence: evidence([snapshot('snap-0aaa'), snapshot('snap-0bbb', { SnapshotId: undefined })], permissions('snap-0aaa', [])),
      reason: /lacks SnapshotId/,
    },
    {
      name: 'DescribeSnapshots denied in eu-west-1',
      evidence: { files: [listing('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeSnapshots', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeSnapshots.*eu-west-1.*UnauthorizedOperation/,
    },
  ],
});
