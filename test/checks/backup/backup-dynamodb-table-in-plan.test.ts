import check from '../../../src/checks/backup/backup-dynamodb-table-in-plan.js';
import {
  backupRegion,
  condition,
  dynamoRegion,
  merge,
  selection,
  table,
  tagIs,
  type PlanSpec,
  type TableSpec,
} from '../../helpers/dynamodb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** Tables and backup plans in us-east-1, nothing in eu-west-1. */
const world = (tables: TableSpec[], plans: PlanSpec[]) =>
  merge(dynamoRegion('us-east-1', tables), backupRegion('us-east-1', plans), dynamoRegion('eu-west-1', []), backupRegion('eu-west-1', []));
const plan = (...selections: PlanSpec['selections']): PlanSpec => ({
  id: '8f3a1c2e-5b7d-4e9f-a1c3-5e7b9d1f3a5c',
  name: 'daily',
  selections,
});
const orders = (tags: Record<string, string> = {}): TableSpec => ({ table: table('orders'), tags });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'selected by its exact ARN',
      evidence: world([orders()], [plan(selection('exact', { Resources: ['arn:aws:dynamodb:us-east-1:111122223333:table/orders'] }))]),
      reason: /table orders is assigned to backup plan daily \(selection exact\)/,
    },
    {
      name: 'selected by a wildcard over all tables',
      evidence: world([orders()], [plan(selection('all-tables', { Resources: ['arn:aws:dynamodb:*:*:table/*'] }))]),
    },
    { name: 'selected by Resources "*"', evidence: world([orders()], [plan(selection('everything', { Resources: ['*'] }))]) },
    {
      name: 'selected by a ListOfTags tag',
      evidence: world(
        [orders({ backup: 'daily' })],
        [plan(selection('tagged', { ListOfTags: [tagIs('backup', 'weekly'), tagIs('backup', 'daily')] }))],
      ),
    },
    {
      name: 'Resources and Conditions both hold',
      evidence: world(
        [orders({ backup: 'true', stage: 'prod' })],
        [
          plan(
            selection('prod', {
              Resources: ['arn:aws:dynamodb:*:*:table/*'],
              Conditions: {
                StringEquals: [condition('backup', 'true')],
                StringLike: [condition('stage', 'pr*')],
                StringNotEquals: [],
                StringNotLike: [],
              },
            }),
          ),
        ],
      ),
    },
    {
      name: 'a second plan selects it when the first does not',
      evidence: world(
        [orders()],
        [
          plan(selection('volumes', { Resources: ['arn:aws:ec2:*:*:volume/*'] })),
          { id: 'p2', name: 'all', selections: [selection('all', { Resources: ['*'] })] },
        ],
      ),
    },
    { name: 'no tables', evidence: world([], []) },
  ],
  fail: [
    { name: 'no backup plans', evidence: world([orders()], []), reason: /table orders is in no backup plan \(0 selections checked/ },
    {
      name: 'plan selects only EBS volumes',
      evidence: world([orders()], [plan(selection('volumes', { Resources: ['arn:aws:ec2:*:*:volume/*'] }))]),
    },
    {
      name: 'excluded by NotResources',
      evidence: world(
        [orders()],
        [plan(selection('all-but-orders', { Resources: ['*'], NotResources: ['arn:aws:dynamodb:*:*:table/orders'] }))],
      ),
      reason: /is in no backup plan/,
    },
    {
      name: 'ListOfTags value differs',
      evidence: world([orders({ backup: 'weekly' })], [plan(selection('tagged', { ListOfTags: [tagIs('backup', 'daily')] }))]),
    },
    {
      name: 'a StringNotEquals condition fails',
      evidence: world(
        [orders({ stage: 'dev' })],
        [
          plan(
            selection('not-dev', {
              Resources: ['*'],
              Conditions: { StringEquals: [], StringLike: [], StringNotEquals: [condition('stage', 'dev')], StringNotLike: [] },
            }),
          ),
        ],
      ),
    },
    {
      name: 'table name is a prefix of the pattern only',
      evidence: world(
        [orders()],
        [plan(selection('orders-archive', { Resources: ['arn:aws:dynamodb:us-east-1:111122223333:table/orders-*'] }))],
      ),
    },
  ],
  notEvaluated: [
    {
      name: 'tag selection, and the tags call failed',
      evidence: merge(
        dynamoRegion('us-east-1', [{ table: table('orders') }]),
        backupRegion('us-east-1', [plan(selection('tagged', { ListOfTags: [tagIs('backup', 'daily')] }))]),
        dynamoRegion('eu-west-1', []),
        backupRegion('eu-west-1', []),
        {
          files: [],
          errors: [
            {
              region: 'us-east-1',
              service: 'dynamodb',
              operation: 'ListTagsOfResource',
              code: 'AccessDeniedException',
              parameters: { ResourceArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' },
            },
          ],
        },
      ),
      reason: /selects by tag, and the resource's tags are unknown/,
    },
    {
      name: 'a selection could not be read',
      evidence: world([orders()], [plan(selection('volumes', { Resources: ['arn:aws:ec2:*:*:volume/*'] }), 'denied')]),
      reason: /no readable backup selection assigns it, and selection .* of backup plan daily: .*AccessDeniedException/,
    },
    {
      name: 'selections of a plan could not be listed',
      evidence: world([orders()], [{ ...plan(), listDenied: true }]),
      reason: /backup plan daily: .*ListBackupSelections.*AccessDeniedException/,
    },
    {
      name: 'ListBackupPlans denied in eu-west-1',
      evidence: merge(
        dynamoRegion('us-east-1', [orders()]),
        backupRegion('us-east-1', [plan(selection('all', { Resources: ['*'] }))]),
        dynamoRegion('eu-west-1', []),
      ),
      collectionError: { service: 'backup', operation: 'ListBackupPlans', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /backup:ListBackupPlans in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
