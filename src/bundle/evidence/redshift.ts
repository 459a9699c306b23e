import type { Cluster, ClustersMessage, ClusterParameterGroupDetails, LoggingStatus } from '@aws-sdk/client-redshift';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { afterCollection, callWhere, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** A Redshift provisioned cluster, as DescribeClusters lists it. */
export interface RedshiftCluster {
  id: string;
  /** `arn:<partition>:redshift:<region>:<account>:cluster:<id>` (DescribeClusters has no cluster ARN). */
  arn: string;
  nodeType: string | undefined;
  status: string | undefined;
  masterUsername: string | undefined;
  /** `undefined` when the answer omits the field or holds something else: unknown, never read as either value. */
  encrypted: boolean | undefined;
  kmsKeyId: string | undefined;
  publiclyAccessible: boolean | undefined;
  enhancedVpcRouting: boolean | undefined;
  allowVersionUpgrade: boolean | undefined;
  /** Days automated snapshots are kept; 0 means automated snapshots are off. */
  snapshotRetentionDays: number | undefined;
  /** `ddd:hh24:mi-ddd:hh24:mi` as AWS returns it (lower case). */
  maintenanceWindow: string | undefined;
  /** The names of its parameter groups (`[]`: none listed); `undefined` when the list is malformed. */
  parameterGroups: string[] | undefined;
}

/** What DescribeLoggingStatus says about a cluster's audit logging. */
export interface RedshiftLogging {
  /** `undefined` when the answer omits LoggingEnabled or holds something else. */
  enabled: boolean | undefined;
  /** `s3` or `cloudwatch` (absent in older answers: S3). */
  destination: string | undefined;
  bucket: string | undefined;
}

/** A Redshift cluster with the audit logging status from its own DescribeLoggingStatus call. */
export interface RedshiftClusterLogging extends RedshiftCluster {
  logging: Evidence<RedshiftLogging>;
  /** The DescribeClusters pages the cluster was listed in, for findings that also rest on the listing. */
  listingFiles: FileRef[];
}

/** One parameter group of a cluster and its require_ssl value, from DescribeClusterParameters. */
export interface RedshiftParameterGroup {
  name: string;
  /**
   * require_ssl of the group: `true`/`false`; `undefined` when the group's answer does not list
   * require_ssl or holds a value other than true or false.
   */
  requireSsl: boolean | undefined;
  /** The raw ParameterValue, for reasons. */
  rawRequireSsl: string | undefined;
}

/** A Redshift cluster with the parameters of each of its parameter groups. */
export interface RedshiftClusterParameters extends RedshiftCluster {
  /** One entry per parameter group name of the cluster, each from its own (paginated) call. */
  groups: { name: string; parameters: Evidence<RedshiftParameterGroup> }[];
  /** The DescribeClusters pages the cluster was listed in. */
  listingFiles: FileRef[];
}

/**
 * `redshift:DescribeClusters` of one region (every page), typed per cluster: a cluster without
 * ClusterIdentifier, or created after collection ended, is set aside as unusable.
 */
export const redshiftClusters = defineEvidence<RedshiftCluster[]>({
  name: 'Redshift clusters',
  scope: 'region',
  load: (bundle, { account, region }) => loadClusters(bundle, account, region),
});

/**
 * Redshift clusters with `redshift:DescribeLoggingStatus` of each, found by its ClusterIdentifier;
 * a failed or missing call leaves that cluster's logging unavailable, not the others'.
 */
export const redshiftClusterLogging = defineEvidence<RedshiftClusterLogging[]>({
  name: 'Redshift clusters and their audit logging',
  scope: 'region',
  async load(bundle, { account, region }) {
    const clusters = await loadClusters(bundle, account, region);
    if (!clusters.ok) return clusters;
    const value = await Promise.all(
      clusters.value.map(async (cluster): Promise<RedshiftClusterLogging> => ({
        ...cluster,
        logging: await loggingOf(bundle, account, region, cluster.id),
        listingFiles: clusters.files,
      })),
    );
    return { ...clusters, value };
  },
});

/**
 * Redshift clusters with `redshift:DescribeClusterParameters` (every page) of each parameter group
 * they use, found by ParameterGroupName; a group whose call failed is unavailable for its clusters only.
 */
export const redshiftClusterParameters = defineEvidence<RedshiftClusterParameters[]>({
  name: 'Redshift clusters and their parameter groups',
  scope: 'region',
  async load(bundle, { account, region }) {
    const clusters = await loadClusters(bundle, account, region);
    if (!clusters.ok) return clusters;
    const byName = new Map<string, Promise<Evidence<RedshiftParameterGroup>>>();
    const groupOf = (name: string): Promise<Evidence<RedshiftParameterGroup>> => {
      let loaded = byName.get(name);
      if (!loaded) byName.set(name, (loaded = parameterGroupOf(bundle, account, region, name)));
      return loaded;
    };
    const value = await Promise.all(
      clusters.value.map(async (cluster): Promise<RedshiftClusterParameters> => ({
        ...cluster,
        groups: await Promise.all((cluster.parameterGroups ?? []).map(async (name) => ({ name, parameters: await groupOf(name) }))),
        listingFiles: clusters.files,
      })),
    );
    return { ...clusters, value };
  },
});

async function loadClusters(bundle: EvidenceBundle, account: string, region: string): Promise<Evidence<RedshiftCluster[]>> {
  const key: CallKey = { account, region, service: 'redshift', operation: 'DescribeClusters' };
  const where = `DescribeClusters of ${account}/${region}`;
  const warnings: string[] = [];
  const typed = mapRecords(
    await loadPages<ClustersMessage>(bundle, key),
    (pages) => pages.flatMap((page) => listField(page, 'Clusters')),
    where,
    (raw, index) => {
      const cluster = typeCluster(raw, `${where}, cluster ${index + 1}`, account, region);
      const reason = afterCollection(raw.ClusterCreateTime, 'ClusterCreateTime', bundle.collectedAt);
      if (reason) {
        warnings.push(`${cluster.arn}: ${reason}`);
        throw new UnusableRecordError(cluster.arn, reason);
      }
      return cluster;
    },
  );
  return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
}

function typeCluster(c: Wire<Cluster>, where: string, account: string, region: string): RedshiftCluster {
  const id = text(c.ClusterIdentifier);
  if (!id) throw new UnusableRecordError(where, 'lacks ClusterIdentifier');
  // The namespace ARN names the partition (aws-cn, aws-us-gov); the cluster ARN is built from it.
  const partition = /^arn:([^:]+):/.exec(text(c.ClusterNamespaceArn) ?? '')?.[1] ?? 'aws';
  return {
    id,
    arn: `arn:${partition}:redshift:${region}:${account}:cluster:${id}`,
    nodeType: text(c.NodeType),
    status: text(c.ClusterStatus),
    masterUsername: text(c.MasterUsername),
    encrypted: flag(c.Encrypted),
    kmsKeyId: text(c.KmsKeyId),
    publiclyAccessible: flag(c.PubliclyAccessible),
    enhancedVpcRouting: flag(c.EnhancedVpcRouting),
    allowVersionUpgrade: flag(c.AllowVersionUpgrade),
    snapshotRetentionDays:
      typeof c.AutomatedSnapshotRetentionPeriod === 'number' && Number.isInteger(c.AutomatedSnapshotRetentionPeriod)
        ? c.AutomatedSnapshotRetentionPeriod
        : undefined,
    maintenanceWindow: text(c.PreferredMaintenanceWindow),
    parameterGroups: groupNames(c.ClusterParameterGroups),
  };
}

// Absent means none listed; anything but a list of named groups is unreadable, never "none".
function groupNames(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const group of value as unknown[]) {
    const name =
      typeof group === 'object' && group !== null ? text((group as { ParameterGroupName?: unknown }).ParameterGroupName) : undefined;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return [...new Set(names)];
}

async function loggingOf(bundle: EvidenceBundle, account: string, region: string, id: string): Promise<Evidence<RedshiftLogging>> {
  const operation = { account, region, service: 'redshift', operation: 'DescribeLoggingStatus' };
  const loaded = await loadPages<LoggingStatus>(bundle, callWhere(bundle, operation, 'ClusterIdentifier', [id]));
  if (!loaded.ok) return loaded;
  const answer = loaded.value[0];
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
    return { ok: false, reason: `redshift:DescribeLoggingStatus of ${id} could not be read: the answer is not an object`, errors: [] };
  return {
    ok: true,
    value: { enabled: flag(answer.LoggingEnabled), destination: text(answer.LogDestinationType), bucket: text(answer.BucketName) },
    files: loaded.files,
  };
}

async function parameterGroupOf(
  bundle: EvidenceBundle,
  account: string,
  region: string,
  name: string,
): Promise<Evidence<RedshiftParameterGroup>> {
  const operation = { account, region, service: 'redshift', operation: 'DescribeClusterParameters' };
  const loaded = await loadPages<ClusterParameterGroupDetails>(bundle, callWhere(bundle, operation, 'ParameterGroupName', [name]));
  if (!loaded.ok) return loaded;
  try {
    let raw: string | undefined;
    for (const parameter of loaded.value.flatMap((page) => listField(page, 'Parameters'))) {
      if (typeof parameter !== 'object' || parameter === null)
        throw new Error(`Parameters holds ${JSON.stringify(parameter)}, not a parameter`);
      if (parameter.ParameterName !== 'require_ssl') continue;
      raw = typeof parameter.ParameterValue === 'string' ? parameter.ParameterValue : undefined;
    }
    const normalized = raw?.trim().toLowerCase();
    const requireSsl = normalized === 'true' ? true : normalized === 'false' ? false : undefined;
    return { ok: true, value: { name, requireSsl, rawRequireSsl: raw }, files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `redshift:DescribeClusterParameters of ${name} could not be read: ${messageOf(error)}`, errors: [] };
  }
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
