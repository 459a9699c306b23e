import type { DescribeKeyResponse, GetKeyRotationStatusResponse, KeyMetadata, ListKeysResponse } from '@aws-sdk/client-kms';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { callWhere, loadPages, mapEvidence, reviveDates, type Wire } from './wire.js';

/** A KMS key as ListKeys lists it, with its own DescribeKey and GetKeyRotationStatus answers. */
export interface KmsKey {
  keyId: string;
  arn: string;
  /** The ListKeys pages that list it. */
  files: FileRef[];
  metadata: Evidence<KeyMetadata>;
  /** Only asked for keys that can rotate automatically; evidence for others may be missing. */
  rotation: Evidence<GetKeyRotationStatusResponse>;
}

/**
 * `kms:ListKeys` of one region, then per key `kms:DescribeKey` and `kms:GetKeyRotationStatus`, each
 * found by its KeyId parameter (the key id, or its ARN). Only the listing can fail as a whole.
 */
export const kmsKeys = defineEvidence<KmsKey[]>({
  name: 'KMS keys',
  scope: 'region',
  async load(bundle, { account, region }) {
    const listKey: CallKey = { account, region, service: 'kms', operation: 'ListKeys' };
    const listed = await loadPages<ListKeysResponse>(bundle, listKey);
    if (!listed.ok) return listed;
    const keys = listed.value.flatMap((page) => page.Keys ?? []).flatMap((k) => (k.KeyId ? [{ keyId: k.KeyId, arn: k.KeyArn ?? `arn:aws:kms:${region}:${account}:key/${k.KeyId}` }] : []));
    const value = await Promise.all(
      keys.map(async ({ keyId, arn }): Promise<KmsKey> => {
        const ids = [keyId, arn];
        const metadata = await perKey<DescribeKeyResponse, KeyMetadata>(bundle, { account, region, service: 'kms', operation: 'DescribeKey' }, ids, (r) => {
          if (!r.KeyMetadata) throw new Error('the answer has no KeyMetadata');
          return reviveDates<KeyMetadata>(r.KeyMetadata, ['CreationDate', 'DeletionDate', 'ValidTo'], `DescribeKey of ${arn}`);
        });
        const rotation = await perKey<GetKeyRotationStatusResponse, GetKeyRotationStatusResponse>(
          bundle,
          { account, region, service: 'kms', operation: 'GetKeyRotationStatus' },
          ids,
          (r) => reviveDates<GetKeyRotationStatusResponse>(r, ['NextRotationDate', 'OnDemandRotationStartDate'], `GetKeyRotationStatus of ${arn}`),
        );
        return { keyId, arn, files: listed.files, metadata, rotation };
      }),
    );
    return { ok: true, value, files: listed.files };
  },
});

async function perKey<R, T>(
  bundle: EvidenceBundle,
  operation: Omit<CallKey, 'parameters'>,
  ids: readonly string[],
  convert: (response: Wire<R>) => T,
): Promise<Evidence<T>> {
  const key = callWhere(bundle, operation, 'KeyId', ids);
  const loaded = await loadPages<R>(bundle, key);
  try {
    return mapEvidence(loaded, (pages) => convert(pages[0] ?? ({} as Wire<R>)));
  } catch (error) {
    return { ok: false, reason: `kms:${operation.operation} of ${ids[0] ?? '?'} could not be read: ${messageOf(error)}`, errors: [] };
  }
}
