import check from '../../../src/checks/s3/s3-bucket-public-read-prohibited.js';
import { accountBlock, blockSettings, bucket, bucketBlock, bucketPolicy, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { acl, bucketAnswer } from './builders.js';

const site = () => bucket('acme-public-website', 'eu-west-1');
const logs = () => bucket('acme-logs');
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const publicRead = (overrides: object = {}) => ({
  Sid: 'PublicReadGetObject',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::acme-public-website/*',
  ...overrides,
});
const noBlocks = () => [accountBlock('not-found'), bucketBlock(site(), 'not-found')];
const open = (...files: ReturnType<typeof acl>[]) => ({ files: [listBuckets([site()]), ...noBlocks(), ...files] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'no policy, private ACL, no block',
      evidence: open(bucketPolicy(site(), 'not-found'), acl(site())),
      reason: /allows no public read access \(policy: not public; ACL: not public\)/,
    },
    {
      name: 'public-read policy and AllUsers READ, both neutralised by the account-level block',
      evidence: {
        files: [
          listBuckets([site()]),
          accountBlock(blockSettings()),
          bucketBlock(site(), 'not-found'),
          bucketPolicy(site(), policy(publicRead())),
          acl(site(), 'AllUsers:READ'),
        ],
      },
      reason: /policy: restricted by RestrictPublicBuckets; ACL: restricted by IgnorePublicAcls/,
    },
    {
      name: 'bucket-level RestrictPublicBuckets and IgnorePublicAcls, with the policy and ACL calls denied',
      evidence: {
        files: [
          listBuckets([site()]),
          accountBlock('not-found'),
          bucketBlock(site(), { RestrictPublicBuckets: true, IgnorePublicAcls: true }),
        ],
        errors: [
          callError('s3', 'GetBucketPolicy', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' }),
          callError('s3', 'GetBucketAcl', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' }),
        ],
      },
    },
    {
      name: 'Principal * confined by aws:SourceVpce',
      evidence: open(
        bucketPolicy(site(), policy(publicRead({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } } }))),
        acl(site()),
      ),
    },
    {
      name: 'Principal * confined by aws:PrincipalOrgID',
      evidence: open(
        bucketPolicy(site(), policy(publicRead({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }))),
        acl(site()),
      ),
    },
    {
      name: 'Principal * confined by an office /24',
      evidence: open(
        bucketPolicy(site(), policy(publicRead({ Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }))),
        acl(site()),
      ),
    },
    {
      name: 'a public Allow of write actions only',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Action: 's3:PutObject' }))), acl(site(), 'AllUsers:WRITE')),
    },
    {
      name: 'one account, not everyone',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } }))), acl(site())),
    },
    { name: 'a public Deny', evidence: open(bucketPolicy(site(), policy(publicRead({ Effect: 'Deny' }))), acl(site())) },
    { name: 'no buckets', evidence: { files: [listBuckets([]), accountBlock('not-found')] } },
  ],
  fail: [
    {
      name: 'the documented public-read website policy, no block, beside a private bucket',
      evidence: {
        files: [
          listBuckets([logs(), site()]),
          accountBlock('not-found'),
          bucketBlock(logs(), blockSettings()),
          bucketPolicy(logs(), 'not-found'),
          acl(logs()),
          bucketBlock(site(), 'not-found'),
          bucketPolicy(site(), policy(publicRead())),
          acl(site()),
        ],
      },
      reason:
        /acme-public-website allows public read access \(policy: policy statement PublicReadGetObject allows read actions to everyone and RestrictPublicBuckets is off; ACL: not public; required: neither public\)/,
    },
    {
      name: 'AllUsers READ in the ACL',
      evidence: open(bucketPolicy(site(), 'not-found'), acl(site(), 'AllUsers:READ')),
      reason: /ACL: the ACL grants READ to AllUsers and IgnorePublicAcls is off/,
    },
    {
      name: 'AuthenticatedUsers FULL_CONTROL in the ACL',
      evidence: open(bucketPolicy(site(), 'not-found'), acl(site(), 'AuthenticatedUsers:FULL_CONTROL')),
    },
    {
      name: 'public ACL with BlockPublicAcls on (it blocks new grants only) and IgnorePublicAcls off',
      evidence: {
        files: [
          listBuckets([site()]),
          accountBlock('not-found'),
          bucketBlock(site(), blockSettings({ IgnorePublicAcls: false })),
          bucketPolicy(site(), 'not-found'),
          acl(site(), 'AllUsers:READ'),
        ],
      },
    },
    {
      name: 'Action s3:* to {"AWS": "*"}',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Principal: { AWS: '*' }, Action: 's3:*' }))), acl(site())),
    },
    {
      name: 'a wildcard account principal',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Principal: { AWS: 'arn:aws:iam::*:root' } }))), acl(site())),
    },
    {
      name: 'NotAction that leaves s3:ListBucket allowed',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Action: undefined, NotAction: 's3:GetObject' }))), acl(site())),
    },
    {
      name: 'aws:SourceIp 0.0.0.0/0 confines nothing',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }))), acl(site())),
    },
    {
      name: 'a wildcard aws:PrincipalOrgID confines nothing',
      evidence: open(bucketPolicy(site(), policy(publicRead({ Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } }))), acl(site())),
    },
    {
      name: 'a condition on a non-limiting key',
      evidence: open(
        bucketPolicy(site(), policy(publicRead({ Condition: { StringEquals: { 's3:ExistingObjectTag/public': 'yes' } } }))),
        acl(site()),
      ),
    },
    {
      name: 'public policy while the ACL answer is missing',
      evidence: open(bucketPolicy(site(), policy(publicRead()))),
      reason: /policy statement PublicReadGetObject/,
    },
  ],
  notEvaluated: [
    {
      name: 'public policy, account-level block unknown',
      evidence: {
        files: [listBuckets([site()]), bucketBlock(site(), 'not-found'), bucketPolicy(site(), policy(publicRead())), acl(site())],
        errors: [callError('s3control', 'GetPublicAccessBlock', 'AccessDenied', 'global', { AccountId: '111122223333' })],
      },
      reason: /RestrictPublicBuckets unknown/,
    },
    {
      name: 'no policy, ACL call denied, no block',
      evidence: {
        ...open(bucketPolicy(site(), 'not-found')),
        errors: [callError('s3', 'GetBucketAcl', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /ACL: ACL unknown\): s3:GetBucketAcl Bucket=acme-public-website .*AccessDenied/,
    },
    {
      name: 'Grants that is not a list',
      evidence: open(bucketPolicy(site(), 'not-found'), bucketAnswer(site(), 'GetBucketAcl', { Grants: 'AllUsers' })),
      reason: /GetBucketAcl of acme-public-website could not be read: Grants is "AllUsers", not a list/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
