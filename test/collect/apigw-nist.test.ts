import { describe, expect, it } from 'vitest';
import { acmCertificates } from '../../src/bundle/evidence/acm.js';
import { restApiStages } from '../../src/bundle/evidence/apigateway.js';
import { snsTopics } from '../../src/bundle/evidence/sns.js';
import { webAcls } from '../../src/bundle/evidence/wafv2.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import certificateNotExpiring from '../../src/checks/acm/acm-certificate-not-expiring.js';
import cacheEncrypted from '../../src/checks/apigateway/apigateway-stage-cache-enabled-encrypted.js';
import clientCertificate from '../../src/checks/apigateway/apigateway-stage-client-certificate-configured.js';
import executionLogging from '../../src/checks/apigateway/apigateway-stage-execution-logging-enabled.js';
import wafAssociated from '../../src/checks/apigateway/apigateway-stage-waf-associated.js';
import type { Check } from '../../src/checks/define-check.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import topicEncrypted from '../../src/checks/sns/sns-topic-kms-encrypted.js';
import webAclLogging from '../../src/checks/wafv2/wafv2-web-acl-logging-enabled.js';
import apiGateway from '../../src/collect/sources/api-gateway.js';
import certificates from '../../src/collect/sources/certificates.js';
import snsTopicsSource from '../../src/collect/sources/sns-topics.js';
import webAclsSource from '../../src/collect/sources/web-acls.js';
import { ACME } from './helpers/acme.js';
import { serveAcmeApigw } from './helpers/acme-apigw.js';
import { anyOrder, FakeAws, json, jsonError, queryError, restJsonError } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const SOURCES = [apiGateway, webAclsSource, certificates, snsTopicsSource];
const SERVICES = ['apigateway', 'wafv2', 'acm', 'sns'];
const KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'];

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:[a-z0-9]+:us-east-1:(111122223333)?:?/, '')}`);
}

describe('API Gateway, WAFv2, ACM and SNS evidence for the NIST checks', () => {
  it('makes the sample company’s calls and evaluates every check from them', async () => {
    serveAcmeApigw(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: SOURCES });
    expect(result.manifest.errors).toEqual([]);
    const ours = fake.requests.filter((r) => SERVICES.includes(r.service));
    expect(ours.filter((r) => r.region === 'us-east-1')).toHaveLength(11);
    expect(ours.filter((r) => r.region === 'eu-west-1')).toHaveLength(4);

    expect(
      fake
        .calls('apigateway', 'GetRestApis')
        .map((r) => [r.region, r.params.limit])
        .sort(),
    ).toEqual([
      ['eu-west-1', '500'],
      ['us-east-1', '500'],
    ]);
    expect(anyOrder(fake.calls('apigateway', 'GetStages').map((r) => [r.region, r.params.path]))).toEqual(anyOrder([
      ['us-east-1', '/restapis/a1b2c3d4e5/stages'],
    ]));
    // CloudFront web ACLs are asked for in us-east-1 only.
    expect(
      fake
        .calls('wafv2', 'ListWebACLs')
        .map((r) => [r.region, r.body.Scope, r.body.Limit])
        .sort(),
    ).toEqual([
      ['eu-west-1', 'REGIONAL', 100],
      ['us-east-1', 'CLOUDFRONT', 100],
      ['us-east-1', 'REGIONAL', 100],
    ]);
    expect(anyOrder(fake.calls('wafv2', 'GetLoggingConfiguration').map((r) => r.body.ResourceArn))).toEqual(anyOrder([
      'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/acme-web-acl/5e7a9c1b-3d2f-4a6b-8c0e-2f4a6b8d0c1e',
      'arn:aws:wafv2:us-east-1:111122223333:global/webacl/acme-cdn/7b9d1f3a-2c4e-4a6b-8d0f-1e3a5c7b9d2f',
    ]));
    // Every key type, or ListCertificates would hide the ECDSA certificate legacy.acme.example.
    for (const r of fake.calls('acm', 'ListCertificates')) expect(r.body).toEqual({ Includes: { keyTypes: KEY_TYPES }, MaxItems: 1000 });
    // Only the certificate whose summary lacks NotAfter is described.
    expect(anyOrder(fake.calls('acm', 'DescribeCertificate').map((r) => r.body.CertificateArn))).toEqual(anyOrder([
      'arn:aws:acm:us-east-1:111122223333:certificate/2b6e0a4c-8d1f-4b3e-a5c7-9e1f3a5b7d0c',
    ]));
    expect(anyOrder(fake.calls('sns', 'GetTopicAttributes').map((r) => r.params.TopicArn))).toEqual(anyOrder([
      'arn:aws:sns:us-east-1:111122223333:acme-order-events',
      'arn:aws:sns:us-east-1:111122223333:security-alerts',
    ]));

    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/${path}`);
    expect(file('wafv2/GetLoggingConfiguration/7b9d1f3a-2c4e-4a6b-8d0f-1e3a5c7b9d2f.json')).toMatchObject({
      status: 'not-found',
      parameters: { ResourceArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/acme-cdn/7b9d1f3a-2c4e-4a6b-8d0f-1e3a5c7b9d2f' },
    });
    expect(file('wafv2/ListWebACLs/CLOUDFRONT.json')?.parameters).toEqual({ Scope: 'CLOUDFRONT' });
    expect(file('acm/ListCertificates.json')?.parameters).toEqual({ Includes: { keyTypes: KEY_TYPES } });
    expect(file('apigateway/GetStages/a1b2c3d4e5.json')?.parameters).toEqual({ restApiId: 'a1b2c3d4e5' });

    const bundle = await openBundle(result.dir);
    const apis = await restApiStages.load(bundle, east);
    if (!apis.ok) throw new Error(apis.reason);
    const stages = apis.value[0]?.stages;
    expect(
      stages?.ok &&
        stages.value.map((s) => [s.name, s.cacheClusterEnabled, s.methodSettings?.['*/*']?.loggingLevel, s.clientCertificateId]),
    ).toEqual([
      ['dev', false, undefined, undefined],
      ['prod', true, 'ERROR', 'c9d8e7'],
    ]);
    const certs = await acmCertificates.load(bundle, east);
    expect(certs.ok && certs.value.map((c) => [c.domainName, c.type, c.expiry.ok && c.expiry.value?.notAfter?.toISOString()])).toEqual([
      ['api.acme.example', 'AMAZON_ISSUED', '2027-04-08T23:59:59.000Z'],
      ['legacy.acme.example', 'IMPORTED', '2026-11-14T12:00:00.000Z'],
      ['shop.acme.example', 'AMAZON_ISSUED', undefined],
    ]);
    expect(await webAcls.load(bundle, west)).toMatchObject({ ok: true, value: [] });
    expect(await snsTopics.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    const stage = (name: string) => `/restapis/a1b2c3d4e5/stages/${name}`;
    const westPass = 'PASS 111122223333/eu-west-1';
    for (const check of [wafAssociated, clientCertificate, cacheEncrypted]) {
      expect(await findings(bundle, check)).toEqual([`FAIL ${stage('dev')}`, `PASS ${stage('prod')}`, westPass]);
    }
    expect(await findings(bundle, executionLogging, { loggingLevels: ['ERROR', 'INFO'] })).toEqual([
      `FAIL ${stage('dev')}`,
      `PASS ${stage('prod')}`,
      westPass,
    ]);
    expect(await findings(bundle, webAclLogging)).toEqual([
      'PASS regional/webacl/acme-web-acl/5e7a9c1b-3d2f-4a6b-8c0e-2f4a6b8d0c1e',
      'FAIL global/webacl/acme-cdn/7b9d1f3a-2c4e-4a6b-8d0f-1e3a5c7b9d2f',
      westPass,
    ]);
    // Collected "now": the sample's certificates are judged against the real clock's collection time.
    const certFindings = await findings(bundle, certificateNotExpiring, { daysToExpiration: 90 });
    expect(certFindings.filter((f) => f.includes('legacy') || f.includes('9c3d7e1f'))).toEqual([
      'FAIL certificate/9c3d7e1f-2a4b-4c6d-8e0f-3a5b7c9d1e2f',
    ]);
    expect(certFindings).toHaveLength(3);
    expect(await findings(bundle, topicEncrypted)).toEqual(['PASS acme-order-events', 'FAIL security-alerts', westPass]);
  });

  it('follows NextMarker through the pages of ListWebACLs', async () => {
    serveAcmeApigw(fake);
    fake.on('wafv2', 'ListWebACLs', (r) =>
      r.region === 'us-east-1' && r.body.Scope === 'REGIONAL'
        ? json(r.body.NextMarker ? 'wafv2/ListWebACLs.empty.json' : 'wafv2/ListWebACLs.REGIONAL.p1.json')
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [webAclsSource] });
    expect(
      fake
        .calls('wafv2', 'ListWebACLs')
        .filter((r) => r.body.Scope === 'REGIONAL')
        .map((r) => r.body.NextMarker),
    ).toEqual([undefined, 'acme-web-acl']);
    expect(result.manifest.files.filter((f) => f.operation === 'ListWebACLs').map((f) => f.path)).toEqual([
      'aws/111122223333/us-east-1/wafv2/ListWebACLs/CLOUDFRONT.json',
      'aws/111122223333/us-east-1/wafv2/ListWebACLs/REGIONAL.json',
      'aws/111122223333/us-east-1/wafv2/ListWebACLs/REGIONAL.p0002.json',
    ]);
    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, webAclLogging)).toContain('PASS regional/webacl/acme-web-acl/5e7a9c1b-3d2f-4a6b-8c0e-2f4a6b8d0c1e');
  });

  it('records denied calls as failures: a denied listing makes the region NOT_EVALUATED, a denied per-resource call that resource alone', async () => {
    serveAcmeApigw(fake);
    fake.on('acm', 'ListCertificates', (r) =>
      r.region === 'eu-west-1' ? jsonError('AccessDeniedException', 'User is not authorized to perform: acm:ListCertificates') : undefined,
    );
    fake.on('sns', 'GetTopicAttributes', (r) =>
      r.params.TopicArn?.endsWith(':security-alerts')
        ? queryError(
            'AuthorizationError',
            'User is not authorized to perform: SNS:GetTopicAttributes',
            403,
            'http://sns.amazonaws.com/doc/2010-03-31/',
          )
        : undefined,
    );
    fake.on('apigateway', 'GetStages', restJsonError('AccessDeniedException', 'User is not authorized to access this resource', 403));
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: SOURCES });
    expect(result.manifest.errors.map((e) => [e.region, e.operation, e.code]).sort()).toEqual([
      ['eu-west-1', 'ListCertificates', 'AccessDeniedException'],
      ['us-east-1', 'GetStages', 'AccessDeniedException'],
      ['us-east-1', 'GetTopicAttributes', 'AuthorizationError'],
    ]);
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const certWest = await runCheck(certificateNotExpiring, west, { daysToExpiration: 90 }, bundle.collectedAt, cache);
    expect(certWest).toMatchObject([{ status: 'NOT_EVALUATED', resource: '111122223333/eu-west-1' }]);
    expect(certWest[0]?.reason).toMatch(/acm:ListCertificates .*AccessDeniedException/);
    expect(await findings(bundle, topicEncrypted)).toEqual([
      'PASS acme-order-events',
      'NOT_EVALUATED security-alerts',
      'PASS 111122223333/eu-west-1',
    ]);
    const waf = await runCheck(wafAssociated, east, {}, bundle.collectedAt, cache);
    expect(waf).toMatchObject([{ status: 'NOT_EVALUATED', resource: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5' }]);
    expect(waf[0]?.reason).toMatch(/apigateway:GetStages .*AccessDeniedException/);
  });
});
