import { sign, verify } from 'node:crypto';
import type { SigningKey, TrustedKey } from './keys.js';

/**
 * A detached signature over `data`: SHA-256, DER-encoded ECDSA (or RSA PKCS#1 v1.5), byte for
 * byte what `openssl dgst -sha256 -sign private.pem` writes, so `openssl dgst -sha256 -verify`
 * checks it.
 */
export function signDetached(data: Uint8Array, key: SigningKey): Buffer {
  return sign('sha256', data, key.privateKey);
}

/** The trusted key `signature` verifies with, or undefined when none does (or it is malformed). */
export function verifyDetached(data: Uint8Array, signature: Uint8Array, trusted: readonly TrustedKey[]): TrustedKey | undefined {
  return trusted.find((key) => {
    try {
      return verify('sha256', data, key.publicKey, signature);
    } catch {
      return false;
    }
  });
}
