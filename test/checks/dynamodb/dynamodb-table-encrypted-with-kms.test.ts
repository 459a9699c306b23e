import check from '../../../src/checks/dynamodb/dynamodb-table-encrypted-with-kms.js';
import { dynamo, table } from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64';
const OTHER = 'arn:aws:kms:us-east-1:111122223333:key/7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { kmsKeyArns: [] },
  pass: [
    {
      name: 'SSEType KMS, Status ENABLED, any key allowed',
      evidence: dynamo([{ table: table('orders') }]),
      reason: /table orders is encrypted with KMS key arn:aws:kms:/,
    },
    {
      name: 'KMS key in kmsKeyArns',
      evidence: dynamo([{ table: table('orders') }]),
      params: { kmsKeyArns: [OTHER, KEY] },
      reason: /allowed KMS key/,
    },
    { name: 'no tables', evidence: dynamo([]) },
  ],
  fail: [
    {
      name: 'no SSEDescription: AWS owned key',
      evidence: dynamo([{ table: table('orders') }, { table: table('sessions', { SSEDescription: undefined }) }]),
      reason: /table sessions has no SSEDescription: it is encrypted with an AWS owned key/,
    },
    {
      name: 'KMS encryption still UPDATING',
      evidence: dynamo([{ table: table('orders', { SSEDescription: { Status: 'UPDATING', SSEType: 'KMS', KMSMasterKeyArn: KEY } }) }]),
      reason: /SSEType KMS with Status UPDATING \(required: KMS, ENABLED\)/,
    },
    {
      name: 'KMS key not in kmsKeyArns',
      evidence: dynamo([{ table: table('orders') }]),
      params: { kmsKeyArns: [OTHER] },
      reason: /which is not in kmsKeyArns/,
    },
  ],
  notEvaluated: [
    {
      name: 'SSEDescription without SSEType',
      evidence: dynamo([{ table: table('orders', { SSEDescription: { Status: 'ENABLED' } }) }]),
      reason: /SSEDescription shows no SSEType/,
    },
    {
      name: 'kmsKeyArns set and the answer shows no KMSMasterKeyArn',
      evidence: dynamo([{ table: table('orders', { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' } }) }]),
      params: { kmsKeyArns: [KEY] },
      reason: /shows no KMSMasterKeyArn/,
    },
    {
      name: 'DescribeTable denied for one table',
      evidence: dynamo([{ table: table('orders') }, { table: table('sessions'), describe: 'denied' }]),
      reason: /table sessions: .*DescribeTable.*AccessDeniedException/,
    },
    {
      name: 'ListTables denied in eu-west-1',
      evidence: { files: dynamo([{ table: table('orders') }]).files?.filter((f) => f.region === 'us-east-1') },
      collectionError: { service: 'dynamodb', operation: 'ListTables', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /ListTables in 111122223333\/eu-west-1 failed/,
    },
  ],
});
