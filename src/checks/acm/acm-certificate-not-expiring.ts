import { acmCertificates } from '../../bundle/evidence/acm.js';
import { isoDay } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

const DAY_MS = 24 * 60 * 60 * 1000;

// Certificates that were never issued have no validity period, so nothing can expire.
const NEVER_ISSUED: readonly string[] = ['PENDING_VALIDATION', 'FAILED', 'VALIDATION_TIMED_OUT'];

/** No ACM certificate expires within the given number of days of collection. */
export default defineCheck({
  id: 'acm-certificate-not-expiring',
  title: 'ACM certificates do not expire within the given number of days',
  description:
    'For every certificate in ListCertificates (every key type and status, in use or not), NotAfter (from the summary, else DescribeCertificate) must be more than daysToExpiration days after the collection ended; a certificate expiring exactly daysToExpiration days after, or already expired, fails. Certificates never issued (PENDING_VALIDATION, FAILED, VALIDATION_TIMED_OUT) without NotAfter, and certificates deleted before DescribeCertificate, are left out.',
  scope: 'region',
  needs: { certificates: acmCertificates },
  params: {
    daysToExpiration: {
      type: 'integer',
      minimum: 1,
      stricter: 'higher',
      description: 'Days before expiry at which a certificate fails (AWS Config: daysToExpiration; fails at exactly this many days).',
    },
  },
  *run({ certificates }, ctx) {
    const limit = ctx.params.daysToExpiration;
    for (const cert of certificates) {
      const name = `certificate ${cert.domainName ?? cert.arn.split('/').pop() ?? cert.arn}${cert.type ? ` (${cert.type})` : ''}`;
      const { expiry } = cert;
      if (!expiry.ok) {
        yield ctx.notEvaluated(cert.arn, `${name}: ${expiry.reason}`);
        continue;
      }
      if (expiry.value === undefined) continue;
      const { notAfter, status } = expiry.value;
      if (notAfter === undefined) {
        if (status === undefined || !NEVER_ISSUED.includes(status))
          yield ctx.notEvaluated(cert.arn, `${name} (status ${status ?? 'unknown'}): ACM shows no NotAfter`, expiry.files);
        continue;
      }
      const left = notAfter.getTime() - ctx.collectedAt.getTime();
      const days = Math.floor(left / DAY_MS);
      const required = `(required: more than ${limit} days)`;
      if (left <= 0)
        yield ctx.fail(
          cert.arn,
          `${name} expired on ${isoDay(notAfter)}, ${Math.floor(-left / DAY_MS)} days before collection ${required}`,
          expiry.files,
        );
      else if (left <= limit * DAY_MS)
        yield ctx.fail(cert.arn, `${name} expires on ${isoDay(notAfter)}, in ${days} days ${required}`, expiry.files);
      else yield ctx.pass(cert.arn, `${name} expires on ${isoDay(notAfter)}, in ${days} days ${required}`, expiry.files);
    }
  },
});
