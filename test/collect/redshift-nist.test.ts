import { describe, expect, it } from 'vitest';
import { openSearchDomains } from '../../src/bundle/evidence/opensearch.js';
import { redshiftClusterLogging, redshiftClusterParameters, redshiftClusters } from '../../src/bundle/evidence/redshift.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Check } from '../../src/checks/define-check.js';
import domainEncrypted from '../../src/checks/opensearch/opensearch-domain-encrypted-at-rest.js';
import domainHttps from '../../src/checks/opensearch/opensearch-domain-https-required.js';
import domainInVpc from '../../src/checks/opensearch/opensearch-domain-in-vpc.js';
import domainLogs from '../../src/checks/opensearch/opensearch-domain-logs-to-cloudwatch.js';
import domainNodeToNode from '../../src/checks/opensearch/opensearch-domain-node-to-node-encryption-enabled.js';
import adminName from '../../src/checks/redshift/redshift-cluster-admin-username-not-default.js';
import snapshots from '../../src/checks/redshift/redshift-cluster-automated-snapshots-enabled.js';
import encryptedLogged from '../../src/checks/redshift/redshift-cluster-encrypted-and-audit-logged.js';
import vpcRouting from '../../src/checks/redshift/redshift-cluster-enhanced-vpc-routing-enabled.js';
import kmsEncrypted from '../../src/checks/redshift/redshift-cluster-kms-encrypted.js';
import maintenance from '../../src/checks/redshift/redshift-cluster-maintenance-settings-configured.js';
import notPublic from '../../src/checks/redshift/redshift-cluster-not-publicly-accessible.js';
import sslRequired from '../../src/checks/redshift/redshift-cluster-ssl-required.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import opensearch from '../../src/collect/sources/opensearch.js';
import redshift from '../../src/collect/sources/redshift.js';
import { ACME } from './helpers/acme.js';
import { serveAcmeRedshift } from './helpers/acme-redshift.js';
import { FakeAws, queryError, restJsonError, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const REDSHIFT_NS = 'http://redshift.amazonaws.com/doc/2012-12-01/';
const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const sources = [redshift, opensearch];

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:(redshift|es):us-east-1:111122223333:/, '')}`);
}

// The pack's parameter values (scripts/gen-nist-catalog.mjs).
const PACK: [Check, Record<string, unknown>][] = [
  [snapshots, { minRetentionDays: 1, maxRetentionDays: 35 }],
  [encryptedLogged, { clusterDbEncrypted: true, loggingEnabled: true, nodeTypes: [] }],
  [kmsEncrypted, { kmsKeyArns: [] }],
  [maintenance, { allowVersionUpgrade: true, preferredMaintenanceWindow: '', minSnapshotRetentionDays: 1 }],
  [notPublic, {}],
  [adminName, { allowedUsernames: [] }],
  [vpcRouting, {}],
  [sslRequired, {}],
];
const DOMAIN_PACK: [Check, Record<string, unknown>][] = [
  [domainEncrypted, {}],
  [domainInVpc, {}],
  [domainLogs, { logTypes: [] }],
  [domainNodeToNode, {}],
  [domainHttps, { tlsPolicies: [] }],
];

describe('Redshift and OpenSearch evidence for the NIST checks', () => {
  it('collects the sample company: clusters in two pages, logging per cluster, parameters per group, domains in one batch', async () => {
    serveAcmeRedshift(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources });
    expect(result.manifest.errors).toEqual([]);
    const asked = (service: string, operation: string, pick: (r: WireRequest) => unknown[]) =>
      fake
        .calls(service, operation)
        .map((r) => [r.region, ...pick(r)])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(asked('redshift', 'DescribeClusters', (r) => [r.params.MaxRecords, r.params.Marker])).toEqual([
      ['eu-west-1', '100', undefined],
      ['us-east-1', '100', 'YWNtZS13YXJlaG91c2U='],
      ['us-east-1', '100', undefined],
    ]);
    expect(asked('redshift', 'DescribeLoggingStatus', (r) => [r.params.ClusterIdentifier])).toEqual([
      ['us-east-1', 'acme-bi-sandbox'],
      ['us-east-1', 'acme-warehouse'],
    ]);
    expect(asked('redshift', 'DescribeClusterParameters', (r) => [r.params.ParameterGroupName, r.params.MaxRecords])).toEqual([
      ['us-east-1', 'acme-redshift-secure', '100'],
      ['us-east-1', 'default.redshift-1.0', '100'],
    ]);
    expect(asked('opensearch', 'ListDomainNames', (r) => [r.params.engineType])).toEqual([
      ['eu-west-1', undefined],
      ['us-east-1', undefined],
    ]);
    expect(asked('opensearch', 'DescribeDomains', (r) => [r.body.DomainNames])).toEqual([
      ['us-east-1', ['acme-logs', 'acme-search-legacy']],
    ]);
    // The sample's documented call count: 8 in us-east-1, 2 in eu-west-1.
    const mine = fake.requests.filter((r) => r.service === 'redshift' || r.service === 'opensearch');
    expect([mine.filter((r) => r.region === 'us-east-1').length, mine.filter((r) => r.region === 'eu-west-1').length]).toEqual([8, 2]);
    const paths = result.manifest.files.map((f) => f.path).filter((p) => /\/(redshift|opensearch)\//.test(p));
    expect(paths.filter((p) => p.includes('/us-east-1/')).sort()).toEqual([
      'aws/111122223333/us-east-1/opensearch/DescribeDomains/acme-logs%2Cacme-search-legacy.json',
      'aws/111122223333/us-east-1/opensearch/ListDomainNames.json',
      'aws/111122223333/us-east-1/redshift/DescribeClusterParameters/acme-redshift-secure.json',
      'aws/111122223333/us-east-1/redshift/DescribeClusterParameters/default.redshift-1.0.json',
      'aws/111122223333/us-east-1/redshift/DescribeClusters.json',
      'aws/111122223333/us-east-1/redshift/DescribeClusters.p0002.json',
      'aws/111122223333/us-east-1/redshift/DescribeLoggingStatus/acme-bi-sandbox.json',
      'aws/111122223333/us-east-1/redshift/DescribeLoggingStatus/acme-warehouse.json',
    ]);

    const bundle = await openBundle(result.dir);
    expect(await redshiftClusters.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        {
          id: 'acme-warehouse',
          arn: 'arn:aws:redshift:us-east-1:111122223333:cluster:acme-warehouse',
          nodeType: 'ra3.xlplus',
          encrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/3f6a9c2e-1b4d-4e8f-a7c5-9d0b2e4f6a81',
          publiclyAccessible: false,
          enhancedVpcRouting: true,
          allowVersionUpgrade: true,
          snapshotRetentionDays: 7,
          maintenanceWindow: 'sun:05:00-sun:05:30',
          masterUsername: 'warehouse_admin',
          parameterGroups: ['acme-redshift-secure'],
        },
        {
          id: 'acme-bi-sandbox',
          encrypted: false,
          kmsKeyId: undefined,
          publiclyAccessible: true,
          snapshotRetentionDays: 0,
          masterUsername: 'awsuser',
        },
      ],
    });
    const logging = await redshiftClusterLogging.load(bundle, east);
    expect(logging.ok && logging.value.map((c) => [c.id, c.logging.ok && c.logging.value])).toEqual([
      ['acme-warehouse', { enabled: true, destination: 's3', bucket: 'acme-redshift-audit-111122223333' }],
      ['acme-bi-sandbox', { enabled: false, destination: undefined, bucket: undefined }],
    ]);
    const parameters = await redshiftClusterParameters.load(bundle, east);
    expect(
      parameters.ok && parameters.value.map((c) => c.groups.map((g) => [g.name, g.parameters.ok && g.parameters.value.requireSsl])),
    ).toEqual([[['acme-redshift-secure', true]], [['default.redshift-1.0', false]]]);
    const domains = await openSearchDomains.load(bundle, east);
    expect(domains).toMatchObject({
      ok: true,
      value: [
        {
          name: 'acme-logs',
          engine: 'OpenSearch',
          inVpc: true,
          vpcId: 'vpc-0f1e2d3c4b5a69788',
          encryptedAtRest: true,
          nodeToNodeEncryption: true,
          enforceHttps: true,
        },
        {
          name: 'acme-search-legacy',
          engine: 'Elasticsearch',
          inVpc: false,
          encryptedAtRest: false,
          nodeToNodeEncryption: false,
          enforceHttps: false,
          logs: {},
        },
      ],
    });
    expect(await openSearchDomains.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    for (const [check, params] of PACK) {
      expect(await findings(bundle, check, params), check.id).toEqual([
        'PASS cluster:acme-warehouse',
        'FAIL cluster:acme-bi-sandbox',
        'PASS 111122223333/eu-west-1',
      ]);
    }
    for (const [check, params] of DOMAIN_PACK) {
      expect(await findings(bundle, check, params), check.id).toEqual([
        'PASS domain/acme-logs',
        'FAIL domain/acme-search-legacy',
        'PASS 111122223333/eu-west-1',
      ]);
    }
  });

  it('records denied calls: a denied listing leaves the region unevaluated, a denied per-cluster call only that cluster', async () => {
    serveAcmeRedshift(fake);
    fake.on('redshift', 'DescribeClusters', (r) =>
      r.region === 'eu-west-1'
        ? queryError('AccessDenied', 'User is not authorized to perform: redshift:DescribeClusters', 403, REDSHIFT_NS)
        : undefined,
    );
    fake.on('redshift', 'DescribeLoggingStatus', (r) =>
      r.params.ClusterIdentifier === 'acme-bi-sandbox'
        ? queryError('AccessDenied', 'User is not authorized to perform: redshift:DescribeLoggingStatus', 403, REDSHIFT_NS)
        : undefined,
    );
    fake.on('opensearch', 'ListDomainNames', (r) =>
      r.region === 'eu-west-1'
        ? restJsonError('AccessDeniedException', 'User is not authorized to perform: es:ListDomainNames', 403)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources });
    expect(result.manifest.errors.map((e) => [e.region, e.service, e.operation, e.parameters, e.code]).sort()).toEqual([
      ['eu-west-1', 'opensearch', 'ListDomainNames', {}, 'AccessDeniedException'],
      ['eu-west-1', 'redshift', 'DescribeClusters', {}, 'AccessDenied'],
      ['us-east-1', 'redshift', 'DescribeLoggingStatus', { ClusterIdentifier: 'acme-bi-sandbox' }, 'AccessDenied'],
    ]);
    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, encryptedLogged, { clusterDbEncrypted: false, loggingEnabled: true, nodeTypes: [] })).toEqual([
      'PASS cluster:acme-warehouse',
      'NOT_EVALUATED cluster:acme-bi-sandbox',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    // Unencrypted is a FAIL whatever the unknown logging says.
    expect(await findings(bundle, encryptedLogged, PACK[1]?.[1])).toContain('FAIL cluster:acme-bi-sandbox');
    expect(await findings(bundle, notPublic)).toEqual([
      'PASS cluster:acme-warehouse',
      'FAIL cluster:acme-bi-sandbox',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    const cache = new EvidenceCache(bundle);
    const sandbox = (
      await runCheck(encryptedLogged, east, { clusterDbEncrypted: false, loggingEnabled: true, nodeTypes: [] }, bundle.collectedAt, cache)
    ).find((f) => f.resource.endsWith(':acme-bi-sandbox'));
    expect(sandbox?.reason).toMatch(/redshift:DescribeLoggingStatus .*AccessDenied/);
    expect(await findings(bundle, domainInVpc)).toEqual([
      'PASS domain/acme-logs',
      'FAIL domain/acme-search-legacy',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
  });

  it('records "not found" answers of per-resource calls as absence, not as errors', async () => {
    serveAcmeRedshift(fake);
    // acme-bi-sandbox was deleted, with its parameter group, between the listing and its own calls.
    fake.on('redshift', 'DescribeLoggingStatus', (r) =>
      r.params.ClusterIdentifier === 'acme-bi-sandbox'
        ? queryError('ClusterNotFound', 'Cluster acme-bi-sandbox not found.', 404, REDSHIFT_NS)
        : undefined,
    );
    fake.on('redshift', 'DescribeClusterParameters', (r) =>
      r.params.ParameterGroupName === 'default.redshift-1.0'
        ? queryError('ClusterParameterGroupNotFound', 'The parameter group default.redshift-1.0 was not found.', 404, REDSHIFT_NS)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources });
    expect(result.manifest.errors).toEqual([]);
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/redshift/${path}`);
    expect(file('DescribeLoggingStatus/acme-bi-sandbox.json')).toMatchObject({
      status: 'not-found',
      parameters: { ClusterIdentifier: 'acme-bi-sandbox' },
    });
    expect(file('DescribeClusterParameters/default.redshift-1.0.json')).toMatchObject({
      status: 'not-found',
      parameters: { ParameterGroupName: 'default.redshift-1.0' },
    });
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const ssl = await runCheck(sslRequired, east, {}, bundle.collectedAt, cache);
    expect(ssl.map((f) => [f.status, f.resource.split(':').pop()])).toEqual([
      ['PASS', 'acme-warehouse'],
      ['NOT_EVALUATED', 'acme-bi-sandbox'],
    ]);
    expect(ssl[1]?.reason).toMatch(/does not exist/);
  });

  it('describes more than five domains in batches of at most five', async () => {
    serveAcmeRedshift(fake);
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'].map((n) => `acme-${n}`);
    fake.on('opensearch', 'ListDomainNames', (r) =>
      r.region === 'us-east-1'
        ? {
            body: JSON.stringify({ DomainNames: [...names].reverse().map((DomainName) => ({ DomainName, EngineType: 'OpenSearch' })) }),
            contentType: 'application/json',
          }
        : undefined,
    );
    fake.on('opensearch', 'DescribeDomains', (r) => {
      const asked = Array.isArray(r.body.DomainNames) ? r.body.DomainNames.map(String) : [];
      const status = (DomainName: string) => ({
        DomainId: `111122223333/${DomainName}`,
        DomainName,
        ARN: `arn:aws:es:us-east-1:111122223333:domain/${DomainName}`,
        Created: true,
        Deleted: false,
        EngineVersion: 'OpenSearch_2.13',
        ClusterConfig: { InstanceType: 't3.small.search', InstanceCount: 1 },
        EncryptionAtRestOptions: { Enabled: DomainName !== 'acme-a7' },
      });
      return { body: JSON.stringify({ DomainStatusList: asked.map(status) }), contentType: 'application/json' };
    });
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [opensearch] });
    expect(fake.calls('opensearch', 'DescribeDomains').map((r) => r.body.DomainNames)).toEqual([names.slice(0, 5), names.slice(5)]);
    const bundle = await openBundle(result.dir);
    const out = await runCheck(domainEncrypted, east, {}, bundle.collectedAt, new EvidenceCache(bundle));
    // Findings come in listing order (here the reverse of the names).
    expect(out.map((f) => `${f.status} ${f.resource.split('/').pop() ?? ''}`)).toEqual([
      'FAIL acme-a7',
      ...names
        .slice(0, 6)
        .reverse()
        .map((n) => `PASS ${n}`),
    ]);
    expect(out[0]?.evidence.map((f) => f.path)).toEqual([
      'aws/111122223333/us-east-1/opensearch/ListDomainNames.json',
      'aws/111122223333/us-east-1/opensearch/DescribeDomains/acme-a6%2Cacme-a7.json',
    ]);
  });
});
