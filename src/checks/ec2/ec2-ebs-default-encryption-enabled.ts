import { ebsEncryptionByDefault } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** EBS encryption by default is on in every region. */
export default defineCheck({
  id: 'ec2-ebs-default-encryption-enabled',
  title: 'EBS encryption by default is enabled',
  description:
    'In every region in scope, GetEbsEncryptionByDefault must return EbsEncryptionByDefault true; an answer without the field is not evaluated.',
  scope: 'region',
  needs: { enabled: ebsEncryptionByDefault },
  params: {},
  *run({ enabled }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    if (enabled === undefined) {
      yield ctx.notEvaluated(
        resource,
        `GetEbsEncryptionByDefault in ${ctx.scope.region} does not say whether EBS encryption by default is enabled (no boolean EbsEncryptionByDefault)`,
      );
    } else {
      yield enabled
        ? ctx.pass(resource, `EBS encryption by default is enabled in ${ctx.scope.region} (required: enabled)`)
        : ctx.fail(resource, `EBS encryption by default is disabled in ${ctx.scope.region} (required: enabled)`);
    }
  },
});
