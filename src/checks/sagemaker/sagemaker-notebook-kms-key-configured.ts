import { sagemakerNotebooks } from '../../bundle/evidence/sagemaker.js';
import { defineCheck } from '../define-check.js';
import { judgeKey, keyArnsParam } from './kms-key.js';

/** Every SageMaker notebook instance encrypts its storage volume with a customer KMS key. */
export default defineCheck({
  id: 'sagemaker-notebook-kms-key-configured',
  title: 'SageMaker notebook instances use a KMS key',
  description:
    'For every notebook instance in ListNotebookInstances, DescribeNotebookInstance must show a KmsKeyId, and, when keyArns is not empty, one of those keys. A KmsKeyId that is an alias is not evaluated when keyArns is set (aliases are not resolved offline).',
  scope: 'region',
  needs: { notebooks: sagemakerNotebooks },
  params: { keyArns: keyArnsParam },
  *run({ notebooks }, ctx) {
    for (const nb of notebooks) {
      const name = `notebook instance ${nb.name}`;
      if (!nb.settings.ok) {
        yield ctx.notEvaluated(nb.arn, `${name}: ${nb.settings.reason}`);
        continue;
      }
      const files = nb.settings.files;
      const verdict = judgeKey(nb.settings.value.kmsKey, ctx.params.keyArns);
      const allowed = ctx.params.keyArns.length > 0 ? `one of ${ctx.params.keyArns.join(', ')}` : 'a KMS key';
      if (verdict.kind === 'none')
        yield ctx.fail(
          nb.arn,
          `${name} has no KmsKeyId: its storage volume is not encrypted with a customer KMS key (required: ${allowed})`,
          files,
        );
      else if (verdict.kind === 'unreadable')
        yield ctx.notEvaluated(nb.arn, `${name}: DescribeNotebookInstance shows KmsKeyId ${verdict.text}, not a key`, files);
      else if (verdict.kind === 'allowed') yield ctx.pass(nb.arn, `${name} is encrypted with KMS key ${verdict.id}`, files);
      else if (verdict.kind === 'unresolvable')
        yield ctx.notEvaluated(
          nb.arn,
          `${name} uses KMS alias ${verdict.id}, which cannot be matched to the allowed key ARNs offline (required: ${allowed})`,
          files,
        );
      else yield ctx.fail(nb.arn, `${name} is encrypted with KMS key ${verdict.id}, which is not allowed (required: ${allowed})`, files);
    }
  },
});
