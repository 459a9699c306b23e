import check from '../../../src/checks/cloudwatch/cloudwatch-metric-filter-alarm-configured.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import {
  callError,
  classicSelector,
  describeAlarms,
  describeTrails,
  eventSelectors,
  metricAlarm,
  metricFilters,
  topicSubscriptions,
  trail,
  trailStatus,
} from '../../helpers/aws-builders.js';
import {
  alarmRecord,
  describeMetricFilters,
  listSubscriptionsByTopic,
  metricFilterRecord,
  omit,
  subscriptionRecord,
} from '../../helpers/monitoring-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const GROUP = 'aws-cloudtrail-logs-acme';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:security-alerts';
const main = () =>
  trail('main-trail', {
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:111122223333:log-group:${GROUP}:*`,
    CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role',
  });
const ROOT = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
const UNAUTHORIZED =
  '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
const NACL =
  '{($.eventName=CreateNetworkAcl)||($.eventName=CreateNetworkAclEntry)||($.eventName=DeleteNetworkAcl)||($.eventName=DeleteNetworkAclEntry)||($.eventName=ReplaceNetworkAclEntry)||($.eventName=ReplaceNetworkAclAssociation)}';

/** Trail (both regions, logging, all management events), filters on its group, alarms, and the topic's subscriptions. */
function chain(
  options: {
    filters?: { name: string; pattern: string }[];
    alarms?: object[];
    subscriptions?: 'confirmed' | 'pending' | 'none' | 'missing';
    trail?: ReturnType<typeof main>;
  } = {},
): { files: TestFile[] } {
  const t = options.trail ?? main();
  const filters = options.filters ?? [{ name: 'RootUsage', pattern: ROOT }];
  const files = [
    describeTrails('us-east-1', [t]),
    describeTrails('eu-west-1', [t]),
    trailStatus(t),
    eventSelectors(t),
    metricFilters('us-east-1', GROUP, filters),
    describeAlarms('us-east-1', options.alarms ?? filters.map((f) => metricAlarm('us-east-1', f.name, [TOPIC]))),
    describeAlarms('eu-west-1', []),
  ];
  const subscriptions = options.subscriptions ?? 'confirmed';
  if (subscriptions !== 'missing') files.push(topicSubscriptions(TOPIC, subscriptions));
  return { files };
}

/**
 * The complete root-usage chain with some links given as single records (each defaults to the
 * well-formed one), so a case can omit, contradict or add one record at a time.
 */
function records(links: { filters?: object[]; alarms?: object[]; subscriptions?: object[] }): { files: TestFile[] } {
  const replaced = chain().files.map((f) => {
    if (f.operation === 'DescribeMetricFilters' && links.filters) return describeMetricFilters('us-east-1', GROUP, links.filters);
    if (f.operation === 'DescribeAlarms' && f.region === 'us-east-1' && links.alarms) return describeAlarms('us-east-1', links.alarms);
    if (f.operation === 'ListSubscriptionsByTopic' && links.subscriptions) return listSubscriptionsByTopic(TOPIC, links.subscriptions);
    return f;
  });
  return { files: replaced };
}
const rootFilter = (fields: Record<string, unknown> = {}) => metricFilterRecord('RootUsage', ROOT, GROUP, fields);
const rootAlarm = (fields: Record<string, unknown> = {}) => alarmRecord('us-east-1', 'RootUsage', [TOPIC], fields);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { pattern: 'root-usage' },
  pass: [
    {
      name: 'the CIS root-usage filter, an alarm and a confirmed email subscription',
      evidence: chain(),
      reason:
        /use of the root user: monitored by trail arn:aws:cloudtrail:us-east-1:111122223333:trail\/main-trail → log group aws-cloudtrail-logs-acme → metric filter RootUsage → alarm RootUsage-alarm → SNS topic arn:aws:sns:us-east-1:111122223333:security-alerts \(confirmed email subscription\)/,
    },
    {
      name: 'the v1.5 unauthorized-API-calls filter with exclusions',
      params: { pattern: 'unauthorized-api-calls' },
      evidence: chain({ filters: [{ name: 'Unauthorized', pattern: UNAUTHORIZED }] }),
    },
    {
      name: 'a NACL filter written without spaces',
      params: { pattern: 'nacl-changes' },
      evidence: chain({ filters: [{ name: 'NaclChanges', pattern: NACL }] }),
    },
    {
      name: 'an IAM filter with eventSource and quoted names',
      params: { pattern: 'cmk-disable-or-delete' },
      evidence: chain({
        filters: [
          {
            name: 'Cmk',
            pattern: '{($.eventSource = "kms.amazonaws.com") && (($.eventName="DisableKey")||($.eventName="ScheduleKeyDeletion"))}',
          },
        ],
      }),
    },
    {
      name: 'an alarm without AlarmName is named from its AlarmArn',
      evidence: records({ alarms: [omit(rootAlarm(), 'AlarmName')] }),
      reason: /→ alarm RootUsage-alarm →/,
    },
    {
      name: 'a filter without logGroupName belongs to the log group DescribeMetricFilters was asked about',
      evidence: records({ filters: [omit(rootFilter(), 'logGroupName', 'creationTime', 'applyOnTransformedLogs')] }),
    },
    {
      name: 'a subscription without TopicArn belongs to the topic it was listed for',
      evidence: records({ subscriptions: [omit(subscriptionRecord(TOPIC, 'confirmed'), 'TopicArn', 'Owner', 'Endpoint')] }),
    },
    {
      name: 'an alarm that omits ActionsEnabled runs its actions (the API default)',
      evidence: records({ alarms: [omit(rootAlarm(), 'ActionsEnabled', 'OKActions', 'InsufficientDataActions', 'StateUpdatedTimestamp')] }),
    },
    {
      name: 'a complete chain beside an unreadable filter, alarm and subscription',
      evidence: records({
        filters: [omit(rootFilter({ filterName: 'Other' }), 'filterName'), rootFilter()],
        alarms: [omit(rootAlarm(), 'AlarmName', 'AlarmArn'), rootAlarm()],
        subscriptions: [omit(subscriptionRecord(TOPIC, 'pending'), 'SubscriptionArn'), subscriptionRecord(TOPIC, 'confirmed')],
      }),
    },
    {
      name: 'a filter created exactly at the collection time',
      evidence: records({ filters: [rootFilter({ creationTime: Date.parse('2026-09-30T00:00:00Z') })] }),
    },
  ],
  fail: [
    {
      name: 'a filter that misses EC2 denials (no wildcard before UnauthorizedOperation)',
      params: { pattern: 'unauthorized-api-calls' },
      evidence: chain({
        filters: [{ name: 'Unauthorized', pattern: '{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' }],
      }),
      reason: /log group aws-cloudtrail-logs-acme has 1 metric filter, none matching every event of the activity/,
    },
    {
      name: 'a NACL filter missing ReplaceNetworkAclAssociation',
      params: { pattern: 'nacl-changes' },
      evidence: chain({ filters: [{ name: 'NaclChanges', pattern: NACL.replace('||($.eventName=ReplaceNetworkAclAssociation)', '') }] }),
    },
    {
      name: 'no alarm on the filter metric',
      evidence: chain({ alarms: [] }),
      reason: /no alarm on metric CISBenchmark\/RootUsage of filter RootUsage/,
    },
    {
      name: 'the alarm notifies no SNS topic',
      evidence: chain({ alarms: [metricAlarm('us-east-1', 'RootUsage', [])] }),
      reason: /alarm RootUsage-alarm notifies no SNS topic/,
    },
    {
      name: 'the topic subscription is pending confirmation',
      evidence: chain({ subscriptions: 'pending' }),
      reason: /topic arn:aws:sns:us-east-1:111122223333:security-alerts has no confirmed subscription/,
    },
    {
      name: 'the trail sends nothing to CloudWatch Logs',
      evidence: chain({ trail: trail('main-trail') }),
      reason: /delivers no logs to CloudWatch Logs/,
    },
    {
      name: 'no trail at all',
      evidence: {
        files: [
          describeTrails('us-east-1', []),
          describeTrails('eu-west-1', []),
          describeAlarms('us-east-1', []),
          describeAlarms('eu-west-1', []),
        ],
      },
      reason: /no multi-region trail/,
    },
    {
      name: 'the trail records write management events only',
      evidence: {
        files: chain().files.map((f) =>
          f.operation === 'GetEventSelectors' ? eventSelectors(main(), { EventSelectors: [classicSelector('WriteOnly')] }) : f,
        ),
      },
      reason: /does not record all management events/,
    },
    {
      name: 'a JSON pattern that is not closed does not count as matching',
      evidence: records({ filters: [rootFilter({ filterPattern: ROOT.slice(0, -1) })] }),
      reason: /has 1 metric filter, none matching every event of the activity \(patterns not understood, so not matching: RootUsage: /,
    },
    {
      name: 'a pattern with an invalid regular expression does not count as matching (and does not throw)',
      evidence: records({ filters: [rootFilter({ filterPattern: '{ $.userIdentity.type = %Ro[ot% }' })] }),
      reason: /RootUsage: \$\.userIdentity\.type = %Ro\[ot% is not a valid regular expression/,
    },
    {
      name: 'a term pattern (not JSON) does not count as matching',
      evidence: records({ filters: [rootFilter({ filterPattern: 'Root' })] }),
      reason: /not a JSON filter pattern/,
    },
    {
      name: 'an empty pattern (matches every event, selects nothing) does not count as matching',
      evidence: records({ filters: [rootFilter({ filterPattern: '' })] }),
      reason: /none matching every event of the activity/,
    },
    {
      name: 'the only filter says it is on another log group',
      evidence: records({ filters: [rootFilter({ logGroupName: 'some-other-group' })] }),
      reason: /has 0 metric filters, none matching/,
    },
    {
      name: 'the subscription is pending and its record omits TopicArn',
      evidence: records({ subscriptions: [omit(subscriptionRecord(TOPIC, 'pending'), 'TopicArn')] }),
      reason: /has no confirmed subscription/,
    },
    {
      name: 'the alarm watches the metric name in another namespace',
      evidence: records({ alarms: [rootAlarm({ Namespace: 'Other' })] }),
      reason: /no alarm on metric CISBenchmark\/RootUsage/,
    },
    {
      name: 'the alarm has its actions disabled',
      evidence: records({ alarms: [rootAlarm({ ActionsEnabled: false })] }),
      reason: /alarm RootUsage-alarm has its actions disabled/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeMetricFilters of the trail log group denied',
      evidence: {
        files: chain().files.filter((f) => f.operation !== 'DescribeMetricFilters'),
        errors: [callError('logs', 'DescribeMetricFilters', 'AccessDeniedException', 'us-east-1', { logGroupName: GROUP })],
      },
      reason:
        /logs:DescribeMetricFilters logGroupName=aws-cloudtrail-logs-acme in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
    {
      name: "the topic's subscriptions were not collected",
      evidence: chain({ subscriptions: 'missing' }),
      reason:
        /sns:ListSubscriptionsByTopic TopicArn=arn:aws:sns:us-east-1:111122223333:security-alerts in 111122223333\/us-east-1 is not in the bundle/,
    },
    {
      name: 'DescribeAlarms throttled',
      evidence: {
        files: chain().files.filter((f) => !(f.operation === 'DescribeAlarms' && f.region === 'us-east-1')),
        errors: [callError('cloudwatch', 'DescribeAlarms', 'Throttling', 'us-east-1')],
      },
      reason: /cloudwatch:DescribeAlarms in 111122223333\/us-east-1 failed during collection: Throttling/,
    },
    {
      name: 'the only filter lacks filterName (it cannot be cited)',
      evidence: records({ filters: [omit(rootFilter(), 'filterName')] }),
      reason:
        /logs:DescribeMetricFilters logGroupName=aws-cloudtrail-logs-acme in 111122223333\/us-east-1, filter 1 could not be read \(lacks filterName/,
    },
    {
      name: 'the only filter lacks filterPattern',
      evidence: records({ filters: [omit(rootFilter(), 'filterPattern')] }),
      reason: /metric filter RootUsage of log group aws-cloudtrail-logs-acme could not be read \(lacks filterPattern/,
    },
    {
      name: 'the only filter lacks metricTransformations',
      evidence: records({ filters: [omit(rootFilter(), 'metricTransformations')] }),
      reason: /lacks metricTransformations/,
    },
    {
      name: 'the only matching filter was created one second after the collection ended',
      evidence: records({ filters: [rootFilter({ creationTime: Date.parse('2026-09-30T00:00:01Z') })] }),
      reason: /creationTime is 2026-09-30T00:00:01.000Z, after the collection ended at 2026-09-30T00:00:00.000Z/,
    },
    {
      name: "the only alarm's configuration changed after the collection ended",
      evidence: records({ alarms: [rootAlarm({ AlarmConfigurationUpdatedTimestamp: '2026-10-01T00:00:00.000Z' })] }),
      reason: /AlarmConfigurationUpdatedTimestamp is 2026-10-01T00:00:00.000Z, after the collection ended/,
    },
    {
      name: 'the only alarm has neither AlarmName nor AlarmArn',
      evidence: records({ alarms: [omit(rootAlarm(), 'AlarmName', 'AlarmArn')] }),
      reason: /cloudwatch:DescribeAlarms in 111122223333\/us-east-1, alarm 1 could not be read \(lacks AlarmName and an AlarmArn/,
    },
    {
      name: 'an alarm whose AlarmConfigurationUpdatedTimestamp is not a time',
      evidence: records({ alarms: [rootAlarm({ AlarmConfigurationUpdatedTimestamp: 'yesterday' })] }),
      reason: /AlarmConfigurationUpdatedTimestamp is not an ISO 8601 timestamp/,
    },
    {
      name: 'the only subscription lacks SubscriptionArn (confirmation unknown)',
      evidence: records({ subscriptions: [omit(subscriptionRecord(TOPIC, 'confirmed'), 'SubscriptionArn')] }),
      reason: /lacks SubscriptionArn, so whether it is confirmed is unknown/,
    },
    {
      name: 'a confirmed-looking subscription ARN under another topic',
      evidence: records({
        subscriptions: [subscriptionRecord(TOPIC, 'confirmed', { SubscriptionArn: 'arn:aws:sns:us-east-1:111122223333:other:6f1c' })],
      }),
      reason: /SubscriptionArn does not belong to topic arn:aws:sns:us-east-1:111122223333:security-alerts/,
    },
    {
      name: 'the only trail sends no logs to CloudWatch, and another trail record could not be read',
      evidence: {
        files: chain({ trail: trail('main-trail') }).files.map((f) =>
          f.operation === 'DescribeTrails' && f.region === 'us-east-1'
            ? describeTrails('us-east-1', [
                trail('main-trail'),
                omit(trail('ghost') as unknown as Record<string, unknown>, 'Name', 'TrailARN'),
              ])
            : f,
        ),
      },
      reason: /some evidence is missing: .*DescribeTrails/,
    },
  ],
});
