import check from '../../../src/checks/backup/backup-ebs-volume-in-plan.js';
import { backupRegion, describeVolumes, merge, selection, tagIs, volume, type PlanSpec } from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const world = (volumes: object[], plans: PlanSpec[]) =>
  merge(
    { files: [describeVolumes('us-east-1', volumes), describeVolumes('eu-west-1', [])] },
    backupRegion('us-east-1', plans),
    backupRegion('eu-west-1', []),
  );
const plan = (...selections: PlanSpec['selections']): PlanSpec => ({
  id: '8f3a1c2e-5b7d-4e9f-a1c3-5e7b9d1f3a5c',
  name: 'daily',
  selections,
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'volume selected by a volume wildcard',
      evidence: world([volume('vol-0a1b2c3d4e5f60718')], [plan(selection('volumes', { Resources: ['arn:aws:ec2:*:*:volume/*'] }))]),
      reason: /volume vol-0a1b2c3d4e5f60718 is assigned to backup plan daily \(selection volumes\)/,
    },
    {
      name: 'volume selected by its Tags',
      evidence: world(
        [volume('vol-0a1b2c3d4e5f60718', { backup: 'daily' })],
        [plan(selection('tagged', { ListOfTags: [tagIs('backup', 'daily')] }))],
      ),
    },
    { name: 'no volumes', evidence: world([], []) },
  ],
  fail: [
    {
      name: 'untagged volume beside a tagged one',
      evidence: world(
        [volume('vol-0a1b2c3d4e5f60718', { backup: 'daily' }), volume('vol-0b2c3d4e5f6071829')],
        [plan(selection('tagged', { ListOfTags: [tagIs('backup', 'daily')] }))],
      ),
      reason: /volume vol-0b2c3d4e5f6071829 is in no backup plan \(1 selection checked/,
    },
  ],
  notEvaluated: [
    {
      name: 'volume with malformed Tags and a tag selection',
      evidence: world(
        [{ ...volume('vol-0a1b2c3d4e5f60718'), Tags: [{ Key: 'backup' }] }],
        [plan(selection('tagged', { ListOfTags: [tagIs('backup', 'daily')] }))],
      ),
      reason: /tags are unknown/,
    },
    {
      name: 'DescribeVolumes denied in eu-west-1',
      evidence: merge({ files: [describeVolumes('us-east-1', [])] }, backupRegion('us-east-1', []), backupRegion('eu-west-1', [])),
      collectionError: { service: 'ec2', operation: 'DescribeVolumes', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeVolumes in 111122223333\/eu-west-1 failed/,
    },
  ],
});
