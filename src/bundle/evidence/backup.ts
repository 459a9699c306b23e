import { messageOf } from '../../shared/errors.js';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey, FileRef } from '../read-bundle.js';
import { callWhere, listField, loadOptional, loadPages } from './wire.js';

/** One tag test of a backup selection: a tag key and the value (pattern for the Like operators). */
export interface TagTest {
  key: string;
  value: string;
}

/** The resource assignment of one AWS Backup selection, from GetBackupSelection. */
export interface BackupSelection {
  planId: string;
  planName: string;
  selectionId: string;
  selectionName: string;
  /** ARNs or ARN patterns (`*` matches any run of characters). */
  resources: string[];
  notResources: string[];
  /** STRINGEQUALS tag tests, any of which selects (OR). */
  listOfTags: TagTest[];
  /** Conditions, all of which must hold (AND). */
  conditions: { stringEquals: TagTest[]; stringNotEquals: TagTest[]; stringLike: TagTest[]; stringNotLike: TagTest[] };
  files: FileRef[];
}

/** The backup plans of a region as far as the bundle tells them. */
export interface BackupPlans {
  selections: BackupSelection[];
  /** Plans or selections whose assignment could not be read: why, one line each. */
  unreadable: string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function object(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function strings(record: Record<string, unknown>, field: string): string[] {
  const list: unknown[] = listField(record as Record<string, unknown[]>, field);
  if (!list.every((v): v is string => typeof v === 'string')) throw new Error(`${field} holds something other than strings`);
  return list;
}

// ListOfTags keys are plain tag keys; Conditions keys are `aws:ResourceTag/<key>`. Either form is read as the tag key.
function tagTests(record: Record<string, unknown>, field: string, type?: string): TagTest[] {
  return listField(record as Record<string, unknown[]>, field).map((raw) => {
    const t = object(raw);
    const key = text(t?.ConditionKey);
    if (!t || key === undefined || typeof t.ConditionValue !== 'string')
      throw new Error(`${field} holds ${JSON.stringify(raw)?.slice(0, 60)}, not a condition`);
    if (type !== undefined && t.ConditionType !== type)
      throw new Error(`${field} holds ConditionType ${JSON.stringify(t.ConditionType)}, not ${type}`);
    return { key: key.replace(/^aws:ResourceTag\//, ''), value: t.ConditionValue };
  });
}

/**
 * `backup:ListBackupPlans` of one region (every page), each plan's `ListBackupSelections` and each
 * selection's `GetBackupSelection`. A plan whose selections could not be listed, or a selection that
 * could not be read, is named in `unreadable`; a plan or selection deleted during collection selects nothing.
 */
export const backupPlans = defineEvidence<BackupPlans>({
  name: 'AWS Backup plans',
  scope: 'region',
  async load(bundle, { account, region }) {
    const base = { account, region, service: 'backup' };
    const listed = await loadPages<{ BackupPlansList?: unknown[] }>(bundle, { ...base, operation: 'ListBackupPlans' });
    if (!listed.ok) return listed;
    const files: FileRef[] = [...listed.files];
    const selections: BackupSelection[] = [];
    const unreadable: string[] = [];
    let plans: { id: string; name: string }[];
    try {
      plans = listed.value
        .flatMap((page) => listField(page, 'BackupPlansList'))
        .map((raw, i) => {
          const plan = object(raw);
          const id = text(plan?.BackupPlanId);
          if (!id) throw new Error(`plan ${i + 1} has no BackupPlanId`);
          return { id, name: text(plan?.BackupPlanName) ?? id };
        });
    } catch (error) {
      return { ok: false, reason: `ListBackupPlans of ${account}/${region} could not be read: ${messageOf(error)}`, errors: [] };
    }
    for (const plan of plans) {
      const listKey: CallKey = { ...base, operation: 'ListBackupSelections', parameters: { BackupPlanId: plan.id } };
      const list = await loadOptionalPages(bundle, listKey);
      if (!list.ok) {
        unreadable.push(`backup plan ${plan.name}: ${list.reason}`);
        continue;
      }
      files.push(...list.files);
      let ids: string[];
      try {
        ids = list.value
          .flatMap((page) => listField(page, 'BackupSelectionsList'))
          .map((raw, i) => {
            const id = text(object(raw)?.SelectionId);
            if (!id) throw new Error(`selection ${i + 1} has no SelectionId`);
            return id;
          });
      } catch (error) {
        unreadable.push(`backup plan ${plan.name}: ListBackupSelections could not be read: ${messageOf(error)}`);
        continue;
      }
      for (const selectionId of [...new Set(ids)]) {
        // Found by SelectionId (a UUID) whatever else the collector recorded with it (it records BackupPlanId too).
        const key = callWhere(bundle, { ...base, operation: 'GetBackupSelection' }, 'SelectionId', [selectionId]);
        const got = await loadOptional<{ BackupSelection?: unknown }>(bundle, key);
        if (!got.ok) {
          unreadable.push(`selection ${selectionId} of backup plan ${plan.name}: ${got.reason}`);
          continue;
        }
        if (got.value === undefined) continue;
        try {
          const s = object(got.value.BackupSelection);
          if (!s) throw new Error('the answer has no BackupSelection');
          const conditions = object(s.Conditions) ?? {};
          if (s.Conditions !== undefined && s.Conditions !== null && object(s.Conditions) === undefined)
            throw new Error('Conditions is not an object');
          selections.push({
            planId: plan.id,
            planName: plan.name,
            selectionId,
            selectionName: text(s.SelectionName) ?? selectionId,
            resources: strings(s, 'Resources'),
            notResources: strings(s, 'NotResources'),
            listOfTags: tagTests(s, 'ListOfTags', 'STRINGEQUALS'),
            conditions: {
              stringEquals: tagTests(conditions, 'StringEquals'),
              stringNotEquals: tagTests(conditions, 'StringNotEquals'),
              stringLike: tagTests(conditions, 'StringLike'),
              stringNotLike: tagTests(conditions, 'StringNotLike'),
            },
            files: got.files,
          });
          files.push(...got.files);
        } catch (error) {
          unreadable.push(
            `selection ${selectionId} of backup plan ${plan.name}: GetBackupSelection could not be read: ${messageOf(error)}`,
          );
        }
      }
    }
    return { ok: true, value: { selections, unreadable }, files };
  },
});

/** Every page of a listing whose not-found answer means "nothing" (a plan deleted during collection). */
async function loadOptionalPages(
  bundle: Parameters<typeof loadPages>[0],
  key: CallKey,
): Promise<Evidence<{ BackupSelectionsList?: unknown[] }[]>> {
  const first = await loadOptional<{ BackupSelectionsList?: unknown[] }>(bundle, key);
  if (!first.ok) return first;
  if (first.value === undefined) return { ok: true, value: [], files: first.files };
  return loadPages<{ BackupSelectionsList?: unknown[] }>(bundle, key);
}

/** `*` matches any run of characters (none included); everything else literally, case-sensitive. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return regex.test(value);
}

/**
 * Whether a selection assigns a resource: not in NotResources, and (in Resources OR matching a
 * ListOfTags test; neither given: every resource), and every Condition holds. `undefined` when the
 * answer depends on tags that are unknown.
 */
export function selects(selection: BackupSelection, arn: string, tags: Record<string, string> | undefined): boolean | undefined {
  if (selection.notResources.some((p) => wildcardMatch(p, arn))) return false;
  const byResource = selection.resources.some((p) => wildcardMatch(p, arn));
  const needTags = (): Record<string, string> | undefined => tags;
  let base: boolean | undefined;
  if (selection.resources.length === 0 && selection.listOfTags.length === 0) base = true;
  else if (byResource) base = true;
  else if (selection.listOfTags.length === 0) base = false;
  else {
    const t = needTags();
    base = t === undefined ? undefined : selection.listOfTags.some((test) => t[test.key] === test.value);
  }
  if (base === false) return false;
  const { stringEquals, stringNotEquals, stringLike, stringNotLike } = selection.conditions;
  if (stringEquals.length + stringNotEquals.length + stringLike.length + stringNotLike.length === 0) return base;
  const t = needTags();
  if (t === undefined) return undefined;
  const holds =
    stringEquals.every((c) => t[c.key] === c.value) &&
    stringNotEquals.every((c) => t[c.key] !== c.value) &&
    stringLike.every((c) => t[c.key] !== undefined && wildcardMatch(c.value, t[c.key] as string)) &&
    stringNotLike.every((c) => t[c.key] === undefined || !wildcardMatch(c.value, t[c.key] as string));
  return holds ? base : false;
}

/** Tags by resource id; `undefined` for a resource whose Tags could not be read. */
export type TagsById = Map<string, Record<string, string> | undefined>;

function tagsOf(records: unknown[], idField: string): TagsById {
  const out: TagsById = new Map();
  for (const raw of records) {
    const r = object(raw);
    const id = text(r?.[idField]);
    if (!r || !id) continue;
    try {
      const tags: Record<string, string> = {};
      for (const tag of listField(r as { Tags?: unknown[] }, 'Tags')) {
        const t = object(tag);
        if (!t || typeof t.Key !== 'string' || typeof t.Value !== 'string') throw new Error('malformed tag');
        tags[t.Key] = t.Value;
      }
      out.set(id, tags);
    } catch {
      out.set(id, undefined);
    }
  }
  return out;
}

/** The Tags of each EBS volume, from the same `ec2:DescribeVolumes` pages the `ebsVolumes` evidence reads (it does not expose tags). */
export const volumeTags = defineEvidence<TagsById>({
  name: 'EBS volume tags',
  scope: 'region',
  async load(bundle, { account, region }) {
    const loaded = await loadPages<{ Volumes?: unknown[] }>(bundle, { account, region, service: 'ec2', operation: 'DescribeVolumes' });
    if (!loaded.ok) return loaded;
    try {
      return {
        ...loaded,
        value: tagsOf(
          loaded.value.flatMap((p) => listField(p, 'Volumes')),
          'VolumeId',
        ),
      };
    } catch (error) {
      return { ok: false, reason: `DescribeVolumes of ${account}/${region} could not be read: ${messageOf(error)}`, errors: [] };
    }
  },
});

/** The Tags of each EFS file system, from the same `elasticfilesystem:DescribeFileSystems` pages the `efsFileSystems` evidence reads. */
export const fileSystemTags = defineEvidence<TagsById>({
  name: 'EFS file system tags',
  scope: 'region',
  async load(bundle, { account, region }) {
    const loaded = await loadPages<{ FileSystems?: unknown[] }>(bundle, {
      account,
      region,
      service: 'efs',
      operation: 'DescribeFileSystems',
    });
    if (!loaded.ok) return loaded;
    try {
      return {
        ...loaded,
        value: tagsOf(
          loaded.value.flatMap((p) => listField(p, 'FileSystems')),
          'FileSystemId',
        ),
      };
    } catch (error) {
      return { ok: false, reason: `DescribeFileSystems of ${account}/${region} could not be read: ${messageOf(error)}`, errors: [] };
    }
  },
});

/**
 * Whether any readable backup plan selects the resource, for the `*-in-backup-plan` checks: the
 * selecting plans, or why it cannot be told (tags unknown, a selection unreadable).
 */
export function coverage(
  plans: BackupPlans,
  arn: string,
  tags: Record<string, string> | undefined,
): { covered: BackupSelection[]; unknown: string[] } {
  const covered: BackupSelection[] = [];
  const unknown: string[] = [...plans.unreadable];
  for (const selection of plans.selections) {
    const answer = selects(selection, arn, tags);
    if (answer === true) covered.push(selection);
    else if (answer === undefined)
      unknown.push(
        `selection ${selection.selectionName} of backup plan ${selection.planName} selects by tag, and the resource's tags are unknown`,
      );
  }
  return { covered, unknown };
}
