import check from '../../../src/checks/s3/s3-bucket-server-side-encryption-enabled.js';
import { bucket, bucketPolicy, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { encryption } from './builders.js';

const lake = () => bucket('acme-data-lake-raw');
const site = () => bucket('acme-public-website', 'eu-west-1');
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
/** AWS's documented statement refusing uploads without the encryption header, with overrides. */
const denyUnencrypted = (name: string, overrides: object = {}) => ({
  Sid: 'DenyUnencryptedObjectUploads',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${name}/*`,
  Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
  ...overrides,
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'default encryption AES256',
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'AES256'), bucketPolicy(lake(), 'not-found')] },
      reason: /encrypts by default with AES256/,
    },
    { name: 'default encryption aws:kms whatever the policy', evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms')] } },
    {
      name: 'default encryption aws:kms:dsse',
      evidence: { files: [listBuckets([lake()]), encryption(lake(), 'aws:kms:dsse'), bucketPolicy(lake(), 'not-found')] },
    },
    {
      name: 'no default encryption but a Null deny on the encryption header',
      evidence: {
        files: [
          listBuckets([lake()]),
          encryption(lake(), 'not-found'),
          bucketPolicy(lake(), policy(denyUnencrypted('acme-data-lake-raw'))),
        ],
      },
      reason: /policy denies s3:PutObject without server-side encryption \(statement DenyUnencryptedObjectUploads\)/,
    },
    {
      name: 'no default encryption but a StringNotEquals deny naming aws:kms, Action s3:*',
      evidence: {
        files: [
          listBuckets([lake()]),
          encryption(lake(), 'not-found'),
          bucketPolicy(
            lake(),
            policy(
              denyUnencrypted('acme-data-lake-raw', {
                Action: 's3:*',
                Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
              }),
            ),
          ),
        ],
      },
    },
    {
      name: 'default encryption unreadable for this bucket, but the policy denies unencrypted uploads',
      evidence: {
        files: [
          listBuckets([lake()]),
          bucketPolicy(
            lake(),
            policy(denyUnencrypted('acme-data-lake-raw', { Condition: { Null: { 's3:x-amz-server-side-encryption': true } } })),
          ),
        ],
      },
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'no default encryption and no policy, beside an encrypted bucket',
      evidence: {
        files: [
          listBuckets([lake(), site()]),
          encryption(lake(), 'AES256'),
          encryption(site(), 'not-found'),
          bucketPolicy(site(), 'not-found'),
        ],
      },
      reason:
        /acme-public-website does not encrypt on the server side \(default encryption: none configured; policy: no bucket policy; required/,
    },
    {
      name: 'no default encryption and the deny is on the bucket ARN only',
      evidence: {
        files: [
          listBuckets([lake()]),
          encryption(lake(), 'not-found'),
          bucketPolicy(lake(), policy(denyUnencrypted('acme-data-lake-raw', { Resource: 'arn:aws:s3:::acme-data-lake-raw' }))),
        ],
      },
      reason: /policy: no Deny of unencrypted s3:PutObject/,
    },
    {
      name: 'no default encryption and the deny is Null false (denies encrypted uploads)',
      evidence: {
        files: [
          listBuckets([lake()]),
          encryption(lake(), 'not-found'),
          bucketPolicy(
            lake(),
            policy(denyUnencrypted('acme-data-lake-raw', { Condition: { Null: { 's3:x-amz-server-side-encryption': 'false' } } })),
          ),
        ],
      },
    },
    {
      name: 'no default encryption and the deny is narrowed by a second condition',
      evidence: {
        files: [
          listBuckets([lake()]),
          encryption(lake(), 'not-found'),
          bucketPolicy(
            lake(),
            policy(
              denyUnencrypted('acme-data-lake-raw', {
                Condition: {
                  Null: { 's3:x-amz-server-side-encryption': 'true' },
                  StringEquals: { 'aws:PrincipalAccount': '444455556666' },
                },
              }),
            ),
          ),
        ],
      },
    },
    {
      name: 'an unknown default algorithm and an Allow, not a Deny',
      evidence: {
        files: [
          listBuckets([lake()]),
          encryption(lake(), 'ROT13'),
          bucketPolicy(lake(), policy(denyUnencrypted('acme-data-lake-raw', { Effect: 'Allow' }))),
        ],
      },
      reason: /default encryption: ROT13, not one of AES256, aws:kms, aws:kms:dsse/,
    },
  ],
  notEvaluated: [
    {
      name: 'no default encryption and the policy call denied',
      evidence: {
        files: [listBuckets([lake()]), encryption(lake(), 'not-found')],
        errors: [callError('s3', 'GetBucketPolicy', 'AccessDenied', 'us-east-1', { Bucket: 'acme-data-lake-raw' })],
      },
      reason: /default encryption: none configured; policy: unknown\): s3:GetBucketPolicy Bucket=acme-data-lake-raw .*AccessDenied/,
    },
    {
      name: 'encryption call denied and no policy',
      evidence: {
        files: [listBuckets([lake()]), bucketPolicy(lake(), 'not-found')],
        errors: [callError('s3', 'GetBucketEncryption', 'AccessDenied', 'us-east-1', { Bucket: 'acme-data-lake-raw' })],
      },
      reason: /default encryption: unknown; policy: no bucket policy\)/,
    },
    {
      name: 'a bucket in a region outside the scan',
      evidence: { files: [listBuckets([bucket('acme-archive', 'ap-southeast-2')])] },
      reason: /outside the regions collected/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
