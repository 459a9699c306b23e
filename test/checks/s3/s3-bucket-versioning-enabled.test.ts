import check from '../../../src/checks/s3/s3-bucket-versioning-enabled.js';
import { bucket, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { bucketAnswer, versioning } from './builders.js';

const logs = () => bucket('acme-logs');
const site = () => bucket('acme-public-website', 'eu-west-1');

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { mfaDeleteRequired: false },
  pass: [
    {
      name: 'versioning Enabled, MFA delete Disabled',
      evidence: { files: [listBuckets([logs()]), versioning(logs(), 'Enabled', 'Disabled')] },
      reason: /acme-logs has versioning Enabled$/,
    },
    { name: 'versioning Enabled without an MFADelete field', evidence: { files: [listBuckets([logs()]), versioning(logs(), 'Enabled')] } },
    {
      name: 'MFA delete required and Enabled',
      params: { mfaDeleteRequired: true },
      evidence: { files: [listBuckets([logs()]), versioning(logs(), 'Enabled', 'Enabled')] },
      reason: /versioning Enabled, MFA delete Enabled/,
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'versioning Suspended beside a versioned bucket',
      evidence: { files: [listBuckets([logs(), site()]), versioning(logs(), 'Enabled'), versioning(site(), 'Suspended')] },
      reason: /acme-public-website has versioning Suspended \(required: Enabled\)/,
    },
    {
      name: 'never versioned (the empty answer)',
      evidence: { files: [listBuckets([logs()]), versioning(logs(), 'never')] },
      reason: /acme-logs has never had versioning enabled \(required: Enabled\)/,
    },
    {
      name: 'MFA delete required but Disabled',
      params: { mfaDeleteRequired: true },
      evidence: { files: [listBuckets([logs()]), versioning(logs(), 'Enabled', 'Disabled')] },
      reason: /MFA delete Disabled \(required: Enabled\)/,
    },
    {
      name: 'MFA delete required but never configured',
      params: { mfaDeleteRequired: true },
      evidence: { files: [listBuckets([logs()]), versioning(logs(), 'Enabled')] },
      reason: /MFA delete never configured/,
    },
  ],
  notEvaluated: [
    {
      name: 'Status that is not a string',
      evidence: { files: [listBuckets([logs()]), bucketAnswer(logs(), 'GetBucketVersioning', { Status: ['Enabled'] })] },
      reason: /GetBucketVersioning of acme-logs could not be read: Status is \["Enabled"\], not a string/,
    },
    {
      name: 'a bucket in a region outside the scan',
      evidence: { files: [listBuckets([bucket('acme-archive', 'ap-southeast-2')])] },
      reason: /acme-archive is in ap-southeast-2, outside the regions collected/,
    },
    {
      name: "one bucket's GetBucketVersioning denied",
      evidence: {
        files: [listBuckets([logs(), site()]), versioning(logs(), 'Enabled')],
        errors: [callError('s3', 'GetBucketVersioning', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetBucketVersioning Bucket=acme-public-website in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
