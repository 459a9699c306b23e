import check from '../../../src/checks/dynamodb/dynamodb-table-pitr-enabled.js';
import { dynamo, table } from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'table with point-in-time recovery ENABLED',
      evidence: dynamo([{ table: table('orders') }]),
      reason: /table orders has point-in-time recovery ENABLED/,
    },
    { name: 'no tables', evidence: dynamo([]) },
    {
      name: 'table deleted during collection is skipped',
      evidence: dynamo([{ table: table('orders') }, { table: table('gone'), describe: 'gone' }]),
    },
  ],
  fail: [
    {
      name: 'table with point-in-time recovery DISABLED beside an enabled one',
      evidence: dynamo([{ table: table('orders') }, { table: table('sessions'), pitr: 'DISABLED' }]),
      reason: /table sessions has point-in-time recovery DISABLED \(required: ENABLED\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeContinuousBackups denied for one table',
      evidence: dynamo([{ table: table('orders') }, { table: table('sessions'), pitr: 'denied' }]),
      reason: /table sessions: .*DescribeContinuousBackups.*AccessDeniedException/,
    },
    {
      name: 'table deleted between DescribeTable and DescribeContinuousBackups',
      evidence: dynamo([{ table: table('sessions'), pitr: 'gone' }]),
      reason: /does not exist \(deleted during collection\)/,
    },
    {
      name: 'table created after collection ended',
      evidence: dynamo([{ table: table('orders', { CreationDateTime: '2027-01-01T00:00:00.000Z' }) }]),
      reason: /CreationDateTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListTables denied in eu-west-1',
      evidence: { files: dynamo([{ table: table('orders') }]).files?.filter((f) => f.region === 'us-east-1') },
      collectionError: { service: 'dynamodb', operation: 'ListTables', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /dynamodb:ListTables in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
