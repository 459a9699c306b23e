import { snsTopics } from '../../bundle/evidence/sns.js';
import { defineCheck } from '../define-check.js';

/** Every SNS topic is encrypted at rest with a KMS key. */
export default defineCheck({
  id: 'sns-topic-kms-encrypted',
  title: 'SNS topics are encrypted with AWS KMS',
  description:
    'For every topic in ListTopics, the KmsMasterKeyId attribute (GetTopicAttributes) must name a KMS key; the AWS managed key alias/aws/sns counts. A topic deleted between the two calls is left out. The optional kmsKeyIds parameter of the AWS Config rule is not supported.',
  scope: 'region',
  needs: { topics: snsTopics },
  params: {},
  *run({ topics }, ctx) {
    for (const topic of topics) {
      const { attributes } = topic;
      const name = `topic ${topic.name}`;
      if (!attributes.ok) yield ctx.notEvaluated(topic.arn, `${name}: ${attributes.reason}`);
      else if (attributes.value === undefined) continue;
      else if (attributes.value.kmsMasterKeyId === undefined)
        yield ctx.fail(
          topic.arn,
          `${name} has no KmsMasterKeyId: it is not encrypted with AWS KMS (required: a KMS key)`,
          attributes.files,
        );
      else yield ctx.pass(topic.arn, `${name} is encrypted with KMS key ${attributes.value.kmsMasterKeyId}`, attributes.files);
    }
  },
});
