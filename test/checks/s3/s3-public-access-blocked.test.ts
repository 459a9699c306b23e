import check from '../../../src/checks/s3/s3-public-access-blocked.js';
import { accountBlock, blockSettings, bucket, bucketBlock, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const logs = () => bucket('acme-logs');
const site = () => bucket('acme-public-website', 'eu-west-1');
const aclsOnly = () => blockSettings({ BlockPublicPolicy: false, RestrictPublicBuckets: false });
const accountDenied = () => callError('s3control', 'GetPublicAccessBlock', 'AccessDenied', 'global', { AccountId: '111122223333' });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'account-level block all on, bucket has none',
      evidence: { files: [listBuckets([logs()]), accountBlock(blockSettings()), bucketBlock(logs(), 'not-found')] },
    },
    {
      name: 'bucket-level block all on, account has none',
      evidence: { files: [listBuckets([logs()]), accountBlock('not-found'), bucketBlock(logs(), blockSettings())] },
    },
    {
      name: 'account-level block all on covers a bucket in a region outside the scan',
      evidence: { files: [listBuckets([bucket('acme-archive', 'ap-southeast-2')]), accountBlock(blockSettings())] },
      reason: /all four Block Public Access settings are on at account level for acme-archive/,
    },
    {
      name: 'account-level block all on covers a bucket whose own call was denied',
      evidence: {
        files: [listBuckets([logs()]), accountBlock(blockSettings())],
        errors: [callError('s3', 'GetPublicAccessBlock', 'AccessDenied', 'us-east-1', { Bucket: 'acme-logs' })],
      },
    },
    {
      name: 'bucket-level block all on while the account-level call was denied',
      evidence: { files: [listBuckets([logs()]), bucketBlock(logs(), blockSettings())], errors: [accountDenied()] },
    },
    { name: 'no buckets', evidence: { files: [listBuckets([]), accountBlock('not-found')] } },
  ],
  fail: [
    {
      name: 'no block at either level',
      evidence: { files: [listBuckets([site()]), accountBlock('not-found'), bucketBlock(site(), 'not-found')] },
      reason: /not fully on at either level \(account level: no block configured; bucket level: no block configured/,
    },
    {
      name: 'account blocks ACLs and bucket blocks policies: the procedure does not combine levels',
      evidence: {
        files: [listBuckets([logs()]), accountBlock(aclsOnly()), bucketBlock(logs(), blockSettings({ BlockPublicAcls: false, IgnorePublicAcls: false }))],
      },
      reason: /account level: BlockPublicPolicy, RestrictPublicBuckets off; bucket level: BlockPublicAcls, IgnorePublicAcls off/,
    },
    ...(['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const).flatMap((flag) => [
      {
        name: `account level all on but ${flag} false; bucket has no block`,
        evidence: { files: [listBuckets([logs()]), accountBlock(blockSettings({ [flag]: false })), bucketBlock(logs(), 'not-found')] },
        reason: new RegExp(`account level: ${flag} off`),
      },
      {
        name: `bucket level all on but ${flag} false; account has no block`,
        evidence: { files: [listBuckets([logs()]), accountBlock('not-found'), bucketBlock(logs(), blockSettings({ [flag]: false }))] },
        reason: new RegExp(`bucket level: ${flag} off`),
      },
    ]),
    {
      name: 'bucket block answer omits RestrictPublicBuckets (read as off)',
      evidence: {
        files: [
          listBuckets([logs()]),
          accountBlock('not-found'),
          bucketBlock(logs(), { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true }),
        ],
      },
      reason: /bucket level: RestrictPublicBuckets off/,
    },
    {
      name: 'account blocks ACLs only, bucket has no block, beside a compliant bucket',
      evidence: {
        files: [
          listBuckets([logs(), site()]),
          accountBlock(aclsOnly()),
          bucketBlock(logs(), blockSettings()),
          bucketBlock(site(), 'not-found'),
        ],
      },
      reason: /acme-public-website is not fully on at either level \(account level: BlockPublicPolicy, RestrictPublicBuckets off; bucket level: no block configured/,
    },
  ],
  notEvaluated: [
    {
      name: 'account has no block and the bucket is in a region outside the scan',
      evidence: { files: [listBuckets([bucket('acme-archive', 'ap-southeast-2')]), accountBlock('not-found')] },
      reason: /acme-archive is in ap-southeast-2, outside the regions collected/,
    },
    {
      name: 'a ListBuckets record without Name or BucketArn, beside a compliant bucket',
      evidence: {
        files: [listBuckets([logs(), { CreationDate: '2024-03-11T14:18:52.000Z' } as ReturnType<typeof bucket>]), accountBlock('not-found'), bucketBlock(logs(), blockSettings())],
      },
      reason: /lacks Name/,
    },
    {
      name: 'account-level call denied and the bucket has no block',
      evidence: { files: [listBuckets([logs()]), bucketBlock(logs(), 'not-found')], errors: [accountDenied()] },
      reason: /s3control:GetPublicAccessBlock .*AccessDenied/,
    },
    {
      name: "one bucket's GetPublicAccessBlock denied, the other bucket passes",
      evidence: {
        files: [listBuckets([logs(), site()]), accountBlock(aclsOnly()), bucketBlock(logs(), blockSettings())],
        errors: [callError('s3', 'GetPublicAccessBlock', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetPublicAccessBlock Bucket=acme-public-website in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
