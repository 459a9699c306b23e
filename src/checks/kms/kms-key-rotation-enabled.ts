import { kmsKeys } from '../../bundle/evidence/kms.js';
import { defineCheck } from '../define-check.js';

/** Every enabled customer-managed symmetric key rotates automatically. */
export default defineCheck({
  id: 'kms-key-rotation-enabled',
  title: 'Rotation is enabled for customer-managed symmetric KMS keys',
  description:
    'For every key in ListKeys whose DescribeKey shows KeyManager CUSTOMER, KeySpec SYMMETRIC_DEFAULT, KeyState Enabled and Origin AWS_KMS (key material KMS can rotate), GetKeyRotationStatus must show KeyRotationEnabled true.',
  scope: 'region',
  needs: { keys: kmsKeys },
  params: {},
  *run({ keys }, ctx) {
    for (const key of keys) {
      if (!key.metadata.ok) {
        yield ctx.notEvaluated(key.arn, `key ${key.keyId}: ${key.metadata.reason}`, key.files);
        continue;
      }
      const meta = key.metadata.value;
      const spec = meta.KeySpec ?? meta.CustomerMasterKeySpec;
      // AWS-managed keys rotate on AWS's schedule; asymmetric and HMAC keys, imported key material
      // and custom key stores cannot rotate automatically (the collector asks only about the rest).
      if (
        meta.KeyManager !== 'CUSTOMER' ||
        spec !== 'SYMMETRIC_DEFAULT' ||
        meta.KeyState !== 'Enabled' ||
        (meta.Origin ?? 'AWS_KMS') !== 'AWS_KMS'
      )
        continue;
      const files = [...key.files, ...key.metadata.files];
      const name = `key ${key.keyId}${meta.Description ? ` (${meta.Description})` : ''}`;
      if (!key.rotation.ok) {
        yield ctx.notEvaluated(key.arn, `${name}: ${key.rotation.reason}`, files);
        continue;
      }
      const rotation = key.rotation.value;
      const evidence = [...files, ...key.rotation.files];
      yield rotation.KeyRotationEnabled === true
        ? ctx.pass(
            key.arn,
            `${name} rotates automatically${rotation.RotationPeriodInDays ? ` every ${rotation.RotationPeriodInDays} days` : ''}`,
            evidence,
          )
        : ctx.fail(key.arn, `${name} has automatic rotation off (required: on)`, evidence);
    }
  },
});
