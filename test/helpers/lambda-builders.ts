import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { Wire } from '../../src/bundle/evidence/wire.js';
import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

/** Builders of raw Lambda, Secrets Manager and KMS evidence files, shaped as the SDK v3 returns them. */

// ---- Lambda ---------------------------------------------------------------------------------

/** A ListFunctions entry for `name` in us-east-1, with a dead-letter queue unless `fields` says otherwise. */
export function lambdaFunction(name: string, fields: Partial<Wire<FunctionConfiguration>> = {}): Wire<FunctionConfiguration> {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${name}`,
    Runtime: 'python3.12',
    Role: `arn:aws:iam::${TEST_ACCOUNT}:role/${name}-role`,
    Handler: 'app.handler',
    LastModified: '2026-08-14T09:21:37.000+0000',
    Version: '$LATEST',
    DeadLetterConfig: { TargetArn: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:${name}-dlq` },
    ...fields,
  };
}

/** A ListFunctions page of one region. */
export function listFunctions(region: string, functions: object[], page?: number): TestFile {
  return { region, service: 'lambda', operation: 'ListFunctions', body: { Functions: functions }, ...(page && page > 1 ? { page } : {}) };
}

/** ListFunctions evidence: these functions in us-east-1, none in eu-west-1. */
export const functions = (...list: object[]): NonNullable<CheckCase['evidence']> => ({
  files: [listFunctions('us-east-1', list), listFunctions('eu-west-1', [])],
});

/** GetPolicy of one function in us-east-1: its policy document, or "has none". */
export function functionPolicy(name: string, policy: object | 'not-found', region = 'us-east-1'): TestFile {
  const base = { region, service: 'lambda', operation: 'GetPolicy', parameters: { FunctionName: name } };
  return policy === 'not-found'
    ? {
        ...base,
        status: 'not-found',
        body: { Error: { Code: 'ResourceNotFoundException', Message: 'The resource you requested does not exist.' } },
      }
    : { ...base, body: { Policy: JSON.stringify(policy), RevisionId: '4b5e1c3a-9f2d-4e8b-a7c6-1d0f3e5b7a92' } };
}

/** A function policy with these statements. */
export function policyOf(...statements: object[]): object {
  return { Version: '2012-10-17', Id: 'default', Statement: statements };
}

/** A statement letting `principal` invoke function `name`, with an optional condition. */
export function invokeStatement(name: string, principal: unknown, condition?: object, sid = 'invoke'): object {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal,
    Action: 'lambda:InvokeFunction',
    Resource: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${name}`,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** Functions in us-east-1 (none in eu-west-1), each with its GetPolicy answer. */
export function functionsWithPolicies(...list: [name: string, policy: object | 'not-found'][]): NonNullable<CheckCase['evidence']> {
  return {
    files: [
      listFunctions(
        'us-east-1',
        list.map(([name]) => lambdaFunction(name)),
      ),
      listFunctions('eu-west-1', []),
      ...list.map(([name, policy]) => functionPolicy(name, policy)),
    ],
  };
}

// ---- Secrets Manager ------------------------------------------------------------------------

/** A ListSecrets entry for `name` in us-east-1: rotating every 30 days, encrypted with a customer managed key. */
export function secret(name: string, fields: Partial<Record<keyof SecretListEntry, unknown>> = {}): Record<string, unknown> {
  return {
    ARN: `arn:aws:secretsmanager:us-east-1:${TEST_ACCOUNT}:secret:${name}-Ab12Cd`,
    Name: name,
    KmsKeyId: `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/${CUSTOMER_KEY}`,
    RotationEnabled: true,
    RotationLambdaARN: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:rotate-${name}`,
    RotationRules: { AutomaticallyAfterDays: 30 },
    LastChangedDate: '2026-09-01T04:00:00.000Z',
    LastRotatedDate: '2026-09-01T04:00:00.000Z',
    CreatedDate: '2025-02-11T13:45:09.000Z',
    SecretVersionsToStages: { 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111': ['AWSCURRENT'] },
    ...fields,
  };
}

/** A ListSecrets page of one region. */
export function listSecrets(region: string, secrets: object[], page?: number): TestFile {
  return {
    region,
    service: 'secretsmanager',
    operation: 'ListSecrets',
    body: { SecretList: secrets },
    ...(page && page > 1 ? { page } : {}),
  };
}

/** ListSecrets evidence: these secrets in us-east-1, none in eu-west-1. */
export const secrets = (...list: object[]): NonNullable<CheckCase['evidence']> => ({
  files: [listSecrets('us-east-1', list), listSecrets('eu-west-1', [])],
});

// ---- KMS ------------------------------------------------------------------------------------

export const CUSTOMER_KEY = '5d8e2f1a-7b3c-4d9e-8f0a-1b2c3d4e5f60';
export const AWS_MANAGED_KEY = '9a7b5c3d-1e2f-4a6b-8c0d-2e4f6a8b0c1d';

/** ListKeys and DescribeKey of us-east-1 for these keys (and an empty ListKeys in eu-west-1). */
export function kmsFiles(keys: { id: string; manager: 'AWS' | 'CUSTOMER' | 'denied' }[]): TestFile[] {
  const arn = (id: string) => `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/${id}`;
  return [
    {
      region: 'us-east-1',
      service: 'kms',
      operation: 'ListKeys',
      body: { Keys: keys.map((k) => ({ KeyId: k.id, KeyArn: arn(k.id) })), Truncated: false },
    },
    { region: 'eu-west-1', service: 'kms', operation: 'ListKeys', body: { Keys: [], Truncated: false } },
    ...keys
      .filter((k) => k.manager !== 'denied')
      .map((k): TestFile => ({
        region: 'us-east-1',
        service: 'kms',
        operation: 'DescribeKey',
        parameters: { KeyId: k.id },
        body: {
          KeyMetadata: {
            AWSAccountId: TEST_ACCOUNT,
            KeyId: k.id,
            Arn: arn(k.id),
            CreationDate: '2024-03-05T10:00:00.000Z',
            Enabled: true,
            KeyUsage: 'ENCRYPT_DECRYPT',
            KeyState: 'Enabled',
            Origin: 'AWS_KMS',
            KeyManager: k.manager,
            KeySpec: 'SYMMETRIC_DEFAULT',
          },
        },
      })),
  ];
}
