import { dynamodbTables } from '../../bundle/evidence/dynamodb.js';
import { defineCheck } from '../define-check.js';

/** Every DynamoDB table is encrypted with an AWS KMS key (AWS managed or customer managed), optionally one of a list. */
export default defineCheck({
  id: 'dynamodb-table-encrypted-with-kms',
  title: 'DynamoDB tables are encrypted with AWS KMS',
  description:
    'For every table in ListTables, DescribeTable must show SSEDescription with SSEType KMS and Status ENABLED, and, when kmsKeyArns is not empty, a KMSMasterKeyArn in that list. A table without SSEDescription is encrypted with an AWS owned key and fails, as in the Config rule; any other Status (ENABLING, UPDATING, DISABLED, …) fails too. Tables deleted during collection are skipped.',
  scope: 'region',
  needs: { tables: dynamodbTables },
  params: {
    kmsKeyArns: {
      type: 'array',
      items: { type: 'string' },
      description: 'KMS key ARNs allowed to encrypt tables; empty: any KMS key.',
    },
  },
  *run({ tables }, ctx) {
    const allowed = ctx.params.kmsKeyArns;
    for (const table of tables.filter((t) => !t.deleted)) {
      const name = `table ${table.name}`;
      if (!table.description.ok) {
        yield ctx.notEvaluated(table.arn, `${name}: ${table.description.reason}`);
        continue;
      }
      const { sse } = table.description.value;
      const files = table.description.files;
      if (sse === null) {
        yield ctx.fail(table.arn, `${name} has no SSEDescription: it is encrypted with an AWS owned key (required: SSEType KMS)`, files);
        continue;
      }
      if (sse.type === undefined || sse.status === undefined) {
        yield ctx.notEvaluated(table.arn, `${name}: SSEDescription shows no ${sse.type === undefined ? 'SSEType' : 'Status'}`, files);
        continue;
      }
      if (sse.type !== 'KMS' || sse.status !== 'ENABLED') {
        yield ctx.fail(table.arn, `${name} has SSEType ${sse.type} with Status ${sse.status} (required: KMS, ENABLED)`, files);
        continue;
      }
      if (allowed.length === 0) {
        yield ctx.pass(table.arn, `${name} is encrypted with KMS key ${sse.kmsKeyArn ?? '(ARN not shown)'}`, files);
        continue;
      }
      if (sse.kmsKeyArn === undefined) {
        yield ctx.notEvaluated(
          table.arn,
          `${name} is encrypted with KMS, but SSEDescription shows no KMSMasterKeyArn to compare with kmsKeyArns`,
          files,
        );
        continue;
      }
      yield allowed.includes(sse.kmsKeyArn)
        ? ctx.pass(table.arn, `${name} is encrypted with allowed KMS key ${sse.kmsKeyArn}`, files)
        : ctx.fail(
            table.arn,
            `${name} is encrypted with KMS key ${sse.kmsKeyArn}, which is not in kmsKeyArns (${allowed.join(', ')})`,
            files,
          );
    }
  },
});
