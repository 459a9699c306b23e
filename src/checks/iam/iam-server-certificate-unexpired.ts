import { serverCertificates } from '../../bundle/evidence/iam.js';
import { isoDay, wholeDaysBetween } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

/** No IAM server certificate has expired. */
export default defineCheck({
  id: 'iam-server-certificate-unexpired',
  title: 'No expired SSL/TLS certificate is stored in IAM',
  description: 'For every server certificate in ListServerCertificates, Expiration must be after the end of collection.',
  scope: 'account',
  needs: { certificates: serverCertificates },
  params: {},
  *run({ certificates }, ctx) {
    for (const cert of certificates) {
      if (!cert.expiresAt) {
        yield ctx.notEvaluated(cert.arn, `server certificate ${cert.name} has no Expiration in ListServerCertificates`);
        continue;
      }
      const collected = isoDay(ctx.collectedAt);
      yield cert.expiresAt > ctx.collectedAt
        ? ctx.pass(cert.arn, `server certificate ${cert.name} expires on ${isoDay(cert.expiresAt)}, after collection on ${collected}`)
        : ctx.fail(
            cert.arn,
            `server certificate ${cert.name} expired on ${isoDay(cert.expiresAt)}, ${wholeDaysBetween(cert.expiresAt, ctx.collectedAt)} days before collection on ${collected} (limit: unexpired)`,
          );
    }
  },
});
