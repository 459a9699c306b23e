import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';
import { metricAlarm } from './aws-builders.js';

/**
 * Builders for the CloudWatch monitoring chain beyond aws-builders.ts: single records shaped as
 * SDK v3 returns them, so a test can leave fields out or contradict them one at a time. Times are
 * before the checks' test collection time (2026-09-30T00:00:00Z) unless a test says otherwise.
 */

/** One `logs:DescribeMetricFilters` record: metric `CISBenchmark/<name>`. */
export function metricFilterRecord(
  name: string,
  pattern: string,
  logGroupName: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    filterName: name,
    filterPattern: pattern,
    metricTransformations: [{ metricName: name, metricNamespace: 'CISBenchmark', metricValue: '1' }],
    creationTime: Date.parse('2024-03-12T10:00:00Z'),
    logGroupName,
    applyOnTransformedLogs: false,
    ...fields,
  };
}

/** `logs:DescribeMetricFilters` of one log group holding exactly these records. */
export function describeMetricFilters(region: string, logGroupName: string, records: object[]): TestFile {
  return { region, service: 'logs', operation: 'DescribeMetricFilters', parameters: { logGroupName }, body: { metricFilters: records } };
}

/**
 * One `cloudwatch:DescribeAlarms` metric alarm on `CISBenchmark/<metric>`, named `<metric>-alarm`:
 * the shared builder's alarm without the optional fields an emulator leaves out, and with a state
 * time before the test collection.
 */
export function alarmRecord(
  region: string,
  metric: string,
  actions: string[],
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  const {
    StateReason: _reason,
    TreatMissingData: _missing,
    StateTransitionedTimestamp: _transitioned,
    ...sparse
  } = metricAlarm(region, metric, actions) as Record<string, unknown>;
  return { ...sparse, StateUpdatedTimestamp: '2026-09-29T07:56:00.000Z', ...fields };
}

/** One `sns:ListSubscriptionsByTopic` record: confirmed (ARN under the topic) or pending. */
export function subscriptionRecord(
  topicArn: string,
  state: 'confirmed' | 'pending',
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    SubscriptionArn: state === 'confirmed' ? `${topicArn}:6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c` : 'PendingConfirmation',
    Owner: TEST_ACCOUNT,
    Protocol: 'email',
    Endpoint: 'security@example.com',
    TopicArn: topicArn,
    ...fields,
  };
}

/** `sns:ListSubscriptionsByTopic` of one topic holding exactly these records. */
export function listSubscriptionsByTopic(topicArn: string, records: object[]): TestFile {
  const region = topicArn.split(':')[3] ?? 'us-east-1';
  return {
    region,
    service: 'sns',
    operation: 'ListSubscriptionsByTopic',
    parameters: { TopicArn: topicArn },
    body: { Subscriptions: records },
  };
}

/** A copy of a record with these fields left out (an implementation that omits them). */
export function omit(record: Record<string, unknown>, ...fields: string[]): Record<string, unknown> {
  const copy = { ...record };
  for (const field of fields) delete copy[field];
  return copy;
}
