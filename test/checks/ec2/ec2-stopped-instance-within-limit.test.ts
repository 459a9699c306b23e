import check from '../../../src/checks/ec2/ec2-stopped-instance-within-limit.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const instances = (...list: object[]) => ({ files: [describeInstances('us-east-1', list), describeInstances('eu-west-1', [])] });
/** An instance stopped by its user at `at` ("2026-08-31 00:00:00"), as EC2 words it. */
const stopped = (id: string, at: string, fields: Record<string, unknown> = {}) =>
  instance(id, { State: { Code: 80, Name: 'stopped' }, StateTransitionReason: `User initiated (${at} GMT)`, ...fields });

// AWS Config EC2_STOPPED_INSTANCE (allowedDays 30): stopped longer than the limit, or for an unknown time, fails.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowedDays: 30 },
  pass: [
    {
      name: 'stopped exactly 30 days before collection',
      evidence: instances(stopped('i-0aaa', '2026-08-31 00:00:00')),
      reason: /instance i-0aaa \(i-0aaa\) has been stopped since 2026-08-31T00:00:00.000Z, 30 days before collection \(limit 30 days\)/,
    },
    {
      name: 'stopped 1 second less than 30 days before collection',
      evidence: instances(stopped('i-0aaa', '2026-08-31 00:00:01')),
      reason: /29 days/,
    },
    {
      name: 'running instance',
      evidence: instances(instance('i-0bbb', { StateTransitionReason: '' })),
      reason: /i-0bbb \(i-0bbb\) is running, not stopped/,
    },
    {
      name: 'stopping instance',
      evidence: instances(instance('i-0ccc', { State: { Code: 64, Name: 'stopping' } })),
      reason: /is stopping, not stopped/,
    },
    {
      name: 'terminated instance stopped long ago is out of scope',
      evidence: instances(stopped('i-0ddd', '2025-01-01 00:00:00', { State: { Code: 48, Name: 'terminated' } })),
    },
    {
      name: 'stopped 5 days ago with a limit of 5 days',
      evidence: instances(stopped('i-0aaa', '2026-09-25 00:00:00')),
      params: { allowedDays: 5 },
    },
    { name: 'no instances', evidence: instances() },
  ],
  fail: [
    {
      name: 'stopped 30 days and 1 second before collection, beside a running instance',
      evidence: instances(instance('i-0bbb'), stopped('i-0aaa', '2026-08-30 23:59:59')),
      reason: /i-0aaa \(i-0aaa\) has been stopped since 2026-08-30T23:59:59.000Z, 30 days before collection \(limit 30 days\)/,
    },
    {
      name: 'stopped 31 days before collection',
      evidence: instances(stopped('i-0aaa', '2026-08-30 00:00:00')),
      reason: /31 days before collection \(limit 30 days\)/,
    },
    {
      name: 'stopped by a service message that carries no time',
      evidence: instances(stopped('i-0aaa', '', { StateTransitionReason: 'Server.SpotInstanceTermination' })),
      reason:
        /StateTransitionReason "Server.SpotInstanceTermination" gives no stop time, so how long it has been stopped cannot be determined \(limit 30 days\)/,
    },
    {
      name: 'stopped with an empty StateTransitionReason',
      evidence: instances(stopped('i-0aaa', '', { StateTransitionReason: '' })),
      reason: /gives no stop time/,
    },
    {
      name: 'stopped with an impossible date (2026-02-30)',
      evidence: instances(stopped('i-0aaa', '2026-02-30 10:00:00')),
      reason: /gives no stop time/,
    },
    {
      name: 'any stopped instance with a limit of 0 days',
      evidence: instances(stopped('i-0aaa', '2026-09-29 23:00:00')),
      params: { allowedDays: 0 },
    },
  ],
  notEvaluated: [
    {
      name: 'stopped instance without StateTransitionReason',
      evidence: instances(stopped('i-0aaa', '', { StateTransitionReason: undefined })),
      reason: /i-0aaa \(i-0aaa\) is stopped, but DescribeInstances shows no StateTransitionReason/,
    },
    {
      name: 'StateTransitionReason is a number',
      evidence: instances(stopped('i-0aaa', '', { StateTransitionReason: 20260301 })),
      reason: /shows no StateTransitionReason/,
    },
    {
      name: 'stopped after collection ended',
      evidence: instances(stopped('i-0aaa', '2026-10-01 00:00:00')),
      reason: /stopped since 2026-10-01T00:00:00.000Z, after collection ended/,
    },
    { name: 'instance without State', evidence: instances(instance('i-0aaa', { State: undefined })), reason: /shows no State/ },
    {
      name: 'instance without InstanceId beside a long-stopped one',
      evidence: instances(stopped('i-0aaa', '2026-09-29 00:00:00'), { ...stopped('i-0bbb', '2026-01-01 00:00:00'), InstanceId: undefined }),
      reason: /lacks InstanceId/,
    },
    {
      name: 'DescribeInstances denied in eu-west-1',
      evidence: { files: [describeInstances('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:DescribeInstances in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
