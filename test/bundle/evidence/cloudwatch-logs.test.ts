import { describe, expect, it } from 'vitest';
import { contactInformation, securityContact } from '../../../src/bundle/evidence/account.js';
import { regionalMonitoring, type RegionMonitoring } from '../../../src/bundle/evidence/cloudwatch.js';
import { filterMatches, parseFilterPattern, type FilterExpression } from '../../../src/bundle/evidence/logs.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { alarmRecord, describeMetricFilters, listSubscriptionsByTopic, metricFilterRecord, omit, subscriptionRecord } from '../../helpers/monitoring-builders.js';

const scope = { account: '111122223333', region: 'global' };
const collectedAt = '2026-09-30T00:00:00Z';
const GROUP = 'trail-logs';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';
const PATTERN = '{ $.userIdentity.type = "Root" }';

async function monitoringOf(files: TestFile[]): Promise<{ regions: RegionMonitoring[]; warnings: string[] }> {
  const evidence = await regionalMonitoring.load(await testBundle({ files, collectedAt }), { account: scope.account, region: 'global' });
  if (!evidence.ok) throw new Error(evidence.reason);
  return { regions: evidence.value, warnings: evidence.warnings ?? [] };
}

function usEast1(regions: RegionMonitoring[]): RegionMonitoring {
  const region = regions.find((r) => r.region === 'us-east-1');
  if (!region) throw new Error('no us-east-1');
  return region;
}

describe('CloudWatch metric filters', () => {
  it('types each filter alone: derives the log group, sets aside the ones without a name, pattern or metric', async () => {
    const { regions } = await monitoringOf([
      describeMetricFilters('us-east-1', GROUP, [
        omit(metricFilterRecord('NoGroup', PATTERN, GROUP), 'logGroupName'),
        omit(metricFilterRecord('Anonymous', PATTERN, GROUP), 'filterName'),
        omit(metricFilterRecord('NoPattern', PATTERN, GROUP), 'filterPattern'),
        metricFilterRecord('NoMetric', PATTERN, GROUP, { metricTransformations: [{ metricValue: '1' }] }),
        metricFilterRecord('Broken', '{ $.userIdentity.type = ', GROUP),
      ]),
    ]);
    const filters = usEast1(regions).metricFilters(GROUP);
    if (!filters.ok) throw new Error(filters.reason);
    expect(filters.value.map((f) => [f.name, f.logGroupName, f.parsed.ok])).toEqual([
      ['NoGroup', GROUP, true],
      ['Broken', GROUP, false],
    ]);
    expect(filters.unusable).toEqual([
      { resource: 'logs:DescribeMetricFilters logGroupName=trail-logs in 111122223333/us-east-1, filter 2', reason: 'lacks filterName, so the filter cannot be cited' },
      { resource: 'metric filter NoPattern of log group trail-logs', reason: 'lacks filterPattern, so what it matches is unknown' },
      { resource: 'metric filter NoMetric of log group trail-logs', reason: 'metric transformation 1 lacks metricName or metricNamespace' },
    ]);
  });

  it('sets aside a filter created after the collection ended and warns once', async () => {
    const { regions, warnings } = await monitoringOf([
      describeMetricFilters('us-east-1', GROUP, [metricFilterRecord('Future', PATTERN, GROUP, { creationTime: Date.parse('2027-01-01T00:00:00Z') })]),
    ]);
    const filters = usEast1(regions).metricFilters(GROUP);
    expect(filters.ok && filters.value).toEqual([]);
    expect(filters.ok && filters.unusable?.[0]?.reason).toBe('creationTime is 2027-01-01T00:00:00.000Z, after the collection ended at 2026-09-30T00:00:00.000Z');
    expect(warnings).toEqual([
      'metric filter Future of log group trail-logs: creationTime is 2027-01-01T00:00:00.000Z, after the collection ended at 2026-09-30T00:00:00.000Z; the record was not used',
    ]);
  });

  it('names a log group it holds no call for as not collected', async () => {
    const { regions } = await monitoringOf([]);
    const filters = usEast1(regions).metricFilters('elsewhere');
    expect(filters.ok).toBe(false);
    expect(!filters.ok && filters.reason).toMatch(/logs:DescribeMetricFilters logGroupName=elsewhere in 111122223333\/us-east-1 is not in the bundle/);
  });
});

