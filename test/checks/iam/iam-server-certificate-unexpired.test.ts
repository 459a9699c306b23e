import check from '../../../src/checks/iam/iam-server-certificate-unexpired.js';
import { listServerCertificates, serverCertificate } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

// Collection finished at 2026-09-30T08:00:00Z.
testCheck(check, {
  collectedAt: '2026-09-30T08:00:00Z',
  pass: [
    {
      name: 'certificate expiring after collection',
      evidence: { files: [listServerCertificates([serverCertificate('www-2027', '2027-01-15')])] },
      reason: /www-2027 expires on 2027-01-15, after collection on 2026-09-30 \(limit: unexpired\)/,
    },
    {
      name: 'certificate expiring one second after collection',
      evidence: { files: [listServerCertificates([serverCertificate('edge', '2026-09-30T08:00:01.000Z')])] },
    },
    {
      name: 'certificate expiring exactly at collection (not yet expired)',
      evidence: { files: [listServerCertificates([serverCertificate('edge', '2026-09-30T08:00:00.000Z')])] },
    },
    { name: 'no server certificates', evidence: { files: [listServerCertificates([])] } },
    {
      name: 'GetAccountSummary counts as many certificates as are listed',
      evidence: {
        files: [
          listServerCertificates([serverCertificate('www-2027', '2027-01-15')]),
          { service: 'iam', operation: 'GetAccountSummary', body: { SummaryMap: { ServerCertificates: 1 } } },
        ],
      },
    },
    {
      name: 'certificate without a name (named from its ARN) and without UploadDate',
      evidence: {
        files: [listServerCertificates([without(serverCertificate('www-2027', '2027-01-15'), 'ServerCertificateName', 'UploadDate')])],
      },
      reason: /www-2027 expires on 2027-01-15/,
    },
  ],
  fail: [
    {
      name: 'certificate expired a month before collection, beside a valid one',
      evidence: {
        files: [listServerCertificates([serverCertificate('www-2027', '2027-01-15'), serverCertificate('legacy-api', '2026-08-31')])],
      },
      reason: /legacy-api expired on 2026-08-31, 29 days before collection on 2026-09-30/,
    },
    {
      name: 'certificate expired one second before collection',
      evidence: { files: [listServerCertificates([serverCertificate('edge', '2026-09-30T07:59:59.000Z')])] },
      reason: /expired on 2026-09-30, 0 days before/,
    },
    {
      name: 'expired certificate without an Arn (derived from name and path)',
      evidence: { files: [listServerCertificates([without(serverCertificate('old', '2025-01-01'), 'Arn')])] },
      reason: /old expired on 2025-01-01/,
    },
    {
      name: 'expired certificate beside one whose Expiration is malformed',
      evidence: {
        files: [
          listServerCertificates([
            serverCertificate('old', '2025-01-01'),
            withFields(serverCertificate('odd', '2027-01-01'), { Expiration: 'next year' }),
          ]),
        ],
      },
      reason: /old expired/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountSummary counts more server certificates than the listing holds (a removed record)',
      evidence: {
        files: [
          listServerCertificates([serverCertificate('www-2027', '2027-01-15')]),
          { service: 'iam', operation: 'GetAccountSummary', body: { SummaryMap: { ServerCertificates: 2 } } },
        ],
      },
      reason: /GetAccountSummary counts 2 server certificates, but ListServerCertificates lists 1/,
    },
    {
      name: 'ListServerCertificates denied',
      collectionError: { operation: 'ListServerCertificates', code: 'AccessDenied' },
      reason: /iam:ListServerCertificates .*AccessDenied/,
    },
    {
      name: 'certificate without Expiration',
      evidence: { files: [listServerCertificates([without(serverCertificate('www', '2027-01-15'), 'Expiration')])] },
      reason: /server certificate www has no Expiration/,
    },
    {
      name: 'certificate with a malformed Expiration, beside a valid one',
      evidence: {
        files: [
          listServerCertificates([
            serverCertificate('www-2027', '2027-01-15'),
            withFields(serverCertificate('odd', '2027-01-01'), { Expiration: 'next year' }),
          ]),
        ],
      },
      reason: /Expiration is not an ISO 8601 timestamp \("next year"\)/,
    },
    {
      name: 'certificate with neither name nor Arn',
      evidence: { files: [listServerCertificates([without(serverCertificate('ghost', '2027-01-01'), 'ServerCertificateName', 'Arn')])] },
      reason: /neither a ServerCertificateName nor an Arn/,
    },
    {
      name: 'certificate uploaded after collection (contradictory record)',
      evidence: {
        files: [
          listServerCertificates([withFields(serverCertificate('future', '2027-01-01'), { UploadDate: '2026-10-01T00:00:00.000Z' })]),
        ],
      },
      reason: /uploaded at 2026-10-01T00:00:00.000Z, after collection finished/,
    },
  ],
});
