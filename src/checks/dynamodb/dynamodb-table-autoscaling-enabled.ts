import { dynamodbScaling, dynamodbTables, type DynamoScaling } from '../../bundle/evidence/dynamodb.js';
import { defineCheck } from '../define-check.js';

/** What is missing for one table or index's read and write capacity; empty when both scale. */
function gaps(scaling: DynamoScaling, resourceId: string, kind: 'table' | 'index'): string[] {
  const out: string[] = [];
  for (const capacity of ['ReadCapacityUnits', 'WriteCapacityUnits']) {
    const dimension = `dynamodb:${kind}:${capacity}`;
    const match = (e: { resourceId: string; dimension: string }) => e.resourceId === resourceId && e.dimension === dimension;
    if (!scaling.targets.some(match)) out.push(`${capacity}: no scalable target`);
    else if (!scaling.policies.some(match)) out.push(`${capacity}: a scalable target but no scaling policy`);
  }
  return out;
}

/** Provisioned DynamoDB tables and their global secondary indexes scale read and write capacity automatically. */
export default defineCheck({
  id: 'dynamodb-table-autoscaling-enabled',
  title: 'DynamoDB tables use on-demand capacity or auto scaling',
  description:
    "A table whose DescribeTable BillingMode is PAY_PER_REQUEST passes. A PROVISIONED table (BillingModeSummary absent means PROVISIONED) passes only when the table and each of its global secondary indexes have, in Application Auto Scaling (namespace dynamodb), a scalable target and a scaling policy for both ReadCapacityUnits and WriteCapacityUnits. The Config rule's optional min/max capacity and target utilization parameters are not supported. Tables deleted during collection are skipped.",
  scope: 'region',
  needs: { tables: dynamodbTables, scaling: dynamodbScaling },
  params: {},
  *run({ tables, scaling }, ctx) {
    for (const table of tables.filter((t) => !t.deleted)) {
      const name = `table ${table.name}`;
      if (!table.description.ok) {
        yield ctx.notEvaluated(table.arn, `${name}: ${table.description.reason}`);
        continue;
      }
      const { billingMode, indexes } = table.description.value;
      if (billingMode === 'PAY_PER_REQUEST') {
        yield ctx.pass(table.arn, `${name} uses on-demand capacity (PAY_PER_REQUEST)`, table.description.files);
        continue;
      }
      if (billingMode !== 'PROVISIONED') {
        yield ctx.notEvaluated(
          table.arn,
          `${name}: BillingModeSummary shows no known BillingMode (${billingMode ?? 'none'})`,
          table.description.files,
        );
        continue;
      }
      const missing = [
        ...gaps(scaling, `table/${table.name}`, 'table').map((g) => `table ${g}`),
        ...indexes.flatMap((index) =>
          gaps(scaling, `table/${table.name}/index/${index.name}`, 'index').map((g) => `index ${index.name} ${g}`),
        ),
      ];
      const subject =
        indexes.length > 0 ? `${name} and its ${indexes.length} global secondary index${indexes.length === 1 ? '' : 'es'}` : name;
      yield missing.length === 0
        ? ctx.pass(table.arn, `${subject} ${indexes.length > 0 ? 'are' : 'is'} provisioned with auto scaling of read and write capacity`)
        : ctx.fail(
            table.arn,
            `${name} is PROVISIONED without auto scaling (${missing.join('; ')}); required: a scalable target and a scaling policy for read and write capacity of the table and every global secondary index`,
          );
    }
  },
});
