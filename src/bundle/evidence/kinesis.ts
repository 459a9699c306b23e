import type { DescribeStreamSummaryOutput, ListStreamsOutput } from '@aws-sdk/client-kinesis';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { FileRef } from '../read-bundle.js';
import { afterCollection, listField, loadOptional, loadPages, mapRecords } from './wire.js';

/** A Kinesis data stream. */
export interface KinesisStream {
  name: string;
  arn: string;
  /** CREATING, DELETING, ACTIVE, UPDATING. */
  status: string | undefined;
  /** `KMS` or `NONE`; `undefined` when the answer omits it or holds something else: unknown. */
  encryptionType: string | undefined;
  keyId: string | undefined;
  /** The listing and the DescribeStreamSummary answer this stream was read from. */
  files: FileRef[];
}

/**
 * `kinesis:ListStreams` of one region (every page; names from StreamNames and StreamSummaries),
 * each stream typed from its `kinesis:DescribeStreamSummary`. A stream whose summary answered
 * ResourceNotFoundException was deleted after the listing and is left out; one whose summary
 * failed, is missing, or was created after collection ended is set aside as unusable
 * (NOT_EVALUATED for it alone); a failed listing makes the whole region unavailable.
 */
export const kinesisStreams = defineEvidence<KinesisStream[]>({
  name: 'Kinesis data streams',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListStreams of ${account}/${region}`;
    const listed = await loadPages<ListStreamsOutput>(bundle, { account, region, service: 'kinesis', operation: 'ListStreams' });
    if (!listed.ok) return listed;
    const names = new Set<string>();
    try {
      for (const page of listed.value) {
        for (const name of listField(page, 'StreamNames') as unknown[]) if (typeof name === 'string' && name !== '') names.add(name);
        for (const summary of listField(page, 'StreamSummaries') as unknown[]) {
          const name = typeof summary === 'object' && summary !== null ? (summary as Record<string, unknown>).StreamName : undefined;
          if (typeof name === 'string' && name !== '') names.add(name);
        }
      }
    } catch (error) {
      return { ok: false, reason: `${where}: ${error instanceof Error ? error.message : String(error)}`, errors: [] };
    }
    const summaries = new Map(
      await Promise.all(
        [...names].map(
          async (name) =>
            [
              name,
              await loadOptional<DescribeStreamSummaryOutput>(bundle, {
                account,
                region,
                service: 'kinesis',
                operation: 'DescribeStreamSummary',
                parameters: { StreamName: name },
              }),
            ] as const,
        ),
      ),
    );
    const warnings: string[] = [];
    const used: FileRef[] = [];
    const typed = mapRecords(
      listed,
      () => [...names].map((name) => ({ name })),
      where,
      ({ name }): KinesisStream | undefined => {
        const fallbackArn = `arn:aws:kinesis:${region}:${account}:stream/${name}`;
        const answer = summaries.get(name);
        if (!answer?.ok)
          throw new UnusableRecordError(fallbackArn, answer?.reason ?? `kinesis:DescribeStreamSummary of ${name} is not in the bundle`);
        used.push(...answer.files);
        // ResourceNotFoundException: deleted after the listing.
        if (answer.value === undefined) return undefined;
        const s: unknown = answer.value.StreamDescriptionSummary;
        if (typeof s !== 'object' || s === null || Array.isArray(s))
          throw new UnusableRecordError(fallbackArn, 'DescribeStreamSummary lacks StreamDescriptionSummary');
        const summary = s as Record<string, unknown>;
        const arn = text(summary.StreamARN) ?? fallbackArn;
        const late = afterCollection(summary.StreamCreationTimestamp, 'StreamCreationTimestamp', bundle.collectedAt);
        if (late) {
          warnings.push(`${arn}: ${late}`);
          throw new UnusableRecordError(arn, late);
        }
        return {
          name,
          arn,
          status: text(summary.StreamStatus),
          encryptionType: text(summary.EncryptionType),
          keyId: text(summary.KeyId),
          files: [...listed.files, ...answer.files],
        };
      },
    );
    if (!typed.ok) return typed;
    return {
      ok: true,
      value: typed.value.filter((s): s is KinesisStream => s !== undefined),
      files: [...listed.files, ...used],
      unusable: typed.unusable ?? [],
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
