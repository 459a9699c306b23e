import check from '../../../src/checks/secretsmanager/secretsmanager-secret-rotation-enabled.js';
import { listSecrets, secret, secrets } from '../../helpers/lambda-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxRotationDays: [] },
  pass: [
    {
      name: 'rotating secret, no limit',
      evidence: secrets(secret('orders-db')),
      reason: /secret orders-db rotates automatically every 30 days \(required: rotation enabled\)/,
    },
    {
      name: 'rotating every 90 days, limit 90 (exactly at)',
      evidence: secrets(secret('orders-db', { RotationRules: { AutomaticallyAfterDays: 90 } })),
      params: { maxRotationDays: [90] },
      reason: /every 90 days \(required: rotation enabled, at most every 90 days\)/,
    },
    {
      name: 'rotating every 89 days, limit 90 (one under)',
      evidence: secrets(secret('orders-db', { RotationRules: { AutomaticallyAfterDays: 89 } })),
      params: { maxRotationDays: [90] },
    },
    {
      name: 'schedule rate(4 hours) without AutomaticallyAfterDays, limit 1',
      evidence: secrets(secret('orders-db', { RotationRules: { ScheduleExpression: 'rate(4 hours)', Duration: '1h' } })),
      params: { maxRotationDays: [1] },
      reason: /every 4 hours/,
    },
    {
      name: 'RDS-managed secret with rotation on',
      evidence: secrets(secret('rds!db-1a2b3c', { OwningService: 'rds', RotationRules: { AutomaticallyAfterDays: 7 } })),
      reason: /managed by rds/,
    },
    {
      name: 'secret without Name: the name comes from ARN',
      evidence: secrets({ ...secret('orders-db'), Name: undefined }),
      reason: /secret orders-db rotates/,
    },
    {
      name: 'secrets across two ListSecrets pages',
      evidence: {
        files: [listSecrets('us-east-1', [secret('a')], 1), listSecrets('us-east-1', [secret('b')], 2), listSecrets('eu-west-1', [])],
      },
      reason: /secret b rotates/,
    },
    { name: 'no secrets', evidence: secrets() },
  ],
  fail: [
    {
      name: 'RotationEnabled false beside a rotating secret',
      evidence: secrets(secret('orders-db'), secret('legacy-api-key', { RotationEnabled: false, RotationRules: undefined })),
      reason: /secret legacy-api-key has automatic rotation off \(required: rotation enabled\)/,
    },
    {
      name: 'RotationEnabled absent (never set to rotate)',
      evidence: secrets(secret('legacy-api-key', { RotationEnabled: undefined, RotationRules: undefined, RotationLambdaARN: undefined })),
      reason: /rotation off/,
    },
    {
      name: 'rotating every 91 days, limit 90 (one over)',
      evidence: secrets(secret('orders-db', { RotationRules: { AutomaticallyAfterDays: 91 } })),
      params: { maxRotationDays: [90] },
      reason: /every 91 days \(required: rotation enabled, at most every 90 days\)/,
    },
    {
      name: 'the smallest of several limits applies',
      evidence: secrets(secret('orders-db', { RotationRules: { AutomaticallyAfterDays: 60 } })),
      params: { maxRotationDays: [90, 30] },
      reason: /at most every 30 days/,
    },
  ],
  notEvaluated: [
    {
      name: 'RotationEnabled that is a string',
      evidence: secrets(secret('orders-db', { RotationEnabled: 'true' })),
      reason: /RotationEnabled that is not true or false/,
    },
    {
      name: 'cron schedule without AutomaticallyAfterDays, with a limit',
      evidence: secrets(secret('orders-db', { RotationRules: { ScheduleExpression: 'cron(0 16 1,15 * ? *)' } })),
      params: { maxRotationDays: [90] },
      reason: /interval is unknown \(schedule cron\(0 16 1,15 \* \? \*\)/,
    },
    {
      name: 'secret created after collection ended',
      evidence: secrets(secret('orders-db', { CreatedDate: '2027-01-01T00:00:00.000Z' })),
      reason: /CreatedDate 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'secret without ARN, beside a compliant one',
      evidence: secrets(secret('orders-db'), { ...secret('ghost'), ARN: undefined }),
      reason: /lacks ARN/,
    },
    {
      name: 'ListSecrets denied in eu-west-1',
      evidence: { files: [listSecrets('us-east-1', [secret('orders-db')])] },
      collectionError: { service: 'secretsmanager', operation: 'ListSecrets', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /secretsmanager:ListSecrets in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
