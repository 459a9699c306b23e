import check from '../../../src/checks/s3/s3-bucket-replication-enabled.js';
import { bucket, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { bucketAnswer, replication, replicationRule } from './builders.js';

const lake = () => bucket('acme-data-lake-raw');
const site = () => bucket('acme-public-website', 'eu-west-1');

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'one Enabled rule',
      evidence: { files: [listBuckets([lake()]), replication(lake(), [replicationRule('to-eu', 'Enabled')])] },
      reason: /acme-data-lake-raw has 1 Enabled replication rule\(s\) to arn:aws:s3:::acme-replica-eu/,
    },
    {
      name: 'two Enabled rules to two buckets',
      evidence: {
        files: [
          listBuckets([lake()]),
          replication(lake(), [replicationRule('to-eu', 'Enabled'), replicationRule('to-us', 'Enabled', 'acme-replica-us')]),
        ],
      },
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'no replication configuration beside a replicated bucket',
      evidence: {
        files: [
          listBuckets([lake(), site()]),
          replication(lake(), [replicationRule('to-eu', 'Enabled')]),
          replication(site(), 'not-found'),
        ],
      },
      reason: /acme-public-website has no replication configuration \(required: at least one Enabled rule\)/,
    },
    {
      name: 'a configuration with an empty Rules list',
      evidence: { files: [listBuckets([lake()]), replication(lake(), [])] },
      reason: /has a replication configuration with no rules/,
    },
    {
      name: 'one of two rules Disabled',
      evidence: {
        files: [listBuckets([lake()]), replication(lake(), [replicationRule('to-eu', 'Enabled'), replicationRule('to-us', 'Disabled')])],
      },
      reason: /has 2 replication rule\(s\), of which to-us is Disabled \(required: every rule Enabled\)/,
    },
    {
      name: 'a rule without Status or ID',
      evidence: { files: [listBuckets([lake()]), replication(lake(), [{ Destination: { Bucket: 'arn:aws:s3:::acme-replica-eu' } }])] },
      reason: /rule 1 is without a Status/,
    },
  ],
  notEvaluated: [
    {
      name: 'Rules that is not a list',
      evidence: {
        files: [
          listBuckets([lake()]),
          bucketAnswer(lake(), 'GetBucketReplication', { ReplicationConfiguration: { Rules: { Status: 'Enabled' } } }),
        ],
      },
      reason: /GetBucketReplication of acme-data-lake-raw could not be read: Rules is an object, not a list/,
    },
    {
      name: 'a rule whose Status is not a string',
      evidence: { files: [listBuckets([lake()]), replication(lake(), [{ ...replicationRule('to-eu', 'Enabled'), Status: true }])] },
      reason: /Status is true, not a string/,
    },
    {
      name: "one bucket's GetBucketReplication denied",
      evidence: {
        files: [listBuckets([lake(), site()]), replication(lake(), [replicationRule('to-eu', 'Enabled')])],
        errors: [callError('s3', 'GetBucketReplication', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetBucketReplication Bucket=acme-public-website .*AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
