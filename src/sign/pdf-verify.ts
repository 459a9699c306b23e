import { X509Certificate, createHash, verify } from 'node:crypto';
import { ContentInfo, SignedData, id_messageDigest, id_signedData } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';
import { fingerprintOf, type TrustedKey } from './keys.js';

/** The reason {@link checkPdfSignature} gives for a PDF that carries no signature at all. */
export const NO_PDF_SIGNATURE = 'has no embedded signature';

/** The verdict on a PDF's embedded signature: the trusted key that made it, or why not. */
export type PdfSignatureCheck = { ok: true; key: TrustedKey } | { ok: false; reason: string };

/**
 * Checks the last embedded signature of a PDF the way a reader does: its /ByteRange covers the
 * whole file but the signature, the CMS messageDigest is the SHA-256 of those bytes, and the
 * signature over the signed attributes verifies with the embedded certificate, whose key must be
 * one of the trusted keys. Meant for PDFs auditpack signed (one signer, SHA-256).
 */
export function checkPdfSignature(pdf: Buffer, trusted: readonly TrustedKey[]): PdfSignatureCheck {
  const text = pdf.toString('latin1');
  const last = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1);
  if (!last) return { ok: false, reason: NO_PDF_SIGNATURE };
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length || b >= c)
    return { ok: false, reason: 'has content outside its signature (changed or appended after signing)' };
  const hex = text.slice(b, c);
  if (!/^<[0-9a-fA-F]*>$/.test(hex)) return { ok: false, reason: 'has a malformed signature value' };
  let signedData: SignedData;
  let signedAttributes: Buffer | undefined;
  try {
    const info = AsnConvert.parse(Buffer.from(hex.slice(1, -1), 'hex'), ContentInfo);
    if (info.contentType !== id_signedData) return { ok: false, reason: 'has a signature that is not CMS SignedData' };
    signedData = AsnConvert.parse(info.content, SignedData);
    signedAttributes = rawSignedAttributes(info.content);
  } catch {
    return { ok: false, reason: 'has a signature that is not valid CMS' };
  }
  const signer = signedData.signerInfos[0];
  const certificate = signedData.certificates?.[0]?.certificate;
  if (!signer?.signedAttrs || !signedAttributes || !certificate) {
    return { ok: false, reason: 'has a signature without signed attributes or certificate' };
  }
  const digestAttribute = signer.signedAttrs.find((attribute) => attribute.attrType === id_messageDigest);
  const digestValue = digestAttribute?.attrValues[0];
  const expected = digestValue ? Buffer.from(AsnConvert.parse(digestValue, OctetString).buffer) : undefined;
  const actual = createHash('sha256')
    .update(pdf.subarray(a, b))
    .update(pdf.subarray(c, c + d))
    .digest();
  if (!expected?.equals(actual)) return { ok: false, reason: 'does not match its signature (digest mismatch: the signed bytes changed)' };
  const publicKey = new X509Certificate(Buffer.from(AsnConvert.serialize(certificate))).publicKey;
  let valid: boolean;
  try {
    valid = verify('sha256', signedAttributes, publicKey, Buffer.from(signer.signature.buffer));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'has a signature that does not verify with its certificate' };
  const fingerprint = fingerprintOf(publicKey);
  const key = trusted.find((t) => t.fingerprint === fingerprint);
  if (!key) return { ok: false, reason: `is signed with a certificate for key SHA256:${fingerprint}, which is not a trusted key` };
  return { ok: true, key };
}

/**
 * The first signer's signed attributes exactly as encoded in the CMS, re-tagged as the DER SET OF
 * the signature covers ([0] IMPLICIT becomes SET). Read from the bytes, not re-encoded, so a
 * signer's encoding choices cannot make a valid signature look broken.
 */
function rawSignedAttributes(signedDataDer: ArrayBuffer): Buffer | undefined {
  const parsed = asn1js.fromBER(signedDataDer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Constructed)) return undefined;
  const signerInfos = parsed.result.valueBlock.value.at(-1);
  const signerInfo = signerInfos instanceof asn1js.Constructed ? signerInfos.valueBlock.value[0] : undefined;
  if (!(signerInfo instanceof asn1js.Constructed)) return undefined;
  const attributes = signerInfo.valueBlock.value.find((node) => node.idBlock.tagClass === 3 && node.idBlock.tagNumber === 0);
  if (!attributes) return undefined;
  const bytes = Buffer.from(attributes.valueBeforeDecodeView);
  bytes[0] = 0x31;
  return bytes;
}
