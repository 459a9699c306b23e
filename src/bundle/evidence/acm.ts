import type { CertificateSummary, DescribeCertificateResponse, ListCertificatesResponse } from '@aws-sdk/client-acm';
import { parseTimestamp } from '../../shared/time.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { afterCollection, callWhere, listField, loadOptional, loadPages, mapRecords, type Wire } from './wire.js';

/** When a certificate expires, from its summary or, when the summary lacks it, its DescribeCertificate. */
export interface CertificateExpiry {
  /** `undefined` when AWS gives none (a certificate that was never issued has no validity period). */
  notAfter: Date | undefined;
  status: string | undefined;
}

/** An ACM certificate. */
export interface AcmCertificate {
  arn: string;
  domainName: string | undefined;
  /** AMAZON_ISSUED, IMPORTED or PRIVATE. */
  type: string | undefined;
  inUse: boolean | undefined;
  /** `undefined` value: DescribeCertificate said the certificate no longer exists. */
  expiry: Evidence<CertificateExpiry | undefined>;
}

/**
 * `acm:ListCertificates` of one region (every key type, every page), typed per certificate, with
 * `acm:DescribeCertificate` of each whose summary lacks NotAfter. A certificate without an ARN, with
 * an unreadable NotAfter, or created or imported after collection ended, is unusable.
 */
export const acmCertificates = defineEvidence<AcmCertificate[]>({
  name: 'ACM certificates',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListCertificates of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListCertificatesResponse>(
        bundle,
        listingKey(bundle, { account, region, service: 'acm', operation: 'ListCertificates' }),
      ),
      (pages) => pages.flatMap((page) => listField(page, 'CertificateSummaryList')),
      where,
      (s: Wire<CertificateSummary>, index) => {
        if (typeof s.CertificateArn !== 'string' || s.CertificateArn === '')
          throw new UnusableRecordError(`${where}, certificate ${index + 1}`, 'lacks CertificateArn');
        const arn = s.CertificateArn;
        for (const field of ['CreatedAt', 'ImportedAt'] as const) {
          const reason = afterCollection(s[field], field, bundle.collectedAt);
          if (reason) throw new UnusableRecordError(arn, reason);
        }
        const notAfter = s.NotAfter === undefined ? undefined : parseTimestamp(String(s.NotAfter));
        if (s.NotAfter !== undefined && notAfter === undefined)
          throw new UnusableRecordError(arn, `NotAfter is not a timestamp (${JSON.stringify(s.NotAfter)})`);
        return {
          arn,
          domainName: text(s.DomainName),
          type: text(s.Type),
          inUse: typeof s.InUse === 'boolean' ? s.InUse : undefined,
          status: text(s.Status),
          notAfter,
        };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async ({ status, notAfter, ...c }): Promise<AcmCertificate> => ({
        ...c,
        expiry: notAfter
          ? { ok: true, value: { notAfter, status }, files: listed.files }
          : await describedExpiry(bundle, { account, region }, c.arn),
      })),
    );
    return { ...listed, value };
  },
});

/** The listing's key with the parameters it was made with (the key types asked for), whatever they were. */
function listingKey(bundle: EvidenceBundle, key: Omit<CallKey, 'parameters'>): CallKey {
  const file = bundle.filesOf(key)[0];
  if (file) return { ...key, parameters: file.parameters };
  const error = bundle.errors({ ...key, parameters: undefined })[0];
  return error ? { ...key, parameters: error.parameters } : key;
}

async function describedExpiry(
  bundle: EvidenceBundle,
  scope: { account: string; region: string },
  arn: string,
): Promise<Evidence<CertificateExpiry | undefined>> {
  const key: Omit<CallKey, 'parameters'> = { ...scope, service: 'acm', operation: 'DescribeCertificate' };
  const loaded = await loadOptional<DescribeCertificateResponse>(bundle, callWhere(bundle, key, 'CertificateArn', [arn]));
  if (!loaded.ok) return loaded;
  if (loaded.value === undefined) return { ok: true, value: undefined, files: loaded.files };
  const detail = loaded.value.Certificate as unknown;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    return { ok: false, reason: `acm:DescribeCertificate of ${arn} could not be read: the answer has no Certificate`, errors: [] };
  const { NotAfter: raw, Status: status } = detail as { NotAfter?: unknown; Status?: unknown };
  const notAfter = typeof raw === 'string' ? parseTimestamp(raw) : undefined;
  if (raw !== undefined && notAfter === undefined)
    return { ok: false, reason: `acm:DescribeCertificate of ${arn} could not be read: NotAfter is not a timestamp`, errors: [] };
  return { ok: true, value: { notAfter, status: text(status) }, files: loaded.files };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
