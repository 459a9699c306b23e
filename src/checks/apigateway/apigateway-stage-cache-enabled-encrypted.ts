import { restApiStages } from '../../bundle/evidence/apigateway.js';
import { defineCheck } from '../define-check.js';
import { ALL_METHODS, eachStage, stageLabel } from './stages.js';

/** Every REST API stage caches responses for all its methods, and encrypts the cache. */
export default defineCheck({
  id: 'apigateway-stage-cache-enabled-encrypted',
  title: 'API Gateway REST API stages cache all methods and encrypt the cache',
  description:
    'For every stage (GetStages) of every REST API (GetRestApis), cacheClusterEnabled must be true, the method settings for all methods ("*/*") must have cachingEnabled and cacheDataEncrypted true, and no method override may set either to false. A stage without "*/*" settings fails; a setting the answer omits makes the stage not evaluated. HTTP and WebSocket APIs are not evaluated.',
  scope: 'region',
  needs: { apis: restApiStages },
  params: {},
  *run({ apis }, ctx) {
    yield* eachStage(apis, ctx, (stage, files) => {
      const name = stageLabel(stage);
      if (stage.cacheClusterEnabled === undefined)
        return ctx.notEvaluated(stage.arn, `${name}: GetStages shows no cacheClusterEnabled`, files);
      if (!stage.cacheClusterEnabled)
        return ctx.fail(
          stage.arn,
          `${name} has cacheClusterEnabled false (required: a cache cluster, with caching and encryption on for all methods)`,
          files,
        );
      const settings = stage.methodSettings;
      if (settings === undefined) return ctx.notEvaluated(stage.arn, `${name}: GetStages holds methodSettings that cannot be read`, files);
      if (settings[ALL_METHODS] === undefined)
        return ctx.fail(
          stage.arn,
          `${name} has no method settings for all methods (${ALL_METHODS}), so caching is off (required: cachingEnabled and cacheDataEncrypted true)`,
          files,
        );
      const off: string[] = [];
      const unknown: string[] = [];
      for (const [path, s] of Object.entries(settings)) {
        if (s.cachingEnabled === false) off.push(`${path} has cachingEnabled false`);
        else if (s.cacheDataEncrypted === false) off.push(`${path} has cacheDataEncrypted false`);
        else if (s.cachingEnabled === undefined || s.cacheDataEncrypted === undefined) unknown.push(path);
      }
      if (off.length > 0)
        return ctx.fail(
          stage.arn,
          `${name}: ${off.join('; ')} (required: cachingEnabled and cacheDataEncrypted true for every method)`,
          files,
        );
      if (unknown.length > 0)
        return ctx.notEvaluated(
          stage.arn,
          `${name}: GetStages shows no cachingEnabled or cacheDataEncrypted for ${unknown.join(', ')}`,
          files,
        );
      return ctx.pass(stage.arn, `${name} has a cache cluster, with caching on and the cache encrypted for all methods`, files);
    });
  },
});
