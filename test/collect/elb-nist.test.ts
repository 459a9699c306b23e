import { describe, expect, it } from 'vitest';
import { classicLoadBalancers, elbv2LoadBalancers } from '../../src/bundle/evidence/elb.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Check } from '../../src/checks/define-check.js';
import accessLogs from '../../src/checks/elb/elb-access-logs-enabled.js';
import albRedirect from '../../src/checks/elb/elb-alb-http-redirects-to-https.js';
import albWaf from '../../src/checks/elb/elb-alb-waf-associated.js';
import classicAcm from '../../src/checks/elb/elb-classic-certificates-from-acm.js';
import classicCrossZone from '../../src/checks/elb/elb-classic-cross-zone-enabled.js';
import classicHttps from '../../src/checks/elb/elb-classic-listeners-https-or-ssl.js';
import deletionProtection from '../../src/checks/elb/elb-deletion-protection-enabled.js';
import v2Acm from '../../src/checks/elb/elb-v2-certificates-from-acm.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import loadBalancing from '../../src/collect/sources/load-balancing.js';
import { ACME } from './helpers/acme.js';
import { serveAcmeElb } from './helpers/acme-elb.js';
import { anyOrder, jsonError, queryError, type FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const ELB_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
const ELBV2_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/';
const WEB = `${LB}app/acme-web/4f2c8e1a9b3d7c05`;
const ADMIN = `${LB}app/acme-admin/b7e19d3c5a2f8e61`;
const MQTT = `${LB}net/acme-mqtt/3a9c5e7b1d2f4a86`;

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(LB, '')}`);
}

describe('load-balancing evidence for the NIST checks', () => {
  it('lists both kinds of load balancers in pages of 400 and asks per load balancer only what the checks read', async () => {
    serveAcmeElb(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: [loadBalancing] });
    expect(result.manifest.errors).toEqual([]);
    const asked = (service: string, operation: string, ...params: string[]) =>
      fake
        .calls(service, operation)
        .map((r) => [r.region, ...params.map((p) => r.params[p] ?? r.body[p])])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(asked('elb', 'DescribeLoadBalancers', 'PageSize', 'Marker')).toEqual([
      ['eu-west-1', '400', undefined],
      ['us-east-1', '400', undefined],
    ]);
    // Page 2 by the NextMarker of page 1; the classic and v2 APIs are told apart by their Version.
    expect(asked('elbv2', 'DescribeLoadBalancers', 'PageSize', 'Marker', 'Version')).toEqual([
      ['eu-west-1', '400', undefined, '2015-12-01'],
      ['us-east-1', '400', 'YWNtZS1hZG1pbg==', '2015-12-01'],
      ['us-east-1', '400', undefined, '2015-12-01'],
    ]);
    expect(asked('elb', 'DescribeLoadBalancerAttributes', 'LoadBalancerName')).toEqual([
      ['us-east-1', 'acme-legacy-web'],
      ['us-east-1', 'acme-partner-api'],
    ]);
    expect(asked('elbv2', 'DescribeLoadBalancerAttributes', 'LoadBalancerArn')).toEqual([
      ['us-east-1', ADMIN],
      ['us-east-1', WEB],
      ['us-east-1', MQTT],
    ]);
    expect(asked('elbv2', 'DescribeListeners', 'LoadBalancerArn', 'PageSize')).toEqual([
      ['us-east-1', ADMIN, '400'],
      ['us-east-1', WEB, '400'],
      ['us-east-1', MQTT, '400'],
    ]);
    // The rules of the HTTP listeners of the ALBs only: not of HTTPS or NLB listeners.
    expect(asked('elbv2', 'DescribeRules', 'ListenerArn')).toEqual([
      ['us-east-1', 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/acme-admin/b7e19d3c5a2f8e61/2c4e6a8b0d1f3a57'],
      ['us-east-1', 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/acme-web/4f2c8e1a9b3d7c05/8e0b2d4f6a1c3e59'],
    ]);
    expect(asked('wafv2', 'GetWebACLForResource', 'ResourceArn')).toEqual([
      ['us-east-1', ADMIN],
      ['us-east-1', WEB],
    ]);
    expect(
      fake.requests
        .filter((r) => ['elb', 'elbv2', 'wafv2'].includes(r.service))
        .map((r) => r.region)
        .sort(),
    ).toEqual([...Array<string>(2).fill('eu-west-1'), ...Array<string>(15).fill('us-east-1')]);
    const paths = result.manifest.files.map((f) => f.path).filter((p) => p.includes('/elb') || p.includes('/wafv2/'));
    expect(paths).toContain('aws/111122223333/us-east-1/elbv2/DescribeLoadBalancers.p0002.json');
    expect(paths).toContain('aws/111122223333/us-east-1/elbv2/DescribeRules/8e0b2d4f6a1c3e59.json');
    expect(paths).toContain('aws/111122223333/us-east-1/wafv2/GetWebACLForResource/b7e19d3c5a2f8e61.json');

    const bundle = await openBundle(result.dir);
    const classic = await classicLoadBalancers.load(bundle, east);
    if (!classic.ok) throw new Error(classic.reason);
    expect(classic.value.map((lb) => [lb.name, lb.listeners.ok && lb.listeners.value, lb.attributes.ok && lb.attributes.value])).toEqual([
      [
        'acme-legacy-web',
        [
          { protocol: 'HTTP', port: 80, certificateId: undefined },
          { protocol: 'HTTPS', port: 443, certificateId: 'arn:aws:iam::111122223333:server-certificate/acme-wildcard-2024' },
        ],
        { crossZone: false, accessLog: { enabled: false, bucket: undefined } },
      ],
      [
        'acme-partner-api',
        [
          {
            protocol: 'SSL',
            port: 443,
            certificateId: 'arn:aws:acm:us-east-1:111122223333:certificate/7e3c9a1f-2b4d-4c6e-8a0f-5d7b9e1c3a2f',
          },
        ],
        { crossZone: true, accessLog: { enabled: true, bucket: 'acme-elb-logs-111122223333' } },
      ],
    ]);
    const v2 = await elbv2LoadBalancers.load(bundle, east);
    if (!v2.ok) throw new Error(v2.reason);
    expect(
      v2.value.map((lb) => [
        lb.name,
        lb.type,
        lb.attributes.ok && lb.attributes.value.get('deletion_protection.enabled'),
        lb.attributes.ok && lb.attributes.value.get('access_logs.s3.bucket'),
        lb.listeners?.ok && lb.listeners.value.map((l) => [l.protocol, l.port, l.rules?.ok && l.rules.value.map((r) => r.priority)]),
        lb.webAcl?.ok && lb.webAcl.value?.name,
      ]),
    ).toEqual([
      [
        'acme-web',
        'application',
        'true',
        'acme-elb-logs-111122223333',
        [
          ['HTTPS', 443, undefined],
          ['HTTP', 80, ['default']],
        ],
        'acme-web-acl',
      ],
      [
        'acme-admin',
        'application',
        'false',
        '',
        [
          ['HTTP', 80, ['10', 'default']],
          ['HTTPS', 8443, undefined],
        ],
        undefined,
      ],
      ['acme-mqtt', 'network', 'true', '', [['TLS', 8883, undefined]], undefined],
    ]);
    expect(v2.value[1]?.webAcl).toMatchObject({ ok: true, value: null });
    expect(await elbv2LoadBalancers.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    const nothingWest = 'PASS 111122223333/eu-west-1';
    const classicArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/${name}`;
    expect(await findings(bundle, classicAcm)).toEqual([
      `FAIL ${classicArn('acme-legacy-web').replace(LB, '')}`,
      'PASS acme-partner-api',
      nothingWest,
    ]);
    expect(await findings(bundle, classicHttps)).toEqual(['FAIL acme-legacy-web', 'PASS acme-partner-api', nothingWest]);
    expect(await findings(bundle, classicCrossZone)).toEqual(['FAIL acme-legacy-web', 'PASS acme-partner-api', nothingWest]);
    expect(await findings(bundle, accessLogs, { s3BucketNames: [] })).toEqual([
      'FAIL acme-legacy-web',
      'PASS acme-partner-api',
      'PASS app/acme-web/4f2c8e1a9b3d7c05',
      'FAIL app/acme-admin/b7e19d3c5a2f8e61',
      nothingWest,
    ]);
    expect(await findings(bundle, deletionProtection)).toEqual([
      'PASS app/acme-web/4f2c8e1a9b3d7c05',
      'FAIL app/acme-admin/b7e19d3c5a2f8e61',
      'PASS net/acme-mqtt/3a9c5e7b1d2f4a86',
      nothingWest,
    ]);
    expect(await findings(bundle, v2Acm, { allowedCertificateArns: [] })).toEqual([
      'PASS app/acme-web/4f2c8e1a9b3d7c05',
      'FAIL app/acme-admin/b7e19d3c5a2f8e61',
      'PASS net/acme-mqtt/3a9c5e7b1d2f4a86',
      nothingWest,
    ]);
    expect(await findings(bundle, albRedirect)).toEqual([
      'PASS app/acme-web/4f2c8e1a9b3d7c05',
      'FAIL app/acme-admin/b7e19d3c5a2f8e61',
      nothingWest,
    ]);
    expect(await findings(bundle, albWaf, { wafWebAclIds: [] })).toEqual([
      'PASS app/acme-web/4f2c8e1a9b3d7c05',
      'FAIL app/acme-admin/b7e19d3c5a2f8e61',
      nothingWest,
    ]);
  });

  it('records denied calls: a denied listing leaves its checks unevaluated in that region, a denied per-resource call only that load balancer', async () => {
    serveAcmeElb(fake);
    fake.on('elb', 'DescribeLoadBalancers', (r) =>
      r.region === 'us-east-1'
        ? queryError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers', 403, ELB_NS)
        : undefined,
    );
    fake.on('elbv2', 'DescribeListeners', (r) =>
      r.params.LoadBalancerArn === ADMIN
        ? queryError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeListeners', 403, ELBV2_NS)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [loadBalancing] });
    expect(result.manifest.errors.map((e) => [e.service, e.operation, e.parameters, e.code])).toEqual([
      ['elb', 'DescribeLoadBalancers', {}, 'AccessDenied'],
      ['elbv2', 'DescribeListeners', { LoadBalancerArn: ADMIN }, 'AccessDenied'],
    ]);
    // No rules are asked for a load balancer whose listeners are unknown.
    expect(anyOrder(fake.calls('elbv2', 'DescribeRules').map((r) => r.params.ListenerArn))).toEqual(anyOrder([
      'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/acme-web/4f2c8e1a9b3d7c05/8e0b2d4f6a1c3e59',
    ]));
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const crossZone = await runCheck(classicCrossZone, east, {}, bundle.collectedAt, cache);
    expect(crossZone.map((f) => [f.status, f.resource])).toEqual([['NOT_EVALUATED', '111122223333/us-east-1']]);
    expect(crossZone[0]?.reason).toMatch(/DescribeLoadBalancers .*AccessDenied/);
    const redirect = await runCheck(albRedirect, east, {}, bundle.collectedAt, cache);
    expect(redirect.map((f) => [f.status, f.resource])).toEqual([
      ['PASS', WEB],
      ['NOT_EVALUATED', ADMIN],
    ]);
    expect(redirect[1]?.reason).toMatch(/acme-admin: elbv2:DescribeListeners .*AccessDenied/);
    // Deletion protection does not read listeners: acme-admin is still decided.
    expect((await runCheck(deletionProtection, east, {}, bundle.collectedAt, cache)).map((f) => f.status)).toEqual([
      'PASS',
      'FAIL',
      'PASS',
    ]);
  });

  it('files "no such load balancer" answers as absence, which leaves only that load balancer unevaluated', async () => {
    serveAcmeElb(fake);
    fake.on('wafv2', 'GetWebACLForResource', (r) =>
      r.body.ResourceArn === ADMIN
        ? jsonError('WAFNonexistentItemException', 'AWS WAF couldn’t perform the operation because your resource doesn’t exist.')
        : undefined,
    );
    fake.on('elb', 'DescribeLoadBalancerAttributes', (r) =>
      r.params.LoadBalancerName === 'acme-legacy-web'
        ? queryError('LoadBalancerNotFound', "There is no ACTIVE Load Balancer named 'acme-legacy-web'", 400, ELB_NS)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [loadBalancing] });
    expect(result.manifest.errors).toEqual([]);
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/${path}`);
    expect(file('wafv2/GetWebACLForResource/b7e19d3c5a2f8e61.json')).toMatchObject({
      status: 'not-found',
      parameters: { ResourceArn: ADMIN },
    });
    expect(file('elb/DescribeLoadBalancerAttributes/acme-legacy-web.json')).toMatchObject({ status: 'not-found' });
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const waf = await runCheck(albWaf, east, { wafWebAclIds: [] }, bundle.collectedAt, cache);
    expect(waf.map((f) => [f.status, f.resource])).toEqual([
      ['PASS', WEB],
      ['NOT_EVALUATED', ADMIN],
    ]);
    expect(waf[1]?.reason).toMatch(/does not exist/);
    const crossZone = await runCheck(classicCrossZone, east, {}, bundle.collectedAt, cache);
    expect(crossZone.map((f) => f.status)).toEqual(['NOT_EVALUATED', 'PASS']);
  });
});
