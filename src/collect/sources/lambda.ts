import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { defineSource } from './source.js';

// 50 is the most ListFunctions returns a page.
const LAMBDA_PAGE_SIZE = 50;

/**
 * Per region: Lambda functions (ListFunctions, every page: the unqualified function of each, without
 * FunctionVersion=ALL, so published versions are not listed) and the resource-based policy of each
 * (GetPolicy without Qualifier: the function's own policy; ResourceNotFoundException means it has none).
 * Lambda@Edge replicas are not listed by ListFunctions; the function they copy is listed in us-east-1.
 */
export default defineSource({
  id: 'lambda',
  scope: 'region',
  services: ['lambda'],
  async collect(ctx) {
    const { paginateListFunctions, GetPolicyCommand } = await import('../../shared/aws-sdk/client-lambda.js');
    const pages = await ctx.pages(
      { service: 'lambda', operation: 'ListFunctions' },
      (client, startingToken, options) => paginateListFunctions({ client, startingToken, pageSize: LAMBDA_PAGE_SIZE }, {}, options),
      (page) => page.NextMarker,
    );
    await ctx.each(functionNames(pages?.flatMap((page) => page.Functions ?? []) ?? []), async (name) => {
      await ctx.call(
        {
          service: 'lambda',
          operation: 'GetPolicy',
          parameters: { FunctionName: name },
          key: name,
          notFound: ['ResourceNotFoundException'],
        },
        (client, options) => client.send(new GetPolicyCommand({ FunctionName: name }), options),
      );
    });
  },
});

/** The names of the listed functions, each once. */
function functionNames(functions: readonly Partial<Record<keyof FunctionConfiguration, unknown>>[]): string[] {
  const names = functions.flatMap((f) => (typeof f.FunctionName === 'string' && f.FunctionName !== '' ? [f.FunctionName] : []));
  return [...new Set(names)];
}
