import { ebsVolumes } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { describeVolume, isAttached } from './volume-attachment.js';

/** The key id at the end of a KMS key ARN, or the text unchanged. */
function keyId(idOrArn: string): string {
  return /^arn:[^:]+:kms:[^:]*:[^:]*:key\/(.+)$/.exec(idOrArn)?.[1] ?? idOrArn;
}

/** Every attached EBS volume is encrypted (with one of the given keys, when keys are given). */
export default defineCheck({
  id: 'ec2-attached-volume-encrypted',
  title: 'Attached EBS volumes are encrypted',
  description:
    'For every EBS volume in DescribeVolumes with an attachment in state attaching, attached or busy, Encrypted must be true and, when kmsKeyIds is not empty, KmsKeyId must be one of them (a key id matches its ARN). Unattached volumes are out of scope, as in AWS Config. A missing Encrypted, or an attachment whose state cannot be read, is not evaluated.',
  scope: 'region',
  needs: { volumes: ebsVolumes },
  params: {
    kmsKeyIds: {
      type: 'array',
      items: { type: 'string' },
      description: "KMS key ids or ARNs the volumes must be encrypted with; [] accepts any key (AWS Config's optional kmsId, as a list).",
    },
  },
  *run({ volumes }, ctx) {
    const allowed = new Set(ctx.params.kmsKeyIds.map(keyId));
    const limit = allowed.size > 0 ? `encrypted with ${ctx.params.kmsKeyIds.join(' or ')}` : 'encrypted';
    for (const volume of volumes) {
      const attached = isAttached(volume);
      const name = describeVolume(volume);
      if (attached === false) continue;
      if (attached === 'unknown') {
        yield ctx.notEvaluated(
          volume.arn,
          `${name}: DescribeVolumes shows an attachment whose state cannot be read, so whether it is attached is unknown`,
        );
      } else if (volume.encrypted === undefined) {
        yield ctx.notEvaluated(volume.arn, `${name}: DescribeVolumes shows no Encrypted`);
      } else if (!volume.encrypted) {
        yield ctx.fail(volume.arn, `${name} has Encrypted false (required: ${limit})`);
      } else if (allowed.size === 0) {
        yield ctx.pass(volume.arn, `${name} is encrypted`);
      } else if (volume.kmsKeyId === undefined) {
        yield ctx.notEvaluated(volume.arn, `${name} is encrypted, but DescribeVolumes shows no KmsKeyId (required: ${limit})`);
      } else if (allowed.has(keyId(volume.kmsKeyId))) {
        yield ctx.pass(volume.arn, `${name} is encrypted with ${volume.kmsKeyId}`);
      } else {
        yield ctx.fail(volume.arn, `${name} is encrypted with ${volume.kmsKeyId} (required: ${limit})`);
      }
    }
  },
});
