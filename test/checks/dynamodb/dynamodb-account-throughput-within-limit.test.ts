import check from '../../../src/checks/dynamodb/dynamodb-account-throughput-within-limit.js';
import { dynamo, gsi, onDemandTable, table } from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const units = (read: number, write: number) => ({
  ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: read, WriteCapacityUnits: write },
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { accountRCUThresholdPercentage: 80, accountWCUThresholdPercentage: 80 },
  pass: [
    {
      name: 'read one unit below 80% of the quota (table plus index)',
      evidence: dynamo([{ table: table('orders', { ...units(600, 10), GlobalSecondaryIndexes: [gsi('by-customer', 199, 10)] }) }], {
        limits: [1000, 1000],
      }),
      reason: /provisioned read capacity 799 of 1000 units is 79.9% \(threshold 80%\)/,
    },
    { name: 'no tables', evidence: dynamo([]) },
    {
      name: 'on-demand tables add nothing',
      evidence: dynamo([{ table: onDemandTable('sessions', units(900, 900)) }, { table: table('orders', units(10, 10)) }], {
        limits: [1000, 1000],
      }),
      reason: /read capacity 10 of 1000/,
    },
  ],
  fail: [
    {
      name: 'read exactly at 80% of the quota',
      evidence: dynamo([{ table: table('orders', units(800, 10)) }], { limits: [1000, 1000] }),
      reason: /provisioned read capacity 800 of 1000 units is 80% \(threshold 80%\); required: below the threshold/,
    },
    {
      name: 'write one unit above 80% across two tables',
      evidence: dynamo([{ table: table('orders', units(10, 401)) }, { table: table('audit', units(10, 400)) }], { limits: [1000, 1000] }),
      reason: /provisioned write capacity 801 of 1000 units is 80.1%/,
    },
    {
      name: 'a lower threshold from the catalog',
      evidence: dynamo([{ table: table('orders', units(500, 10)) }], { limits: [1000, 1000] }),
      params: { accountRCUThresholdPercentage: 50 },
      reason: /50% \(threshold 50%\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'one table not described: the sum is unknown',
      evidence: dynamo([{ table: table('orders') }, { table: table('sessions'), describe: 'denied' }]),
      reason: /cannot be summed: table sessions: .*AccessDeniedException/,
    },
    {
      name: 'DescribeLimits without AccountMaxReadCapacityUnits',
      evidence: {
        files: dynamo([{ table: table('orders') }]).files?.map((f) =>
          f.operation === 'DescribeLimits' && f.region === 'us-east-1' ? { ...f, body: { AccountMaxWriteCapacityUnits: 80000 } } : f,
        ),
      },
      reason: /DescribeLimits shows no usable AccountMaxReadCapacityUnits/,
    },
    {
      name: 'DescribeLimits denied in eu-west-1',
      evidence: { files: dynamo([]).files?.filter((f) => !(f.operation === 'DescribeLimits' && f.region === 'eu-west-1')) },
      collectionError: { service: 'dynamodb', operation: 'DescribeLimits', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /DescribeLimits in 111122223333\/eu-west-1 failed/,
    },
  ],
});
