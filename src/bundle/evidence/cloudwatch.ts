import type { DescribeAlarmsOutput } from '@aws-sdk/client-cloudwatch';
import type { DescribeMetricFiltersResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ListSubscriptionsByTopicResponse } from '@aws-sdk/client-sns';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, findCall, unavailable, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { parseFilterPattern, type ParsedFilterPattern } from './logs.js';
import { callWhere, loadPages, mapEvidence, type Wire } from './wire.js';

/** A CloudWatch Logs metric filter with its pattern parsed. */
export interface LogMetricFilter {
  name: string;
  logGroupName: string;
  /** The pattern as written (untrusted text). */
  pattern: string;
  parsed: ParsedFilterPattern;
  /** The metrics it publishes. */
  metrics: { name: string; namespace: string }[];
}

/** A CloudWatch metric alarm, reduced to what checks read. */
export interface MetricAlarm {
  name: string;
  arn: string;
  metricName: string | undefined;
  namespace: string | undefined;
  actionsEnabled: boolean;
  /** ARNs notified on ALARM (SNS topics, Auto Scaling or EC2 actions). */
  alarmActions: string[];
}

/** An SNS subscription; `confirmed` is false while AWS lists it as PendingConfirmation. */
export interface SnsSubscription {
  topicArn: string;
  protocol: string | undefined;
  /** Where messages go (an address or URL: untrusted text). */
  endpoint: string | undefined;
  confirmed: boolean;
}

/** One region's links of the monitoring chain; each can be missing alone. */
export interface RegionMonitoring {
  region: string;
  /** `logs:DescribeMetricFilters` of one log group (the collector asks about trail log groups only). */
  metricFilters(logGroupName: string): Evidence<LogMetricFilter[]>;
  /** `cloudwatch:DescribeAlarms` (metric alarms) of the region. */
  alarms: Evidence<MetricAlarm[]>;
  /** `sns:ListSubscriptionsByTopic` of one topic (the collector asks about topics of alarms on filter metrics only). */
  subscriptions(topicArn: string): Evidence<SnsSubscription[]>;
}

/**
 * For every region in the bundle's scope, the chain from a CloudTrail log group to a notified
 * person: metric filters per log group, the region's alarms, and subscriptions per SNS topic.
 */
export const regionalMonitoring = defineEvidence<RegionMonitoring[]>({
  name: 'CloudWatch metric filters, alarms and SNS subscriptions',
  scope: 'account',
  async load(bundle, { account }) {
    const value = await Promise.all(
      bundle.manifest.scope.regions.map(async (region): Promise<RegionMonitoring> => {
        const key = (service: string, operation: string): CallKey => ({ account, region, service, operation });
        const metricFilters = await perParameter<DescribeMetricFiltersResponse, LogMetricFilter[]>(bundle, key('logs', 'DescribeMetricFilters'), 'logGroupName', (pages) =>
          pages.flatMap((page) => page.metricFilters ?? []).map((f) => ({
            name: f.filterName ?? '(unnamed)',
            logGroupName: f.logGroupName ?? '',
            pattern: f.filterPattern ?? '',
            parsed: parseFilterPattern(f.filterPattern ?? ''),
            metrics: (f.metricTransformations ?? []).flatMap((m) => (m.metricName && m.metricNamespace ? [{ name: m.metricName, namespace: m.metricNamespace }] : [])),
          })),
        );
        const alarms = mapEvidence(await loadPages<DescribeAlarmsOutput>(bundle, key('cloudwatch', 'DescribeAlarms')), (pages) =>
          pages.flatMap((page) => page.MetricAlarms ?? []).map((a) => ({
            name: a.AlarmName ?? '(unnamed)',
            arn: a.AlarmArn ?? `arn:aws:cloudwatch:${region}:${account}:alarm:${a.AlarmName ?? ''}`,
            metricName: a.MetricName,
            namespace: a.Namespace,
            // The API default: an alarm created without ActionsEnabled runs its actions.
            actionsEnabled: a.ActionsEnabled !== false,
            alarmActions: a.AlarmActions ?? [],
          })),
        );
        const subscriptions = await perParameter<ListSubscriptionsByTopicResponse, SnsSubscription[]>(bundle, key('sns', 'ListSubscriptionsByTopic'), 'TopicArn', (pages) =>
          pages.flatMap((page) => page.Subscriptions ?? []).flatMap((s) =>
            s.TopicArn
              ? [{ topicArn: s.TopicArn, protocol: s.Protocol, endpoint: s.Endpoint, confirmed: s.SubscriptionArn !== undefined && s.SubscriptionArn.startsWith('arn:') }]
              : [],
          ),
        );
        return { region, metricFilters, alarms, subscriptions };
      }),
    );
    return { ok: true, value, files: [] };
  },
});

/**
 * Loads every call of a per-resource operation the bundle holds (or failed), keyed by one
 * parameter; asking about a value it does not hold names the call as not collected.
 */
async function perParameter<R, T>(
  bundle: EvidenceBundle,
  operation: CallKey,
  parameter: string,
  convert: (pages: Wire<R>[]) => T,
): Promise<(value: string) => Evidence<T>> {
  const values = new Set<string>();
  for (const entry of [...bundle.filesOf(operation), ...bundle.errors({ ...operation, parameters: undefined })]) {
    const value = entry.parameters?.[parameter];
    if (typeof value === 'string') values.add(value);
  }
  const loaded = new Map<string, Evidence<T>>();
  for (const value of values) {
    const key = callWhere(bundle, operation, parameter, [value]);
    try {
      loaded.set(value, mapEvidence(await loadPages<R>(bundle, key), convert));
    } catch (error) {
      loaded.set(value, { ok: false, reason: `${operation.service}:${operation.operation} ${parameter}=${value} could not be read: ${messageOf(error)}`, errors: [] });
    }
  }
  return (value) => {
    const found = loaded.get(value);
    if (found) return found;
    const key: CallKey = { ...operation, parameters: { [parameter]: value } };
    return unavailable(key, findCall(bundle, key));
  };
}
