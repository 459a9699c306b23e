import { backupPlans, coverage, fileSystemTags } from '../../bundle/evidence/backup.js';
import { efsFileSystems } from '../../bundle/evidence/efs.js';
import { defineCheck } from '../define-check.js';

/** Every EFS file system is assigned to an AWS Backup plan of its region. */
export default defineCheck({
  id: 'backup-efs-file-system-in-plan',
  title: 'EFS file systems are in an AWS Backup plan',
  description:
    'For every file system in DescribeFileSystems that is not deleted, some backup selection of the region (ListBackupPlans, ListBackupSelections, GetBackupSelection) must assign it: its ARN not matched by NotResources, and matched by Resources (`*` wildcards) or by a ListOfTags STRINGEQUALS test on its Tags (EFS automatic backups select by the tag aws:elasticfilesystem:default-backup = enabled), or a selection with neither, and every Condition holding. Service opt-in settings are not read. Unknown when no readable selection assigns it and a selection is unreadable or needs tags that are unknown.',
  scope: 'region',
  needs: { fileSystems: efsFileSystems, tags: fileSystemTags, plans: backupPlans },
  params: {},
  *run({ fileSystems, tags, plans }, ctx) {
    for (const fs of fileSystems.filter((f) => f.lifeCycleState !== 'deleted')) {
      const name = `file system ${fs.id}${fs.name ? ` (${fs.name})` : ''}`;
      const { covered, unknown } = coverage(plans, fs.arn, tags.get(fs.id));
      if (covered.length > 0)
        yield ctx.pass(
          fs.arn,
          `${name} is assigned to backup plan ${covered.map((s) => `${s.planName} (selection ${s.selectionName})`).join(', ')}`,
        );
      else if (unknown.length > 0)
        yield ctx.notEvaluated(fs.arn, `${name}: no readable backup selection assigns it, and ${unknown.join('; ')}`);
      else
        yield ctx.fail(
          fs.arn,
          `${name} is in no backup plan (${plans.selections.length} selection${plans.selections.length === 1 ? '' : 's'} checked; required: at least one assigns it)`,
        );
    }
  },
});
