import type { KeyObject } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

/** OIDs used by certificates and CMS signatures. */
export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/** The signature algorithm a key signs with here: always SHA-256, ECDSA or RSA PKCS#1 v1.5. */
export interface SignatureAlgorithm {
  /** `ECDSA P-256` or `RSA 3072`, for messages. */
  name: string;
  identifier: AlgorithmIdentifier;
}

/**
 * The signature algorithm of a supported key, or undefined. Supported: ECDSA on P-256 (what
 * keygen makes) and RSA of 2048 bits or more (an organisation's existing signing key); both are
 * what `openssl dgst -sha256 -sign` and PDF readers handle.
 */
export function signatureAlgorithmOf(key: KeyObject): SignatureAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') {
    return { name: 'ECDSA P-256', identifier: new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }) };
  }
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) {
    return {
      name: `RSA ${details.modulusLength ?? 0}`,
      identifier: new AlgorithmIdentifier({ algorithm: OID.sha256WithRsa, parameters: null }),
    };
  }
  throw new UnsupportedKeyError(describeKey(key));
}

/** Thrown by {@link signatureAlgorithmOf}; callers turn it into a message naming the file. */
export class UnsupportedKeyError extends Error {
  constructor(readonly keyDescription: string) {
    super(`unsupported key type ${keyDescription}`);
  }
}

function describeKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  return [key.asymmetricKeyType ?? 'unknown', details.namedCurve ?? (details.modulusLength ? `${details.modulusLength} bits` : '')]
    .filter(Boolean)
    .join(' ');
}
