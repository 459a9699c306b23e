import { expect, it } from 'vitest';
import check from '../../../src/checks/s3/s3-bucket-versioned-lifecycle-configured.js';
import { bucket, callError, listBuckets } from '../../helpers/aws-builders.js';
import { findingsFor, testCheck } from '../../helpers/test-check.js';
import { bucketAnswer, lifecycle, versioning } from './builders.js';

const lake = () => bucket('acme-data-lake-raw');
const site = () => bucket('acme-public-website', 'eu-west-1');

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'versioned with an Enabled rule; an unversioned bucket without lifecycle is not judged',
      evidence: {
        files: [
          listBuckets([lake(), site()]),
          versioning(lake(), 'Enabled'),
          lifecycle(lake(), ['Enabled']),
          versioning(site(), 'never'),
          lifecycle(site(), 'not-found'),
        ],
      },
      reason: /acme-data-lake-raw is versioned and has 1 Enabled lifecycle rule\(s\) \(rule-1\)/,
    },
    {
      name: 'versioned with one Enabled rule of two',
      evidence: { files: [listBuckets([lake()]), versioning(lake(), 'Enabled'), lifecycle(lake(), ['Disabled', 'Enabled'])] },
    },
  ],
  fail: [
    {
      name: 'versioned without a lifecycle configuration',
      evidence: { files: [listBuckets([lake()]), versioning(lake(), 'Enabled'), lifecycle(lake(), 'not-found')] },
      reason: /acme-data-lake-raw is versioned and has no lifecycle configuration \(required: at least one Enabled rule\)/,
    },
    {
      name: 'versioned with only Disabled rules',
      evidence: { files: [listBuckets([lake()]), versioning(lake(), 'Enabled'), lifecycle(lake(), ['Disabled'])] },
      reason: /has 1 lifecycle rule\(s\), none Enabled/,
    },
  ],
  notEvaluated: [
    {
      name: 'versioned, lifecycle call denied',
      evidence: {
        files: [listBuckets([lake()]), versioning(lake(), 'Enabled')],
        errors: [callError('s3', 'GetBucketLifecycleConfiguration', 'AccessDenied', 'us-east-1', { Bucket: 'acme-data-lake-raw' })],
      },
      reason: /s3:GetBucketLifecycleConfiguration Bucket=acme-data-lake-raw .*AccessDenied/,
    },
    {
      name: 'versioning call denied: whether the rule applies is unknown',
      evidence: {
        files: [listBuckets([lake()]), lifecycle(lake(), 'not-found')],
        errors: [callError('s3', 'GetBucketVersioning', 'AccessDenied', 'us-east-1', { Bucket: 'acme-data-lake-raw' })],
      },
      reason: /whether bucket acme-data-lake-raw is versioned is unknown/,
    },
    {
      name: 'Rules that is not a list',
      evidence: {
        files: [
          listBuckets([lake()]),
          versioning(lake(), 'Enabled'),
          bucketAnswer(lake(), 'GetBucketLifecycleConfiguration', { Rules: 'Enabled' }),
        ],
      },
      reason: /GetBucketLifecycleConfiguration of acme-data-lake-raw could not be read: Rules is "Enabled", not a list/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});

it('judges no bucket whose versioning is Suspended or was never enabled', async () => {
  const files = [
    listBuckets([lake(), site()]),
    versioning(lake(), 'Suspended'),
    lifecycle(lake(), 'not-found'),
    versioning(site(), 'never'),
    lifecycle(site(), 'not-found'),
  ];
  const findings = await findingsFor(check, '2026-09-30T00:00:00Z', {}, { name: 'unversioned', evidence: { files } });
  expect(findings.map((f) => [f.status, f.resource, f.reason])).toEqual([['PASS', '111122223333', 'nothing in scope to check']]);
});
