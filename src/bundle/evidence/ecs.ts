import type { DescribeTaskDefinitionResponse, ListTaskDefinitionsResponse } from '@aws-sdk/client-ecs';
import { messageOf } from '../../shared/errors.js';
import { parseTimestamp } from '../../shared/time.js';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { listField, loadPages, mapEvidence } from './wire.js';

/** A container of a task definition, with the settings the checks read as the API states them. */
export interface EcsContainer {
  name: string;
  /** `undefined`: not set (ECS runs it unprivileged). */
  privileged: boolean | undefined;
  /** `undefined`: not set (the image's user, root unless the image says otherwise). */
  user: string | undefined;
  /** `undefined`: not set (ECS default: writable). */
  readonlyRootFilesystem: boolean | undefined;
}

/** What DescribeTaskDefinition says about one revision. */
export interface EcsTaskDefinitionDetail {
  status: string | undefined;
  /** `awsvpc`, `bridge`, `host`, `none`; `undefined` when the answer omits it. */
  networkMode: string | undefined;
  containers: EcsContainer[];
}

/** The latest ACTIVE revision of one task definition family. */
export interface EcsTaskDefinition {
  /** `family:revision`. */
  name: string;
  arn: string;
  family: string;
  revision: number;
  /** From its own DescribeTaskDefinition call. */
  detail: Evidence<EcsTaskDefinitionDetail>;
}

/** The family, revision and `family:revision` name of a task definition ARN; `undefined` for anything else. */
export function parseTaskDefinitionArn(arn: unknown): { family: string; revision: number; name: string } | undefined {
  if (typeof arn !== 'string') return undefined;
  const match = /:task-definition\/([A-Za-z0-9_-]+):(\d+)$/.exec(arn);
  if (!match) return undefined;
  const [, family = '', revision = '0'] = match;
  return { family, revision: Number(revision), name: `${family}:${revision}` };
}

/** The ARN of the highest revision of each family, in the order the families first appear. */
export function latestRevisions(arns: readonly unknown[]): string[] {
  const latest = new Map<string, { arn: string; revision: number }>();
  for (const arn of arns) {
    const parsed = parseTaskDefinitionArn(arn);
    if (!parsed) continue;
    const current = latest.get(parsed.family);
    if (!current || parsed.revision > current.revision) latest.set(parsed.family, { arn: arn as string, revision: parsed.revision });
  }
  return [...latest.values()].map((v) => v.arn);
}

/**
 * `ecs:ListTaskDefinitions` (status ACTIVE, every page) of one region, reduced to the latest revision
 * of each family, each with its `ecs:DescribeTaskDefinition` answer (found by `family:revision`).
 * A list entry that is not a task definition ARN is set aside as unusable.
 */
export const ecsTaskDefinitions = defineEvidence<EcsTaskDefinition[]>({
  name: 'ECS task definitions',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ecs', operation: 'ListTaskDefinitions', parameters: { status: 'ACTIVE' } };
    const listed = await loadPages<ListTaskDefinitionsResponse>(bundle, key);
    if (!listed.ok) return listed;
    let arns: unknown[];
    try {
      arns = listed.value.flatMap((page) => listField(page, 'taskDefinitionArns') as unknown[]);
    } catch (error) {
      return { ok: false, reason: `ecs:ListTaskDefinitions of ${account}/${region} could not be read: ${messageOf(error)}`, errors: [] };
    }
    const unusable = arns
      .filter((arn) => parseTaskDefinitionArn(arn) === undefined)
      .map((arn) => ({
        resource: `ListTaskDefinitions of ${account}/${region}`,
        reason: `lists ${JSON.stringify(arn)?.slice(0, 80) ?? 'nothing'}, not a task definition ARN`,
      }));
    const value = await Promise.all(
      latestRevisions(arns).map(async (arn): Promise<EcsTaskDefinition> => {
        const { family, revision, name } = parseTaskDefinitionArn(arn) as { family: string; revision: number; name: string };
        const described = await loadPages<DescribeTaskDefinitionResponse>(bundle, {
          account,
          region,
          service: 'ecs',
          operation: 'DescribeTaskDefinition',
          parameters: { taskDefinition: name },
        });
        let detail: Evidence<EcsTaskDefinitionDetail>;
        try {
          detail = mapEvidence(described, (pages) => readDetail(pages[0] as Record<string, unknown> | undefined, bundle.collectedAt));
        } catch (error) {
          detail = { ok: false, reason: `ecs:DescribeTaskDefinition of ${name} could not be read: ${messageOf(error)}`, errors: [] };
        }
        return { name, arn, family, revision, detail };
      }),
    );
    return { ...listed, value, unusable: [...(listed.unusable ?? []), ...unusable] };
  },
});

function readDetail(answer: Record<string, unknown> | undefined, collectedAt: Date): EcsTaskDefinitionDetail {
  const td = answer?.taskDefinition;
  if (typeof td !== 'object' || td === null || Array.isArray(td)) throw new Error('the answer has no taskDefinition');
  const t = td as Record<string, unknown>;
  const registeredAt = typeof t.registeredAt === 'string' ? parseTimestamp(t.registeredAt) : undefined;
  if (registeredAt && registeredAt.getTime() > collectedAt.getTime())
    throw new Error(`registeredAt ${t.registeredAt as string} is after collection ended (${collectedAt.toISOString()})`);
  const containers = (listField(t, 'containerDefinitions') as unknown[]).map((c, index): EcsContainer => {
    if (typeof c !== 'object' || c === null) throw new Error(`containerDefinitions[${index}] is not an object`);
    const def = c as Record<string, unknown>;
    const flag = (field: string): boolean | undefined => {
      const v = def[field];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'boolean') throw new Error(`container ${index + 1} has ${field} ${JSON.stringify(v)}, not a boolean`);
      return v;
    };
    if (def.user !== undefined && def.user !== null && typeof def.user !== 'string')
      throw new Error(`container ${index + 1} has user ${JSON.stringify(def.user)}, not a string`);
    return {
      name: typeof def.name === 'string' && def.name !== '' ? def.name : `container ${index + 1}`,
      privileged: flag('privileged'),
      user: typeof def.user === 'string' && def.user !== '' ? def.user : undefined,
      readonlyRootFilesystem: flag('readonlyRootFilesystem'),
    };
  });
  return {
    status: typeof t.status === 'string' ? t.status : undefined,
    networkMode: typeof t.networkMode === 'string' && t.networkMode !== '' ? t.networkMode : undefined,
    containers,
  };
}