describe('CloudWatch alarms', () => {
  it('derives a name from the ARN and an ARN from the name, and sets aside an alarm with neither', async () => {
    const { regions } = await monitoringOf([
      {
        region: 'us-east-1',
        service: 'cloudwatch',
        operation: 'DescribeAlarms',
        body: {
          MetricAlarms: [
            omit(alarmRecord('us-east-1', 'A', [TOPIC]), 'AlarmName'),
            omit(alarmRecord('us-east-1', 'B', [TOPIC]), 'AlarmArn', 'ActionsEnabled'),
            omit(alarmRecord('us-east-1', 'C', [TOPIC]), 'AlarmName', 'AlarmArn'),
            alarmRecord('us-east-1', 'D', [TOPIC], { AlarmName: 'not-D' }),
          ],
        },
      },
    ]);
    const { alarms } = usEast1(regions);
    if (!alarms.ok) throw new Error(alarms.reason);
    expect(alarms.value.map((a) => [a.name, a.arn, a.actionsEnabled])).toEqual([
      ['A-alarm', 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:A-alarm', true],
      ['B-alarm', 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:B-alarm', true],
    ]);
    expect(alarms.unusable?.map((u) => u.reason)).toEqual(['lacks AlarmName and an AlarmArn to derive it from', 'AlarmName not-D contradicts its AlarmArn']);
  });

  it('keeps an alarm whose state time is after the collection, with a warning, but not one whose configuration is', async () => {
    const { regions, warnings } = await monitoringOf([
      {
        region: 'us-east-1',
        service: 'cloudwatch',
        operation: 'DescribeAlarms',
        body: {
          MetricAlarms: [
            alarmRecord('us-east-1', 'State', [TOPIC], { StateUpdatedTimestamp: '2026-09-30T07:56:00.000Z' }),
            alarmRecord('us-east-1', 'Config', [TOPIC], { AlarmConfigurationUpdatedTimestamp: '2026-09-30T00:00:00.001Z' }),
          ],
        },
      },
    ]);
    const { alarms } = usEast1(regions);
    expect(alarms.ok && alarms.value.map((a) => a.name)).toEqual(['State-alarm']);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/State-alarm: StateUpdatedTimestamp is 2026-09-30T07:56:00.000Z, after the collection ended/);
    expect(warnings.join('\n')).toMatch(/Config-alarm: AlarmConfigurationUpdatedTimestamp is 2026-09-30T00:00:00.001Z, after the collection ended at 2026-09-30T00:00:00.000Z; the record was not used/);
  });
});

describe('SNS subscriptions', () => {
  it('derives the topic, reads confirmation from the ARN, and sets aside what cannot be confirmed', async () => {
    const { regions } = await monitoringOf([
      listSubscriptionsByTopic(TOPIC, [
        omit(subscriptionRecord(TOPIC, 'confirmed'), 'TopicArn', 'Protocol', 'Endpoint', 'Owner'),
        subscriptionRecord(TOPIC, 'pending'),
        omit(subscriptionRecord(TOPIC, 'confirmed'), 'SubscriptionArn'),
        subscriptionRecord(TOPIC, 'confirmed', { SubscriptionArn: 'arn:aws:sns:us-east-1:111122223333:other:1' }),
      ]),
    ]);
    const subscriptions = usEast1(regions).subscriptions(TOPIC);
    if (!subscriptions.ok) throw new Error(subscriptions.reason);
    expect(subscriptions.value).toEqual([
      { topicArn: TOPIC, protocol: undefined, endpoint: undefined, confirmed: true },
      { topicArn: TOPIC, protocol: 'email', endpoint: 'security@example.com', confirmed: false },
    ]);
    expect(subscriptions.unusable?.map((u) => u.reason)).toEqual([
      'lacks SubscriptionArn, so whether it is confirmed is unknown',
      `SubscriptionArn does not belong to topic ${TOPIC}`,
    ]);
  });
});

describe('filter patterns', () => {
  it('refuses a regular expression that is not valid instead of failing later', () => {
    const parsed = parseFilterPattern('{ $.eventName = %Delete[% }');
    expect(parsed).toEqual({ ok: false, reason: '$.eventName = %Delete[% is not a valid regular expression' });
  });

  it('never throws while matching, even on an expression built by hand', () => {
    const expression: FilterExpression = { kind: 'compare', path: ['eventName'], operator: '=', value: '%Delete[%', quoted: false };
    expect(filterMatches(expression, { eventName: 'DeleteTrail' })).toBe(false);
  });

  it('matches a valid regular expression', () => {
    const parsed = parseFilterPattern('{ $.eventName = %Delete.*% }');
    expect(parsed.ok && filterMatches(parsed.expression, { eventName: 'DeleteTrail' })).toBe(true);
  });
});

describe('account contacts', () => {
  it('keeps an answer that omits optional fields as it is, without filling them', async () => {
    const files: TestFile[] = [{ service: 'account', operation: 'GetContactInformation', body: { ContactInformation: { FullName: 'Acme', PhoneNumber: '+1-555-0100' } } }];
    const evidence = await contactInformation.load(await testBundle({ files, collectedAt }), scope);
    expect(evidence.ok && evidence.value).toEqual({ FullName: 'Acme', PhoneNumber: '+1-555-0100' });
  });

  it('tells an answer without AlternateContact from the not-found answer', async () => {
    const parameters = { AlternateContactType: 'SECURITY' };
    const empty = await securityContact.load(await testBundle({ files: [{ service: 'account', operation: 'GetAlternateContact', parameters, body: {} }], collectedAt }), scope);
    expect(empty.ok).toBe(false);
    const notFound = await securityContact.load(
      await testBundle({
        files: [{ service: 'account', operation: 'GetAlternateContact', parameters, status: 'not-found', body: { Error: { Code: 'ResourceNotFoundException' } } }],
        collectedAt,
      }),
      scope,
    );
    expect(notFound.ok && notFound.value).toBeUndefined();
    expect(notFound.ok).toBe(true);
  });
});
