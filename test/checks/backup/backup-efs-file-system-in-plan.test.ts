import check from '../../../src/checks/backup/backup-efs-file-system-in-plan.js';
import { describeFileSystems, fileSystem } from '../../helpers/aws-builders.js';
import { backupRegion, merge, selection, tagIs, type PlanSpec } from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const world = (systems: object[], plans: PlanSpec[]) =>
  merge(
    { files: [describeFileSystems('us-east-1', systems), describeFileSystems('eu-west-1', [])] },
    backupRegion('us-east-1', plans),
    backupRegion('eu-west-1', []),
  );
const automatic: PlanSpec = {
  id: 'aws/efs/73d922fb-9312-3a70-99c3-e69367f9fdad',
  name: 'aws/efs/automatic-backup-plan',
  selections: [selection('aws/efs/automatic-backup-selection', { ListOfTags: [tagIs('aws:elasticfilesystem:default-backup', 'enabled')] })],
};
const withTags = (id: string, tags: Record<string, string>) => ({
  ...fileSystem(id),
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'EFS automatic backups on (default-backup tag enabled)',
      evidence: world([withTags('fs-0123456789abcdef0', { 'aws:elasticfilesystem:default-backup': 'enabled' })], [automatic]),
      reason: /file system fs-0123456789abcdef0 \(fs-0123456789abcdef0\) is assigned to backup plan aws\/efs\/automatic-backup-plan/,
    },
    { name: 'deleted file system is skipped', evidence: world([{ ...fileSystem('fs-0123456789abcdef0'), LifeCycleState: 'deleted' }], []) },
  ],
  fail: [
    {
      name: 'automatic backups turned off (tag disabled)',
      evidence: world([withTags('fs-0123456789abcdef0', { 'aws:elasticfilesystem:default-backup': 'disabled' })], [automatic]),
      reason: /is in no backup plan/,
    },
    { name: 'no plans at all', evidence: world([fileSystem('fs-0123456789abcdef0')], []) },
  ],
  notEvaluated: [
    {
      name: 'the only selection could not be read',
      evidence: world([fileSystem('fs-0123456789abcdef0')], [{ id: 'p1', name: 'daily', selections: ['denied'] }]),
      reason: /GetBackupSelection.*AccessDeniedException/,
    },
    {
      name: 'DescribeFileSystems denied in eu-west-1',
      evidence: merge({ files: [describeFileSystems('us-east-1', [])] }, backupRegion('us-east-1', []), backupRegion('eu-west-1', [])),
      collectionError: { service: 'efs', operation: 'DescribeFileSystems', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /DescribeFileSystems in 111122223333\/eu-west-1 failed/,
    },
  ],
});
