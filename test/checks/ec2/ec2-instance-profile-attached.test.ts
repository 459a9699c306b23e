import check from '../../../src/checks/ec2/ec2-instance-profile-attached.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** These instances in us-east-1, none in eu-west-1. */
const instances = (...list: object[]) => ({ files: [describeInstances('us-east-1', list), describeInstances('eu-west-1', [])] });
const noProfile = (id: string, state = 'running') =>
  instance(id, { IamInstanceProfile: undefined, State: { Code: state === 'stopped' ? 80 : 16, Name: state } });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'running instance with a profile',
      evidence: instances(instance('i-0aaa')),
      reason: /instance i-0aaa \(i-0aaa\), running, has instance profile arn:aws:iam::111122223333:instance-profile\/app/,
    },
    {
      name: 'terminated instance without a profile is out of scope',
      evidence: instances(instance('i-0bbb', { IamInstanceProfile: undefined, State: { Code: 48, Name: 'terminated' } })),
    },
    { name: 'no instances', evidence: instances() },
  ],
  fail: [
    {
      name: 'running instance without a profile',
      evidence: instances(instance('i-0aaa'), noProfile('i-0ccc')),
      reason: /instance i-0ccc \(i-0ccc\), running, has no IAM instance profile \(required: one\)/,
    },
    {
      name: 'stopped instance without a profile',
      evidence: instances(noProfile('i-0ddd', 'stopped')),
      reason: /stopped, has no IAM instance profile/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeInstances unauthorized in eu-west-1',
      evidence: { files: [describeInstances('us-east-1', [instance('i-0aaa')])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:DescribeInstances in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
