import check from '../../../src/checks/iam/iam-server-certificate-unexpired.js';
import { listServerCertificates, serverCertificate } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T08:00:00Z',
  pass: [
    {
      name: 'certificate expiring after collection',
      evidence: { files: [listServerCertificates([serverCertificate('www-2027', '2027-01-15')])] },
      reason: /www-2027 expires on 2027-01-15, after collection on 2026-09-30/,
    },
    { name: 'no server certificates', evidence: { files: [listServerCertificates([])] } },
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
      name: 'certificate expiring minutes before collection',
      evidence: { files: [listServerCertificates([serverCertificate('edge', '2026-09-30T07:59:00.000Z')])] },
      reason: /expired on 2026-09-30, 0 days before/,
    },
  ],
  notEvaluated: [
    {
      name: 'ListServerCertificates denied',
      collectionError: { operation: 'ListServerCertificates', code: 'AccessDenied' },
      reason: /iam:ListServerCertificates .*AccessDenied/,
    },
  ],
});
