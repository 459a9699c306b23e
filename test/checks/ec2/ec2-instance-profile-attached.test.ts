import check from '../../../src/checks/ec2/ec2-instance-profile-attached.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { without } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** These instances in us-east-1, none in eu-west-1. */
const instances = (...list: object[]) => ({ files: [describeInstances('us-east-1', list), describeInstances('eu-west-1', [])] });
const CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };
const inState = (id: string, state: string, fields: Record<string, unknown> = {}) =>
  instance(id, { State: { Code: CODES[state], Name: state }, ...fields });
const noProfile = (id: string, state = 'running') => without(inState(id, state), 'IamInstanceProfile');

// CIS 1.17: every EC2 instance has an instance profile (IamInstanceProfile shows its ARN and id).
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'running instance with a profile',
      evidence: instances(instance('i-0aaa')),
      reason: /instance i-0aaa \(i-0aaa\), running, has instance profile arn:aws:iam::111122223333:instance-profile\/app/,
    },
    {
      name: 'pending, stopping, stopped and shutting-down instances with profiles',
      evidence: instances(
        inState('i-1', 'pending'),
        inState('i-2', 'stopping'),
        inState('i-3', 'stopped'),
        inState('i-4', 'shutting-down'),
      ),
    },
    {
      name: 'a profile given by Id only (Arn left out)',
      evidence: instances(instance('i-0ccc', { IamInstanceProfile: { Id: 'AIPAEXAMPLEPROFILE001' } })),
      reason: /instance profile AIPAEXAMPLEPROFILE001/,
    },
    { name: 'terminated instance without a profile is out of scope', evidence: instances(noProfile('i-0bbb', 'terminated')) },
    { name: 'no instances', evidence: instances() },
  ],
  fail: [
    {
      name: 'running instance without a profile',
      evidence: instances(instance('i-0aaa'), noProfile('i-0ddd')),
      reason: /instance i-0ddd \(i-0ddd\), running, has no IAM instance profile \(required: one\)/,
    },
    {
      name: 'stopped instance without a profile',
      evidence: instances(noProfile('i-0eee', 'stopped')),
      reason: /stopped, has no IAM instance profile/,
    },
    {
      name: 'shutting-down instance without a profile',
      evidence: instances(noProfile('i-0fff', 'shutting-down')),
      reason: /shutting-down, has no IAM instance profile/,
    },
    {
      name: 'an instance without State or profile',
      evidence: instances(without(noProfile('i-0ggg'), 'State')),
      reason: /unknown, has no IAM instance profile/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeInstances unauthorized in eu-west-1',
      evidence: { files: [describeInstances('us-east-1', [instance('i-0aaa')])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeInstances in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'an IamInstanceProfile naming neither Arn nor Id',
      evidence: instances(instance('i-0hhh', { IamInstanceProfile: {} })),
      reason: /names neither an Arn nor an Id/,
    },
    {
      name: 'an instance without InstanceId beside one with a profile',
      evidence: instances(instance('i-0aaa'), without(noProfile('i-0iii'), 'InstanceId')),
      reason: /a record could not be read \(lacks InstanceId\)/,
    },
  ],
});
