import { backupPlans, coverage, volumeTags } from '../../bundle/evidence/backup.js';
import { ebsVolumes } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Every EBS volume is assigned to an AWS Backup plan of its region. */
export default defineCheck({
  id: 'backup-ebs-volume-in-plan',
  title: 'EBS volumes are in an AWS Backup plan',
  description:
    'For every volume in DescribeVolumes, some backup selection of the region (ListBackupPlans, ListBackupSelections, GetBackupSelection) must assign it: its ARN not matched by NotResources, and matched by Resources (`*` wildcards) or by a ListOfTags STRINGEQUALS test on its Tags, or a selection with neither, and every Condition (StringEquals, StringNotEquals, StringLike, StringNotLike on aws:ResourceTag/…) holding. Service opt-in settings are not read. Unknown when no readable selection assigns it and a selection is unreadable or needs tags that are unknown.',
  scope: 'region',
  needs: { volumes: ebsVolumes, tags: volumeTags, plans: backupPlans },
  params: {},
  *run({ volumes, tags, plans }, ctx) {
    for (const volume of volumes) {
      const name = `volume ${volume.id}`;
      const { covered, unknown } = coverage(plans, volume.arn, tags.get(volume.id));
      if (covered.length > 0)
        yield ctx.pass(
          volume.arn,
          `${name} is assigned to backup plan ${covered.map((s) => `${s.planName} (selection ${s.selectionName})`).join(', ')}`,
        );
      else if (unknown.length > 0)
        yield ctx.notEvaluated(volume.arn, `${name}: no readable backup selection assigns it, and ${unknown.join('; ')}`);
      else
        yield ctx.fail(
          volume.arn,
          `${name} is in no backup plan (${plans.selections.length} selection${plans.selections.length === 1 ? '' : 's'} checked; required: at least one assigns it)`,
        );
    }
  },
});
