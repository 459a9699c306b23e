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
  ],
});
