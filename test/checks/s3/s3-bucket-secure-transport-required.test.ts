import check from '../../../src/checks/s3/s3-bucket-secure-transport-required.js';
import { bucket, bucketPolicy, callError, listBuckets } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const logs = () => bucket('acme-logs');
const site = () => bucket('acme-public-website', 'eu-west-1');
/** The AWS-documented TLS-only statement for a bucket, with overrides. */
const denyHttp = (name: string, overrides: object = {}) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const publicRead = {
  Sid: 'PublicReadGetObject',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::acme-public-website/*',
};

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'the deny covers the objects only, as the procedure example does',
      evidence: { files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Resource: 'arn:aws:s3:::acme-logs/*' })))] },
    },
    {
      name: 'BoolIfExists with a list of string "false" and Principal {"AWS": ["*"]}',
      evidence: {
        files: [
          listBuckets([logs()]),
          bucketPolicy(logs(), policy(denyHttp('acme-logs', { Principal: { AWS: ['*'] }, Condition: { BoolIfExists: { 'aws:SecureTransport': ['false'] } } }))),
        ],
      },
    },
    {
      name: 'the procedure\'s other form: NumericLessThan s3:TlsVersion 1.2',
      evidence: {
        files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })))],
      },
      reason: /s3:TlsVersion below 1.2/,
    },
    {
      name: 'the documented deny on aws:SecureTransport false',
      evidence: { files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs')))] },
      reason: /bucket acme-logs's policy denies requests with aws:SecureTransport false \(statement DenyInsecureTransport\)/,
    },
    {
      name: 'Principal {"AWS": "*"}, Action "*", Resource "arn:aws:s3:::acme-logs*", boolean false, a single Statement object',
      evidence: {
        files: [
          listBuckets([logs()]),
          bucketPolicy(logs(), {
            Version: '2012-10-17',
            Statement: denyHttp('acme-logs', {
              Principal: { AWS: '*' },
              Action: '*',
              Resource: 'arn:aws:s3:::acme-logs*',
              Condition: { Bool: { 'aws:SecureTransport': false } },
            }),
          }),
        ],
      },
    },
    { name: 'no buckets', evidence: { files: [listBuckets([])] } },
  ],
  fail: [
    {
      name: 'no bucket policy',
      evidence: { files: [listBuckets([logs()]), bucketPolicy(logs(), 'not-found')] },
      reason: /bucket acme-logs has no bucket policy, so nothing denies HTTP requests/,
    },
    {
      name: 'a public-read policy without a TLS deny, beside a compliant bucket',
      evidence: {
        files: [
          listBuckets([logs(), site()]),
          bucketPolicy(logs(), policy(denyHttp('acme-logs'))),
          bucketPolicy(site(), policy(publicRead)),
        ],
      },
      reason: /bucket acme-public-website's policy \(1 statement\) has no Deny .* \(required: one\)/,
    },
    {
      name: 'the deny covers the bucket ARN only, not its objects',
      evidence: { files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Resource: 'arn:aws:s3:::acme-logs' })))] },
    },
    {
      name: 'the deny names one principal, not *',
      evidence: {
        files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })))],
      },
    },
    {
      name: 'the deny has aws:SecureTransport true',
      evidence: { files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })))] },
    },
    {
      name: 'a TlsVersion deny below 1.0 only',
      evidence: {
        files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.0' } } })))],
      },
    },
    {
      name: 'the deny covers s3:GetObject only',
      evidence: { files: [listBuckets([logs()]), bucketPolicy(logs(), policy(denyHttp('acme-logs', { Action: 's3:GetObject' })))] },
    },
    {
      name: 'the deny is narrowed by a second condition',
      evidence: {
        files: [
          listBuckets([logs()]),
          bucketPolicy(
            logs(),
            policy(
              denyHttp('acme-logs', {
                Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '444455556666' } },
              }),
            ),
          ),
        ],
      },
    },
    {
      name: 'an Allow on aws:SecureTransport true is not a deny',
      evidence: {
        files: [
          listBuckets([logs()]),
          bucketPolicy(logs(), policy(denyHttp('acme-logs', { Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))),
        ],
      },
    },
  ],
  notEvaluated: [
    {
      name: 'a bucket in a region outside the scan is not collected, never passed',
      evidence: { files: [listBuckets([bucket('acme-archive', 'ap-southeast-2')])] },
      reason: /acme-archive is in ap-southeast-2, outside the regions collected/,
    },
    {
      name: 'a policy that is not JSON',
      evidence: { files: [listBuckets([logs()]), { ...bucketPolicy(logs(), {}), body: { Policy: '{"Statement": [' } }] },
      reason: /GetBucketPolicy of acme-logs could not be read/,
    },
    {
      name: 'a policy whose statement is not an object',
      evidence: { files: [listBuckets([logs()]), { ...bucketPolicy(logs(), {}), body: { Policy: '{"Statement": "Deny"}' } }] },
      reason: /statement 1 is not a JSON object/,
    },
    {
      name: 'a bucket created after collection ended, beside a compliant bucket',
      evidence: {
        files: [
          listBuckets([logs(), { ...site(), CreationDate: '2027-01-01T00:00:00.000Z' }]),
          bucketPolicy(logs(), policy(denyHttp('acme-logs'))),
          bucketPolicy(site(), policy(denyHttp('acme-public-website'))),
        ],
      },
      reason: /CreationDate 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: "one bucket's GetBucketPolicy denied",
      evidence: {
        files: [listBuckets([logs(), site()]), bucketPolicy(logs(), policy(denyHttp('acme-logs')))],
        errors: [callError('s3', 'GetBucketPolicy', 'AccessDenied', 'eu-west-1', { Bucket: 'acme-public-website' })],
      },
      reason: /s3:GetBucketPolicy Bucket=acme-public-website in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
    {
      name: 'ListBuckets denied',
      collectionError: { service: 's3', operation: 'ListBuckets', code: 'AccessDenied' },
      reason: /s3:ListBuckets/,
    },
  ],
});
