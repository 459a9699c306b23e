import type { KeyMetadata } from '@aws-sdk/client-kms';
import { kmsKeys } from '../../bundle/evidence/kms.js';
import { defineCheck } from '../define-check.js';

// Keys scheduled for deletion can no longer be used or have rotation turned on; the collector does
// not ask for their rotation status.
const BEING_DELETED = ['PendingDeletion', 'PendingReplicaDeletion'];

/** Every customer-managed symmetric key rotates automatically. */
export default defineCheck({
  id: 'kms-key-rotation-enabled',
  title: 'Rotation is enabled for customer-managed symmetric KMS keys',
  description:
    'For every key in ListKeys whose DescribeKey shows KeyManager CUSTOMER and KeySpec SYMMETRIC_DEFAULT (enabled or disabled; keys pending deletion are out of scope), GetKeyRotationStatus must show KeyRotationEnabled true. Imported key material and custom key stores cannot rotate automatically, so such keys fail.',
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
      const files = [...key.files, ...key.metadata.files];
      const name = `key ${key.keyId}${meta.Description ? ` (${meta.Description})` : ''}`;
      const rotation = key.rotation.ok ? key.rotation.value.KeyRotationEnabled : undefined;
      const evidence = key.rotation.ok ? [...files, ...key.rotation.files] : files;
      const scope = inScope(meta);
      if (scope === false) continue;
      if (meta.KeyState !== undefined && BEING_DELETED.includes(meta.KeyState)) continue;
      // Rotation shown on satisfies the requirement whatever else is unknown about the key.
      if (rotation === true) {
        const period = key.rotation.ok ? key.rotation.value.RotationPeriodInDays : undefined;
        yield ctx.pass(key.arn, `${name} rotates automatically${period ? ` every ${period} days` : ''}`, evidence);
        continue;
      }
      if (typeof scope === 'string') {
        yield ctx.notEvaluated(key.arn, `${name}: ${scope}, so whether it must rotate is unknown, and rotation is not shown on`, evidence);
        continue;
      }
      const origin = meta.Origin ?? 'AWS_KMS';
      if (origin !== 'AWS_KMS' && rotation === undefined) {
        yield ctx.fail(key.arn, `${name} has key material of origin ${origin}, which KMS cannot rotate automatically (required: automatic rotation on)`, files);
      } else if (!key.rotation.ok) {
        yield ctx.notEvaluated(key.arn, `${name}: ${key.rotation.reason}`, files);
      } else if (rotation === false) {
        yield ctx.fail(key.arn, `${name} has automatic rotation off (required: on; KeyRotationEnabled false)`, evidence);
      } else {
        yield ctx.notEvaluated(key.arn, `${name}: GetKeyRotationStatus gives no KeyRotationEnabled`, evidence);
      }
    }
  },
});

/** Whether the audit procedure covers a key (customer-managed, SYMMETRIC_DEFAULT), or why that is unknown. */
function inScope(meta: KeyMetadata): boolean | string {
  // A field that decides scope but is not text is a malformed answer: never a reason to leave a key out.
  for (const field of ['KeyManager', 'KeySpec', 'CustomerMasterKeySpec', 'KeyUsage'] as const) {
    const value: unknown = meta[field];
    if (value !== undefined && typeof value !== 'string') return `DescribeKey gives ${field} ${JSON.stringify(value)}, which is not one of AWS's values`;
  }
  if (meta.KeyManager !== undefined && meta.KeyManager !== 'CUSTOMER') return false;
  const spec = meta.KeySpec ?? meta.CustomerMasterKeySpec ?? derivedSpec(meta);
  if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return false;
  if (meta.KeyManager === undefined) return 'DescribeKey gives no KeyManager';
  if (spec === undefined) return 'DescribeKey gives no KeySpec';
  return true;
}

/** A key's spec from its usage and algorithms when DescribeKey omits KeySpec: only symmetric encryption keys offer SYMMETRIC_DEFAULT. */
function derivedSpec(meta: KeyMetadata): string | undefined {
  const algorithms = meta.EncryptionAlgorithms;
  if (meta.KeyUsage !== 'ENCRYPT_DECRYPT' || algorithms === undefined) return meta.KeyUsage !== undefined && meta.KeyUsage !== 'ENCRYPT_DECRYPT' ? 'OTHER' : undefined;
  return algorithms.includes('SYMMETRIC_DEFAULT') ? 'SYMMETRIC_DEFAULT' : 'OTHER';
}
