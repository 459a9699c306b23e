import check from '../../../src/checks/s3/s3-bucket-server-access-logging-enabled.js';
import { bucket, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { bucketAnswer, logging } from './builders.js';

const logs = () => bucket('acme-logs');
const site = () => bucket('acme-public-website', 'eu-west-1');
const toLogs = { bucket: 'acme-logs', prefix: 's3-access/acme-public-website/' };

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { targetBuckets: [], targetPrefix: '' },
  pass: [
    {
      name: 'logging on to any bucket',
      evidence: { files: [listBuckets([site()]), logging(site(), toLogs)] },
      reason: /acme-public-website logs to acme-logs with prefix "s3-access\/acme-public-website\/"/,
    },
    {
      name: 'logging on to the required bucket and prefix',
      params: { targetBuckets: ['acme-audit', 'acme-logs'], targetPrefix: 's3-access/acme-public-website/' },
      evidence: { files: [listBuckets([site()]), logging(site(), toLogs)] },
    },
    { name: 'logging on with an empty prefix', evidence: { files: [listBuckets([site()]), logging(site(), { bucket: 'acme-logs' })] } },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'logging off (the empty BucketLoggingStatus) beside a logging bucket',
      evidence: { files: [listBuckets([logs(), site()]), logging(logs()), logging(site(), toLogs)] },
      reason: /acme-logs has server access logging off \(required: on\)/,
    },
    {
      name: 'logs go to another bucket than the required one',
      params: { targetBuckets: ['acme-audit'], targetPrefix: '' },
      evidence: { files: [listBuckets([site()]), logging(site(), toLogs)] },
      reason: /logs to acme-logs .* \(required target bucket: acme-audit\)/,
    },
    {
      name: 'logs have another prefix than the required one',
      params: { targetBuckets: [], targetPrefix: 'access/' },
      evidence: { files: [listBuckets([site()]), logging(site(), toLogs)] },
      reason: /\(required prefix: "access\/"\)/,
    },
    {
      name: 'LoggingEnabled without TargetBucket while a target is required',
      params: { targetBuckets: ['acme-logs'], targetPrefix: '' },
      evidence: { files: [listBuckets([site()]), bucketAnswer(site(), 'GetBucketLogging', { LoggingEnabled: {} })] },
      reason: /logs to \(no target bucket\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'LoggingEnabled that is not an object',
      evidence: { files: [listBuckets([site()]), bucketAnswer(site(), 'GetBucketLogging', { LoggingEnabled: 'yes' })] },
      reason: /GetBucketLogging of acme-public-website could not be read: LoggingEnabled is "yes", not an object/,
    },
    {
      name: "one bucket's GetBucketLogging denied",
      evidence: {
        files: [listBuckets([logs(), site()]), logging(logs(), toLogs)],
        errors: [callError('s3', 'GetBucketLogging', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetBucketLogging Bucket=acme-public-website .*AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
