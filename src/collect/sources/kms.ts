import { defineSource } from './source.js';

// ListKeys returns at most 1000 keys a page.
const PAGE_SIZE = 1000;

/**
 * Per region: every KMS key, DescribeKey for each, and GetKeyRotationStatus for the keys that can
 * rotate automatically (customer managed, symmetric, key material from KMS, not being deleted).
 */
export default defineSource({
  id: 'kms',
  scope: 'region',
  services: ['kms'],
  async collect(ctx) {
    const { DescribeKeyCommand, GetKeyRotationStatusCommand, paginateListKeys } = await import('../../shared/aws-sdk/client-kms.js');
    const pages = await ctx.pages(
      { service: 'kms', operation: 'ListKeys' },
      (client, startingToken, options) => paginateListKeys({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => (page.Truncated ? page.NextMarker : undefined),
    );
    const ids = (pages ?? []).flatMap((page) => page.Keys ?? []).flatMap((k) => (k.KeyId ? [k.KeyId] : []));
    await ctx.each(ids, async (keyId) => {
      const described = await ctx.call(
        { service: 'kms', operation: 'DescribeKey', parameters: { KeyId: keyId }, key: keyId },
        (client, options) => client.send(new DescribeKeyCommand({ KeyId: keyId }), options),
      );
      const meta = described?.KeyMetadata;
      const rotatable =
        meta?.KeyManager === 'CUSTOMER' &&
        meta.KeySpec === 'SYMMETRIC_DEFAULT' &&
        meta.Origin === 'AWS_KMS' &&
        meta.KeyState !== 'PendingDeletion' &&
        meta.KeyState !== 'PendingReplicaDeletion';
      if (!rotatable) return;
      await ctx.call({ service: 'kms', operation: 'GetKeyRotationStatus', parameters: { KeyId: keyId }, key: keyId }, (client, options) =>
        client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), options),
      );
    });
  },
});
