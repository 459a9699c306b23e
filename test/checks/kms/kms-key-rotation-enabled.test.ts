import check from '../../../src/checks/kms/kms-key-rotation-enabled.js';
import { callError, describeKey, keyRotation, kmsKey, listKeys } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const app = kmsKey('1234abcd-12ab-34cd-56ef-1234567890ab');
const legacy = kmsKey('0987dcba-09fe-87dc-65ba-ab0987654321');
const ebs = kmsKey('5a6b7c8d-1111-4222-8333-944455556666');
/** ListKeys of us-east-1 (and an empty eu-west-1) plus these per-key files. */
const keys = (listed: { KeyId: string; KeyArn: string }[], ...files: ReturnType<typeof describeKey>[]) => ({
  files: [listKeys('us-east-1', listed), listKeys('eu-west-1', []), ...files],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'customer key with rotation on',
      evidence: keys([app], describeKey(app), keyRotation(app, true)),
      reason: /key 1234abcd-12ab-34cd-56ef-1234567890ab \(app data key\) rotates automatically every 365 days/,
    },
    { name: 'AWS-managed key without a rotation answer is out of scope', evidence: keys([ebs], describeKey(ebs, { KeyManager: 'AWS' })) },
    {
      name: 'asymmetric signing key is out of scope',
      evidence: keys([legacy], describeKey(legacy, { KeySpec: 'RSA_2048', CustomerMasterKeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })),
    },
    {
      name: 'key pending deletion (no rotation answer) is out of scope',
      evidence: keys([legacy], describeKey(legacy, { KeyState: 'PendingDeletion', Enabled: false, DeletionDate: '2026-10-07T00:00:00.000Z', PendingDeletionWindowInDays: 7 })),
    },
    { name: 'AWS-managed key with rotation on', evidence: keys([ebs], describeKey(ebs, { KeyManager: 'AWS' }), keyRotation(ebs, true)) },
    { name: 'HMAC key is out of scope', evidence: keys([legacy], describeKey(legacy, { KeySpec: 'HMAC_256', CustomerMasterKeySpec: undefined, KeyUsage: 'GENERATE_VERIFY_MAC' })) },
    {
      name: 'KeySpec and CustomerMasterKeySpec omitted, symmetric by usage and algorithms, rotation on',
      evidence: keys([app], describeKey(app, { KeySpec: undefined, CustomerMasterKeySpec: undefined }), keyRotation(app, true)),
    },
    {
      name: 'ListKeys entry without KeyArn: the ARN is derived and the per-key calls are found',
      evidence: keys([{ KeyId: app.KeyId } as typeof app], describeKey(app), keyRotation(app, true)),
      reason: /rotates automatically/,
    },
  ],
  fail: [
    {
      name: 'customer key with rotation off beside a rotating one',
      evidence: keys([app, legacy], describeKey(app), keyRotation(app, true), describeKey(legacy), keyRotation(legacy, false)),
      reason: /key 0987dcba-09fe-87dc-65ba-ab0987654321 \(app data key\) has automatic rotation off \(required: on/,
    },
    {
      name: 'disabled customer symmetric key with rotation off (the procedure covers every customer symmetric key)',
      evidence: keys([legacy], describeKey(legacy, { KeyState: 'Disabled', Enabled: false }), keyRotation(legacy, false)),
      reason: /rotation off/,
    },
    {
      name: 'imported key material cannot rotate automatically',
      evidence: keys([legacy], describeKey(legacy, { Origin: 'EXTERNAL' })),
      reason: /origin EXTERNAL, which KMS cannot rotate automatically/,
    },
    {
      name: 'ListKeys entry without KeyId: the id is derived from KeyArn',
      evidence: keys([{ KeyArn: legacy.KeyArn } as typeof legacy], describeKey(legacy), keyRotation(legacy, false)),
      reason: /key 0987dcba-09fe-87dc-65ba-ab0987654321 .*rotation off/,
    },
  ],
  notEvaluated: [
    {
      name: 'a ListKeys entry with neither KeyId nor KeyArn, beside a rotating key',
      evidence: keys([app, {} as typeof app], describeKey(app), keyRotation(app, true)),
      reason: /could not be read \(lacks KeyId/,
    },
    {
      name: 'CreationDate after collection: the description cannot be believed, even with rotation on',
      evidence: keys([app], describeKey(app, { CreationDate: '2027-01-01T00:00:00.000Z' }), keyRotation(app, true)),
      reason: /CreationDate 2027-01-01T00:00:00.000Z, after collection ended/,
    },
    {
      name: 'KeyManager omitted and rotation off: in scope or not is unknown',
      evidence: keys([app], describeKey(app, { KeyManager: undefined }), keyRotation(app, false)),
      reason: /no KeyManager/,
    },
    {
      name: 'GetKeyRotationStatus answer without KeyRotationEnabled',
      evidence: { files: [listKeys('us-east-1', [app]), listKeys('eu-west-1', []), describeKey(app), { ...keyRotation(app, false), body: { KeyId: app.KeyArn } }] },
      reason: /no KeyRotationEnabled/,
    },
    {
      name: 'ListKeys denied in eu-west-1',
      evidence: { files: [listKeys('us-east-1', [])] },
      collectionError: { service: 'kms', operation: 'ListKeys', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /kms:ListKeys in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
    {
      name: "one key's GetKeyRotationStatus denied",
      evidence: {
        ...keys([app], describeKey(app)),
        errors: [callError('kms', 'GetKeyRotationStatus', 'AccessDeniedException', 'us-east-1', { KeyId: app.KeyId })],
      },
      reason:
        /kms:GetKeyRotationStatus KeyId=1234abcd-12ab-34cd-56ef-1234567890ab in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
    {
      name: 'DescribeKey recorded under the key ARN and denied',
      evidence: { ...keys([app]), errors: [callError('kms', 'DescribeKey', 'AccessDeniedException', 'us-east-1', { KeyId: app.KeyArn })] },
      reason: /DescribeKey KeyId=arn:aws:kms:us-east-1:111122223333:key\/1234abcd.* AccessDeniedException/,
    },
  ],
});
