import { createHash, sign } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { AuditpackError } from '../shared/errors.js';
import { OID, signatureAlgorithmOf } from './algorithms.js';
import { pemBlocks, toArrayBuffer } from './certificate.js';
import type { SigningKey } from './keys.js';

/** id-aa-signingCertificateV2 (RFC 5035): binds the signer's certificate, as CAdES requires. */
const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/**
 * A detached CMS SignedData (DER) over `data`, CAdES-BES style: signed attributes contentType,
 * messageDigest and signingCertificateV2, the signer's certificate (and chain) embedded. No
 * signing-time attribute: PAdES baseline takes the time from the PDF signature dictionary's /M.
 */
export function createDetachedCms(data: Uint8Array, key: SigningKey): Buffer {
  const certificates = pemBlocks(key.certificatePem ?? '', 'CERTIFICATE');
  const signerDer = certificates[0];
  if (signerDer === undefined) {
    throw new AuditpackError(
      'KEY_INVALID',
      "A CMS signature needs the signer's certificate. Put certificate.pem beside the key or name it with --cert.",
    );
  }
  const signer = AsnConvert.parse(signerDer, Certificate);
  const attributes = sortedByEncoding([
    new Attribute({ attrType: id_contentType, attrValues: [der(new asn1js.ObjectIdentifier({ value: id_data }))] }),
    new Attribute({ attrType: id_messageDigest, attrValues: [AsnConvert.serialize(new OctetString(sha256(data)))] }),
    new Attribute({ attrType: ID_SIGNING_CERTIFICATE_V2, attrValues: [signingCertificateV2(signerDer)] }),
  ]);
  // The signature covers the attributes DER-encoded as a SET OF (RFC 5652 §5.4), not as [0].
  const toBeSigned = derSet(attributes.map((a) => Buffer.from(AsnConvert.serialize(a))));
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: signer.tbsCertificate.issuer,
        serialNumber: signer.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: new DigestAlgorithmIdentifier({ algorithm: OID.sha256 }),
    signedAttrs: attributes,
    signatureAlgorithm: new SignatureAlgorithmIdentifier(signatureAlgorithmOf(key.privateKey).identifier),
    signature: new OctetString(sign('sha256', toBeSigned, key.privateKey)),
  });
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new DigestAlgorithmIdentifier({ algorithm: OID.sha256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(certificates.map((c) => new CertificateChoices({ certificate: AsnConvert.parse(c, Certificate) }))),
    signerInfos: new SignerInfos([signerInfo]),
  });
  return Buffer.from(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) })));
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 with the default SHA-256. */
function signingCertificateV2(certificateDer: Buffer): ArrayBuffer {
  const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(certificateDer)) })] });
  return der(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] }));
}

/** DER SET OF members sort by their encodings; verifiers re-encode and must get the same bytes. */
function sortedByEncoding(attributes: Attribute[]): Attribute[] {
  return attributes
    .map((attribute) => ({ attribute, bytes: Buffer.from(AsnConvert.serialize(attribute)) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ attribute }) => attribute);
}

function derSet(members: Buffer[]): Buffer {
  const content = Buffer.concat(members);
  return Buffer.concat([Buffer.from([0x31]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(value: asn1js.BaseBlock): ArrayBuffer {
  return value.toBER(false);
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
