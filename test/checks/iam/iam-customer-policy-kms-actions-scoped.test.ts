import check from '../../../src/checks/iam/iam-customer-policy-kms-actions-scoped.js';
import { authorizationDetails, managedPolicyDetail, policyArn } from '../../helpers/aws-builders.js';
import { withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const custom = policyArn('kms-use');
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const one = (statements: unknown[]) => ({
  files: [authorizationDetails({ policies: [managedPolicyDetail(custom, statements as object[], 0)] })],
});
const allow = (Action: unknown, Resource: unknown = '*', extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  // As the NIST pack sets it: one CSV string.
  params: { blockedActionsPatterns: ['kms:*, kms:Decrypt, kms:ReEncrypt*'] },
  pass: [
    {
      name: 'kms:Decrypt on one fixed key ARN',
      evidence: one([allow(['kms:Decrypt', 'kms:GenerateDataKey'], KEY)]),
      reason: /customer-managed policy kms-use \(v1\) allows none of kms:\*, kms:Decrypt, kms:ReEncrypt\* on all KMS keys/,
    },
    { name: 'kms:DescribeKey and kms:ListAliases on "*" (not blocked)', evidence: one([allow(['kms:DescribeKey', 'kms:ListAliases'])]) },
    { name: 'kms:ReEncryptFrom alone does not allow all of kms:ReEncrypt*', evidence: one([allow('kms:ReEncryptFrom')]) },
    { name: 'Deny kms:* on "*"', evidence: one([{ Effect: 'Deny', Action: 'kms:*', Resource: '*' }]) },
    { name: 'kms:* on an S3 wildcard ARN names no KMS key', evidence: one([allow('kms:*', 'arn:aws:s3:::b/*')]) },
    {
      name: 'Allow NotAction kms:* on "*" excludes the KMS actions',
      evidence: one([{ Effect: 'Allow', NotAction: 'kms:*', Resource: '*' }]),
    },
    {
      name: 'AWS-managed policies are out of scope',
      evidence: {
        files: [
          authorizationDetails({ policies: [managedPolicyDetail(policyArn('AWSKeyManagementServicePowerUser', true), [allow('kms:*')])] }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'kms:Decrypt on "*"',
      evidence: one([{ Sid: 'DecryptAll', ...allow('kms:Decrypt') }]),
      reason:
        /kms-use \(v1\) allows kms:Decrypt on "\*" in statement DecryptAll \(limit: none of kms:\*, kms:Decrypt, kms:ReEncrypt\* allowed/,
    },
    {
      name: 'kms:* on "*" allows every blocked pattern',
      evidence: one([allow('kms:*')]),
      reason: /allows kms:\*, kms:Decrypt, kms:ReEncrypt\* on "\*"/,
    },
    { name: 'Action "*" on "*"', evidence: one([allow('*')]), reason: /allows kms:\*, kms:Decrypt/ },
    { name: 'kms:ReEncrypt* on "*"', evidence: one([allow('kms:ReEncrypt*')]), reason: /allows kms:ReEncrypt\* on "\*"/ },
    { name: 'lower-case kms:decrypt', evidence: one([allow('kms:decrypt')]), reason: /allows kms:Decrypt/ },
    {
      name: 'kms:Decrypt on every key of the account',
      evidence: one([allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*')]),
      reason: /on "arn:aws:kms:\*:111122223333:key\/\*"/,
    },
    {
      name: 'kms:Decrypt on a key named by a policy variable',
      evidence: one([allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/key}')]),
    },
    {
      name: 'kms:Decrypt with NotResource',
      evidence: one([{ Effect: 'Allow', Action: 'kms:Decrypt', NotResource: KEY }]),
      reason: /on NotResource/,
    },
    {
      name: 'Allow NotAction iam:* on "*" allows the KMS actions',
      evidence: one([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
    },
    {
      name: 'a Condition does not scope the grant (not evaluated by the rule)',
      evidence: one([allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } })]),
    },
    {
      name: 'pattern list given entry by entry',
      params: { blockedActionsPatterns: ['kms:Decrypt'] },
      evidence: one([allow(['kms:Decrypt'], ['arn:aws:kms:*'])]),
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'a Resource that is an object',
      evidence: one([allow('kms:Decrypt', { key: KEY })]),
      reason: /statement 1's Resource is .* not text or a list of text/,
    },
    {
      name: 'default version missing from PolicyVersionList',
      evidence: { files: [authorizationDetails({ policies: [withFields(managedPolicyDetail(custom, []), { PolicyVersionList: [] })] })] },
      reason: /no document for its default version v1/,
    },
  ],
});
