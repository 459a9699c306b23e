import check from '../../../src/checks/s3/s3-bucket-default-encryption-uses-kms.js';
import { bucket, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { bucketAnswer, encryption } from './builders.js';

const lake = () => bucket('acme-data-lake-raw');
const site = () => bucket('acme-public-website', 'eu-west-1');
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64';
const OTHER_KEY = 'arn:aws:kms:us-east-1:111122223333:key/7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { kmsKeyArns: [] },
  pass: [
    {
      name: 'aws:kms with a customer key',
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms', KEY)] },
      reason: /acme-data-lake-raw encrypts by default with aws:kms key arn:aws:kms/,
    },
    {
      name: 'aws:kms with the AWS managed key (no KMSMasterKeyID)',
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms')] },
      reason: /aws\/s3 \(AWS managed\)/,
    },
    { name: 'aws:kms:dsse', evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms:dsse', KEY)] } },
    {
      name: 'the key is one of the allowed keys',
      params: { kmsKeyArns: [OTHER_KEY, KEY] },
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms', KEY)] },
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'SSE-S3 (AES256) beside a KMS bucket',
      evidence: { files: [listBuckets([lake(), site()]), encryption(lake(), 'aws:kms', KEY), encryption(site(), 'AES256')] },
      reason: /acme-public-website encrypts by default with AES256 \(required: aws:kms or aws:kms:dsse\)/,
    },
    {
      name: 'no default encryption configuration',
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'not-found')] },
      reason: /has no default encryption configured \(required: aws:kms\)/,
    },
    {
      name: 'a rule without ApplyServerSideEncryptionByDefault',
      evidence: {
        files: [
          listBuckets([lake()]),
          bucketAnswer(lake(), 'GetBucketEncryption', { ServerSideEncryptionConfiguration: { Rules: [{ BucketKeyEnabled: true }] } }),
        ],
      },
      reason: /no default encryption configured/,
    },
    {
      name: 'a key not in the allowed list',
      params: { kmsKeyArns: [OTHER_KEY] },
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms', KEY)] },
      reason:
        /key arn:aws:kms:us-east-1:111122223333:key\/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64 \(required: one of arn:aws:kms:us-east-1:111122223333:key\/7c1e9a52/,
    },
    {
      name: 'the AWS managed key when keys are listed',
      params: { kmsKeyArns: [KEY] },
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms')] },
      reason: /the AWS managed key aws\/s3 \(no KMSMasterKeyID\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'Rules that is not a list',
      evidence: {
        files: [
          listBuckets([lake()]),
          bucketAnswer(lake(), 'GetBucketEncryption', { ServerSideEncryptionConfiguration: { Rules: 'aws:kms' } }),
        ],
      },
      reason: /GetBucketEncryption of acme-data-lake-raw could not be read: Rules is "aws:kms", not a list/,
    },
    {
      name: 'a rule that is not an object',
      evidence: {
        files: [
          listBuckets([lake()]),
          bucketAnswer(lake(), 'GetBucketEncryption', { ServerSideEncryptionConfiguration: { Rules: ['aws:kms'] } }),
        ],
      },
      reason: /encryption rule 1 is not an object/,
    },
    {
      name: "one bucket's GetBucketEncryption denied",
      evidence: {
        files: [listBuckets([lake(), site()]), encryption(lake(), 'aws:kms', KEY)],
        errors: [callError('s3', 'GetBucketEncryption', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetBucketEncryption Bucket=acme-public-website .*AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
