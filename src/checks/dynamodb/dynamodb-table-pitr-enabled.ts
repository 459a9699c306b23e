import { dynamodbTables } from '../../bundle/evidence/dynamodb.js';
import { defineCheck } from '../define-check.js';

/** Every DynamoDB table has point-in-time recovery on. */
export default defineCheck({
  id: 'dynamodb-table-pitr-enabled',
  title: 'DynamoDB tables have point-in-time recovery enabled',
  description:
    'For every table in ListTables, DescribeContinuousBackups must show PointInTimeRecoveryStatus ENABLED; DISABLED fails. A table DescribeTable says no longer exists (deleted during collection) is skipped; a failed or unreadable DescribeContinuousBackups is not evaluated.',
  scope: 'region',
  needs: { tables: dynamodbTables },
  params: {},
  *run({ tables }, ctx) {
    for (const table of tables.filter((t) => !t.deleted)) {
      const name = `table ${table.name}`;
      if (!table.pitr.ok) {
        yield ctx.notEvaluated(table.arn, `${name}: ${table.pitr.reason}`);
        continue;
      }
      const status = table.pitr.value;
      yield status === 'ENABLED'
        ? ctx.pass(table.arn, `${name} has point-in-time recovery ENABLED`, table.pitr.files)
        : ctx.fail(table.arn, `${name} has point-in-time recovery ${status} (required: ENABLED)`, table.pitr.files);
    }
  },
});
