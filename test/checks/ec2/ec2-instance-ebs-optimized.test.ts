import check from '../../../src/checks/ec2/ec2-instance-ebs-optimized.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

/** `ec2:DescribeInstanceTypes` of one type in us-east-1, as the collector asks it. */
function instanceType(type: string, support: unknown): TestFile {
  return {
    region: 'us-east-1',
    service: 'ec2',
    operation: 'DescribeInstanceTypes',
    parameters: { InstanceTypes: type },
    body: {
      InstanceTypes: [
        {
          InstanceType: type,
          CurrentGeneration: true,
          EbsInfo: { EbsOptimizedSupport: support, EncryptionSupport: 'supported', NvmeSupport: 'required' },
        },
      ],
    },
  };
}
const evidence = (instances: object[], ...types: TestFile[]) => ({
  files: [describeInstances('us-east-1', instances), describeInstances('eu-west-1', []), ...types],
});
const t3 = instanceType('t3.micro', 'default');
const m4 = instanceType('m4.large', 'supported');
const t2 = instanceType('t2.micro', 'unsupported');

// AWS Config EBS_OPTIMIZED_INSTANCE: an instance that can be EBS-optimized must be; default-optimized types comply.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'type EBS-optimized by default, EbsOptimized false as EC2 reports it',
      evidence: evidence([instance('i-0aaa', { EbsOptimized: false })], t3),
      reason: /instance i-0aaa \(i-0aaa\), t3.micro, is EBS-optimized by default/,
    },
    {
      name: 'optional optimization turned on',
      evidence: evidence([instance('i-0bbb', { InstanceType: 'm4.large', EbsOptimized: true })], m4),
      reason: /m4.large, has EbsOptimized true/,
    },
    {
      name: 'type that cannot be optimized is out of scope',
      evidence: evidence([instance('i-0ccc', { InstanceType: 't2.micro', EbsOptimized: false })], t2),
    },
    {
      name: 'terminated instance without its type described is out of scope',
      evidence: evidence([instance('i-0ddd', { InstanceType: 'm4.large', EbsOptimized: false, State: { Code: 48, Name: 'terminated' } })]),
    },
    { name: 'no instances', evidence: evidence([]) },
  ],
  fail: [
    {
      name: 'optional optimization left off, beside a default-optimized instance',
      evidence: evidence(
        [instance('i-0aaa', { EbsOptimized: false }), instance('i-0bbb', { InstanceType: 'm4.large', EbsOptimized: false })],
        t3,
        m4,
      ),
      reason: /instance i-0bbb \(i-0bbb\), m4.large, has EbsOptimized false though its type supports it \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'type not described in the bundle',
      evidence: evidence([instance('i-0bbb', { InstanceType: 'm4.large', EbsOptimized: false })]),
      reason: /DescribeInstanceTypes of m4.large is not in the bundle/,
    },
    {
      name: 'DescribeInstanceTypes of the type denied',
      evidence: {
        ...evidence([instance('i-0bbb', { InstanceType: 'm4.large', EbsOptimized: false })]),
        errors: [
          {
            region: 'us-east-1',
            service: 'ec2',
            operation: 'DescribeInstanceTypes',
            parameters: { InstanceTypes: 'm4.large' },
            code: 'UnauthorizedOperation',
          },
        ],
      },
      reason: /DescribeInstanceTypes.*UnauthorizedOperation/,
    },
    {
      name: 'type described without EbsOptimizedSupport',
      evidence: evidence([instance('i-0bbb', { InstanceType: 'm4.large' })], instanceType('m4.large', undefined)),
      reason: /shows no EbsInfo.EbsOptimizedSupport/,
    },
    {
      name: 'answer whose InstanceTypes is not a list',
      evidence: evidence([instance('i-0bbb', { InstanceType: 'm4.large' })], { ...m4, body: { InstanceTypes: 'm4.large' } }),
      reason: /could not be read: InstanceTypes is "m4.large", not a list/,
    },
    {
      name: 'instance without EbsOptimized on a type that supports it',
      evidence: evidence([instance('i-0bbb', { InstanceType: 'm4.large' })], m4),
      reason: /shows no EbsOptimized/,
    },
    {
      name: 'instance without InstanceType',
      evidence: evidence([instance('i-0bbb', { InstanceType: undefined })]),
      reason: /shows no InstanceType/,
    },
    {
      name: 'DescribeInstances denied in eu-west-1',
      evidence: { files: [describeInstances('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:DescribeInstances in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
