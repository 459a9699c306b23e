import type { FunctionConfiguration, GetPolicyResponse, ListFunctionsResponse } from '@aws-sdk/client-lambda';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { parsePolicyDocument, type PolicyDocument } from './policy.js';
import { afterCollection, callWhere, listField, loadOptional, loadPages, mapEvidence, mapRecords, type Wire } from './wire.js';

/** A Lambda function as ListFunctions lists it (the unqualified function, not its published versions). */
export interface LambdaFunction {
  name: string;
  arn: string;
  runtime: string | undefined;
  /**
   * DeadLetterConfig.TargetArn: the SQS queue or SNS topic failed asynchronous events go to; `null`
   * when the answer has no DeadLetterConfig or no TargetArn (none configured); `undefined` when the
   * field holds something unreadable (unknown, never read as either).
   */
  deadLetterTarget: string | null | undefined;
}

/** A function with the resource-based policy of its own GetPolicy call. */
export interface LambdaFunctionPolicy {
  fn: LambdaFunction;
  /** The ListFunctions pages that list it. */
  listFiles: FileRef[];
  /** `undefined`: the function has no resource-based policy (GetPolicy answered ResourceNotFoundException). */
  policy: Evidence<PolicyDocument | undefined>;
}

/**
 * `lambda:ListFunctions` of one region (every page), typed per function: the name comes from
 * FunctionArn when FunctionName is missing; a function with neither, or last modified after
 * collection ended, is set aside as unusable (NOT_EVALUATED for it alone).
 */
export const lambdaFunctions = defineEvidence<LambdaFunction[]>({
  name: 'Lambda functions',
  scope: 'region',
  load: (bundle, { account, region }) => listFunctions(bundle, account, region),
});

/**
 * `lambda:ListFunctions` of one region, with `lambda:GetPolicy` of each function found by its
 * FunctionName parameter (name or ARN). Only the listing can fail as a whole; a function whose
 * policy call failed or cannot be read has unavailable evidence for itself alone.
 */
export const lambdaFunctionPolicies = defineEvidence<LambdaFunctionPolicy[]>({
  name: 'Lambda function policies',
  scope: 'region',
  async load(bundle, { account, region }) {
    const listed = await listFunctions(bundle, account, region);
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (fn): Promise<LambdaFunctionPolicy> => {
        const key = callWhere(bundle, { account, region, service: 'lambda', operation: 'GetPolicy' }, 'FunctionName', [fn.name, fn.arn]);
        const loaded = await loadOptional<GetPolicyResponse>(bundle, key);
        try {
          return {
            fn,
            listFiles: listed.files,
            policy: mapEvidence(loaded, (r) => (r === undefined ? undefined : parseFunctionPolicy(r.Policy))),
          };
        } catch (error) {
          return {
            fn,
            listFiles: listed.files,
            policy: { ok: false, reason: `lambda:GetPolicy of ${fn.name} could not be read: ${messageOf(error)}`, errors: [] },
          };
        }
      }),
    );
    return { ...listed, value };
  },
});

async function listFunctions(bundle: EvidenceBundle, account: string, region: string): Promise<Evidence<LambdaFunction[]>> {
  const key: CallKey = { account, region, service: 'lambda', operation: 'ListFunctions' };
  const where = `ListFunctions of ${account}/${region}`;
  const warnings: string[] = [];
  const typed = mapRecords(
    await loadPages<ListFunctionsResponse>(bundle, key),
    (pages) => pages.flatMap((page) => listField(page, 'Functions')),
    where,
    (f, index) => {
      const fn = typeFunction(f, `${where}, function ${index + 1}`, account, region);
      // Lambda keeps no creation time; a modification after the listing was answered is impossible.
      const reason = afterCollection(f.LastModified, 'LastModified', bundle.collectedAt);
      if (reason) {
        warnings.push(`${fn.arn}: ${reason}`);
        throw new UnusableRecordError(fn.arn, reason);
      }
      return fn;
    },
  );
  return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
}

function typeFunction(f: Wire<FunctionConfiguration>, where: string, account: string, region: string): LambdaFunction {
  const arn = text(f.FunctionArn);
  // arn:aws:lambda:us-east-1:111122223333:function:name (a qualified ARN adds :version).
  const arnName = arn === undefined ? undefined : /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];
  const name = text(f.FunctionName) ?? arnName;
  if (!name) throw new UnusableRecordError(where, 'lacks FunctionName (and no FunctionArn names it)');
  return {
    name,
    arn: arn ?? `arn:aws:lambda:${region}:${account}:function:${name}`,
    runtime: text(f.Runtime),
    deadLetterTarget: deadLetterTarget(f.DeadLetterConfig),
  };
}

// Lambda leaves DeadLetterConfig out (or sends it without TargetArn) when no queue is configured.
function deadLetterTarget(config: unknown): string | null | undefined {
  if (config === undefined || config === null) return null;
  if (typeof config !== 'object' || Array.isArray(config)) return undefined;
  const target = (config as { TargetArn?: unknown }).TargetArn;
  if (target === undefined || target === null || target === '') return null;
  return typeof target === 'string' ? target : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A function policy; a document that is not JSON, or whose statements are not objects, cannot be judged. */
function parseFunctionPolicy(policy: unknown): PolicyDocument {
  if (typeof policy !== 'string') throw new Error(`Policy is ${typeof policy}, not the policy's JSON text`);
  const document = parsePolicyDocument(policy);
  document.Statement.forEach((statement, index) => {
    if (statement === null || typeof statement !== 'object' || Array.isArray(statement))
      throw new Error(`statement ${index + 1} is not a JSON object`);
    if (typeof statement.Effect !== 'string') throw new Error(`statement ${index + 1} has no Effect`);
    // A resource-based policy names who it applies to; without either element nothing says who may act.
    if (statement.Principal === undefined && statement.NotPrincipal === undefined)
      throw new Error(`statement ${index + 1} has neither Principal nor NotPrincipal`);
    if (
      statement.Condition !== undefined &&
      (statement.Condition === null || typeof statement.Condition !== 'object' || Array.isArray(statement.Condition))
    )
      throw new Error(`statement ${index + 1} has a Condition that is not an object`);
  });
  return document;
}
