import check from '../../../src/checks/s3/s3-bucket-public-write-prohibited.js';
import { accountBlock, blockSettings, bucket, bucketBlock, bucketPolicy, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { acl } from './builders.js';

const site = () => bucket('acme-public-website', 'eu-west-1');
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const publicPut = (overrides: object = {}) => ({
  Sid: 'PublicUpload',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: 'arn:aws:s3:::acme-public-website/*',
  ...overrides,
});
const open = (...files: ReturnType<typeof acl>[]) => ({
  files: [listBuckets([site()]), accountBlock('not-found'), bucketBlock(site(), 'not-found'), ...files],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'a public-read website: read is not write',
      evidence: open(bucketPolicy(site(), policy(publicPut({ Action: 's3:GetObject' }))), acl(site(), 'AllUsers:READ')),
      reason: /allows no public write access \(policy: not public; ACL: not public\)/,
    },
    {
      name: 'public upload policy and AllUsers WRITE, neutralised at bucket level',
      evidence: {
        files: [
          listBuckets([site()]),
          accountBlock('not-found'),
          bucketBlock(site(), blockSettings()),
          bucketPolicy(site(), policy(publicPut())),
          acl(site(), 'AllUsers:WRITE'),
        ],
      },
    },
    {
      name: 'uploads confined to one VPC endpoint',
      evidence: open(
        bucketPolicy(site(), policy(publicPut({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } } }))),
        acl(site()),
      ),
    },
  ],
  fail: [
    {
      name: 'Principal * may s3:PutObject',
      evidence: open(bucketPolicy(site(), policy(publicPut())), acl(site())),
      reason: /policy statement PublicUpload allows write actions to everyone and RestrictPublicBuckets is off/,
    },
    { name: 'Principal * may s3:Delete*', evidence: open(bucketPolicy(site(), policy(publicPut({ Action: 's3:Delete*' }))), acl(site())) },
    {
      name: 'AllUsers WRITE_ACP in the ACL',
      evidence: open(bucketPolicy(site(), 'not-found'), acl(site(), 'AllUsers:WRITE_ACP')),
      reason: /the ACL grants WRITE_ACP to AllUsers/,
    },
    {
      name: 'AuthenticatedUsers WRITE in the ACL',
      evidence: open(bucketPolicy(site(), 'not-found'), acl(site(), 'AuthenticatedUsers:WRITE')),
    },
  ],
  notEvaluated: [
    {
      name: 'policy call denied, ACL private, no block',
      evidence: {
        ...open(acl(site())),
        errors: [callError('s3', 'GetBucketPolicy', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /policy: policy unknown; ACL: not public\): s3:GetBucketPolicy Bucket=acme-public-website .*AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
