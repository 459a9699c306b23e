import type { SagemakerKmsKey } from '../../bundle/evidence/sagemaker.js';
import type { ParamSpec } from '../define-check.js';

/** The `keyArns` parameter of the SageMaker KMS checks (AWS Config: keyArns / kmsKeyArns). */
export const keyArnsParam = {
  type: 'array',
  items: { type: 'string' },
  description:
    'KMS key ARNs allowed (AWS Config: keyArns); empty: any customer KMS key passes. A key id in the answer matches the ARN that ends in key/<id>.',
} as const satisfies ParamSpec;

/** How a configured key compares with the allowed ARNs. */
export type KeyVerdict =
  | { kind: 'none' }
  | { kind: 'unreadable'; text: string }
  | { kind: 'allowed'; id: string }
  | { kind: 'not-allowed'; id: string }
  | { kind: 'unresolvable'; id: string };

/** Compares a stored KmsKeyId (key id, key ARN, alias name or alias ARN) with the allowed key ARNs. */
export function judgeKey(key: SagemakerKmsKey, allowed: readonly string[]): KeyVerdict {
  if (key.kind !== 'key') return key;
  if (allowed.length === 0 || allowed.includes(key.id)) return { kind: 'allowed', id: key.id };
  // An alias cannot be resolved to its key offline: whether it is one of the allowed keys is unknown.
  if (/^alias\//.test(key.id) || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(key.id)) return { kind: 'unresolvable', id: key.id };
  const bareId = /^arn:/.test(key.id) ? undefined : key.id;
  if (bareId !== undefined && allowed.some((arn) => arn.endsWith(`:key/${bareId}`))) return { kind: 'allowed', id: key.id };
  return { kind: 'not-allowed', id: key.id };
}
