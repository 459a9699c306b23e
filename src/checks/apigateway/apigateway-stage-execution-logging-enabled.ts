import { restApiStages } from '../../bundle/evidence/apigateway.js';
import { defineCheck } from '../define-check.js';
import { ALL_METHODS, eachStage, stageLabel } from './stages.js';

/** Every REST API stage writes execution logs to CloudWatch Logs for all its methods. */
export default defineCheck({
  id: 'apigateway-stage-execution-logging-enabled',
  title: 'API Gateway REST API stages have execution logging enabled',
  description:
    'For every stage (GetStages) of every REST API (GetRestApis), the method settings for all methods ("*/*") must have a loggingLevel among loggingLevels, and so must every method override. A stage without "*/*" settings fails (execution logging is off by default); a loggingLevel the answer omits makes the stage not evaluated. HTTP and WebSocket APIs are not evaluated.',
  scope: 'region',
  needs: { apis: restApiStages },
  params: {
    loggingLevels: {
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
      description: 'The logging levels that count as enabled (AWS Config: loggingLevel, default "ERROR,INFO").',
    },
  },
  *run({ apis }, ctx) {
    const allowed = ctx.params.loggingLevels.map((l) => l.trim().toUpperCase());
    const required = `(required: loggingLevel ${allowed.join(' or ')})`;
    yield* eachStage(apis, ctx, (stage, files) => {
      const name = stageLabel(stage);
      const settings = stage.methodSettings;
      if (settings === undefined) return ctx.notEvaluated(stage.arn, `${name}: GetStages holds methodSettings that cannot be read`, files);
      const all = settings[ALL_METHODS];
      if (all === undefined)
        return ctx.fail(
          stage.arn,
          `${name} has no method settings for all methods (${ALL_METHODS}), so execution logging is off ${required}`,
          files,
        );
      const bad: string[] = [];
      const unknown: string[] = [];
      for (const [path, s] of Object.entries(settings)) {
        if (s.loggingLevel === undefined) unknown.push(path);
        else if (!allowed.includes(s.loggingLevel.toUpperCase())) bad.push(`${path} has loggingLevel ${s.loggingLevel}`);
      }
      if (bad.length > 0) return ctx.fail(stage.arn, `${name}: ${bad.join('; ')} ${required}`, files);
      if (unknown.length > 0)
        return ctx.notEvaluated(stage.arn, `${name}: GetStages shows no loggingLevel for ${unknown.join(', ')}`, files);
      return ctx.pass(stage.arn, `${name} logs execution at ${all.loggingLevel ?? ''} for all methods`, files);
    });
  },
});
