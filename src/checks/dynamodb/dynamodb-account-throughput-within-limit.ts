import { dynamodbLimits, dynamodbTables } from '../../bundle/evidence/dynamodb.js';
import { defineCheck } from '../define-check.js';

/** The provisioned read and write capacity of a region's tables stays below a share of the account quota. */
export default defineCheck({
  id: 'dynamodb-account-throughput-within-limit',
  title: 'Provisioned DynamoDB throughput stays below the account quota',
  description:
    'Per region, the ReadCapacityUnits (and WriteCapacityUnits) of every PROVISIONED table plus its global secondary indexes, from DescribeTable, are summed and compared with AccountMaxReadCapacityUnits (AccountMaxWriteCapacityUnits) from DescribeLimits; the region fails when either sum reaches the threshold percentage (the Config rule: "when this value is reached"). On-demand tables add nothing. Any table whose DescribeTable is missing or unreadable makes the sum unknown: not evaluated.',
  scope: 'region',
  needs: { tables: dynamodbTables, limits: dynamodbLimits },
  params: {
    accountRCUThresholdPercentage: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      stricter: 'lower',
      description: 'Percentage of the account read capacity quota at which the region fails.',
    },
    accountWCUThresholdPercentage: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      stricter: 'lower',
      description: 'Percentage of the account write capacity quota at which the region fails.',
    },
  },
  *run({ tables, limits }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    let read = 0;
    let write = 0;
    const unknown: string[] = [];
    for (const table of tables.filter((t) => !t.deleted)) {
      if (!table.description.ok) {
        unknown.push(`table ${table.name}: ${table.description.reason}`);
        continue;
      }
      const d = table.description.value;
      if (d.billingMode === 'PAY_PER_REQUEST') continue;
      for (const [what, t] of [['table', d.throughput] as const, ...d.indexes.map((i) => [`index ${i.name}`, i.throughput] as const)]) {
        if (t.read === undefined || t.write === undefined)
          unknown.push(`table ${table.name} ${what}: DescribeTable shows no provisioned read or write capacity`);
        else {
          read += t.read;
          write += t.write;
        }
      }
    }
    if (unknown.length > 0) {
      yield ctx.notEvaluated(resource, `the provisioned capacity of the region cannot be summed: ${unknown.join('; ')}`);
      return;
    }
    const sides = [
      ['read', read, limits.accountMaxRead, ctx.params.accountRCUThresholdPercentage, 'AccountMaxReadCapacityUnits'],
      ['write', write, limits.accountMaxWrite, ctx.params.accountWCUThresholdPercentage, 'AccountMaxWriteCapacityUnits'],
    ] as const;
    const over: string[] = [];
    const under: string[] = [];
    for (const [kind, sum, max, threshold, field] of sides) {
      if (max === undefined || max === 0) {
        yield ctx.notEvaluated(resource, `DescribeLimits shows no usable ${field}`);
        return;
      }
      const percent = (sum / max) * 100;
      const line = `provisioned ${kind} capacity ${sum} of ${max} units is ${Number(percent.toFixed(2))}% (threshold ${threshold}%)`;
      (percent >= threshold ? over : under).push(line);
    }
    yield over.length > 0 ? ctx.fail(resource, `${over.join('; ')}; required: below the threshold`) : ctx.pass(resource, under.join('; '));
  },
});
