import check from '../../../src/checks/s3/s3-bucket-event-notifications-enabled.js';
import { bucket, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { notifications, topicNotification } from './builders.js';

const lake = () => bucket('acme-data-lake-raw');
const site = () => bucket('acme-public-website', 'eu-west-1');
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:acme-object-events';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:acme-ingest';
const queue = (events: string[]) => ({ QueueConfigurations: [{ Id: 'ingest', QueueArn: QUEUE, Events: events }] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { destinationArn: '', eventTypes: [] },
  pass: [
    {
      name: 'an SNS topic notification',
      evidence: { files: [listBuckets([lake()]), notifications(lake(), topicNotification(['s3:ObjectCreated:*']))] },
      reason: /acme-data-lake-raw notifies topic arn:aws:sns:us-east-1:111122223333:acme-object-events of s3:ObjectCreated:\*/,
    },
    {
      name: 'EventBridge delivery only (the empty EventBridgeConfiguration)',
      evidence: { files: [listBuckets([lake()]), notifications(lake(), { EventBridgeConfiguration: {} })] },
      reason: /sends its events to Amazon EventBridge/,
    },
    {
      name: 'the required destination and event types, covered by a wildcard',
      params: { destinationArn: QUEUE, eventTypes: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:Delete'] },
      evidence: {
        files: [
          listBuckets([lake()]),
          notifications(lake(), { ...topicNotification(['s3:ObjectCreated:*']), ...queue(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']) }),
        ],
      },
      reason: /notifies queue arn:aws:sqs/,
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'no notifications (the empty answer) beside a notifying bucket',
      evidence: {
        files: [listBuckets([lake(), site()]), notifications(lake(), topicNotification(['s3:ObjectCreated:*'])), notifications(site())],
      },
      reason: /acme-public-website has no event notifications \(required: one\)/,
    },
    {
      name: 'only EventBridge while a destination is required',
      params: { destinationArn: TOPIC, eventTypes: [] },
      evidence: { files: [listBuckets([lake()]), notifications(lake(), { EventBridgeConfiguration: {} })] },
      reason: /has no event notifications other than EventBridge delivery \(required: one to arn:aws:sns/,
    },
    {
      name: 'notifications to another destination',
      params: { destinationArn: TOPIC, eventTypes: [] },
      evidence: { files: [listBuckets([lake()]), notifications(lake(), queue(['s3:ObjectCreated:*']))] },
      reason: /has no event notification to arn:aws:sns:us-east-1:111122223333:acme-object-events \(it has: queue arn:aws:sqs/,
    },
    {
      name: 'the destination covers created objects but not removals',
      params: { destinationArn: TOPIC, eventTypes: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] },
      evidence: { files: [listBuckets([lake()]), notifications(lake(), topicNotification(['s3:ObjectCreated:*']))] },
      reason: /for s3:ObjectCreated:\*, s3:ObjectRemoved:\*/,
    },
    {
      name: 'a narrower event than the one required',
      params: { destinationArn: '', eventTypes: ['s3:ObjectCreated:*'] },
      evidence: { files: [listBuckets([lake()]), notifications(lake(), topicNotification(['s3:ObjectCreated:Put']))] },
    },
  ],
  notEvaluated: [
    {
      name: 'TopicConfigurations that is not a list',
      evidence: { files: [listBuckets([lake()]), notifications(lake(), { TopicConfigurations: { TopicArn: TOPIC } })] },
      reason: /GetBucketNotificationConfiguration of acme-data-lake-raw could not be read: TopicConfigurations is an object, not a list/,
    },
    {
      name: 'an event that is not a string',
      evidence: { files: [listBuckets([lake()]), notifications(lake(), { TopicConfigurations: [{ TopicArn: TOPIC, Events: [7] }] })] },
      reason: /TopicConfigurations entry 1 has an event that is not a string/,
    },
    {
      name: "one bucket's call denied",
      evidence: {
        files: [listBuckets([lake(), site()]), notifications(lake(), topicNotification(['s3:ObjectCreated:*']))],
        errors: [callError('s3', 'GetBucketNotificationConfiguration', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetBucketNotificationConfiguration Bucket=acme-public-website .*AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
