import { sagemakerEndpointConfigs } from '../../bundle/evidence/sagemaker.js';
import { defineCheck } from '../define-check.js';
import { judgeKey, keyArnsParam } from './kms-key.js';

/** Every SageMaker endpoint configuration encrypts its ML storage volumes with a customer KMS key. */
export default defineCheck({
  id: 'sagemaker-endpoint-config-kms-key-configured',
  title: 'SageMaker endpoint configurations use a KMS key',
  description:
    'For every endpoint configuration in ListEndpointConfigs, DescribeEndpointConfig must show a KmsKeyId, and, when keyArns is not empty, one of those keys. A KmsKeyId that is an alias is not evaluated when keyArns is set (aliases are not resolved offline).',
  scope: 'region',
  needs: { configs: sagemakerEndpointConfigs },
  params: { keyArns: keyArnsParam },
  *run({ configs }, ctx) {
    for (const config of configs) {
      const name = `endpoint configuration ${config.name}`;
      if (!config.settings.ok) {
        yield ctx.notEvaluated(config.arn, `${name}: ${config.settings.reason}`);
        continue;
      }
      const files = config.settings.files;
      const verdict = judgeKey(config.settings.value.kmsKey, ctx.params.keyArns);
      const allowed = ctx.params.keyArns.length > 0 ? `one of ${ctx.params.keyArns.join(', ')}` : 'a KMS key';
      if (verdict.kind === 'none')
        yield ctx.fail(
          config.arn,
          `${name} has no KmsKeyId: its ML storage volumes are not encrypted with a customer KMS key (required: ${allowed})`,
          files,
        );
      else if (verdict.kind === 'unreadable')
        yield ctx.notEvaluated(config.arn, `${name}: DescribeEndpointConfig shows KmsKeyId ${verdict.text}, not a key`, files);
      else if (verdict.kind === 'allowed') yield ctx.pass(config.arn, `${name} is encrypted with KMS key ${verdict.id}`, files);
      else if (verdict.kind === 'unresolvable')
        yield ctx.notEvaluated(
          config.arn,
          `${name} uses KMS alias ${verdict.id}, which cannot be matched to the allowed key ARNs offline (required: ${allowed})`,
          files,
        );
      else
        yield ctx.fail(config.arn, `${name} is encrypted with KMS key ${verdict.id}, which is not allowed (required: ${allowed})`, files);
    }
  },
});
