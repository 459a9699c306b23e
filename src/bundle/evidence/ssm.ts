import type {
  DescribeDocumentPermissionResponse,
  DescribeInstanceInformationResult,
  ListDocumentsResult,
  ListResourceComplianceSummariesResult,
} from '@aws-sdk/client-ssm';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { afterCollection, callWhere, listField, loadPages, mapEvidence, mapRecords } from './wire.js';

/** The partition of a region's ARNs. */
function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The ARN findings name a managed node by: an EC2 instance (`i-…`) by its instance ARN, so that
 * SSM findings sit beside the EC2 ones; a hybrid node (`mi-…`) by its SSM managed-instance ARN.
 */
export function managedNodeArn(region: string, account: string, id: string): string {
  return id.startsWith('i-')
    ? `arn:${partition(region)}:ec2:${region}:${account}:instance/${id}`
    : `arn:${partition(region)}:ssm:${region}:${account}:managed-instance/${id}`;
}

// ---- Managed nodes ------------------------------------------------------------------------------

/** A node SSM manages (an EC2 instance or a hybrid `mi-` node), as DescribeInstanceInformation lists it. */
export interface SsmManagedNode {
  /** The instance id (`i-…`) or managed-instance id (`mi-…`). */
  id: string;
  arn: string;
  /** `Online`, `ConnectionLost`, `Inactive`; `undefined` when missing or not text. */
  pingStatus: string | undefined;
  /** `EC2Instance`, `ManagedInstance`; `undefined` when missing. */
  resourceType: string | undefined;
  /** When the agent last reported (ISO 8601); `undefined` when missing. */
  lastPing: string | undefined;
  agentVersion: string | undefined;
}

/** The managed nodes of a region, and how many records of the listing could not be read. */
export interface SsmManagedNodes {
  nodes: SsmManagedNode[];
  /** Records set aside as unusable: an instance missing from `nodes` may be one of them. */
  unreadable: number;
}

/**
 * `ssm:DescribeInstanceInformation` of one region (no filters, every page), typed per node; a
 * record without InstanceId, or whose LastPingDateTime lies after collection ended, is unusable.
 */
export const ssmManagedNodes = defineEvidence<SsmManagedNodes>({
  name: 'SSM managed nodes',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ssm', operation: 'DescribeInstanceInformation' };
    const where = `DescribeInstanceInformation of ${account}/${region}`;
    const typed = mapRecords(
      await loadPages<DescribeInstanceInformationResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'InstanceInformationList')),
      where,
      (node, index): SsmManagedNode => {
        const id = text(node.InstanceId);
        if (!id) throw new UnusableRecordError(`${where}, node ${index + 1}`, 'lacks InstanceId');
        const arn = managedNodeArn(region, account, id);
        const reason = afterCollection(node.LastPingDateTime, 'LastPingDateTime', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return {
          id,
          arn,
          pingStatus: text(node.PingStatus),
          resourceType: text(node.ResourceType),
          lastPing: text(node.LastPingDateTime),
          agentVersion: text(node.AgentVersion),
        };
      },
    );
    return mapEvidence(typed, (nodes) => ({ nodes, unreadable: typed.ok ? (typed.unusable?.length ?? 0) : 0 }));
  },
});

// ---- Compliance summaries -----------------------------------------------------------------------

