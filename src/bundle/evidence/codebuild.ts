import type { BatchGetProjectsOutput, ListProjectsOutput, Project } from '@aws-sdk/client-codebuild';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { EvidenceBundle, FileRef } from '../read-bundle.js';
import { afterCollection, batchCallWhere, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** One artifact output of a project: the primary one or a secondary one. */
export interface CodeBuildArtifact {
  /** `primary`, or `secondary <artifactIdentifier>` (`secondary #<n>` without one). */
  label: string;
  /** CODEPIPELINE, S3 or NO_ARTIFACTS; `undefined` when the answer omits it. */
  type: string | undefined;
  /** `false` when AWS leaves encryptionDisabled out (encrypted); `undefined` when it is not a boolean. */
  encryptionDisabled: boolean | undefined;
}

/** An environment variable of a project: its name and type only (a PLAINTEXT value is a secret, never typed). */
export interface CodeBuildEnvironmentVariable {
  name: string;
  /** PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER; `undefined` when the answer omits it. */
  type: string | undefined;
}

/** A CodeBuild project. */
export interface CodeBuildProject {
  name: string;
  arn: string;
  /** The primary artifact and every secondary one; `undefined` when `artifacts` is missing or either field is malformed. */
  artifacts: CodeBuildArtifact[] | undefined;
  /** The environment's variables (`[]` when it has none); `undefined` when `environment` is missing or malformed. */
  environmentVariables: CodeBuildEnvironmentVariable[] | undefined;
  /** The listing and the BatchGetProjects answer this project was read from. */
  files: FileRef[];
}

/**
 * `codebuild:ListProjects` of one region (every page), each project typed from the
 * `codebuild:BatchGetProjects` batch that named it. A project the batch reports in
 * projectsNotFound was deleted after the listing and is left out; one whose batch failed, or that
 * the batch does not describe, or created after collection ended, is set aside as unusable
 * (NOT_EVALUATED for it alone); a failed listing makes the whole region unavailable.
 */
export const codeBuildProjects = defineEvidence<CodeBuildProject[]>({
  name: 'CodeBuild projects',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListProjects of ${account}/${region}`;
    const listed = await loadPages<ListProjectsOutput>(bundle, { account, region, service: 'codebuild', operation: 'ListProjects' });
    if (!listed.ok) return listed;
    let entries: unknown[];
    try {
      entries = listed.value.flatMap((page) => listField(page, 'projects') as unknown[]);
    } catch (error) {
      return { ok: false, reason: `${where}: ${error instanceof Error ? error.message : String(error)}`, errors: [] };
    }
    const names = [...new Set(entries.filter((n): n is string => typeof n === 'string' && n !== ''))];
    const described = await describeAll(bundle, account, region, names);
    const used = new Set<string>();
    const warnings: string[] = [];
    const gone = new Set<string>();
    const typed = mapRecords(
      listed,
      () => names.map((name) => ({ name })),
      where,
      ({ name }) => {
        const fallbackArn = `arn:aws:codebuild:${region}:${account}:project/${name}`;
        const answer = described.get(name);
        if (!answer?.ok)
          throw new UnusableRecordError(
            fallbackArn,
            answer?.reason ?? `codebuild:BatchGetProjects of ${name} is not in the bundle (it was not collected)`,
          );
        const project = answer.value.projects.find((p) => typeof p === 'object' && p !== null && p.name === name);
        for (const file of answer.files) used.add(JSON.stringify(file));
        if (!project) {
          if (answer.value.notFound.includes(name)) {
            gone.add(name);
            return undefined;
          }
          throw new UnusableRecordError(
            fallbackArn,
            `codebuild:BatchGetProjects did not describe ${name} (nor report it in projectsNotFound)`,
          );
        }
        const arn = text(project.arn) ?? fallbackArn;
        const late = afterCollection(project.created, 'created', bundle.collectedAt);
        if (late) {
          warnings.push(`${arn}: ${late}`);
          throw new UnusableRecordError(arn, late);
        }
        return typeProject(project, name, arn, [...listed.files, ...answer.files]);
      },
    );
    // Entries that are not names (a number where AWS sends a string) cannot be looked up.
    const malformed = entries.flatMap((e, i) =>
      typeof e === 'string' && e !== ''
        ? []
        : [{ resource: `${where}, project ${i + 1}`, reason: `is ${JSON.stringify(e)?.slice(0, 40)}, not a project name` }],
    );
    if (!typed.ok) return typed;
    return {
      ok: true,
      value: typed.value.filter((p): p is CodeBuildProject => p !== undefined),
      files: [...listed.files, ...[...used].map((f) => JSON.parse(f) as FileRef)],
      unusable: [...(typed.unusable ?? []), ...malformed],
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

interface Batch {
  projects: Wire<Project>[];
  notFound: unknown[];
}

/** The BatchGetProjects answer that named each project, each call loaded once. */
async function describeAll(
  bundle: EvidenceBundle,
  account: string,
  region: string,
  names: readonly string[],
): Promise<Map<string, Evidence<Batch>>> {
  const operation = { account, region, service: 'codebuild', operation: 'BatchGetProjects' };
  const byCall = new Map<string, Promise<Evidence<Batch>>>();
  const out = new Map<string, Evidence<Batch>>();
  for (const name of names) {
    const key = batchCallWhere(bundle, operation, 'names', name);
    const id = JSON.stringify(key.parameters);
    let loaded = byCall.get(id);
    if (!loaded) {
      loaded = loadPages<BatchGetProjectsOutput>(bundle, key).then((pages): Evidence<Batch> => {
        if (!pages.ok) return pages;
        try {
          return {
            ok: true,
            value: {
              projects: pages.value.flatMap((page) => listField(page, 'projects')),
              notFound: pages.value.flatMap((page) => listField(page, 'projectsNotFound') as unknown[]),
            },
            files: pages.files,
          };
        } catch (error) {
          return {
            ok: false,
            reason: `codebuild:BatchGetProjects could not be read: ${error instanceof Error ? error.message : String(error)}`,
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


function typeProject(p: Wire<Project>, name: string, arn: string, files: FileRef[]): CodeBuildProject {
  return {
    name,
    arn,
    artifacts: artifactsOf(p.artifacts, p.secondaryArtifacts),
    environmentVariables: variablesOf(p.environment),
    files,
  };
}

function artifactsOf(primary: unknown, secondary: unknown): CodeBuildArtifact[] | undefined {
  if (!isObject(primary)) return undefined;
  const list: unknown[] = secondary === undefined || secondary === null ? [] : Array.isArray(secondary) ? secondary : [undefined];
  const out: CodeBuildArtifact[] = [artifact(primary, 'primary')];
  for (const [i, s] of list.entries()) {
    if (!isObject(s)) return undefined;
    out.push(artifact(s, `secondary ${text(s.artifactIdentifier) ?? `#${i + 1}`}`));
  }
  return out;
}

function artifact(a: Record<string, unknown>, label: string): CodeBuildArtifact {
  const disabled = a.encryptionDisabled;
  return {
    label,
    type: text(a.type),
    encryptionDisabled: disabled === undefined || disabled === null ? false : typeof disabled === 'boolean' ? disabled : undefined,
  };
}

function variablesOf(environment: unknown): CodeBuildEnvironmentVariable[] | undefined {
  if (!isObject(environment)) return undefined;
  const vars = environment.environmentVariables;
  if (vars === undefined || vars === null) return [];
  if (!Array.isArray(vars)) return undefined;
  const out: CodeBuildEnvironmentVariable[] = [];
  for (const v of vars as unknown[]) {
    // The value is left behind on purpose: a PLAINTEXT value is a secret.
    if (!isObject(v) || typeof v.name !== 'string' || v.name === '') return undefined;
    out.push({ name: v.name, type: text(v.type) });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
