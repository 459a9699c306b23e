import type { ApiStage, RestApiStages } from '../../bundle/evidence/apigateway.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import type { CheckContext, Finding } from '../define-check.js';

/** How a stage is named in reasons: `stage prod of REST API a1b2c3d4e5 (orders)`. */
export function stageLabel(stage: ApiStage): string {
  return `stage ${stage.name} of REST API ${stage.apiId}${stage.apiName ? ` (${stage.apiName})` : ''}`;
}

/**
 * One finding per stage of every REST API, from `evaluate`; an API whose GetStages call failed gives
 * one NOT_EVALUATED finding, and so does each stage that could not be read.
 */
export function* eachStage(
  apis: readonly RestApiStages[],
  ctx: Pick<CheckContext<unknown>, 'notEvaluated'>,
  evaluate: (stage: ApiStage, files: FileRef[]) => Finding,
): Generator<Finding> {
  for (const api of apis) {
    const { stages } = api;
    if (!stages.ok) {
      yield ctx.notEvaluated(api.arn, `REST API ${api.id}${api.name ? ` (${api.name})` : ''}: ${stages.reason}`);
      continue;
    }
    for (const record of stages.unusable ?? []) yield ctx.notEvaluated(record.resource, record.reason, stages.files);
    for (const stage of stages.value) yield evaluate(stage, stages.files);
  }
}

/** The key of the method settings that apply to every method of a stage. */
export const ALL_METHODS = '*/*';
