import check from '../../../src/checks/kms/kms-key-not-pending-deletion.js';
import { callError, describeKey, kmsKey, listKeys } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const app = kmsKey('1234abcd-12ab-34cd-56ef-1234567890ab');
const old = kmsKey('0987dcba-09fe-87dc-65ba-ab0987654321');
const ebs = kmsKey('5a6b7c8d-1111-4222-8333-944455556666');
/** ListKeys of us-east-1 (and an empty eu-west-1) plus these per-key files. */
const keys = (listed: { KeyId: string; KeyArn: string }[], ...files: ReturnType<typeof describeKey>[]) => ({
  files: [listKeys('us-east-1', listed), listKeys('eu-west-1', []), ...files],
});
/** DescribeKey of a key scheduled for deletion, as KMS shows it. */
const pending = (fields: Record<string, unknown> = {}) => ({
  KeyState: 'PendingDeletion',
  Enabled: false,
  DeletionDate: '2026-10-07T00:00:00.000Z',
  PendingDeletionWindowInDays: 7,
  ...fields,
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'enabled customer key',
      evidence: keys([app], describeKey(app)),
      reason: /key 1234abcd-12ab-34cd-56ef-1234567890ab \(app data key\) has KeyState Enabled, not scheduled for deletion/,
    },
    {
      name: 'disabled customer key (disabled is not scheduled for deletion)',
      evidence: keys([app], describeKey(app, { KeyState: 'Disabled', Enabled: false })),
      reason: /KeyState Disabled/,
    },
    {
      name: 'customer key waiting for imported key material',
      evidence: keys([app], describeKey(app, { KeyState: 'PendingImport', Origin: 'EXTERNAL' })),
    },
    {
      name: 'AWS managed key shown PendingDeletion is out of scope, beside an enabled customer key',
      evidence: keys([app, ebs], describeKey(app), describeKey(ebs, pending({ KeyManager: 'AWS' }))),
    },
    {
      name: 'KeyManager omitted but the key is Enabled: not scheduled whoever manages it',
      evidence: keys([app], describeKey(app, { KeyManager: undefined })),
    },
    { name: 'no key in either region', evidence: keys([]), reason: /nothing in scope/ },
  ],
  fail: [
    {
      name: 'customer key PendingDeletion beside an enabled one',
      evidence: keys([app, old], describeKey(app), describeKey(old, pending())),
      reason:
        /key 0987dcba-09fe-87dc-65ba-ab0987654321 \(app data key\) has KeyState PendingDeletion, to be deleted on 2026-10-07T00:00:00.000Z \(required: not scheduled for deletion\)/,
    },
    {
      name: 'multi-Region primary key PendingReplicaDeletion',
      evidence: keys([old], describeKey(old, { KeyState: 'PendingReplicaDeletion', Enabled: false, MultiRegion: true })),
      reason: /KeyState PendingReplicaDeletion \(required: not scheduled/,
    },
    {
      name: 'PendingDeletion without a DeletionDate',
      evidence: keys([old], describeKey(old, pending({ DeletionDate: undefined }))),
      reason: /has KeyState PendingDeletion \(required/,
    },
  ],
  notEvaluated: [
    {
      name: 'PendingDeletion and KeyManager omitted: customer managed or not is unknown',
      evidence: keys([old], describeKey(old, pending({ KeyManager: undefined }))),
      reason: /is PendingDeletion, but DescribeKey gives no KeyManager/,
    },
    { name: 'KeyState omitted', evidence: keys([app], describeKey(app, { KeyState: undefined })), reason: /gives no KeyState/ },
    {
      name: 'KeyState not text',
      evidence: keys([app], describeKey(app, { KeyState: 7 })),
      reason: /KeyState 7, which is not one of AWS's values/,
    },
    {
      name: 'KeyManager not text',
      evidence: keys([app], describeKey(app, { KeyManager: ['CUSTOMER'] })),
      reason: /KeyManager \["CUSTOMER"\]/,
    },
    {
      name: 'DeletionDate not a timestamp: the description cannot be read',
      evidence: keys([old], describeKey(old, pending({ DeletionDate: 'next week' }))),
      reason: /DeletionDate is not an ISO 8601 timestamp/,
    },
    {
      name: 'a ListKeys entry with neither KeyId nor KeyArn, beside an enabled key',
      evidence: keys([app, {} as typeof app], describeKey(app)),
      reason: /could not be read \(lacks KeyId/,
    },
    {
      name: "one key's DescribeKey denied",
      evidence: { ...keys([app]), errors: [callError('kms', 'DescribeKey', 'AccessDeniedException', 'us-east-1', { KeyId: app.KeyId })] },
      reason:
        /kms:DescribeKey KeyId=1234abcd-12ab-34cd-56ef-1234567890ab in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
    {
      name: 'ListKeys denied in eu-west-1',
      evidence: { files: [listKeys('us-east-1', [])] },
      collectionError: { service: 'kms', operation: 'ListKeys', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /kms:ListKeys in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
