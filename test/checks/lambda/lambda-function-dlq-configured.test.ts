import check from '../../../src/checks/lambda/lambda-function-dlq-configured.js';
import { functions, lambdaFunction, listFunctions } from '../../helpers/lambda-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:orders-dlq';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:failed-events';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { dlqArns: [] },
  pass: [
    {
      name: 'function with an SQS dead-letter queue',
      evidence: functions(lambdaFunction('orders', { DeadLetterConfig: { TargetArn: QUEUE } })),
      reason: /function orders sends failed events to arn:aws:sqs:us-east-1:111122223333:orders-dlq \(required: a dead-letter queue\)/,
    },
    {
      name: 'function with an SNS topic as its dead-letter target, listed in dlqArns (comma-separated)',
      evidence: functions(lambdaFunction('orders', { DeadLetterConfig: { TargetArn: TOPIC } })),
      params: { dlqArns: [`${QUEUE}, ${TOPIC}`] },
      reason: /sends failed events to arn:aws:sns:.*required: one of/,
    },
    {
      name: 'function without FunctionName: the name comes from FunctionArn',
      evidence: functions({ ...lambdaFunction('orders'), FunctionName: undefined }),
      reason: /function orders sends/,
    },
    {
      name: 'functions across two ListFunctions pages',
      evidence: {
        files: [
          listFunctions('us-east-1', [lambdaFunction('a')], 1),
          listFunctions('us-east-1', [lambdaFunction('b')], 2),
          listFunctions('eu-west-1', []),
        ],
      },
      reason: /function b sends/,
    },
    { name: 'no functions', evidence: functions() },
  ],
  fail: [
    {
      name: 'function without DeadLetterConfig beside one with',
      evidence: functions(lambdaFunction('orders'), lambdaFunction('thumbnails', { DeadLetterConfig: undefined })),
      reason: /function thumbnails has no DeadLetterConfig.TargetArn \(required: a dead-letter queue\)/,
    },
    {
      name: 'DeadLetterConfig without TargetArn',
      evidence: functions(lambdaFunction('thumbnails', { DeadLetterConfig: {} })),
      reason: /has no DeadLetterConfig.TargetArn/,
    },
    {
      name: 'dead-letter queue not among dlqArns',
      evidence: functions(lambdaFunction('orders', { DeadLetterConfig: { TargetArn: QUEUE } })),
      params: { dlqArns: [TOPIC] },
      reason: /sends failed events to arn:aws:sqs:us-east-1:111122223333:orders-dlq \(required: one of arn:aws:sns/,
    },
  ],
  notEvaluated: [
    {
      name: 'DeadLetterConfig that is a string',
      evidence: functions(lambdaFunction('orders', { DeadLetterConfig: 'sqs' as never })),
      reason: /DeadLetterConfig that cannot be read/,
    },
    {
      name: 'function without FunctionName or FunctionArn, beside a compliant one',
      evidence: functions(lambdaFunction('orders'), { ...lambdaFunction('ghost'), FunctionName: undefined, FunctionArn: undefined }),
      reason: /lacks FunctionName/,
    },
    {
      name: 'function modified after collection ended',
      evidence: functions(lambdaFunction('orders', { LastModified: '2027-01-01T00:00:00.000+0000' })),
      reason: /LastModified 2027-01-01T00:00:00.000\+0000 is after collection ended/,
    },
    {
      name: 'ListFunctions denied in eu-west-1',
      evidence: { files: [listFunctions('us-east-1', [lambdaFunction('orders')])] },
      collectionError: { service: 'lambda', operation: 'ListFunctions', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /lambda:ListFunctions in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
