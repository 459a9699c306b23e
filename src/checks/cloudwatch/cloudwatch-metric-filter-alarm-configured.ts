import type { GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { accountTrails, type TrailDetails } from '../../bundle/evidence/cloudtrail.js';
import { regionalMonitoring, type LogMetricFilter, type RegionMonitoring } from '../../bundle/evidence/cloudwatch.js';
import { filterMatches } from '../../bundle/evidence/logs.js';
import type { UnusableRecord } from '../../bundle/evidence.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck } from '../define-check.js';

/**
 * What each monitored activity is, as CloudTrail records it: a metric filter must match every one
 * of these events. Testing the filter against events, rather than comparing its text with the
 * benchmark's, accepts any correct spelling (spacing, quoting, order, extra events) and rejects a
 * filter that misses an event, e.g. `"UnauthorizedOperation"` without the wildcard that EC2's
 * `Client.UnauthorizedOperation` needs.
 */
const PATTERNS = {
  'unauthorized-api-calls': {
    what: 'unauthorized API calls',
    events: [
      call('ec2.amazonaws.com', 'RunInstances', {
        errorCode: 'Client.UnauthorizedOperation',
        errorMessage: 'You are not authorized to perform this operation.',
      }),
      call('s3.amazonaws.com', 'GetObject', { errorCode: 'AccessDenied', errorMessage: 'Access Denied' }),
      call('kms.amazonaws.com', 'Decrypt', {
        errorCode: 'AccessDeniedException',
        errorMessage: 'User is not authorized to perform: kms:Decrypt',
      }),
    ],
  },
  'console-signin-without-mfa': {
    what: 'console sign-ins without MFA',
    events: [
      signIn({
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: { LoginTo: 'https://console.aws.amazon.com/', MobileVersion: 'No', MFAUsed: 'No' },
      }),
    ],
  },
  'root-usage': {
    what: 'use of the root user',
    events: [
      call('iam.amazonaws.com', 'CreateAccessKey', {
        userIdentity: { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
      }),
      signIn({
        userIdentity: { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: { LoginTo: 'https://console.aws.amazon.com/', MobileVersion: 'No', MFAUsed: 'Yes' },
      }),
    ],
  },
  'iam-policy-changes': {
    what: 'IAM policy changes',
    events: calls('iam.amazonaws.com', [
      ...['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy'],
      ...['CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion'],
      ...['AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy'],
    ]),
  },
  'cloudtrail-changes': {
    what: 'CloudTrail configuration changes',
    events: calls('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
  },
  'console-auth-failures': {
    what: 'failed console authentications',
    events: [
      signIn({
        userIdentity: { type: 'IAMUser', principalId: 'AIDACKCEVSQ6C2EXAMPLE', accountId: '111122223333', userName: 'alice' },
        errorMessage: 'Failed authentication',
        responseElements: { ConsoleLogin: 'Failure' },
        additionalEventData: { LoginTo: 'https://console.aws.amazon.com/', MobileVersion: 'No', MFAUsed: 'No' },
      }),
    ],
  },
  'cmk-disable-or-delete': {
    what: 'disabling or scheduled deletion of customer-managed KMS keys',
    events: calls('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
  },
  's3-bucket-policy-changes': {
    what: 'S3 bucket policy changes',
    events: calls('s3.amazonaws.com', [
      ...['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication'],
      ...['DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'],
    ]),
  },
  'config-changes': {
    what: 'AWS Config configuration changes',
    events: calls('config.amazonaws.com', [
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ]),
  },
  'security-group-changes': {
    what: 'security group changes',
    events: calls('ec2.amazonaws.com', [
      ...['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress'],
      ...['CreateSecurityGroup', 'DeleteSecurityGroup'],
    ]),
  },
  'nacl-changes': {
    what: 'network ACL changes',
    events: calls('ec2.amazonaws.com', [
      ...['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry'],
      ...['ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'],
    ]),
  },
  'network-gateway-changes': {
    what: 'network gateway changes',
    events: calls('ec2.amazonaws.com', [
      ...['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway'],
      ...['CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'],
    ]),
  },
  'route-table-changes': {
    what: 'route table changes',
    events: calls('ec2.amazonaws.com', [
      ...['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation'],
      ...['DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'],
    ]),
  },
  'vpc-changes': {
    what: 'VPC changes',
    events: calls('ec2.amazonaws.com', [
      ...['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection'],
      ...['DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc'],
      ...['DisableVpcClassicLink', 'EnableVpcClassicLink'],
    ]),
  },
  'organizations-changes': {
    what: 'AWS Organizations changes',
    events: calls('organizations.amazonaws.com', [
      ...['AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake'],
      ...['DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType'],
      ...['InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy'],
      'UpdateOrganizationalUnit',
    ]),
  },
} as const satisfies Record<string, { what: string; events: readonly object[] }>;

type PatternName = keyof typeof PATTERNS;

/** Evidence for a monitoring requirement: a CloudTrail metric filter, an alarm on it and a subscribed SNS topic. */
export default defineCheck({
  id: 'cloudwatch-metric-filter-alarm-configured',
  title: 'A log metric filter and alarm exist for the monitored activity',
  description:
    'Some multi-region trail that is logging and records all management events must deliver to a CloudWatch Logs group with a metric filter matching every CloudTrail event of the activity (DescribeMetricFilters), an alarm on that metric whose actions notify an SNS topic (DescribeAlarms) and a confirmed subscription to that topic (ListSubscriptions).',
  scope: 'account',
  needs: { trails: accountTrails, monitoring: regionalMonitoring },
  params: {
    pattern: {
      type: 'string',
      enum: Object.keys(PATTERNS),
      description: 'The activity to be monitored, e.g. "root-usage" or "iam-policy-changes".',
    },
  },
  *run({ trails, monitoring }, ctx) {
    const name = ctx.params.pattern;
    if (!(name in PATTERNS)) throw new Error(`pattern is ${JSON.stringify(name)}, expected one of ${Object.keys(PATTERNS).join(', ')}`);
    const spec = PATTERNS[name as PatternName];
    // A trail that could not be read might have been the monitored one.
    const gaps = [...trails.unavailableRegions.map((r) => r.reason), ...trails.unreadable.map((r) => `${r.resource}: ${r.reason}`)];
    const problems: string[] = [];
    for (const t of trails.trails.filter((x) => x.trail.IsMultiRegionTrail === true)) {
      const outcome = chainOf(t, spec.events, monitoring);
      if (outcome.kind === 'complete') {
        yield ctx.pass(ctx.scope.account, `${spec.what}: monitored by ${outcome.text}`, outcome.files);
        return;
      }
      (outcome.kind === 'unknown' ? gaps : problems).push(`trail ${t.trail.TrailARN}: ${outcome.text}`);
    }
    if (gaps.length > 0) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `no complete filter-alarm-subscriber chain for ${spec.what} found, and some evidence is missing: ${gaps.join('; ')}`,
      );
      return;
    }
    yield ctx.fail(
      ctx.scope.account,
      problems.length === 0
        ? `no multi-region trail in any region in scope, so no metric filter for ${spec.what} (required: filter, alarm and subscribed SNS topic)`
        : `${spec.what}: not monitored (required: filter, alarm and subscribed SNS topic): ${problems.join('; ')}`,
    );
  },
});

type Outcome = { kind: 'complete'; text: string; files: FileRef[] } | { kind: 'broken' | 'unknown'; text: string };

/** Follows one trail to its log group, a matching filter, an alarm and a confirmed subscription. */
function chainOf({ trail, files, status, selectors }: TrailDetails, events: readonly object[], monitoring: RegionMonitoring[]): Outcome {
  const arn = trail.CloudWatchLogsLogGroupArn;
  if (!arn) return { kind: 'broken', text: 'delivers no logs to CloudWatch Logs' };
  if (status.ok && status.value.IsLogging !== true) return { kind: 'broken', text: 'is not logging' };
  if (selectors.ok && !recordsManagementEvents(selectors.value)) return { kind: 'broken', text: 'does not record all management events' };
  if (!status.ok) return { kind: 'unknown', text: status.reason };
  if (!selectors.ok) return { kind: 'unknown', text: selectors.reason };
  const group = parseLogGroupArn(arn);
  if (!group) return { kind: 'broken', text: `CloudWatchLogsLogGroupArn ${arn} is not a log group ARN` };
  const region = monitoring.find((m) => m.region === group.region);
  if (!region) return { kind: 'unknown', text: `its log group ${group.name} is in ${group.region}, outside the bundle's regions` };
  const filters = region.metricFilters(group.name);
  if (!filters.ok) return { kind: 'unknown', text: filters.reason };
  // Records that could not be read might have completed the chain: they never count as absent.
  const doubts = unreadable(filters.unusable);
  const onGroup = filters.value.filter((f) => f.logGroupName === group.name);
  const matching = onGroup.filter(({ parsed }) => parsed.ok && events.every((e) => filterMatches(parsed.expression, e)));
  if (matching.length === 0) {
    const text = `log group ${group.name} has ${plural(onGroup.length, 'metric filter')}, none matching every event of the activity${describeMisses(onGroup)}`;
    return doubts.length > 0 ? { kind: 'unknown', text: `${text}; ${doubts.join('; ')}` } : { kind: 'broken', text };
  }
  const { alarms } = region;
  if (!alarms.ok) return { kind: 'unknown', text: alarms.reason };
  doubts.push(...unreadable(alarms.unusable));
  const misses: string[] = [];
  const gaps: string[] = [];
  for (const filter of matching) {
    for (const metric of filter.metrics) {
      const watching = alarms.value.filter((a) => a.metricName === metric.name && a.namespace === metric.namespace);
      if (watching.length === 0) misses.push(`no alarm on metric ${metric.namespace}/${metric.name} of filter ${filter.name}`);
      for (const alarm of watching) {
        const topics = alarm.alarmActions.filter((a) => /^arn:[^:]+:sns:/.test(a));
        if (!alarm.actionsEnabled || topics.length === 0) {
          misses.push(alarm.actionsEnabled ? `alarm ${alarm.name} notifies no SNS topic` : `alarm ${alarm.name} has its actions disabled`);
          continue;
        }
        for (const topic of topics) {
          const subscriptions = region.subscriptions(topic);
          if (!subscriptions.ok) {
            gaps.push(subscriptions.reason);
            continue;
          }
          doubts.push(...unreadable(subscriptions.unusable));
          const subscribed = subscriptions.value.find((s) => s.confirmed && s.topicArn === topic);
          if (subscribed) {
            return {
              kind: 'complete',
              text: `trail ${trail.TrailARN} → log group ${group.name} → metric filter ${filter.name} → alarm ${alarm.name} → SNS topic ${topic} (confirmed ${subscribed.protocol ?? 'unknown'} subscription)`,
              files: [...files, ...status.files, ...selectors.files, ...filters.files, ...alarms.files, ...subscriptions.files],
            };
          }
          misses.push(`alarm ${alarm.name}'s topic ${topic} has no confirmed subscription`);
        }
      }
    }
  }
  // A topic whose subscriptions are unknown, or a record that could not be read, could complete the chain.
  const unknown = [...new Set([...gaps, ...doubts])];
  return unknown.length > 0 ? { kind: 'unknown', text: [...misses, ...unknown].join('; ') } : { kind: 'broken', text: misses.join('; ') };
}

function unreadable(records: readonly UnusableRecord[] | undefined): string[] {
  return (records ?? []).map((r) => `${r.resource} could not be read (${r.reason})`);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describeMisses(filters: LogMetricFilter[]): string {
  const unparsed = filters.flatMap((f) => (f.parsed.ok ? [] : [`${f.name}: ${f.parsed.reason}`]));
  return unparsed.length > 0 ? ` (patterns not understood, so not matching: ${unparsed.join('; ')})` : '';
}

/** `arn:aws:logs:us-east-1:111122223333:log-group:NAME:*` → region and name. */
function parseLogGroupArn(arn: string): { region: string; name: string } | undefined {
  const match = /^arn:[^:]+:logs:([^:]+):[^:]*:log-group:(.+?)(:\*)?$/.exec(arn);
  return match ? { region: match[1] as string, name: match[2] as string } : undefined;
}

function recordsManagementEvents({ EventSelectors, AdvancedEventSelectors }: GetEventSelectorsResponse): boolean {
  const classic = (EventSelectors ?? []).some((s) => s.IncludeManagementEvents === true && s.ReadWriteType === 'All');
  const advanced = (AdvancedEventSelectors ?? []).some(({ FieldSelectors = [] }) => {
    const management = FieldSelectors.some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management'));
    return management && !FieldSelectors.some((f) => f.Field === 'readOnly');
  });
  return classic || advanced;
}

/** A CloudTrail management event record of an IAM user's API call. */
function call(eventSource: string, eventName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDACKCEVSQ6C2EXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      userName: 'alice',
    },
    eventTime: '2026-09-30T08:00:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.17.0',
    requestParameters: null,
    responseElements: null,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...extra,
  };
}

function calls(eventSource: string, names: string[]): Record<string, unknown>[] {
  return names.map((name) => call(eventSource, name));
}

/** A ConsoleLogin record (eventType AwsConsoleSignIn). */
function signIn(extra: Record<string, unknown>): Record<string, unknown> {
  return call('signin.amazonaws.com', 'ConsoleLogin', {
    userAgent: 'Mozilla/5.0',
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    ...extra,
  });
}
