import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { createDetachedCms } from './cms.js';
import type { SigningKey } from './keys.js';

/** Options for {@link signPdf}. */
export interface SignPdfOptions {
  /** Shown by PDF readers as the reason for signing. */
  reason: string;
  /** Written as the signature time (/M); the caller decides "now" (SOURCE_DATE_EPOCH or the clock). */
  signedAt: Date;
  /** Shown as the signer's location; empty by default. */
  location?: string;
}

/** Bytes reserved for the CMS signature: room for the signer's certificate and a chain of a few more. */
const SIGNATURE_BYTES = 8192;

/**
 * Embeds a PAdES baseline (ETSI.CAdES.detached) signature in a PDF: a signature field covering
 * the whole file but the signature itself, signed with the key's certificate. `pdfsig` and PDF
 * readers validate it; any later change to the file invalidates it.
 */
export async function signPdf(pdf: Buffer, key: SigningKey, options: SignPdfOptions): Promise<Buffer> {
  if (key.certificatePem === undefined) {
    throw new AuditpackError(
      'KEY_INVALID',
      "Signing a PDF needs the signer's certificate. Put certificate.pem beside the private key or name it with --cert.",
    );
  }
  let document: PDFDocument;
  try {
    // updateMetadata: false keeps pdf-lib from stamping its own Producer and the clock's ModDate.
    document = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new AuditpackError('RENDER_FAILED', `The PDF to sign cannot be read (${messageOf(error)}). Render the report again.`);
  }
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: options.reason,
    contactInfo: '',
    name: commonName(key.subject) ?? 'auditpack',
    location: options.location ?? '',
    signingTime: options.signedAt,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'auditpack',
  });
  // The placeholder is found by text search, so the signature dictionary must not sit in an object stream.
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new CmsSigner(key), options.signedAt);
}

/** Hands @signpdf the bytes covered by /ByteRange and gets the CMS back. */
class CmsSigner extends Signer {
  constructor(private readonly key: SigningKey) {
    super();
  }

  override sign(bytes: Buffer): Promise<Buffer> {
    return Promise.resolve(createDetachedCms(bytes, this.key));
  }
}

function commonName(subject: string | undefined): string | undefined {
  return subject?.match(/(?:^|, )CN=([^,]*)/)?.[1];
}
