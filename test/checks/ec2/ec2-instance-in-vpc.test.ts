import check from '../../../src/checks/ec2/ec2-instance-in-vpc.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const instances = (...list: object[]) => ({ files: [describeInstances('us-east-1', list), describeInstances('eu-west-1', [])] });
const VPC = 'vpc-0a3f5c9e1d2b47e86';

// AWS Config INSTANCES_IN_VPC: every instance belongs to a VPC; with vpcId, to that VPC.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { vpcId: '' },
  pass: [
    {
      name: 'instance in a VPC, any VPC allowed',
      evidence: instances(instance('i-0aaa')),
      reason: /instance i-0aaa \(i-0aaa\), running, is in vpc-0a3f5c9e1d2b47e86 \(required: a VPC\)/,
    },
    {
      name: 'instance in the required VPC',
      evidence: instances(instance('i-0aaa')),
      params: { vpcId: VPC },
      reason: /\(required: VPC vpc-0a3f5c9e1d2b47e86\)/,
    },
    { name: 'stopped instance in a VPC', evidence: instances(instance('i-0aaa', { State: { Code: 80, Name: 'stopped' } })) },
    {
      name: 'terminated instance without VpcId is out of scope',
      evidence: instances(
        instance('i-0aaa'),
        instance('i-0bbb', { State: { Code: 48, Name: 'terminated' }, VpcId: undefined, SubnetId: undefined }),
      ),
    },
    { name: 'no instances', evidence: instances() },
  ],
  fail: [
    {
      name: 'instance in another VPC than the required one',
      evidence: instances(instance('i-0aaa'), instance('i-0bbb', { VpcId: 'vpc-0ffff0000aaaa1111' })),
      params: { vpcId: VPC },
      reason: /instance i-0bbb \(i-0bbb\), running, is in vpc-0ffff0000aaaa1111 \(required: VPC vpc-0a3f5c9e1d2b47e86\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'running instance whose record omits VpcId',
      evidence: instances(instance('i-0aaa'), instance('i-0bbb', { VpcId: undefined })),
      reason: /instance i-0bbb \(i-0bbb\), running, has no VpcId in its DescribeInstances record/,
    },
    { name: 'VpcId that is not text', evidence: instances(instance('i-0bbb', { VpcId: 42 })), reason: /has no VpcId/ },
    {
      name: 'DescribeInstances denied in eu-west-1',
      evidence: { files: [describeInstances('us-east-1', [instance('i-0aaa')])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeInstances in 111122223333\/eu-west-1 failed during collection/,
    },
  ],
});
