import check from '../../../src/checks/sns/sns-topic-kms-encrypted.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { listTopics, topicArn, topicAttributes, topicNotFound } from '../../helpers/apigw-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const ORDERS = topicArn('orders-events');
const topics = (arns: string[], ...more: TestFile[]) => ({ files: [listTopics('us-east-1', arns), listTopics('eu-west-1', []), ...more] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'topic with a customer managed key',
      evidence: topics([ORDERS], topicAttributes(ORDERS, 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')),
      reason: /topic orders-events is encrypted with KMS key arn:aws:kms:/,
    },
    {
      name: 'topic with the AWS managed key',
      evidence: topics([ORDERS], topicAttributes(ORDERS, 'alias/aws/sns')),
      reason: /alias\/aws\/sns/,
    },
    { name: 'topic deleted between ListTopics and GetTopicAttributes', evidence: topics([ORDERS], topicNotFound(ORDERS)) },
  ],
  fail: [
    {
      name: 'topic without KmsMasterKeyId',
      evidence: topics([ORDERS], topicAttributes(ORDERS, undefined)),
      reason: /topic orders-events has no KmsMasterKeyId: it is not encrypted with AWS KMS \(required: a KMS key\)/,
    },
    {
      name: 'topic with an empty KmsMasterKeyId',
      evidence: topics([ORDERS], topicAttributes(ORDERS, '')),
      reason: /has no KmsMasterKeyId/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetTopicAttributes denied',
      evidence: topics([ORDERS]),
      collectionError: { service: 'sns', operation: 'GetTopicAttributes', code: 'AuthorizationError', region: 'us-east-1' },
      reason: /topic orders-events: sns:GetTopicAttributes .*AuthorizationError/,
    },
    {
      name: 'answer without Attributes',
      evidence: topics([ORDERS], { ...topicAttributes(ORDERS, 'alias/aws/sns'), body: {} }),
      reason: /the answer has no Attributes/,
    },
    {
      name: 'topic without TopicArn',
      evidence: { files: [{ ...listTopics('us-east-1', []), body: { Topics: [{}] } }, listTopics('eu-west-1', [])] },
      reason: /lacks TopicArn/,
    },
    {
      name: 'ListTopics denied in eu-west-1',
      evidence: { files: [listTopics('us-east-1', [])] },
      collectionError: { service: 'sns', operation: 'ListTopics', code: 'AuthorizationError', region: 'eu-west-1' },
      reason: /sns:ListTopics in 111122223333\/eu-west-1 failed during collection: AuthorizationError/,
    },
  ],
});
