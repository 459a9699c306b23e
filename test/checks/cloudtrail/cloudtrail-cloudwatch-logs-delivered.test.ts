import check from '../../../src/checks/cloudtrail/cloudtrail-cloudwatch-logs-delivered.js';
import { callError, describeTrails, trail } from '../../helpers/aws-builders.js';
import { filedGlobally, trailStatusWith, without } from '../../helpers/cloudtrail-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const GROUP = 'arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/acme:*';
const ROLE = 'arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role';
/** The main trail, delivering to CloudWatch Logs unless overridden. */
const main = (fields = {}) => trail('main-trail', { CloudWatchLogsLogGroupArn: GROUP, CloudWatchLogsRoleArn: ROLE, ...fields });
const remote = (fields = {}) =>
  trail('org-trail', { HomeRegion: 'ap-south-1', CloudWatchLogsLogGroupArn: GROUP, CloudWatchLogsRoleArn: ROLE, ...fields });
/** GetTrailStatus of a logging trail whose last delivery to CloudWatch Logs was at `at`. */
const delivered = (at: string | undefined, extra: Record<string, unknown> = {}) => ({
  IsLogging: true,
  LatestDeliveryTime: '2026-09-29T23:58:12.417Z',
  StartLoggingTime: '2024-03-11T14:22:05.113Z',
  TimeLoggingStarted: '2024-03-11T14:22:05Z',
  TimeLoggingStopped: '',
  ...(at ? { LatestCloudWatchLogsDeliveryTime: at } : {}),
  ...extra,
});
/** The main trail listed in both regions with this status. */
const mainWith = (status: Record<string, unknown>, t = main()) => ({
  files: [describeTrails('us-east-1', [t]), describeTrails('eu-west-1', [t]), trailStatusWith(t, status)],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxDeliveryAgeHours: 24 },
  pass: [
    {
      name: 'delivered exactly 24 h before collection (the limit)',
      evidence: mainWith(delivered('2026-09-29T00:00:00.000Z')),
      reason:
        /trail main-trail last delivered to arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail\/acme:\* at 2026-09-29T00:00:00.000Z, 24 h 0 min 0 s before collection \(limit 24 h\)/,
    },
    {
      name: 'delivered 1 s inside the limit',
      evidence: mainWith(delivered('2026-09-29T00:00:01.000Z')),
      reason: /23 h 59 min 59 s before collection/,
    },
    { name: 'delivered minutes before collection', evidence: mainWith(delivered('2026-09-29T23:57:40.000Z')) },
    {
      name: 'a 48 h limit admits a delivery 30 h old',
      params: { maxDeliveryAgeHours: 48 },
      evidence: mainWith(delivered('2026-09-28T18:00:00.000Z')),
      reason: /30 h 0 min 0 s before collection \(limit 48 h\)/,
    },
    {
      name: 'trail homed outside the regions in scope, status filed under global',
      evidence: {
        files: [
          describeTrails('us-east-1', [remote()]),
          describeTrails('eu-west-1', [remote()]),
          filedGlobally(trailStatusWith(remote(), delivered('2026-09-29T12:00:00.000Z'))),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'delivered 1 s beyond the limit',
      evidence: mainWith(delivered('2026-09-28T23:59:59.000Z')),
      reason: /24 h 0 min 1 s before collection \(limit 24 h\)/,
    },
    {
      name: 'delivered 1 ms beyond the limit',
      evidence: mainWith(delivered('2026-09-28T23:59:59.999Z')),
      reason: /24 h 0 min 0 s 1 ms before collection \(limit 24 h\)/,
    },
    {
      name: 'no log group on the trail',
      evidence: mainWith(
        delivered(undefined),
        without(main(), 'CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn') as ReturnType<typeof main>,
      ),
      reason: /trail main-trail does not deliver to CloudWatch Logs \(CloudWatchLogsLogGroupArn absent; required: a log group\)/,
    },
    {
      name: 'log group ARN empty',
      evidence: mainWith(delivered(undefined), main({ CloudWatchLogsLogGroupArn: '' })),
      reason: /CloudWatchLogsLogGroupArn absent/,
    },
    {
      name: 'log group set but no delivery ever recorded, with the delivery error',
      evidence: mainWith(delivered(undefined, { LatestCloudWatchLogsDeliveryError: 'AccessDenied' })),
      reason:
        /GetTrailStatus records no delivery \(LatestCloudWatchLogsDeliveryTime absent; limit 24 h\); last delivery error AccessDenied/,
    },
    {
      name: 'no trail in any region: nothing is delivered',
      evidence: { files: [describeTrails('us-east-1', []), describeTrails('eu-west-1', [])] },
      reason: /DescribeTrails lists no trail in any region in scope/,
    },
  ],
  notEvaluated: [
    {
      name: 'delivery time after collection ended: the status contradicts itself',
      evidence: mainWith(delivered('2026-09-30T00:00:01.000Z')),
      reason: /LatestCloudWatchLogsDeliveryTime 2026-09-30T00:00:01.000Z is later than the collection/,
    },
    {
      name: 'delivery time not a timestamp',
      evidence: mainWith(delivered('yesterday')),
      reason: /LatestCloudWatchLogsDeliveryTime is not an ISO 8601 timestamp/,
    },
    {
      name: 'log group ARN not text',
      evidence: mainWith(delivered(undefined), main({ CloudWatchLogsLogGroupArn: 7 as unknown as string })),
      reason: /CloudWatchLogsLogGroupArn 7, not an ARN/,
    },
    {
      name: 'GetTrailStatus denied',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main()])],
        errors: [callError('cloudtrail', 'GetTrailStatus', 'AccessDeniedException', 'us-east-1', { Name: main().TrailARN })],
      },
      reason: /delivers to .* but when it last delivered is unknown: .*AccessDeniedException/,
    },
    {
      name: 'GetTrailStatus not collected',
      evidence: { files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main()])] },
      reason: /when it last delivered is unknown: .*not in the bundle/,
    },
    {
      name: 'us-east-1 DescribeTrails denied',
      evidence: {
        files: [describeTrails('eu-west-1', [main()])],
        errors: [callError('cloudtrail', 'DescribeTrails', 'AccessDenied', 'us-east-1', { includeShadowTrails: true })],
      },
      reason: /AccessDenied/,
    },
  ],
});
