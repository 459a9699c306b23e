import check from '../../../src/checks/dynamodb/dynamodb-table-autoscaling-enabled.js';
import { dynamo, gsi, onDemandTable, policy, scaled, table, target } from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const both = (...parts: { targets: object[]; policies: object[] }[]) => ({
  targets: parts.flatMap((p) => p.targets),
  policies: parts.flatMap((p) => p.policies),
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'on-demand table',
      evidence: dynamo([{ table: onDemandTable('sessions') }]),
      reason: /uses on-demand capacity \(PAY_PER_REQUEST\)/,
    },
    {
      name: 'provisioned table (BillingModeSummary absent) with read and write auto scaling',
      evidence: dynamo([{ table: table('orders') }], scaled('table/orders')),
      reason: /table orders is provisioned with auto scaling/,
    },
    {
      name: 'provisioned table and its index, both auto scaled',
      evidence: dynamo(
        [{ table: table('orders', { BillingModeSummary: { BillingMode: 'PROVISIONED' }, GlobalSecondaryIndexes: [gsi('by-customer')] }) }],
        both(scaled('table/orders'), scaled('table/orders/index/by-customer', 'index')),
      ),
      reason: /and its 1 global secondary index are provisioned with auto scaling/,
    },
  ],
  fail: [
    {
      name: 'provisioned table without scalable targets',
      evidence: dynamo([{ table: table('orders') }]),
      reason:
        /table orders is PROVISIONED without auto scaling \(table ReadCapacityUnits: no scalable target; table WriteCapacityUnits: no scalable target\)/,
    },
    {
      name: 'write capacity has a scalable target but no policy',
      evidence: dynamo([{ table: table('orders') }], {
        targets: scaled('table/orders').targets,
        policies: [policy('table/orders', 'dynamodb:table:ReadCapacityUnits')],
      }),
      reason: /table WriteCapacityUnits: a scalable target but no scaling policy/,
    },
    {
      name: 'table scaled, its index not',
      evidence: dynamo([{ table: table('orders', { GlobalSecondaryIndexes: [gsi('by-customer')] }) }], scaled('table/orders')),
      reason: /index by-customer ReadCapacityUnits: no scalable target/,
    },
    {
      name: 'index dimension on the table resource does not count',
      evidence: dynamo([{ table: table('orders') }], {
        targets: [target('table/orders', 'dynamodb:index:ReadCapacityUnits'), target('table/orders', 'dynamodb:table:WriteCapacityUnits')],
        policies: [policy('table/orders', 'dynamodb:index:ReadCapacityUnits'), policy('table/orders', 'dynamodb:table:WriteCapacityUnits')],
      }),
      reason: /table ReadCapacityUnits: no scalable target/,
    },
  ],
  notEvaluated: [
    {
      name: 'BillingModeSummary without BillingMode',
      evidence: dynamo([{ table: table('orders', { BillingModeSummary: {} }) }]),
      reason: /shows no known BillingMode/,
    },
    {
      name: 'scalable target without ResourceId',
      evidence: dynamo([{ table: onDemandTable('sessions') }], {
        targets: [{ ServiceNamespace: 'dynamodb', ScalableDimension: 'dynamodb:table:ReadCapacityUnits' }],
      }),
      reason: /lacks ResourceId or ScalableDimension/,
    },
    {
      name: 'DescribeScalingPolicies denied in us-east-1',
      evidence: {
        files: dynamo([{ table: table('orders') }]).files?.filter(
          (f) => !(f.operation === 'DescribeScalingPolicies' && f.region === 'us-east-1'),
        ),
      },
      collectionError: {
        service: 'applicationautoscaling',
        operation: 'DescribeScalingPolicies',
        code: 'AccessDeniedException',
        region: 'us-east-1',
      },
      reason:
        /DescribeScalingPolicies ServiceNamespace=dynamodb in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
  ],
});
