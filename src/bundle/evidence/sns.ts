import type { GetTopicAttributesResponse, ListTopicsResponse, Topic } from '@aws-sdk/client-sns';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { callWhere, listField, loadOptional, loadPages, mapRecords, type Wire } from './wire.js';

/** The attributes of an SNS topic that checks read. */
export interface SnsTopicAttributes {
  /** The KMS key (id, ARN, alias or alias ARN) that encrypts the topic; `undefined`: not encrypted. */
  kmsMasterKeyId: string | undefined;
}

/** An SNS topic with its attributes. */
export interface SnsTopic {
  arn: string;
  name: string;
  /** From the topic's own GetTopicAttributes call; `undefined` value: the topic was deleted meanwhile. */
  attributes: Evidence<SnsTopicAttributes | undefined>;
}

/**
 * `sns:ListTopics` of one region (every page), with `sns:GetTopicAttributes` of each topic found by
 * its TopicArn. A topic without a TopicArn is unusable.
 */
export const snsTopics = defineEvidence<SnsTopic[]>({
  name: 'SNS topics',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListTopics of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListTopicsResponse>(bundle, { account, region, service: 'sns', operation: 'ListTopics' }),
      (pages) => pages.flatMap((page) => listField(page, 'Topics')),
      where,
      (topic: Wire<Topic>, index) => {
        if (typeof topic.TopicArn !== 'string' || topic.TopicArn === '')
          throw new UnusableRecordError(`${where}, topic ${index + 1}`, 'lacks TopicArn');
        return { arn: topic.TopicArn, name: topic.TopicArn.split(':').pop() ?? topic.TopicArn };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (t) => ({ ...t, attributes: await attributesOf(bundle, { account, region }, t.arn) })),
    );
    return { ...listed, value };
  },
});

async function attributesOf(
  bundle: EvidenceBundle,
  scope: { account: string; region: string },
  arn: string,
): Promise<Evidence<SnsTopicAttributes | undefined>> {
  const key: Omit<CallKey, 'parameters'> = { ...scope, service: 'sns', operation: 'GetTopicAttributes' };
  const loaded = await loadOptional<GetTopicAttributesResponse>(bundle, callWhere(bundle, key, 'TopicArn', [arn]));
  if (!loaded.ok) return loaded;
  if (loaded.value === undefined) return { ok: true, value: undefined, files: loaded.files };
  const attributes = loaded.value.Attributes as unknown;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    return {
      ok: false,
      reason: `sns:GetTopicAttributes of ${arn} could not be read: ${messageOf(new Error('the answer has no Attributes'))}`,
      errors: [],
    };
  // AWS leaves KmsMasterKeyId out of the attributes of a topic without server-side encryption.
  const id = (attributes as Record<string, unknown>).KmsMasterKeyId;
  if (id !== undefined && typeof id !== 'string')
    return { ok: false, reason: `sns:GetTopicAttributes of ${arn} could not be read: KmsMasterKeyId is not a string`, errors: [] };
  return { ok: true, value: { kmsMasterKeyId: id === '' ? undefined : id }, files: loaded.files };
}
