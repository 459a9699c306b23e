import type { DescribeKeyResponse, GetKeyRotationStatusResponse, KeyListEntry, KeyMetadata, ListKeysResponse } from '@aws-sdk/client-kms';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { callWhere, loadPages, mapEvidence, mapRecords, reviveDates, type Wire, listField } from './wire.js';

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
    const where = `ListKeys of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListKeysResponse>(bundle, listKey),
      (pages) => pages.flatMap((page) => listField(page, 'Keys')),
      where,
      (k, index) => typeListedKey(k, `${where}, key ${index + 1}`, account, region),
    );
    if (!listed.ok) return listed;
    const warnings: string[] = [];
    const value = await Promise.all(
      listed.value.map(async ({ keyId, arn }): Promise<KmsKey> => {
        const ids = [keyId, arn];
        let metadata = await perKey<DescribeKeyResponse, KeyMetadata>(
          bundle,
          { account, region, service: 'kms', operation: 'DescribeKey' },
          ids,
          (r) => {
            if (!r.KeyMetadata) throw new Error('the answer has no KeyMetadata');
            return reviveDates<KeyMetadata>(r.KeyMetadata, ['CreationDate', 'DeletionDate', 'ValidTo'], `DescribeKey of ${arn}`);
          },
        );
        const created = metadata.ok ? metadata.value.CreationDate : undefined;
        if (metadata.ok && created && created.getTime() > bundle.collectedAt.getTime()) {
          // A key cannot be created after its description was collected: nothing about it can be trusted.
          const reason = `DescribeKey of ${arn} gives CreationDate ${created.toISOString()}, after collection ended (${bundle.collectedAt.toISOString()})`;
          warnings.push(reason);
          metadata = { ok: false, reason, errors: [] };
        }
        const rotation = await perKey<GetKeyRotationStatusResponse, GetKeyRotationStatusResponse>(
          bundle,
          { account, region, service: 'kms', operation: 'GetKeyRotationStatus' },
          ids,
          (r) =>
            reviveDates<GetKeyRotationStatusResponse>(
              r,
              ['NextRotationDate', 'OnDemandRotationStartDate'],
              `GetKeyRotationStatus of ${arn}`,
            ),
        );
        return { keyId, arn, files: listed.files, metadata, rotation };
      }),
    );
    return { ...listed, value, ...(warnings.length > 0 ? { warnings } : {}) };
  },
});

/** One ListKeys entry: the id from the ARN when KeyId is missing, the ARN from id, account and region. */
function typeListedKey(entry: Wire<KeyListEntry>, where: string, account: string, region: string): { keyId: string; arn: string } {
  const arnId = typeof entry.KeyArn === 'string' ? /^arn:[^:]+:kms:[^:]*:[^:]*:key\/(.+)$/.exec(entry.KeyArn)?.[1] : undefined;
  const keyId = typeof entry.KeyId === 'string' && entry.KeyId !== '' ? entry.KeyId : arnId;
  if (!keyId) throw new UnusableRecordError(where, 'lacks KeyId (and no KeyArn names it)');
  return {
    keyId,
    arn: typeof entry.KeyArn === 'string' && entry.KeyArn !== '' ? entry.KeyArn : `arn:aws:kms:${region}:${account}:key/${keyId}`,
  };
}

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
