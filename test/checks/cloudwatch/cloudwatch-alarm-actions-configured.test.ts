import check from '../../../src/checks/cloudwatch/cloudwatch-alarm-actions-configured.js';
import { callError, describeAlarms, metricAlarm } from '../../helpers/aws-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { findingsFor, testCheck } from '../../helpers/test-check.js';
import { expect, it } from 'vitest';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:ops-alerts';
const OTHER = 'arn:aws:sns:us-east-1:111122223333:ops-data-gaps';
/** An alarm notifying the ops topic on ALARM and INSUFFICIENT_DATA, unless overridden. */
const alarm = (metric: string, fields: Record<string, unknown> = {}) =>
  metricAlarm('us-east-1', metric, [TOPIC], { InsufficientDataActions: [OTHER], ...fields });
/** us-east-1 with these alarms, eu-west-1 with none. */
const east = (...alarms: object[]): { files: TestFile[] } => ({
  files: [describeAlarms('us-east-1', alarms), describeAlarms('eu-west-1', [])],
});

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  params: { alarmActionRequired: true, insufficientDataActionRequired: true, okActionRequired: false },
  pass: [
    {
      name: 'ALARM and INSUFFICIENT_DATA actions, no OK action (not required)',
      evidence: east(alarm('CPUHigh')),
      reason: /alarm CPUHigh-alarm has 1 ALARM action, 1 INSUFFICIENT_DATA action$/,
    },
    {
      name: 'OK action required and present',
      params: { okActionRequired: true },
      evidence: east(alarm('CPUHigh', { OKActions: [TOPIC] })),
      reason: /1 OK action/,
    },
    {
      name: 'actions disabled: the rule looks at the lists only, and the reason says so',
      evidence: east(alarm('CPUHigh', { ActionsEnabled: false })),
      reason: /\(ActionsEnabled false: the actions do not run\)/,
    },
    {
      name: 'nothing required',
      params: { alarmActionRequired: false, insufficientDataActionRequired: false },
      evidence: east(alarm('CPUHigh', { AlarmActions: [], InsufficientDataActions: [] })),
      reason: /no state whose action is required/,
    },
    { name: 'no alarm in either region', evidence: east(), reason: /nothing in scope/ },
    {
      name: 'action lists omitted where none is required',
      params: { alarmActionRequired: false, insufficientDataActionRequired: false },
      evidence: east(alarm('CPUHigh', { AlarmActions: undefined, InsufficientDataActions: undefined, OKActions: undefined })),
    },
  ],
  fail: [
    {
      name: 'no INSUFFICIENT_DATA action beside a compliant alarm',
      evidence: east(alarm('CPUHigh'), alarm('DiskFull', { InsufficientDataActions: [] })),
      reason:
        /alarm DiskFull-alarm has no INSUFFICIENT_DATA action \(InsufficientDataActions empty; required by insufficientDataActionRequired true\)$/,
    },
    {
      name: 'no ALARM and no INSUFFICIENT_DATA action',
      evidence: east(alarm('DiskFull', { AlarmActions: [], InsufficientDataActions: [] })),
      reason: /no ALARM action \(AlarmActions empty; required by alarmActionRequired true\), no INSUFFICIENT_DATA action/,
    },
    {
      name: 'action lists omitted (none)',
      evidence: east(alarm('DiskFull', { AlarmActions: undefined, InsufficientDataActions: undefined })),
      reason: /no ALARM action/,
    },
    {
      name: 'OK action required and absent',
      params: { okActionRequired: true },
      evidence: east(alarm('CPUHigh')),
      reason: /no OK action \(OKActions empty; required by okActionRequired true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'OKActions not a list: that alarm only',
      evidence: east(alarm('CPUHigh'), alarm('DiskFull', { OKActions: TOPIC })),
      reason: /a record could not be read \(OKActions is not a list of ARNs\)/,
    },
    {
      name: 'InsufficientDataActions holds a non-ARN value',
      evidence: east(alarm('DiskFull', { InsufficientDataActions: [{ Arn: OTHER }] })),
      reason: /InsufficientDataActions is not a list of ARNs/,
    },
    {
      name: 'alarm without AlarmName or AlarmArn',
      evidence: east(alarm('DiskFull', { AlarmName: undefined, AlarmArn: undefined })),
      reason: /lacks AlarmName and an AlarmArn/,
    },
    {
      name: 'configuration updated after collection ended',
      evidence: east(alarm('DiskFull', { AlarmConfigurationUpdatedTimestamp: '2026-10-01T00:00:00.000Z' })),
      reason: /AlarmConfigurationUpdatedTimestamp is 2026-10-01T00:00:00.000Z, after the collection ended/,
    },
    {
      name: 'MetricAlarms not a list: malformed evidence',
      evidence: {
        files: [
          { region: 'us-east-1', service: 'cloudwatch', operation: 'DescribeAlarms', body: { MetricAlarms: 'none' } },
          describeAlarms('eu-west-1', []),
        ],
      },
      reason: /MetricAlarms is .*not a list/,
    },
    {
      name: 'DescribeAlarms denied in us-east-1',
      evidence: {
        files: [describeAlarms('eu-west-1', [])],
        errors: [callError('cloudwatch', 'DescribeAlarms', 'AccessDenied', 'us-east-1')],
      },
      reason: /cloudwatch:DescribeAlarms in 111122223333\/us-east-1 failed during collection: AccessDenied/,
    },
  ],
});

it('alarm-actions-configured: a malformed alarm is not evaluated alone, its neighbour still judged', async () => {
  const findings = await findingsFor(
    check,
    '2026-09-30T08:04:12Z',
    { alarmActionRequired: true, insufficientDataActionRequired: true, okActionRequired: false },
    {
      name: 'mixed',
      evidence: east(alarm('CPUHigh'), alarm('DiskFull', { OKActions: TOPIC }), alarm('MemHigh', { InsufficientDataActions: [] })),
    },
  );
  expect(findings.map((f) => [f.status, f.resource.split(':').pop()])).toEqual([
    ['PASS', '111122223333/eu-west-1'],
    ['PASS', 'CPUHigh-alarm'],
    ['FAIL', 'MemHigh-alarm'],
    ['NOT_EVALUATED', 'DiskFull-alarm'],
  ]);
});
