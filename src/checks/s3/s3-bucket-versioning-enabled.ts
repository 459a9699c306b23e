import { bucketVersioning } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

/** Every bucket keeps versions of its objects (and, when required, needs MFA to delete them). */
export default defineCheck({
  id: 's3-bucket-versioning-enabled',
  title: 'S3 buckets have versioning enabled',
  description:
    'For every bucket in ListBuckets, GetBucketVersioning must show Status Enabled (Suspended or never enabled fails); with mfaDeleteRequired, MFADelete must also be Enabled.',
  scope: 'account',
  needs: { versioning: bucketVersioning },
  params: {
    mfaDeleteRequired: { type: 'boolean', description: 'Whether MFA delete must also be enabled (the rule parameter isMfaDeleteEnabled).' },
  },
  *run({ versioning }, ctx) {
    for (const { bucket, evidence } of versioning) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const { status, mfaDelete } = evidence.value;
      const files = evidence.files;
      if (status !== 'Enabled') {
        const observed = status === undefined ? 'has never had versioning enabled' : `has versioning ${status}`;
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} ${observed} (required: Enabled)`, files);
      } else if (ctx.params.mfaDeleteRequired && mfaDelete !== 'Enabled') {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} has versioning Enabled but MFA delete ${mfaDelete ?? 'never configured'} (required: Enabled)`,
          files,
        );
      } else {
        const mfa = mfaDelete === 'Enabled' ? ', MFA delete Enabled' : '';
        yield ctx.pass(bucket.arn, `bucket ${bucket.name} has versioning Enabled${mfa}`, files);
      }
    }
  },
});
