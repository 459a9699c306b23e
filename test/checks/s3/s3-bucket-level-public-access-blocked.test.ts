import check from '../../../src/checks/s3/s3-bucket-level-public-access-blocked.js';
import { accountBlock, blockSettings, bucket, bucketBlock, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { bucketAnswer } from './builders.js';

const logs = () => bucket('acme-logs');
const site = () => bucket('acme-public-website', 'eu-west-1');

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowedPublicBuckets: [] },
  pass: [
    {
      name: 'all four on at bucket level',
      evidence: { files: [listBuckets([logs()]), accountBlock('not-found'), bucketBlock(logs(), blockSettings())] },
      reason: /acme-logs has all four Block Public Access settings true at bucket level/,
    },
    {
      name: 'a bucket listed as allowed to be public, with no block',
      params: { allowedPublicBuckets: ['acme-public-website'] },
      evidence: { files: [listBuckets([logs(), site()]), bucketBlock(logs(), blockSettings()), bucketBlock(site(), 'not-found')] },
      reason: /acme-public-website is listed as allowed to be public/,
    },
    {
      name: 'a listed bucket whose own call was denied',
      params: { allowedPublicBuckets: ['acme-public-website'] },
      evidence: {
        files: [listBuckets([site()])],
        errors: [callError('s3', 'GetPublicAccessBlock', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'no bucket-level block even though the account blocks everything',
      evidence: { files: [listBuckets([logs()]), accountBlock(blockSettings()), bucketBlock(logs(), 'not-found')] },
      reason: /acme-logs has no bucket-level Block Public Access configuration \(required: all four settings true\)/,
    },
    ...(['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const).map((flag) => ({
      name: `bucket level all on but ${flag} false`,
      evidence: { files: [listBuckets([logs()]), bucketBlock(logs(), blockSettings({ [flag]: false }))] },
      reason: new RegExp(`bucket-level ${flag} not true`),
    })),
    {
      name: 'a setting that is the string "true", not a boolean',
      evidence: {
        files: [
          listBuckets([logs()]),
          bucketAnswer(logs(), 'GetPublicAccessBlock', {
            PublicAccessBlockConfiguration: { ...blockSettings(), IgnorePublicAcls: 'true' },
          }),
        ],
      },
      reason: /IgnorePublicAcls not true/,
    },
    {
      name: 'a bucket not in the allowed list, beside one that is',
      params: { allowedPublicBuckets: ['acme-public-website'] },
      evidence: { files: [listBuckets([logs(), site()]), bucketBlock(logs(), 'not-found'), bucketBlock(site(), 'not-found')] },
      reason: /acme-logs has no bucket-level/,
    },
  ],
  notEvaluated: [
    {
      name: "one bucket's GetPublicAccessBlock denied",
      evidence: {
        files: [listBuckets([logs(), site()]), bucketBlock(logs(), blockSettings())],
        errors: [callError('s3', 'GetPublicAccessBlock', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetPublicAccessBlock Bucket=acme-public-website .*AccessDenied/,
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