/** One resource's compliance of one type (Association, Patch, Custom:…), as SSM summarises it. */
export interface SsmComplianceSummary {
  resourceId: string;
  /** See {@link managedNodeArn}. */
  resourceArn: string;
  /** `ManagedInstance`; `undefined` when missing. */
  resourceType: string | undefined;
  /** `Association`, `Patch`, or a custom type. */
  complianceType: string;
  /** `COMPLIANT` or `NON_COMPLIANT`; `undefined` when missing or not text (unknown, never either). */
  status: string | undefined;
  /** The highest severity among the non-compliant items (CRITICAL … UNSPECIFIED). */
  severity: string | undefined;
  /** How many items are non-compliant; `undefined` when the answer does not say. */
  nonCompliantCount: number | undefined;
  /** When the association ran or the patch scan happened (ISO 8601). */
  executedAt: string | undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * `ssm:ListResourceComplianceSummaries` of one region (no filters: every compliance type, every
 * page), typed per summary; one without ResourceId or ComplianceType, or executed after collection
 * ended, is unusable.
 */
export const ssmComplianceSummaries = defineEvidence<SsmComplianceSummary[]>({
  name: 'SSM compliance summaries',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ssm', operation: 'ListResourceComplianceSummaries' };
    const where = `ListResourceComplianceSummaries of ${account}/${region}`;
    return mapRecords(
      await loadPages<ListResourceComplianceSummariesResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'ResourceComplianceSummaryItems')),
      where,
      (item, index): SsmComplianceSummary => {
        const resourceId = text(item.ResourceId);
        if (!resourceId) throw new UnusableRecordError(`${where}, summary ${index + 1}`, 'lacks ResourceId');
        const resourceArn = managedNodeArn(region, account, resourceId);
        const complianceType = text(item.ComplianceType);
        if (!complianceType) throw new UnusableRecordError(resourceArn, `a compliance summary of ${resourceId} lacks ComplianceType`);
        const executedAt = item.ExecutionSummary?.ExecutionTime;
        const reason = afterCollection(executedAt, `${complianceType} ExecutionTime`, bundle.collectedAt);
        if (reason) throw new UnusableRecordError(resourceArn, reason);
        return {
          resourceId,
          resourceArn,
          resourceType: text(item.ResourceType),
          complianceType,
          status: text(item.Status),
          severity: text(item.OverallSeverity),
          nonCompliantCount: count(item.NonCompliantSummary?.NonCompliantCount),
          executedAt: text(executedAt),
        };
      },
    );
  },
});

// ---- Documents ----------------------------------------------------------------------------------

/** An SSM document the account owns, with the accounts it is shared with. */
export interface SsmDocument {
  name: string;
  arn: string;
  /** Command, Automation, Session, …; `undefined` when missing. */
  documentType: string | undefined;
  /**
   * The accounts it is shared with (`all`: public), from its own DescribeDocumentPermission call
   * (every page): AccountIds and the AccountId of each AccountSharingInfoList entry.
   */
  sharedWith: Evidence<string[]>;
}

/**
 * `ssm:ListDocuments` with the Owner=Self filter (every page), typed per document, with
 * `ssm:DescribeDocumentPermission` (PermissionType Share) of each; a document without Name, or
 * created after collection ended, is unusable.
 */
export const ssmDocuments = defineEvidence<SsmDocument[]>({
  name: 'SSM documents owned by the account',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = {
      account,
      region,
      service: 'ssm',
      operation: 'ListDocuments',
      // The Owner=Self filter, as the collector records it.
      parameters: { Owner: 'Self' },
    };
    const where = `ListDocuments (Owner=Self) of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListDocumentsResult>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'DocumentIdentifiers')),
      where,
      (doc, index) => {
        const name = text(doc.Name);
        if (!name) throw new UnusableRecordError(`${where}, document ${index + 1}`, 'lacks Name');
        const arn = `arn:${partition(region)}:ssm:${region}:${account}:document/${name}`;
        const reason = afterCollection(doc.CreatedDate, 'CreatedDate', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return { name, arn, documentType: text(doc.DocumentType) };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (doc): Promise<SsmDocument> => ({ ...doc, sharedWith: await sharingOf(bundle, account, region, doc.name) })),
    );
    return { ...listed, value };
  },
});

/** The accounts one document is shared with, from every page of its DescribeDocumentPermission call. */
async function sharingOf(bundle: EvidenceBundle, account: string, region: string, name: string): Promise<Evidence<string[]>> {
  const key = callWhere(bundle, { account, region, service: 'ssm', operation: 'DescribeDocumentPermission' }, 'Name', [name]);
  const loaded = await loadPages<DescribeDocumentPermissionResponse>(bundle, key);
  if (!loaded.ok) return loaded;
  try {
    const accounts: string[] = [];
    for (const page of loaded.value) {
      if (typeof page !== 'object' || page === null || Array.isArray(page)) throw new Error('the answer is not an object');
      for (const id of listField(page, 'AccountIds')) {
        if (typeof id !== 'string') throw new Error(`AccountIds holds ${JSON.stringify(id)}, not an account id or "all"`);
        accounts.push(id);
      }
      for (const info of listField(page, 'AccountSharingInfoList')) {
        const id: unknown = (info as { AccountId?: unknown } | null)?.AccountId;
        if (typeof id !== 'string') throw new Error(`AccountSharingInfoList holds an entry without an AccountId`);
        accounts.push(id);
      }
    }
    return { ok: true, value: [...new Set(accounts)], files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `ssm:DescribeDocumentPermission of ${name} could not be read: ${messageOf(error)}`, errors: [] };
  }
}
