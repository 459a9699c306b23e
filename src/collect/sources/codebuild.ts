import { defineSource } from './source.js';

// BatchGetProjects takes at most 100 names a call.
const BATCH_SIZE = 100;
// A batch is recorded under its comma-joined names (the file's key): keep that under the 255-byte
// file name limit with room for the page suffix and extension. A longer single name goes alone.
const MAX_KEY_LENGTH = 200;

/**
 * Per region: the CodeBuild projects (ListProjects, every page) and their settings,
 * BatchGetProjects in batches of names sorted by name (at most 100 names and 200 characters a batch).
 */
export default defineSource({
  id: 'codebuild',
  scope: 'region',
  services: ['codebuild'],
  async collect(ctx) {
    const { paginateListProjects, BatchGetProjectsCommand } = await import('../../shared/aws-sdk/client-codebuild.js');
    const pages = await ctx.pages(
      { service: 'codebuild', operation: 'ListProjects' },
      (client, startingToken, options) => paginateListProjects({ client, startingToken }, {}, options),
      (page) => page.nextToken,
    );
    const listed = pages?.flatMap((page) => (Array.isArray(page.projects) ? page.projects : [])) ?? [];
    const names = [...new Set(listed.filter((n): n is string => typeof n === 'string' && n !== ''))].sort();
    await ctx.each(batches(names), async (batch) => {
      const joined = batch.join(',');
      await ctx.call(
        // The bundle names a call's file by a scalar parameter, so the batch is recorded as one
        // comma-joined string (project names hold only A-Z, a-z, 0-9, "-" and "_": unambiguous).
        { service: 'codebuild', operation: 'BatchGetProjects', parameters: { names: joined }, key: joined },
        (client, options) => client.send(new BatchGetProjectsCommand({ names: batch }), options),
      );
    });
  },
});

/** Sorted names in order, cut into batches of at most BATCH_SIZE names and MAX_KEY_LENGTH characters joined. */
export function batches(names: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    const added = current.length === 0 ? name.length : length + 1 + name.length;
    if (current.length > 0 && (current.length >= BATCH_SIZE || added > MAX_KEY_LENGTH)) {
      out.push(current);
      current = [name];
      length = name.length;
    } else {
      current.push(name);
      length = added;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
