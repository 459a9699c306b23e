import { restJson, restRoute, xml, type FakeAws, type WireRequest } from './fake-aws.js';

restRoute('GET', /^\/2021-01-01\/domain$/, 'ListDomainNames');
restRoute('POST', /^\/2021-01-01\/opensearch\/domain-info$/, 'DescribeDomains');

const isEast = (r: WireRequest) => r.region === 'us-east-1';

/** The names a DescribeDomains request asks for, joined by "." as the wire files are named. */
const domainNames = (r: WireRequest): string => (Array.isArray(r.body.DomainNames) ? r.body.DomainNames.map(String).join('.') : '');

/**
 * Serves the sample company's Redshift clusters and OpenSearch domains. us-east-1: DescribeClusters
 * in two pages, acme-warehouse (encrypted with a KMS key, private, enhanced VPC routing, version
 * upgrades, 7 days of snapshots, audit logging to S3, parameter group acme-redshift-secure with
 * require_ssl true) and acme-bi-sandbox (unencrypted, public, master user awsuser, snapshots and
 * logging off, no upgrades, default.redshift-1.0 with require_ssl false); OpenSearch domain
 * acme-logs (VPC, encrypted, HTTPS with TLS 1.2, error logs to CloudWatch Logs) and Elasticsearch
 * domain acme-search-legacy (public, unencrypted, plain HTTP allowed, no logs). eu-west-1: none.
 */
export function serveAcmeRedshift(fake: FakeAws): void {
  fake.on('redshift', 'DescribeClusters', (r) =>
    xml(`redshift/DescribeClusters.${isEast(r) ? `us-east-1.p${r.params.Marker ? 2 : 1}` : 'empty'}.xml`),
  );
  fake.on('redshift', 'DescribeLoggingStatus', (r) => xml(`redshift/DescribeLoggingStatus.${r.params.ClusterIdentifier ?? ''}.xml`));
  fake.on('redshift', 'DescribeClusterParameters', (r) =>
    xml(`redshift/DescribeClusterParameters.${r.params.ParameterGroupName ?? ''}.xml`),
  );
  fake.on('opensearch', 'ListDomainNames', (r) => restJson(`opensearch/ListDomainNames.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('opensearch', 'DescribeDomains', (r) => restJson(`opensearch/DescribeDomains.${domainNames(r)}.json`));
}
