import { createDecipheriv, createPrivateKey, pbkdf2Sync, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import {
  AuthenticatedSafe,
  CertBag,
  PFX,
  SafeContents,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
} from '@peculiar/asn1-pfx';
import * as asn1js from 'asn1js';

/** What a PKCS#12 file holds that signing needs. */
export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** DER certificates in file order. */
  certificates: Buffer[];
}

/** Why a PKCS#12 file could not be read; the caller names the file. */
export class Pkcs12Error extends Error {}

const ID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const ID_PBES2 = '1.2.840.113549.1.5.13';
const ID_PBKDF2 = '1.2.840.113549.1.5.12';
const PRF_DIGESTS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const AES_CBC: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'aes-128-cbc',
  '2.16.840.1.101.3.4.1.22': 'aes-192-cbc',
  '2.16.840.1.101.3.4.1.42': 'aes-256-cbc',
};

/**
 * Reads the private key and certificates of a PKCS#12 (.p12/.pfx) file. Certificate bags may be
 * plain or PBES2-encrypted (OpenSSL 3's default); the legacy RC2/3DES certificate encryption of
 * older exports is refused with a hint to re-export, since Node's OpenSSL 3 no longer has RC2.
 * The key bag is decrypted by Node itself, which handles PBES2 and the PKCS#12 3DES scheme.
 */
export function readPkcs12(der: Uint8Array, passphrase: string): Pkcs12Contents {
  try {
    return parsePkcs12(der, passphrase);
  } catch (error) {
    // A damaged file fails deep in the ASN.1 parser or OpenSSL: it is a bad key file all the same.
    if (error instanceof Pkcs12Error) throw error;
    throw new Pkcs12Error(`is damaged or not a PKCS#12 file (${error instanceof Error ? error.message : String(error)})`);
  }
}

function parsePkcs12(der: Uint8Array, passphrase: string): Pkcs12Contents {
  let pfx: PFX;
  try {
    pfx = AsnConvert.parse(der, PFX);
  } catch {
    throw new Pkcs12Error('is not a PKCS#12 file');
  }
  if (pfx.authSafe.contentType !== id_data) throw new Pkcs12Error('uses public-key integrity mode, which is not supported');
  const authSafe = AsnConvert.parse(octets(pfx.authSafe.content), AuthenticatedSafe);
  const keys: KeyObject[] = [];
  const certificates: Buffer[] = [];
  for (const info of authSafe) {
    for (const bag of AsnConvert.parse(safeContentsOf(info, passphrase), SafeContents)) {
      const value = Buffer.from(bag.bagValue);
      if (bag.bagId === id_pkcs8ShroudedKeyBag) keys.push(decryptKey(value, passphrase));
      else if (bag.bagId === id_keyBag) keys.push(createPrivateKey({ key: value, format: 'der', type: 'pkcs8' }));
      else if (bag.bagId === id_certBag) {
        const certBag = AsnConvert.parse(value, CertBag);
        if (certBag.certId === id_x509Certificate) certificates.push(octets(certBag.certValue));
      }
    }
  }
  const [privateKey, ...others] = keys;
  if (!privateKey) throw new Pkcs12Error('holds no private key');
  if (others.length > 0) throw new Pkcs12Error(`holds ${keys.length} private keys; export the signing key alone`);
  return { privateKey, certificates };
}

function safeContentsOf(info: ContentInfo, passphrase: string): Buffer {
  if (info.contentType === id_data) return octets(info.content);
  if (info.contentType === ID_ENCRYPTED_DATA) return decryptEncryptedData(Buffer.from(info.content), passphrase);
  throw new Pkcs12Error(`holds a bag of content type ${info.contentType}, which is not supported`);
}

function decryptKey(encryptedKeyInfo: Buffer, passphrase: string): KeyObject {
  try {
    return createPrivateKey({ key: encryptedKeyInfo, format: 'der', type: 'pkcs8', passphrase });
  } catch {
    throw new Pkcs12Error('cannot be decrypted with the passphrase given (wrong passphrase?)');
  }
}

/** The bytes inside a DER OCTET STRING (possibly constructed, as BER allows). */
function octets(der: ArrayBuffer): Buffer {
  return Buffer.from(AsnConvert.parse(der, OctetString).buffer);
}

/** EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }. */
function decryptEncryptedData(der: Buffer, passphrase: string): Buffer {
  const root = parse(der);
  const contentInfo = children(root)[1];
  const [, algorithm, content] = children(contentInfo);
  const [algorithmId, params] = children(algorithm);
  const oid = oidOf(algorithmId);
  if (oid !== ID_PBES2) {
    throw new Pkcs12Error(
      `encrypts its certificates with the legacy scheme ${oid}; re-export it with "openssl pkcs12 -export -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256"`,
    );
  }
  const [kdf, scheme] = children(params);
  const [kdfId, kdfParams] = children(kdf);
  if (oidOf(kdfId) !== ID_PBKDF2) throw new Pkcs12Error('uses a key derivation other than PBKDF2, which is not supported');
  const [salt, iterations, ...rest] = children(kdfParams);
  const prfNode = rest.find((node) => node instanceof asn1js.Sequence);
  const digest = prfNode ? PRF_DIGESTS[oidOf(children(prfNode)[0])] : 'sha1';
  const [schemeId, iv] = children(scheme);
  const cipher = AES_CBC[oidOf(schemeId)];
  if (!digest || !cipher) throw new Pkcs12Error('uses a PBES2 cipher or hash other than AES-CBC with SHA-1/2, which is not supported');
  const keyLength = Number(cipher.slice(4, 7)) / 8;
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), bytesOf(salt), integerOf(iterations), keyLength, digest);
  try {
    const decipher = createDecipheriv(cipher, key, bytesOf(iv));
    return Buffer.concat([decipher.update(bytesOf(content)), decipher.final()]);
  } catch {
    throw new Pkcs12Error('cannot be decrypted with the passphrase given (wrong passphrase?)');
  }
}

function parse(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new Pkcs12Error('is not valid DER');
  return parsed.result;
}

function children(node: asn1js.AsnType | undefined): asn1js.AsnType[] {
  if (node instanceof asn1js.Constructed) return node.valueBlock.value;
  throw new Pkcs12Error('has an unexpected structure');
}

function oidOf(node: asn1js.AsnType | undefined): string {
  if (node instanceof asn1js.ObjectIdentifier) return node.valueBlock.toString();
  throw new Pkcs12Error('has an unexpected structure');
}

function integerOf(node: asn1js.AsnType | undefined): number {
  if (node instanceof asn1js.Integer) return node.valueBlock.valueDec;
  throw new Pkcs12Error('has an unexpected structure');
}

/** Content octets of a primitive or constructed (chunked) string, whatever its tag. */
function bytesOf(node: asn1js.AsnType | undefined): Buffer {
  if (node instanceof asn1js.Constructed) return Buffer.concat(node.valueBlock.value.map(bytesOf));
  if (node instanceof asn1js.BaseBlock) {
    const block = node.valueBlock as unknown as { valueHexView?: Uint8Array };
    if (block.valueHexView) return Buffer.from(block.valueHexView);
  }
  throw new Pkcs12Error('has an unexpected structure');
}
