import { defineSource } from './source.js';

/**
 * Per region: the Kinesis data streams (ListStreams, every page) and each one's
 * DescribeStreamSummary (status, EncryptionType, KeyId). ListStreams' StreamSummaries lack the
 * encryption settings, so the per-stream call is needed; a stream deleted in between answers
 * ResourceNotFoundException, recorded as absence.
 */
export default defineSource({
  id: 'kinesis',
  scope: 'region',
  services: ['kinesis'],
  async collect(ctx) {
    const { paginateListStreams, DescribeStreamSummaryCommand } = await import('../../shared/aws-sdk/client-kinesis.js');
    const pages = await ctx.pages(
      { service: 'kinesis', operation: 'ListStreams' },
      (client, startingToken, options) => paginateListStreams({ client, startingToken }, {}, options),
      (page) => page.NextToken,
    );
    const names = new Set<string>();
    for (const page of pages ?? []) {
      // Older answers (and emulators) hold only StreamNames; newer ones both.
      for (const name of Array.isArray(page.StreamNames) ? page.StreamNames : [])
        if (typeof name === 'string' && name !== '') names.add(name);
      for (const summary of Array.isArray(page.StreamSummaries) ? page.StreamSummaries : []) {
        const name: unknown = summary?.StreamName;
        if (typeof name === 'string' && name !== '') names.add(name);
      }
    }
    await ctx.each([...names].sort(), async (name) => {
      await ctx.call(
        {
          service: 'kinesis',
          operation: 'DescribeStreamSummary',
          parameters: { StreamName: name },
          key: name,
          notFound: ['ResourceNotFoundException'],
        },
        (client, options) => client.send(new DescribeStreamSummaryCommand({ StreamName: name }), options),
      );
    });
  },
});
