import { serverCertificates } from '../../bundle/evidence/iam.js';
import { isoDay, wholeDaysBetween } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

/** No IAM server certificate has expired. */
export default defineCheck({
  id: 'iam-server-certificate-unexpired',
  title: 'No expired SSL/TLS certificate is stored in IAM',
  description: 'For every server certificate in ListServerCertificates, Expiration must not be before the end of collection.',
  scope: 'account',
  needs: { certificates: serverCertificates },
  params: {},
  *run({ certificates }, ctx) {
    const collected = ctx.collectedAt.toISOString();
    for (const cert of certificates) {
      if (!cert.expiresAt) {
        yield ctx.notEvaluated(cert.arn, `server certificate ${cert.name} has no Expiration in ListServerCertificates`);
        continue;
      }
      if (cert.uploadedAt && cert.uploadedAt > ctx.collectedAt) {
        yield ctx.notEvaluated(
          cert.arn,
          `server certificate ${cert.name} says it was uploaded at ${cert.uploadedAt.toISOString()}, after collection finished at ${collected}, so the record contradicts itself`,
        );
        continue;
      }
      yield cert.expiresAt >= ctx.collectedAt
        ? ctx.pass(
            cert.arn,
            `server certificate ${cert.name} expires on ${isoDay(cert.expiresAt)}, after collection on ${isoDay(ctx.collectedAt)} (limit: unexpired)`,
          )
        : ctx.fail(
            cert.arn,
            `server certificate ${cert.name} expired on ${isoDay(cert.expiresAt)}, ${wholeDaysBetween(cert.expiresAt, ctx.collectedAt)} days before collection on ${isoDay(ctx.collectedAt)} (${cert.expiresAt.toISOString()}; limit: unexpired)`,
          );
    }
  },
});
