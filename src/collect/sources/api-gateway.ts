import type { RestApi } from '@aws-sdk/client-api-gateway';
import type { Wire } from '../../bundle/evidence/wire.js';
import { defineSource } from './source.js';

// 500 is the most GET /restapis returns a page.
const REST_API_PAGE_SIZE = 500;

/**
 * Per region: API Gateway REST APIs (GetRestApis, every page) and the stages of each (GetStages, one
 * call per API: stages are not paginated). An API deleted between the two calls answers
 * NotFoundException, recorded as absence. HTTP and WebSocket APIs (API Gateway v2) are not collected.
 */
export default defineSource({
  id: 'api-gateway',
  scope: 'region',
  services: ['apigateway'],
  async collect(ctx) {
    const { paginateGetRestApis, GetStagesCommand } = await import('../../shared/aws-sdk/client-api-gateway.js');
    const pages = await ctx.pages(
      { service: 'apigateway', operation: 'GetRestApis' },
      (client, startingToken, options) => paginateGetRestApis({ client, startingToken, pageSize: REST_API_PAGE_SIZE }, {}, options),
      (page) => page.position,
    );
    await ctx.each(apiIds(pages?.flatMap((page) => page.items ?? []) ?? []), async (restApiId) => {
      await ctx.call(
        { service: 'apigateway', operation: 'GetStages', parameters: { restApiId }, key: restApiId, notFound: ['NotFoundException'] },
        (client, options) => client.send(new GetStagesCommand({ restApiId }), options),
      );
    });
  },
});

/** The ids of the APIs in a listing, each once. */
function apiIds(apis: readonly Wire<RestApi>[]): string[] {
  return [...new Set(apis.flatMap((api) => (typeof api.id === 'string' && api.id !== '' ? [api.id] : [])))];
}
