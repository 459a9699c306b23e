import type { DescribeKeyResponse, GetKeyRotationStatusResponse, KeyListEntry, KeyMetadata, ListKeysResponse } from '@aws-sdk/client-kms';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, refOf, UnusableRecordError, type Evidence, type UnusableRecord } from '../evidence.js';
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
    const orphans = unlistedKeys(bundle, account, region, listed.value);
    return {
      ...listed,
      value,
      files: [...listed.files, ...orphans.flatMap((o) => o.files)],
      unusable: [...listField(listed, 'unusable'), ...orphans.map((o) => o.record)],
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

const PER_KEY_OPERATIONS = ['DescribeKey', 'GetKeyRotationStatus'] as const;

/**
 * Keys the bundle holds a DescribeKey or GetKeyRotationStatus answer (or error) for that the
 * region's ListKeys does not list: the collector only asks about listed keys, so the listing has
 * lost a record, and the key it lost must not silently drop out of every verdict.
 */
function unlistedKeys(
  bundle: EvidenceBundle,
  account: string,
  region: string,
  listed: readonly { keyId: string; arn: string }[],
): { record: UnusableRecord; files: FileRef[] }[] {
  const known = new Set(listed.flatMap((k) => [k.keyId, k.arn]));
  const seen = new Map<string, { operations: Set<string>; files: FileRef[] }>();
  for (const operation of PER_KEY_OPERATIONS) {
    const key = { account, region, service: 'kms', operation };
    const asked = [
      ...bundle.filesOf(key).map((f) => ({ parameters: f.parameters, file: refOf(f) })),
      ...bundle.errors({ ...key, parameters: undefined }).map((e) => ({ parameters: e.parameters, file: undefined })),
    ];
    for (const { parameters, file } of asked) {
      const id: unknown = parameters?.['KeyId'];
      if (typeof id !== 'string' || id === '' || known.has(id) || known.has(keyIdOf(id))) continue;
      const entry = seen.get(id) ?? { operations: new Set<string>(), files: [] };
      entry.operations.add(`kms:${operation}`);
      if (file) entry.files.push(file);
      seen.set(id, entry);
    }
  }
  return [...seen].map(([id, { operations, files }]) => ({
    record: {
      resource: id.startsWith('arn:') ? id : `arn:aws:kms:${region}:${account}:key/${id}`,
      reason: `the bundle holds ${[...operations].join(' and ')} for key ${keyIdOf(id)}, but ListKeys of ${account}/${region} does not list it; the listing is incomplete`,
    },
    files,
  }));
}

/** The key id inside a key ARN; any other text unchanged. */
function keyIdOf(idOrArn: string): string {
  return /^arn:[^:]+:kms:[^:]*:[^:]*:key\/(.+)$/.exec(idOrArn)?.[1] ?? idOrArn;
}

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
