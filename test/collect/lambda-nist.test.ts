import { describe, expect, it } from 'vitest';
import { lambdaFunctionPolicies, lambdaFunctions } from '../../src/bundle/evidence/lambda.js';
import { secrets } from '../../src/bundle/evidence/secretsmanager.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Check } from '../../src/checks/define-check.js';
import dlqConfigured from '../../src/checks/lambda/lambda-function-dlq-configured.js';
import notPublic from '../../src/checks/lambda/lambda-function-not-public.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import encryptedWithCmk from '../../src/checks/secretsmanager/secretsmanager-secret-encrypted-with-cmk.js';
import rotationEnabled from '../../src/checks/secretsmanager/secretsmanager-secret-rotation-enabled.js';
import kms from '../../src/collect/sources/kms.js';
import lambda from '../../src/collect/sources/lambda.js';
import secretsSource from '../../src/collect/sources/secrets.js';
import { ACME } from './helpers/acme.js';
import { policyFunction, serveAcmeLambda } from './helpers/acme-lambda.js';
import { anyOrder, FakeAws, jsonError, restJson, restJsonError } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const REGIONS = ['us-east-1', 'eu-west-1'];

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:(lambda|secretsmanager):us-east-1:111122223333:/, '')}`);
}

describe('Lambda and Secrets Manager evidence for the NIST checks', () => {
  it('lists functions and secrets per region, asks each function for its policy, and records "no policy" as absence', async () => {
    serveAcmeLambda(fake);
    const result = await collectFrom(fake, { regions: REGIONS, sources: [lambda, secretsSource, kms] });
    expect(result.manifest.errors).toEqual([]);
    expect(
      fake
        .calls('lambda', 'ListFunctions')
        .map((r) => [r.region, r.params.MaxItems, r.params.Marker, r.params.FunctionVersion])
        .sort(),
    ).toEqual([
      ['eu-west-1', '50', undefined, undefined],
      ['us-east-1', '50', undefined, undefined],
    ]);
    // Only us-east-1 has functions; each is asked once, unqualified.
    expect(anyOrder(fake.calls('lambda', 'GetPolicy').map((r) => [r.region, policyFunction(r), r.params.Qualifier]))).toEqual(anyOrder([
      ['us-east-1', 'acme-orders-processor', undefined],
      ['us-east-1', 'acme-thumbnail-generator', undefined],
      ['us-east-1', 'acme-partner-webhook', undefined],
    ]));
    expect(
      fake
        .calls('secretsmanager', 'ListSecrets')
        .map((r) => [r.region, r.body.MaxResults, r.body.NextToken])
        .sort(),
    ).toEqual([
      ['eu-west-1', 100, undefined],
      ['us-east-1', 100, undefined],
    ]);
    // The sample's call count: us-east-1 1 + 3 + 1, eu-west-1 1 + 1.
    expect(fake.calls('lambda').length + fake.calls('secretsmanager').length).toBe(7);
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/lambda/${path}`);
    expect(file('GetPolicy/acme-thumbnail-generator.json')).toMatchObject({
      status: 'not-found',
      parameters: { FunctionName: 'acme-thumbnail-generator' },
    });
    expect(file('GetPolicy/acme-orders-processor.json')?.status).toBe('ok');

    const bundle = await openBundle(result.dir);
    expect(await lambdaFunctions.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        { name: 'acme-orders-processor', deadLetterTarget: 'arn:aws:sqs:us-east-1:111122223333:acme-orders-dlq' },
        { name: 'acme-thumbnail-generator', deadLetterTarget: null },
        { name: 'acme-partner-webhook', deadLetterTarget: 'arn:aws:sns:us-east-1:111122223333:acme-failed-events' },
      ],
    });
    const policies = await lambdaFunctionPolicies.load(bundle, east);
    expect(policies.ok && policies.value.map((p) => [p.fn.name, p.policy.ok && p.policy.value?.Statement.map((s) => s.Sid)])).toEqual([
      ['acme-orders-processor', ['s3-order-uploads']],
      ['acme-thumbnail-generator', undefined],
      ['acme-partner-webhook', ['FunctionURLAllowPublicAccess']],
    ]);
    // JSON 1.1 epoch seconds come back as ISO timestamps; an omitted RotationEnabled or KmsKeyId is read as documented.
    expect(await secrets.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        {
          name: 'acme/prod/orders-db',
          rotationEnabled: true,
          rotationDays: 30,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64',
        },
        { name: 'acme/legacy/partner-api-key', rotationEnabled: false, rotationDays: undefined, kmsKeyId: null },
        {
          name: 'rds!db-6b2f0c1e-8d4a-4f3b-9a7e-2c5d1e0f3a4b',
          rotationEnabled: true,
          rotationDays: 7,
          scheduleExpression: 'rate(7 days)',
          owningService: 'rds',
        },
      ],
    });
    expect(await secrets.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    expect(await findings(bundle, dlqConfigured, { dlqArns: [] })).toEqual([
      'PASS function:acme-orders-processor',
      'FAIL function:acme-thumbnail-generator',
      'PASS function:acme-partner-webhook',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, notPublic)).toEqual([
      'PASS function:acme-orders-processor',
      'PASS function:acme-thumbnail-generator',
      'FAIL function:acme-partner-webhook',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, rotationEnabled, { maxRotationDays: [] })).toEqual([
      'PASS secret:acme/prod/orders-db-Xq3T9p',
      'FAIL secret:acme/legacy/partner-api-key-b7LmQ2',
      'PASS secret:rds!db-6b2f0c1e-8d4a-4f3b-9a7e-2c5d1e0f3a4b-Kp9sWd',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, encryptedWithCmk, { kmsKeyArns: [] })).toEqual([
      'PASS secret:acme/prod/orders-db-Xq3T9p',
      'FAIL secret:acme/legacy/partner-api-key-b7LmQ2',
      'FAIL secret:rds!db-6b2f0c1e-8d4a-4f3b-9a7e-2c5d1e0f3a4b-Kp9sWd',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('follows NextMarker through every ListFunctions page', async () => {
    serveAcmeLambda(fake);
    fake.on('lambda', 'ListFunctions', (r) =>
      r.region === 'us-east-1' ? restJson(`lambda/ListFunctions.paged.p${r.params.Marker ? 2 : 1}.json`) : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [lambda] });
    expect(fake.calls('lambda', 'ListFunctions').map((r) => [r.params.MaxItems, r.params.Marker])).toEqual([
      ['50', undefined],
      ['50', 'YWNtZS10aHVtYm5haWwtZ2VuZXJhdG9y'],
    ]);
    expect(anyOrder(fake.calls('lambda', 'GetPolicy').map(policyFunction))).toEqual(anyOrder([
      'acme-orders-processor',
      'acme-thumbnail-generator',
      'acme-partner-webhook',
    ]));
    const bundle = await openBundle(result.dir);
    const listed = await lambdaFunctions.load(bundle, east);
    expect(listed.ok && listed.value.map((f) => f.name)).toEqual([
      'acme-orders-processor',
      'acme-thumbnail-generator',
      'acme-partner-webhook',
    ]);
  });

  it('records denied listings as failures that make the checks of that region NOT_EVALUATED', async () => {
    serveAcmeLambda(fake);
    fake.on('lambda', 'ListFunctions', (r) =>
      r.region === 'eu-west-1'
        ? restJsonError(
            'AccessDeniedException',
            'User: arn:aws:sts::111122223333:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: lambda:ListFunctions',
            403,
          )
        : undefined,
    );
    fake.on('secretsmanager', 'ListSecrets', (r) =>
      r.region === 'eu-west-1'
        ? jsonError(
            'AccessDeniedException',
            'User: arn:aws:sts::111122223333:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: secretsmanager:ListSecrets',
          )
        : undefined,
    );
    const result = await collectFrom(fake, { regions: REGIONS, sources: [lambda, secretsSource, kms] });
    expect(result.manifest.errors.map((e) => [e.region, e.service, e.operation, e.code]).sort()).toEqual([
      ['eu-west-1', 'lambda', 'ListFunctions', 'AccessDeniedException'],
      ['eu-west-1', 'secretsmanager', 'ListSecrets', 'AccessDeniedException'],
    ]);
    const bundle = await openBundle(result.dir);
    for (const [check, params] of [
      [dlqConfigured, { dlqArns: [] }],
      [notPublic, {}],
      [rotationEnabled, { maxRotationDays: [] }],
      [encryptedWithCmk, { kmsKeyArns: [] }],
    ] as const) {
      const out = await findings(bundle, check, params);
      expect(out).toContain('NOT_EVALUATED 111122223333/eu-west-1');
      expect(out.filter((f) => !f.endsWith('eu-west-1')).length).toBe(3);
    }
  });

  it('records a denied GetPolicy against that function alone', async () => {
    serveAcmeLambda(fake);
    fake.on('lambda', 'GetPolicy', (r) =>
      policyFunction(r) === 'acme-partner-webhook'
        ? restJsonError('AccessDeniedException', 'User is not authorized to perform: lambda:GetPolicy', 403)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [lambda] });
    expect(result.manifest.errors.map((e) => [e.operation, e.parameters, e.code])).toEqual([
      ['GetPolicy', { FunctionName: 'acme-partner-webhook' }, 'AccessDeniedException'],
    ]);
    const bundle = await openBundle(result.dir);
    const out = await runCheck(notPublic, east, {}, bundle.collectedAt, new EvidenceCache(bundle));
    expect(out.map((f) => [f.resource.replace(/^.*:function:/, ''), f.status])).toEqual([
      ['acme-orders-processor', 'PASS'],
      ['acme-thumbnail-generator', 'PASS'],
      ['acme-partner-webhook', 'NOT_EVALUATED'],
    ]);
    expect(out[2]?.reason).toMatch(/lambda:GetPolicy .*AccessDeniedException/);
  });
});
