import type { DescribeDomainsResponse, DomainStatus, ListDomainNamesResponse } from '@aws-sdk/client-opensearch';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { EvidenceBundle, FileRef } from '../read-bundle.js';
import { batchCallWhere, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** One log type a domain can publish to CloudWatch Logs. */
export interface OpenSearchLog {
  /** `undefined` when the answer omits Enabled or holds something else. */
  enabled: boolean | undefined;
  logGroupArn: string | undefined;
}

/** An OpenSearch Service domain of either engine (OpenSearch or Elasticsearch). */
export interface OpenSearchDomain {
  name: string;
  arn: string;
  /** `OpenSearch` or `Elasticsearch` (from ListDomainNames' EngineType, else from EngineVersion). */
  engine: string | undefined;
  /** `OpenSearch_2.13`, `Elasticsearch_7.10`, … */
  engineVersion: string | undefined;
  /** True while the domain is being deleted. */
  deleted: boolean | undefined;
  /** Every setting below is `undefined` when the answer omits it or holds something else: unknown. */
  encryptedAtRest: boolean | undefined;
  kmsKeyId: string | undefined;
  nodeToNodeEncryption: boolean | undefined;
  /** True when VPCOptions names a VPC or subnets; false when the domain has no VPCOptions (a public endpoint). */
  inVpc: boolean | undefined;
  vpcId: string | undefined;
  enforceHttps: boolean | undefined;
  tlsPolicy: string | undefined;
  /** LogPublishingOptions by log type (`{}` when AWS leaves it out: none); `undefined` when malformed. */
  logs: Record<string, OpenSearchLog> | undefined;
  /** The listing and the DescribeDomains answer this domain was read from. */
  files: FileRef[];
}

/**
 * `es:ListDomainNames` of one region (both engines), each domain typed from the `es:DescribeDomains`
 * batch that named it. A domain whose batch failed, is missing, or does not describe it is set aside
 * as unusable (NOT_EVALUATED for it alone); a failed listing makes the whole region unavailable.
 */
export const openSearchDomains = defineEvidence<OpenSearchDomain[]>({
  name: 'OpenSearch domains',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListDomainNames of ${account}/${region}`;
    const listed = await loadPages<ListDomainNamesResponse>(bundle, {
      account,
      region,
      service: 'opensearch',
      operation: 'ListDomainNames',
    });
    if (!listed.ok) return listed;
    const entries = listed.value.flatMap((page) => listField(page, 'DomainNames'));
    const names = entries.flatMap((e) =>
      typeof e === 'object' && e !== null && typeof e.DomainName === 'string' && e.DomainName !== '' ? [e.DomainName] : [],
    );
    const described = await describeAll(bundle, account, region, names);
    const used = new Set<string>();
    const typed = mapRecords(
      listed,
      () => entries,
      where,
      (entry, index) => {
        const name = typeof entry.DomainName === 'string' && entry.DomainName !== '' ? entry.DomainName : undefined;
        if (!name) throw new UnusableRecordError(`${where}, domain ${index + 1}`, 'lacks DomainName');
        const fallbackArn = `arn:aws:es:${region}:${account}:domain/${name}`;
        const answer = described.get(name);
        if (!answer?.ok)
          throw new UnusableRecordError(
            fallbackArn,
            answer?.reason ?? `es:DescribeDomains of ${name} is not in the bundle (it was not collected)`,
          );
        const status = answer.value.find((s) => typeof s === 'object' && s !== null && s.DomainName === name);
        if (!status) throw new UnusableRecordError(fallbackArn, `es:DescribeDomains did not describe ${name} (deleted during collection?)`);
        for (const file of answer.files) used.add(JSON.stringify(file));
        return typeDomain(status, name, fallbackArn, text(entry.EngineType), [...listed.files, ...answer.files]);
      },
    );
    if (!typed.ok) return typed;
    const files = [...listed.files, ...[...used].map((f) => JSON.parse(f) as FileRef)];
    return { ...typed, files };
  },
});

/** The DomainStatusList of the DescribeDomains call that named each domain, each call loaded once. */
async function describeAll(
  bundle: EvidenceBundle,
  account: string,
  region: string,
  names: readonly string[],
): Promise<Map<string, Evidence<Wire<DomainStatus>[]>>> {
  const operation = { account, region, service: 'opensearch', operation: 'DescribeDomains' };
  const byCall = new Map<string, Promise<Evidence<Wire<DomainStatus>[]>>>();
  const out = new Map<string, Evidence<Wire<DomainStatus>[]>>();
  for (const name of names) {
    const key = batchCallWhere(bundle, operation, 'DomainNames', name);
    const id = JSON.stringify(key.parameters);
    let loaded = byCall.get(id);
    if (!loaded) {
      loaded = loadPages<DescribeDomainsResponse>(bundle, key).then((pages) => {
        if (!pages.ok) return pages;
        try {
          return { ok: true, value: pages.value.flatMap((page) => listField(page, 'DomainStatusList')), files: pages.files };
        } catch (error) {
          return {
            ok: false,
            reason: `es:DescribeDomains could not be read: ${error instanceof Error ? error.message : String(error)}`,
            errors: [],
          };
        }
      });
      byCall.set(id, loaded);
    }
    out.set(name, await loaded);
  }
  return out;
}


function typeDomain(
  s: Wire<DomainStatus>,
  name: string,
  fallbackArn: string,
  listedEngine: string | undefined,
  files: FileRef[],
): OpenSearchDomain {
  const engineVersion = text(s.EngineVersion);
  const vpc = s.VPCOptions as unknown;
  const endpoint = s.DomainEndpointOptions as unknown;
  const atRest = s.EncryptionAtRestOptions as unknown;
  const nodeToNode = s.NodeToNodeEncryptionOptions as unknown;
  return {
    name,
    arn: text(s.ARN) ?? fallbackArn,
    engine: listedEngine ?? /^(OpenSearch|Elasticsearch)_/.exec(engineVersion ?? '')?.[1],
    engineVersion,
    deleted: flag(s.Deleted),
    encryptedAtRest: isObject(atRest) ? flag(atRest.Enabled) : undefined,
    kmsKeyId: isObject(atRest) ? text(atRest.KmsKeyId) : undefined,
    nodeToNodeEncryption: isObject(nodeToNode) ? flag(nodeToNode.Enabled) : undefined,
    inVpc: inVpc(vpc),
    vpcId: isObject(vpc) ? text(vpc.VPCId) : undefined,
    enforceHttps: isObject(endpoint) ? flag(endpoint.EnforceHTTPS) : undefined,
    tlsPolicy: isObject(endpoint) ? text(endpoint.TLSSecurityPolicy) : undefined,
    logs: logsOf(s.LogPublishingOptions),
    files,
  };
}

// AWS leaves VPCOptions out for a domain with a public endpoint.
function inVpc(vpc: unknown): boolean | undefined {
  if (vpc === undefined || vpc === null) return false;
  if (!isObject(vpc)) return undefined;
  const subnets = vpc.SubnetIds;
  return text(vpc.VPCId) !== undefined || (Array.isArray(subnets) && subnets.length > 0);
}

function logsOf(value: unknown): Record<string, OpenSearchLog> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return undefined;
  const logs: Record<string, OpenSearchLog> = {};
  for (const [type, option] of Object.entries(value)) {
    if (!isObject(option)) return undefined;
    logs[type] = { enabled: flag(option.Enabled), logGroupArn: text(option.CloudWatchLogsLogGroupArn) };
  }
  return logs;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
