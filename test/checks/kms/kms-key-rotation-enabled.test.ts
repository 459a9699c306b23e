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
      name: 'disabled key is out of scope',
      evidence: keys([legacy], describeKey(legacy, { KeyState: 'Disabled', Enabled: false }), keyRotation(legacy, false)),
    },
    { name: 'imported key material cannot rotate automatically', evidence: keys([legacy], describeKey(legacy, { Origin: 'EXTERNAL' })) },
  ],
  fail: [
    {
      name: 'customer key with rotation off beside a rotating one',
      evidence: keys([app, legacy], describeKey(app), keyRotation(app, true), describeKey(legacy), keyRotation(legacy, false)),
      reason: /key 0987dcba-09fe-87dc-65ba-ab0987654321 \(app data key\) has automatic rotation off \(required: on\)/,
    },
  ],
  notEvaluated: [
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
