import { backupPlans, coverage } from '../../bundle/evidence/backup.js';
import { dynamodbTables } from '../../bundle/evidence/dynamodb.js';
import { defineCheck } from '../define-check.js';

/** Every DynamoDB table is assigned to an AWS Backup plan of its region. */
export default defineCheck({
  id: 'backup-dynamodb-table-in-plan',
  title: 'DynamoDB tables are in an AWS Backup plan',
  description:
    'For every table in ListTables, some backup selection of the region (ListBackupPlans, ListBackupSelections, GetBackupSelection) must assign it: its ARN not matched by NotResources, and matched by Resources (`*` wildcards) or by a ListOfTags STRINGEQUALS test on its tags (ListTagsOfResource), or a selection with neither, and every Condition (StringEquals, StringNotEquals, StringLike, StringNotLike on aws:ResourceTag/…) holding. Service opt-in settings are not read. Unknown when no readable selection assigns it and a selection is unreadable or needs tags that are unknown.',
  scope: 'region',
  needs: { tables: dynamodbTables, plans: backupPlans },
  params: {},
  *run({ tables, plans }, ctx) {
    for (const table of tables.filter((t) => !t.deleted)) {
      const name = `table ${table.name}`;
      const { covered, unknown } = coverage(plans, table.arn, table.tags.ok ? table.tags.value : undefined);
      if (covered.length > 0)
        yield ctx.pass(
          table.arn,
          `${name} is assigned to backup plan ${covered.map((s) => `${s.planName} (selection ${s.selectionName})`).join(', ')}`,
        );
      else if (unknown.length > 0)
        yield ctx.notEvaluated(
          table.arn,
          `${name}: no readable backup selection assigns it, and ${unknown.join('; ')}${table.tags.ok ? '' : ` (tags: ${table.tags.reason})`}`,
        );
      else
        yield ctx.fail(
          table.arn,
          `${name} is in no backup plan (${plans.selections.length} selection${plans.selections.length === 1 ? '' : 's'} checked; required: at least one assigns it)`,
        );
    }
  },
});
