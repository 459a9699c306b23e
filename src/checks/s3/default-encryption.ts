import type { ServerSideEncryptionRule } from '@aws-sdk/client-s3';

/** A bucket's default encryption as its first usable rule states it. */
export interface DefaultEncryption {
  algorithm: string;
  keyId: string | undefined;
}

/**
 * The default encryption of GetBucketEncryption's rules (S3 applies one); `undefined` when no rule
 * names an algorithm. Evidence is untrusted: a rule whose fields are not strings names none.
 */
export function defaultEncryption(rules: readonly ServerSideEncryptionRule[]): DefaultEncryption | undefined {
  for (const rule of rules) {
    const byDefault: unknown = (rule as Record<string, unknown> | null)?.ApplyServerSideEncryptionByDefault;
    if (byDefault === null || typeof byDefault !== 'object') continue;
    const { SSEAlgorithm: algorithm, KMSMasterKeyID: keyId } = byDefault as Record<string, unknown>;
    if (typeof algorithm !== 'string' || algorithm === '') continue;
    return { algorithm, keyId: typeof keyId === 'string' && keyId !== '' ? keyId : undefined };
  }
  return undefined;
}
