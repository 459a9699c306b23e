import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { signatureAlgorithmOf } from './algorithms.js';

/** What {@link createSelfSignedCertificate} puts in the certificate. */
export interface SelfSignedOptions {
  /** The common name (CN) of subject and issuer. */
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

const ID_COMMON_NAME = '2.5.4.3';

/**
 * A self-signed X.509 v3 certificate for a key pair, as PEM: an end-entity certificate for
 * document signing (digitalSignature + nonRepudiation), which PDF readers show in their
 * signature panel. Built with Node's signer so no WebCrypto polyfill is needed.
 */
export function createSelfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, options: SelfSignedOptions): string {
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  const name = new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type: ID_COMMON_NAME, value: new AttributeValue({ utf8String: options.commonName }) }),
    ]),
  ]);
  // A positive 127-bit serial: the high bit cleared so the INTEGER needs no sign byte.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const keyId = createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
  const algorithm = signatureAlgorithmOf(privateKey);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(serial),
    signature: algorithm.identifier,
    issuer: name,
    validity: new Validity({ notBefore: options.notBefore, notAfter: options.notAfter }),
    subject: name,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId)),
    ]),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, privateKey);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier(algorithm.identifier),
    signatureValue: toArrayBuffer(signature),
  });
  return toPem('CERTIFICATE', Buffer.from(AsnConvert.serialize(certificate)));
}

function extension(id: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/** DER bytes as a PEM block with 64-character lines. */
export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER bodies of every PEM block with this label, in file order. */
export function pemBlocks(text: string, label: string): Buffer[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(pattern)].map((m) => Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
}

/** A Buffer's bytes as an ArrayBuffer of exactly its length (asn1-schema wants ArrayBuffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
