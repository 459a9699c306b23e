import type { DescribeAlarmsOutput, MetricAlarm as MetricAlarm_ } from '@aws-sdk/client-cloudwatch';
import type { DescribeMetricFiltersResponse, MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { ListSubscriptionsByTopicResponse, Subscription } from '@aws-sdk/client-sns';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, findCall, unavailable, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { parseFilterPattern, type ParsedFilterPattern } from './logs.js';
import { callWhere, loadPages, mapRecords, reviveDates, type Wire, listField } from './wire.js';

/** A CloudWatch Logs metric filter with its pattern parsed (`parsed.ok` false: it matches nothing). */
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

/**
 * One region's links of the monitoring chain; each can be missing alone. Each link's evidence may
 * carry `unusable` records (the harness does not see them: a check must treat each as a record
 * that might have completed the chain) and the source's `warnings` collect every impossible time.
 */
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
 * Each list is typed record by record: a record that cannot be used (no name to cite, no pattern,
 * a time after the collection ended) is set aside on that link's `unusable`, which a check must
 * treat as "this link might have completed the chain", never as absent.
 */
export const regionalMonitoring = defineEvidence<RegionMonitoring[]>({
  name: 'CloudWatch metric filters, alarms and SNS subscriptions',
  scope: 'account',
  async load(bundle, { account }) {
    const warnings: string[] = [];
    const value = await Promise.all(
      bundle.manifest.scope.regions.map(async (region): Promise<RegionMonitoring> => {
        const key = (service: string, operation: string): CallKey => ({ account, region, service, operation });
        const metricFilters = await perParameter<DescribeMetricFiltersResponse, LogMetricFilter[]>(
          bundle,
          key('logs', 'DescribeMetricFilters'),
          'logGroupName',
          (loaded, logGroupName, where) =>
            mapRecords(
              loaded,
              (pages) => pages.flatMap((page) => listField(page, 'metricFilters')),
              where,
              (f, index) => typeMetricFilter(f, index, logGroupName, where, bundle.collectedAt, warnings),
            ),
        );
        const alarmsWhere = `cloudwatch:DescribeAlarms in ${account}/${region}`;
        const alarms = mapRecords(
          await loadPages<DescribeAlarmsOutput>(bundle, key('cloudwatch', 'DescribeAlarms')),
          (pages) => pages.flatMap((page) => listField(page, 'MetricAlarms')),
          alarmsWhere,
          (a, index) => typeAlarm(a, index, { account, region, where: alarmsWhere, collectedAt: bundle.collectedAt, warnings }),
        );
        const subscriptions = await perParameter<ListSubscriptionsByTopicResponse, SnsSubscription[]>(
          bundle,
          key('sns', 'ListSubscriptionsByTopic'),
          'TopicArn',
          (loaded, topicArn, where) =>
            mapRecords(
              loaded,
              (pages) => pages.flatMap((page) => listField(page, 'Subscriptions')),
              where,
              (s, index) => typeSubscription(s, index, topicArn, where),
            ),
        );
        return { region, metricFilters, alarms, subscriptions };
      }),
    );
    return { ok: true, value, files: [], ...(warnings.length > 0 ? { warnings } : {}) };
  },
});

/** Records a time after the collection ended: it cannot be true, so the record cannot help a verdict. */
function assertNotAfterCollection(time: Date, field: string, resource: string, collectedAt: Date, warnings: string[]): void {
  if (time.getTime() <= collectedAt.getTime()) return;
  const reason = `${field} is ${time.toISOString()}, after the collection ended at ${collectedAt.toISOString()}`;
  warnings.push(`${resource}: ${reason}; the record was not used`);
  throw new UnusableRecordError(resource, reason);
}

function typeMetricFilter(
  f: Wire<MetricFilter>,
  index: number,
  askedGroup: string,
  where: string,
  collectedAt: Date,
  warnings: string[],
): LogMetricFilter {
  const position = `${where}, filter ${index + 1}`;
  // A metric filter has no ARN: its name (with the log group) is the only way an auditor can find it.
  if (typeof f.filterName !== 'string' || f.filterName.trim() === '')
    throw new UnusableRecordError(position, 'lacks filterName, so the filter cannot be cited');
  const resource = `metric filter ${f.filterName} of log group ${f.logGroupName ?? askedGroup}`;
  if (typeof f.filterPattern !== 'string') throw new UnusableRecordError(resource, 'lacks filterPattern, so what it matches is unknown');
  if (f.logGroupName !== undefined && typeof f.logGroupName !== 'string')
    throw new UnusableRecordError(resource, `logGroupName is not a string (${JSON.stringify(f.logGroupName)})`);
  const transformations = f.metricTransformations;
  if (!Array.isArray(transformations) || transformations.length === 0)
    throw new UnusableRecordError(resource, 'lacks metricTransformations, so no alarm can be linked to it');
  const metrics = transformations.map((m, i) => {
    if (typeof m.metricName !== 'string' || m.metricName === '' || typeof m.metricNamespace !== 'string' || m.metricNamespace === '') {
      throw new UnusableRecordError(resource, `metric transformation ${i + 1} lacks metricName or metricNamespace`);
    }
    return { name: m.metricName, namespace: m.metricNamespace };
  });
  if (f.creationTime !== undefined) {
    if (typeof f.creationTime !== 'number' || !Number.isFinite(f.creationTime))
      throw new UnusableRecordError(resource, `creationTime is not a time (${JSON.stringify(f.creationTime)})`);
    assertNotAfterCollection(new Date(f.creationTime), 'creationTime', resource, collectedAt, warnings);
  }
  return {
    name: f.filterName,
    // DescribeMetricFilters was asked about one log group: a filter that omits it belongs to that group.
    logGroupName: f.logGroupName ?? askedGroup,
    pattern: f.filterPattern,
    parsed: parseFilterPattern(f.filterPattern),
    metrics,
  };
}

const ALARM_TIMES = ['AlarmConfigurationUpdatedTimestamp', 'StateUpdatedTimestamp', 'StateTransitionedTimestamp'] as const;

function typeAlarm(
  a: Wire<MetricAlarm_>,
  index: number,
  {
    account,
    region,
    where,
    collectedAt,
    warnings,
  }: { account: string; region: string; where: string; collectedAt: Date; warnings: string[] },
): MetricAlarm {
  const arnName = typeof a.AlarmArn === 'string' ? /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(a.AlarmArn)?.[1] : undefined;
  const name = typeof a.AlarmName === 'string' && a.AlarmName !== '' ? a.AlarmName : arnName;
  if (!name) throw new UnusableRecordError(`${where}, alarm ${index + 1}`, 'lacks AlarmName and an AlarmArn to derive it from');
  const arn = typeof a.AlarmArn === 'string' && a.AlarmArn !== '' ? a.AlarmArn : `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
  if (arnName !== undefined && arnName !== name) throw new UnusableRecordError(arn, `AlarmName ${name} contradicts its AlarmArn`);
  const revived = reviveDates<MetricAlarm_>(a, ALARM_TIMES, arn);
  // A configuration changed after the collection ended cannot be what was collected: not used.
  if (revived.AlarmConfigurationUpdatedTimestamp) {
    assertNotAfterCollection(
      revived.AlarmConfigurationUpdatedTimestamp,
      'AlarmConfigurationUpdatedTimestamp',
      `alarm ${arn}`,
      collectedAt,
      warnings,
    );
  }
  // A state time after the collection contradicts the answer too, but says nothing about the
  // configuration a verdict rests on: the auditor is told, and the alarm stays usable.
  for (const field of ['StateUpdatedTimestamp', 'StateTransitionedTimestamp'] as const) {
    const time = revived[field];
    if (time && time.getTime() > collectedAt.getTime()) {
      warnings.push(`alarm ${arn}: ${field} is ${time.toISOString()}, after the collection ended at ${collectedAt.toISOString()}`);
    }
  }
  if (a.AlarmActions !== undefined && (!Array.isArray(a.AlarmActions) || a.AlarmActions.some((x) => typeof x !== 'string'))) {
    throw new UnusableRecordError(arn, 'AlarmActions is not a list of ARNs');
  }
  if (a.ActionsEnabled !== undefined && typeof a.ActionsEnabled !== 'boolean')
    throw new UnusableRecordError(arn, `ActionsEnabled is not true or false (${JSON.stringify(a.ActionsEnabled)})`);
  return {
    name,
    arn,
    metricName: typeof a.MetricName === 'string' ? a.MetricName : undefined,
    namespace: typeof a.Namespace === 'string' ? a.Namespace : undefined,
    // The API default: an alarm created without ActionsEnabled runs its actions.
    actionsEnabled: a.ActionsEnabled !== false,
    alarmActions: listField(a, 'AlarmActions'),
  };
}

function typeSubscription(s: Wire<Subscription>, index: number, askedTopic: string, where: string): SnsSubscription {
  // ListSubscriptionsByTopic was asked about one topic: a subscription that omits it belongs to that topic.
  const topicArn = typeof s.TopicArn === 'string' && s.TopicArn !== '' ? s.TopicArn : askedTopic;
  const resource =
    typeof s.SubscriptionArn === 'string' && s.SubscriptionArn.startsWith('arn:')
      ? s.SubscriptionArn
      : `${where}, subscription ${index + 1}`;
  if (typeof s.SubscriptionArn !== 'string' || s.SubscriptionArn === '') {
    throw new UnusableRecordError(resource, 'lacks SubscriptionArn, so whether it is confirmed is unknown');
  }
  // A confirmed subscription's ARN is its topic's ARN plus an id; anything else is pending or deleted.
  const confirmed = s.SubscriptionArn.startsWith(`${topicArn}:`);
  if (!confirmed && s.SubscriptionArn.startsWith('arn:'))
    throw new UnusableRecordError(resource, `SubscriptionArn does not belong to topic ${topicArn}`);
  return {
    topicArn,
    protocol: typeof s.Protocol === 'string' ? s.Protocol : undefined,
    endpoint: typeof s.Endpoint === 'string' ? s.Endpoint : undefined,
    confirmed,
  };
}

/**
 * Loads every call of a per-resource operation the bundle holds (or failed), keyed by one
 * parameter; asking about a value it does not hold names the call as not collected.
 */
async function perParameter<R, T>(
  bundle: EvidenceBundle,
  operation: CallKey,
  parameter: string,
  convert: (loaded: Evidence<Wire<R>[]>, value: string, where: string) => Evidence<T>,
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
      loaded.set(
        value,
        convert(
          await loadPages<R>(bundle, key),
          value,
          `${operation.service}:${operation.operation} ${parameter}=${value} in ${operation.account}/${operation.region}`,
        ),
      );
    } catch (error) {
      loaded.set(value, {
        ok: false,
        reason: `${operation.service}:${operation.operation} ${parameter}=${value} could not be read: ${messageOf(error)}`,
        errors: [],
      });
    }
  }
  return (value) => {
    const found = loaded.get(value);
    if (found) return found;
    const key: CallKey = { ...operation, parameters: { [parameter]: value } };
    return unavailable(key, findCall(bundle, key));
  };
}

/** A CloudWatch metric alarm with the actions of each state, as the alarm-action checks read it. */
export interface AlarmWithActions {
  name: string;
  arn: string;
  /** The API default: an alarm created without ActionsEnabled runs its actions. */
  actionsEnabled: boolean;
  /** Notified on ALARM. */
  alarmActions: string[];
  /** Notified on INSUFFICIENT_DATA. */
  insufficientDataActions: string[];
  /** Notified on OK. */
  okActions: string[];
}

const ACTION_LISTS = [
  ['AlarmActions', 'alarmActions'],
  ['InsufficientDataActions', 'insufficientDataActions'],
  ['OKActions', 'okActions'],
] as const;

/**
 * `cloudwatch:DescribeAlarms` of one region (metric alarms: the collector sends no AlarmTypes),
 * typed per alarm with all three action lists. An alarm whose name cannot be found, whose action
 * list is not a list of ARNs, or whose configuration changed after the collection ended is set
 * aside as unusable; the others stay.
 */
export const regionAlarms = defineEvidence<AlarmWithActions[]>({
  name: 'CloudWatch metric alarms',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `cloudwatch:DescribeAlarms in ${account}/${region}`;
    const warnings: string[] = [];
    const typed = mapRecords(
      await loadPages<DescribeAlarmsOutput>(bundle, { account, region, service: 'cloudwatch', operation: 'DescribeAlarms' }),
      (pages) => pages.flatMap((page) => listField(page, 'MetricAlarms')),
      where,
      (a, index): AlarmWithActions => {
        // The CIS typer's identity, ActionsEnabled and time checks; its AlarmActions check too.
        const base = typeAlarm(a, index, { account, region, where, collectedAt: bundle.collectedAt, warnings });
        const lists = Object.fromEntries(
          ACTION_LISTS.map(([field, key]) => {
            const value: unknown = a[field];
            if (value !== undefined && value !== null && (!Array.isArray(value) || value.some((x) => typeof x !== 'string')))
              throw new UnusableRecordError(base.arn, `${field} is not a list of ARNs`);
            return [key, (value ?? []) as string[]];
          }),
        ) as Pick<AlarmWithActions, 'alarmActions' | 'insufficientDataActions' | 'okActions'>;
        return { name: base.name, arn: base.arn, actionsEnabled: base.actionsEnabled, ...lists };
      },
    );
    return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
  },
});
