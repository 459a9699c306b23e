import { describe, expect, it } from 'vitest';
import { backupPlans } from '../../src/bundle/evidence/backup.js';
import { dynamodbScaling, dynamodbTables } from '../../src/bundle/evidence/dynamodb.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import backupTable from '../../src/checks/backup/backup-dynamodb-table-in-plan.js';
import backupVolume from '../../src/checks/backup/backup-ebs-volume-in-plan.js';
import backupFileSystem from '../../src/checks/backup/backup-efs-file-system-in-plan.js';
import type { Check } from '../../src/checks/define-check.js';
import throughput from '../../src/checks/dynamodb/dynamodb-account-throughput-within-limit.js';
import autoscaling from '../../src/checks/dynamodb/dynamodb-table-autoscaling-enabled.js';
import kms from '../../src/checks/dynamodb/dynamodb-table-encrypted-with-kms.js';
import pitr from '../../src/checks/dynamodb/dynamodb-table-pitr-enabled.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import backup from '../../src/collect/sources/backup.js';
import dynamodb from '../../src/collect/sources/dynamodb.js';
import ec2 from '../../src/collect/sources/ec2.js';
import storage from '../../src/collect/sources/storage.js';
import { ACME } from './helpers/acme.js';
import { json10, json10Error, serveAcmeDynamodb } from './helpers/acme-dynamodb.js';
import { anyOrder, restJsonError, type FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const ORDERS = 'arn:aws:dynamodb:us-east-1:111122223333:table/acme-orders';

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:[a-z0-9]+:[a-z0-9-]+:111122223333:/, '')}`);
}

describe('DynamoDB and AWS Backup evidence for the NIST checks', () => {
  it('collects the sample company and evaluates every check', async () => {
    serveAcmeDynamodb(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: [dynamodb, backup] });
    expect(result.manifest.errors).toEqual([]);
    const count = (region: string) =>
      fake.requests.filter((r) => r.region === region && ['dynamodb', 'applicationautoscaling', 'backup'].includes(r.service)).length;
    // Per region: dynamodb 4 + 3·tables; backup 1 + plans + selections.
    expect([count('us-east-1'), count('eu-west-1')]).toEqual([10 + 3, 4 + 1]);
    expect(fake.calls('dynamodb', 'ListTables').map((r) => [r.region, r.body.Limit])).toEqual(
      expect.arrayContaining([
        ['us-east-1', 100],
        ['eu-west-1', 100],
      ]),
    );
    expect(anyOrder(fake.calls('dynamodb', 'DescribeTable').map((r) => r.body.TableName))).toEqual(anyOrder(['acme-orders', 'acme-sessions']));
    expect(anyOrder(fake.calls('dynamodb', 'ListTagsOfResource').map((r) => r.body.ResourceArn))).toEqual(anyOrder([
      ORDERS,
      'arn:aws:dynamodb:us-east-1:111122223333:table/acme-sessions',
    ]));
    expect(
      fake
        .calls('applicationautoscaling')
        .map((r) => [r.operation, r.body.ServiceNamespace, r.body.MaxResults])
        .sort(),
    ).toEqual([
      ['DescribeScalableTargets', 'dynamodb', 50],
      ['DescribeScalableTargets', 'dynamodb', 50],
      ['DescribeScalingPolicies', 'dynamodb', 10],
      ['DescribeScalingPolicies', 'dynamodb', 10],
    ]);
    expect(anyOrder(fake.calls('backup', 'GetBackupSelection').map((r) => r.params.path))).toEqual(anyOrder([
      '/backup/plans/8f3a1c2e-5b7d-4e9f-a1c3-5e7b9d1f3a5c/selections/4c7e9a1b-2d3f-4a5b-8c6d-7e8f9a0b1c2d',
    ]));

    const bundle = await openBundle(result.dir);
    const tables = await dynamodbTables.load(bundle, east);
    if (!tables.ok) throw new Error(tables.reason);
    expect(
      tables.value.map((t) => [
        t.name,
        t.description.ok && t.description.value.billingMode,
        t.description.ok && t.description.value.sse?.type,
        t.pitr.ok && t.pitr.value,
        t.tags.ok && t.tags.value,
      ]),
    ).toEqual([
      ['acme-orders', 'PROVISIONED', 'KMS', 'ENABLED', { backup: 'daily', team: 'commerce' }],
      ['acme-sessions', 'PAY_PER_REQUEST', undefined, 'DISABLED', { team: 'web' }],
    ]);
    expect(await dynamodbScaling.load(bundle, east)).toMatchObject({
      ok: true,
      value: { targets: { length: 3 }, policies: { length: 3 } },
    });
    expect(await backupPlans.load(bundle, east)).toMatchObject({
      ok: true,
      value: {
        unreadable: [],
        selections: [{ planName: 'acme-daily', selectionName: 'acme-critical-data', listOfTags: [{ key: 'backup', value: 'daily' }] }],
      },
    });

    expect(await findings(bundle, pitr)).toEqual(['PASS table/acme-orders', 'FAIL table/acme-sessions', 'PASS 111122223333/eu-west-1']);
    expect(await findings(bundle, kms, { kmsKeyArns: [] })).toEqual([
      'PASS table/acme-orders',
      'FAIL table/acme-sessions',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, autoscaling)).toEqual([
      'FAIL table/acme-orders',
      'PASS table/acme-sessions',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, throughput, { accountRCUThresholdPercentage: 80, accountWCUThresholdPercentage: 80 })).toEqual([
      'FAIL 111122223333/us-east-1',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, backupTable)).toEqual([
      'PASS table/acme-orders',
      'FAIL table/acme-sessions',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('follows ListTables pages by LastEvaluatedTableName', async () => {
    serveAcmeDynamodb(fake);
    fake.on('dynamodb', 'ListTables', (r) =>
      r.region === 'us-east-1' ? json10(`dynamodb/ListTables.us-east-1.p${r.body.ExclusiveStartTableName ? 2 : 1}.json`) : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [dynamodb] });
    expect(fake.calls('dynamodb', 'ListTables').map((r) => r.body.ExclusiveStartTableName)).toEqual([undefined, 'acme-orders']);
    const bundle = await openBundle(result.dir);
    const tables = await dynamodbTables.load(bundle, east);
    expect(tables.ok && tables.value.map((t) => t.name)).toEqual(['acme-orders', 'acme-sessions']);
  });

  it('records denied calls as failures: the listing makes every check NOT_EVALUATED, a per-table call only that table', async () => {
    serveAcmeDynamodb(fake);
    fake.on('dynamodb', 'DescribeContinuousBackups', (r) =>
      r.body.TableName === 'acme-sessions'
        ? json10Error('AccessDeniedException', 'User is not authorized to perform: dynamodb:DescribeContinuousBackups')
        : undefined,
    );
    fake.on('backup', 'ListBackupPlans', (r) =>
      r.region === 'eu-west-1'
        ? restJsonError('AccessDeniedException', 'User is not authorized to perform: backup:ListBackupPlans', 403)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: [dynamodb, backup] });
    expect(result.manifest.errors.map((e) => [e.region, e.operation, e.parameters, e.code]).sort()).toEqual([
      ['eu-west-1', 'ListBackupPlans', {}, 'AccessDeniedException'],
      ['us-east-1', 'DescribeContinuousBackups', { TableName: 'acme-sessions' }, 'AccessDeniedException'],
    ]);
    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, pitr)).toEqual([
      'PASS table/acme-orders',
      'NOT_EVALUATED table/acme-sessions',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, backupTable)).toEqual([
      'PASS table/acme-orders',
      'FAIL table/acme-sessions',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
  });

  it('reads not-found answers as absence: a table deleted during collection, a plan deleted before its selections were listed', async () => {
    serveAcmeDynamodb(fake);
    fake.on('dynamodb', 'DescribeTable', (r) =>
      r.body.TableName === 'acme-sessions'
        ? json10Error('ResourceNotFoundException', 'Requested resource not found: Table: acme-sessions not found')
        : undefined,
    );
    fake.on('dynamodb', 'DescribeContinuousBackups', (r) =>
      r.body.TableName === 'acme-sessions' ? json10Error('TableNotFoundException', 'Table not found: acme-sessions') : undefined,
    );
    fake.on('backup', 'ListBackupSelections', () => restJsonError('ResourceNotFoundException', 'Backup plan not found', 404));
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [dynamodb, backup] });
    expect(result.manifest.errors).toEqual([]);
    // No tags are asked for a table that is gone, and no selection of a plan that is gone.
    expect(anyOrder(fake.calls('dynamodb', 'ListTagsOfResource').map((r) => r.body.ResourceArn))).toEqual(anyOrder([ORDERS]));
    expect(anyOrder(fake.calls('backup', 'GetBackupSelection'))).toEqual(anyOrder([]));
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/${path}`);
    expect(file('dynamodb/DescribeTable/acme-sessions.json')?.status).toBe('not-found');
    expect(file('backup/ListBackupSelections/8f3a1c2e-5b7d-4e9f-a1c3-5e7b9d1f3a5c.json')?.status).toBe('not-found');
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    expect((await runCheck(pitr, east, {}, bundle.collectedAt, cache)).map((f) => [f.status, f.resource])).toEqual([['PASS', ORDERS]]);
    // The only plan was deleted: nothing is backed up.
    expect((await runCheck(backupTable, east, {}, bundle.collectedAt, cache)).map((f) => f.status)).toEqual(['FAIL']);
  });

  it('finds the sample EFS file system and EBS volume in the plan, and the others in none', async () => {
    serveAcmeDynamodb(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: [backup, storage, ec2] });
    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, backupFileSystem)).toEqual([
      'PASS file-system/fs-0a1b2c3d4e5f60718',
      'FAIL file-system/fs-0b1c2d3e4f5a60719',
    ]);
    expect(await findings(bundle, backupVolume)).toEqual([
      'PASS volume/vol-0a1b2c3d4e5f60718',
      'FAIL volume/vol-0b2c3d4e5f6071829',
      'FAIL volume/vol-0c3d4e5f607182930',
      'FAIL volume/vol-0d4e5f60718293a4b',
      'PASS 111122223333/eu-west-1',
    ]);
  });
});
