import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence, type UnusableRecord } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { afterCollection, listField, loadOptional, loadPages } from './wire.js';

/** Provisioned read and write capacity units; `undefined` where the answer does not say. */
export interface Throughput {
  read: number | undefined;
  write: number | undefined;
}

/** A global secondary index of a table, from DescribeTable. */
export interface DynamoIndex {
  name: string;
  status: string | undefined;
  throughput: Throughput;
}

/** What DescribeTable says about one table. */
export interface DynamoTableDescription {
  /** CREATING, UPDATING, DELETING, ACTIVE, INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED. */
  status: string | undefined;
  /** PROVISIONED or PAY_PER_REQUEST; AWS leaves BillingModeSummary out for tables never switched, which are PROVISIONED. */
  billingMode: string | undefined;
  throughput: Throughput;
  /**
   * Server-side encryption: `null` when DescribeTable has no SSEDescription (the table is encrypted
   * with an AWS owned key); type and status as stated otherwise.
   */
  sse: { type: string | undefined; status: string | undefined; kmsKeyArn: string | undefined } | null;
  indexes: DynamoIndex[];
}

/** A DynamoDB table listed by ListTables, with its own per-table answers. */
export interface DynamoTable {
  name: string;
  arn: string;
  /** DynamoDB answered that the table does not exist: it was deleted during collection. */
  deleted: boolean;
  description: Evidence<DynamoTableDescription>;
  /** PointInTimeRecoveryStatus (ENABLED, DISABLED) from DescribeContinuousBackups. */
  pitr: Evidence<string>;
  /** Tags from ListTagsOfResource (every page). */
  tags: Evidence<Record<string, string>>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function units(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function object(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function throughputOf(value: unknown): Throughput {
  const t = object(value);
  return { read: units(t?.ReadCapacityUnits), write: units(t?.WriteCapacityUnits) };
}

/** Evidence that is not there, with a reason. */
function missing<T>(reason: string): Evidence<T> {
  return { ok: false, reason, errors: [] };
}

function describeOf(table: Record<string, unknown>, where: string): DynamoTableDescription {
  const summary = table.BillingModeSummary;
  if (summary !== undefined && object(summary) === undefined) throw new Error(`${where}: BillingModeSummary is not an object`);
  const sseRaw = table.SSEDescription;
  const sse = object(sseRaw);
  if (sseRaw !== undefined && sseRaw !== null && sse === undefined) throw new Error(`${where}: SSEDescription is not an object`);
  const indexes = listField(table as { GlobalSecondaryIndexes?: unknown[] }, 'GlobalSecondaryIndexes').map((raw, i) => {
    const index = object(raw);
    const name = text(index?.IndexName);
    if (!index || !name) throw new Error(`${where}: global secondary index ${i + 1} has no IndexName`);
    return { name, status: text(index.IndexStatus), throughput: throughputOf(index.ProvisionedThroughput) };
  });
  return {
    status: text(table.TableStatus),
    billingMode: summary === undefined ? 'PROVISIONED' : text(object(summary)?.BillingMode),
    throughput: throughputOf(table.ProvisionedThroughput),
    sse: sse === undefined ? null : { type: text(sse.SSEType), status: text(sse.Status), kmsKeyArn: text(sse.KMSMasterKeyArn) },
    indexes,
  };
}

/**
 * `dynamodb:ListTables` of one region (every page), with each table's `DescribeTable`,
 * `DescribeContinuousBackups` and `ListTagsOfResource`. A failed per-table call leaves that part of
 * the table unavailable (NOT_EVALUATED for it alone); a table created after collection ended is set
 * aside as unusable.
 */
export const dynamodbTables = defineEvidence<DynamoTable[]>({
  name: 'DynamoDB tables',
  scope: 'region',
  async load(bundle, { account, region }) {
    const base = { account, region, service: 'dynamodb' };
    const listed = await loadPages<{ TableNames?: unknown[] }>(bundle, { ...base, operation: 'ListTables' });
    if (!listed.ok) return listed;
    const where = `ListTables of ${account}/${region}`;
    const names: string[] = [];
    const unusable: UnusableRecord[] = [];
    try {
      listed.value
        .flatMap((page) => listField(page, 'TableNames'))
        .forEach((name, i) => {
          if (typeof name === 'string' && name !== '') names.push(name);
          else unusable.push({ resource: `${where}, record ${i + 1}`, reason: `is ${JSON.stringify(name)}, not a table name` });
        });
    } catch (error) {
      return { ok: false, reason: `${where} could not be read: ${messageOf(error)}`, errors: [] };
    }
    const tables: DynamoTable[] = [];
    const files: FileRef[] = [...listed.files];
    for (const name of [...new Set(names)]) {
      try {
        tables.push(await loadTable(bundle, base, name, account, region));
      } catch (error) {
        if (!(error instanceof UnusableRecordError)) throw error;
        unusable.push({ resource: error.resource, reason: error.reason });
      }
    }
    return { ok: true, value: tables, files, unusable };
  },
});

async function loadTable(
  bundle: EvidenceBundle,
  base: Omit<CallKey, 'operation'>,
  name: string,
  account: string,
  region: string,
): Promise<DynamoTable> {
  const derivedArn = `arn:aws:dynamodb:${region}:${account}:table/${name}`;
  const describeKey: CallKey = { ...base, operation: 'DescribeTable', parameters: { TableName: name } };
  const loaded = await loadOptional<{ Table?: Record<string, unknown> }>(bundle, describeKey);
  let arn = derivedArn;
  let deleted = false;
  let description: Evidence<DynamoTableDescription>;
  if (!loaded.ok) description = loaded;
  else if (loaded.value === undefined) {
    deleted = true;
    description = missing(`DescribeTable answered that table ${name} does not exist (deleted during collection)`);
  } else {
    const table = object(loaded.value.Table);
    arn = text(table?.TableArn) ?? derivedArn;
    const late = afterCollection(table?.CreationDateTime, 'CreationDateTime', bundle.collectedAt);
    if (late) throw new UnusableRecordError(arn, late);
    try {
      if (!table) throw new Error('the answer has no Table');
      description = { ok: true, value: describeOf(table, `DescribeTable of ${name}`), files: loaded.files };
    } catch (error) {
      description = missing(`dynamodb:DescribeTable of ${name} could not be read: ${messageOf(error)}`);
    }
  }
  return {
    name,
    arn,
    deleted,
    description,
    pitr: await loadPitr(bundle, { ...base, operation: 'DescribeContinuousBackups', parameters: { TableName: name } }, name),
    tags: deleted
      ? missing(`table ${name} was deleted during collection`)
      : await loadTags(bundle, { ...base, operation: 'ListTagsOfResource', parameters: { ResourceArn: arn } }, name),
  };
}

async function loadPitr(bundle: EvidenceBundle, key: CallKey, name: string): Promise<Evidence<string>> {
  const loaded = await loadOptional<{ ContinuousBackupsDescription?: unknown }>(bundle, key);
  if (!loaded.ok) return loaded;
  if (loaded.value === undefined)
    return missing(`DescribeContinuousBackups answered that table ${name} does not exist (deleted during collection)`);
  const status = text(object(object(loaded.value.ContinuousBackupsDescription)?.PointInTimeRecoveryDescription)?.PointInTimeRecoveryStatus);
  if (status === undefined) return missing(`DescribeContinuousBackups of ${name} shows no PointInTimeRecoveryStatus`);
  return { ok: true, value: status, files: loaded.files };
}

async function loadTags(bundle: EvidenceBundle, key: CallKey, name: string): Promise<Evidence<Record<string, string>>> {
  const loaded = await loadPages<{ Tags?: unknown[] }>(bundle, key);
  if (!loaded.ok) return loaded;
  try {
    const tags: Record<string, string> = {};
    for (const tag of loaded.value.flatMap((page) => listField(page, 'Tags'))) {
      const t = object(tag);
      if (!t || typeof t.Key !== 'string' || typeof t.Value !== 'string')
        throw new Error(`a tag is ${JSON.stringify(tag)?.slice(0, 60)}, not a Key and Value`);
      tags[t.Key] = t.Value;
    }
    return { ok: true, value: tags, files: loaded.files };
  } catch (error) {
    return missing(`dynamodb:ListTagsOfResource of ${name} could not be read: ${messageOf(error)}`);
  }
}

/** The account's provisioned-capacity quotas in one region, from DescribeLimits. */
export interface DynamoLimits {
  accountMaxRead: number | undefined;
  accountMaxWrite: number | undefined;
}

/** `dynamodb:DescribeLimits` of one region. */
export const dynamodbLimits = defineEvidence<DynamoLimits>({
  name: 'DynamoDB account limits',
  scope: 'region',
  async load(bundle, { account, region }) {
    const loaded = await loadPages<Record<string, unknown>>(bundle, { account, region, service: 'dynamodb', operation: 'DescribeLimits' });
    if (!loaded.ok) return loaded;
    const page = loaded.value[0];
    return {
      ...loaded,
      value: { accountMaxRead: units(page?.AccountMaxReadCapacityUnits), accountMaxWrite: units(page?.AccountMaxWriteCapacityUnits) },
    };
  },
});

/** One Application Auto Scaling target or policy of the dynamodb namespace. */
export interface ScalingEntry {
  /** `table/<name>` or `table/<name>/index/<index>`. */
  resourceId: string;
  /** `dynamodb:table:ReadCapacityUnits`, `dynamodb:index:WriteCapacityUnits`, … */
  dimension: string;
  /** The policy's name; `undefined` for a scalable target. */
  policyName?: string;
}

/** Scalable targets and scaling policies of the dynamodb namespace in one region. */
export interface DynamoScaling {
  targets: ScalingEntry[];
  policies: ScalingEntry[];
}

/**
 * `application-autoscaling:DescribeScalableTargets` and `DescribeScalingPolicies` with
 * ServiceNamespace dynamodb (every page). A record without ResourceId or ScalableDimension is unusable.
 */
export const dynamodbScaling = defineEvidence<DynamoScaling>({
  name: 'DynamoDB auto scaling',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key = (operation: string): CallKey => ({
      account,
      region,
      service: 'applicationautoscaling',
      operation,
      parameters: { ServiceNamespace: 'dynamodb' },
    });
    const targets = await loadPages<{ ScalableTargets?: unknown[] }>(bundle, key('DescribeScalableTargets'));
    if (!targets.ok) return targets;
    const policies = await loadPages<{ ScalingPolicies?: unknown[] }>(bundle, key('DescribeScalingPolicies'));
    if (!policies.ok) return policies;
    const unusable: UnusableRecord[] = [];
    const entries = (records: unknown[], where: string, policy: boolean): ScalingEntry[] =>
      records.flatMap((raw, i) => {
        const r = object(raw);
        const resourceId = text(r?.ResourceId);
        const dimension = text(r?.ScalableDimension);
        if (!resourceId || !dimension) {
          unusable.push({ resource: `${where} of ${account}/${region}, record ${i + 1}`, reason: 'lacks ResourceId or ScalableDimension' });
          return [];
        }
        return [policy ? { resourceId, dimension, policyName: text(r?.PolicyName) ?? '(unnamed)' } : { resourceId, dimension }];
      });
    try {
      return {
        ok: true,
        value: {
          targets: entries(
            targets.value.flatMap((p) => listField(p, 'ScalableTargets')),
            'DescribeScalableTargets',
            false,
          ),
          policies: entries(
            policies.value.flatMap((p) => listField(p, 'ScalingPolicies')),
            'DescribeScalingPolicies',
            true,
          ),
        },
        files: [...targets.files, ...policies.files],
        unusable,
      };
    } catch (error) {
      return missing(`DynamoDB auto scaling of ${account}/${region} could not be read: ${messageOf(error)}`);
    }
  },
});
