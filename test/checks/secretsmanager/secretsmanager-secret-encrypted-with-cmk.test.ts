import check from '../../../src/checks/secretsmanager/secretsmanager-secret-encrypted-with-cmk.js';
import { callError } from '../../helpers/aws-builders.js';
import { AWS_MANAGED_KEY, CUSTOMER_KEY, kmsFiles, listSecrets, secret } from '../../helpers/lambda-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const keyArn = (id: string, account = '111122223333') => `arn:aws:kms:us-east-1:${account}:key/${id}`;
const KEYS = kmsFiles([
  { id: CUSTOMER_KEY, manager: 'CUSTOMER' },
  { id: AWS_MANAGED_KEY, manager: 'AWS' },
]);
const withKeys = (...list: object[]) => ({ files: [listSecrets('us-east-1', list), listSecrets('eu-west-1', []), ...KEYS] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { kmsKeyArns: [] },
  pass: [
    {
      name: 'secret encrypted with a customer managed key of this account',
      evidence: withKeys(secret('orders-db')),
      reason: /secret orders-db is encrypted with the customer managed key arn:aws:kms:us-east-1:111122223333:key\/5d8e2f1a/,
    },
    {
      name: 'key of another account (never an AWS managed key), KMS of this account unknown',
      evidence: {
        files: [
          listSecrets('us-east-1', [secret('orders-db', { KmsKeyId: keyArn(CUSTOMER_KEY, '444455556666') })]),
          listSecrets('eu-west-1', []),
        ],
      },
      reason: /a key of account 444455556666/,
    },
    {
      name: 'customer alias',
      evidence: withKeys(secret('orders-db', { KmsKeyId: 'alias/acme-secrets' })),
      reason: /customer alias alias\/acme-secrets/,
    },
    {
      name: 'key listed in kmsKeyArns (comma-separated)',
      evidence: withKeys(secret('orders-db')),
      params: { kmsKeyArns: [`${keyArn('0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64')}, ${keyArn(CUSTOMER_KEY)}`] },
      reason: /required: one of/,
    },
    { name: 'no secrets', evidence: withKeys() },
  ],
  fail: [
    {
      name: 'KmsKeyId omitted (aws/secretsmanager) beside a secret with a customer managed key',
      evidence: withKeys(secret('orders-db'), secret('legacy-api-key', { KmsKeyId: undefined })),
      reason:
        /secret legacy-api-key is encrypted with the AWS managed key aws\/secretsmanager \(no KmsKeyId\) \(required: a customer managed key\)/,
    },
    {
      name: 'KmsKeyId omitted while KMS is unknown: no KMS needed to fail it',
      evidence: { files: [listSecrets('us-east-1', [secret('legacy-api-key', { KmsKeyId: undefined })]), listSecrets('eu-west-1', [])] },
      reason: /aws\/secretsmanager/,
    },
    {
      name: 'alias/aws/secretsmanager',
      evidence: withKeys(secret('orders-db', { KmsKeyId: 'alias/aws/secretsmanager' })),
      reason: /AWS managed key alias\/aws\/secretsmanager/,
    },
    {
      name: 'alias ARN of aws/secretsmanager',
      evidence: withKeys(secret('orders-db', { KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager' })),
    },
    {
      name: 'the ARN of the AWS managed key (DescribeKey: KeyManager AWS)',
      evidence: withKeys(secret('orders-db', { KmsKeyId: keyArn(AWS_MANAGED_KEY) })),
      reason: /an AWS managed key/,
    },
    {
      name: 'customer managed key not in kmsKeyArns',
      evidence: withKeys(secret('orders-db')),
      params: { kmsKeyArns: [keyArn('0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64')] },
      reason:
        /encrypted with arn:aws:kms:us-east-1:111122223333:key\/5d8e2f1a.* \(required: one of arn:aws:kms:us-east-1:111122223333:key\/0b7d2e4c/,
    },
  ],
  notEvaluated: [
    {
      name: 'key of this account while kms:ListKeys was denied',
      evidence: {
        files: [listSecrets('us-east-1', [secret('orders-db')]), listSecrets('eu-west-1', [])],
        errors: [callError('kms', 'ListKeys', 'AccessDeniedException', 'us-east-1')],
      },
      reason: /whose key manager is unknown \(kms:ListKeys in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
    {
      name: 'key that ListKeys does not list',
      evidence: withKeys(secret('orders-db', { KmsKeyId: keyArn('1e1e1e1e-2f2f-4a4a-8b8b-3c3c3c3c3c3c') })),
      reason: /which kms:ListKeys of us-east-1 does not list/,
    },
    {
      name: 'DescribeKey of the key denied',
      evidence: {
        files: [
          listSecrets('us-east-1', [secret('orders-db')]),
          listSecrets('eu-west-1', []),
          ...kmsFiles([{ id: CUSTOMER_KEY, manager: 'denied' }]),
        ],
        errors: [callError('kms', 'DescribeKey', 'AccessDeniedException', 'us-east-1', { KeyId: CUSTOMER_KEY })],
      },
      reason: /whose key manager is unknown/,
    },
    { name: 'KmsKeyId that is a number', evidence: withKeys(secret('orders-db', { KmsKeyId: 42 })), reason: /KmsKeyId that is not text/ },
    {
      name: 'ListSecrets denied in eu-west-1',
      evidence: { files: [listSecrets('us-east-1', [secret('orders-db')]), ...KEYS] },
      collectionError: { service: 'secretsmanager', operation: 'ListSecrets', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /secretsmanager:ListSecrets in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
