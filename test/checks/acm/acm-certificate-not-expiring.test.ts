import check from '../../../src/checks/acm/acm-certificate-not-expiring.js';
import { certificate, certificates, describeCertificate, listCertificates } from '../../helpers/apigw-builders.js';
import { testCheck } from '../../helpers/test-check.js';

// Collection ended 2026-09-30T00:00:00Z; 90 days later is 2026-12-29T00:00:00Z.
const pending = certificate('new.acme.example', undefined, {
  Status: 'PENDING_VALIDATION',
  IssuedAt: undefined,
  NotBefore: undefined,
  InUse: false,
});
const pendingArn = pending.CertificateArn as string;

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { daysToExpiration: 90 },
  pass: [
    {
      name: 'expires 90 days and one second after collection',
      evidence: certificates(certificate('api.acme.example', '2026-12-29T00:00:01.000Z')),
      reason: /certificate api.acme.example \(AMAZON_ISSUED\) expires on 2026-12-29, in 90 days \(required: more than 90 days\)/,
    },
    {
      name: 'expires 91 days after collection',
      evidence: certificates(certificate('api.acme.example', '2026-12-30T00:00:00.000Z')),
      reason: /in 91 days/,
    },
    {
      name: 'pending validation: no NotAfter in the summary or DescribeCertificate',
      evidence: {
        files: [
          ...certificates(pending).files,
          describeCertificate('us-east-1', pendingArn, { Status: 'PENDING_VALIDATION', DomainName: 'new.acme.example' }),
        ],
      },
    },
    {
      name: 'summary without NotAfter: DescribeCertificate says when',
      evidence: {
        files: [
          ...certificates(certificate('old.acme.example', undefined)).files,
          describeCertificate('us-east-1', certificate('old.acme.example', undefined).CertificateArn as string, {
            Status: 'ISSUED',
            NotAfter: '2027-06-01T00:00:00.000Z',
          }),
        ],
      },
      reason: /expires on 2027-06-01/,
    },
    {
      name: 'certificate deleted before DescribeCertificate',
      evidence: { files: [...certificates(pending).files, describeCertificate('us-east-1', pendingArn, 'not-found')] },
    },
  ],
  fail: [
    {
      name: 'expires exactly 90 days after collection',
      evidence: certificates(
        certificate('api.acme.example', '2027-06-01T00:00:00.000Z'),
        certificate('legacy.acme.example', '2026-12-29T00:00:00.000Z', { Type: 'IMPORTED' }),
      ),
      reason: /certificate legacy.acme.example \(IMPORTED\) expires on 2026-12-29, in 90 days \(required: more than 90 days\)/,
    },
    {
      name: 'expires 89 days after collection',
      evidence: certificates(certificate('legacy.acme.example', '2026-12-28T00:00:00.000Z')),
      reason: /in 89 days/,
    },
    {
      name: 'already expired',
      evidence: certificates(certificate('legacy.acme.example', '2026-09-01T00:00:00.000Z', { Status: 'EXPIRED' })),
      reason: /expired on 2026-09-01, 29 days before collection/,
    },
    {
      name: 'expires within 14 days when the limit is 14',
      evidence: certificates(certificate('legacy.acme.example', '2026-10-10T00:00:00.000Z')),
      params: { daysToExpiration: 14 },
      reason: /in 10 days \(required: more than 14 days\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeCertificate denied for a certificate without NotAfter',
      evidence: certificates(certificate('old.acme.example', undefined)),
      collectionError: { service: 'acm', operation: 'DescribeCertificate', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /acm:DescribeCertificate .*AccessDeniedException/,
    },
    {
      name: 'issued certificate whose DescribeCertificate shows no NotAfter',
      evidence: {
        files: [
          ...certificates(certificate('old.acme.example', undefined)).files,
          describeCertificate('us-east-1', certificate('old.acme.example', undefined).CertificateArn as string, { Status: 'ISSUED' }),
        ],
      },
      reason: /\(status ISSUED\): ACM shows no NotAfter/,
    },
    {
      name: 'NotAfter that is not a timestamp',
      evidence: certificates(certificate('api.acme.example', 'soon')),
      reason: /NotAfter is not a timestamp/,
    },
    {
      name: 'certificate created after collection ended',
      evidence: certificates(certificate('api.acme.example', '2027-06-01T00:00:00.000Z', { CreatedAt: '2027-01-01T00:00:00.000Z' })),
      reason: /CreatedAt 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListCertificates denied in eu-west-1',
      evidence: { files: [listCertificates('us-east-1', [])] },
      collectionError: { service: 'acm', operation: 'ListCertificates', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /acm:ListCertificates .*eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
