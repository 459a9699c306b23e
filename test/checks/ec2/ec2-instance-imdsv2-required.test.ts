import check from '../../../src/checks/ec2/ec2-instance-imdsv2-required.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const instances = (...list: object[]) => ({ files: [describeInstances('us-east-1', list), describeInstances('eu-west-1', [])] });
const metadata = (options: Record<string, unknown>) => ({
  MetadataOptions: {
    State: 'applied',
    HttpTokens: 'optional',
    HttpPutResponseHopLimit: 1,
    HttpEndpoint: 'enabled',
    HttpProtocolIpv6: 'disabled',
    InstanceMetadataTags: 'disabled',
    ...options,
  },
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'HttpTokens required',
      evidence: instances(instance('i-0aaa')),
      reason: /instance i-0aaa \(i-0aaa\) has HttpTokens "required"/,
    },
    {
      name: 'metadata endpoint disabled with tokens optional',
      evidence: instances(instance('i-0bbb', metadata({ HttpEndpoint: 'disabled' }))),
      reason: /endpoint disabled/,
    },
    {
      name: 'terminated instance with IMDSv1 is out of scope',
      evidence: instances(instance('i-0ccc', { ...metadata({}), State: { Code: 48, Name: 'terminated' } })),
    },
  ],
  fail: [
    {
      name: 'stopped instance with HttpTokens optional beside a compliant one',
      evidence: instances(instance('i-0aaa'), instance('i-0ddd', { ...metadata({}), State: { Code: 80, Name: 'stopped' } })),
      reason: /instance i-0ddd \(i-0ddd\) has HttpTokens "optional" \(required: "required"\), so IMDSv1 is allowed/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeInstances unauthorized in us-east-1',
      evidence: { files: [describeInstances('eu-west-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'us-east-1' },
      reason: /DescribeInstances .*UnauthorizedOperation/,
    },
    {
      name: 'instance listed without MetadataOptions',
      evidence: instances(instance('i-0eee', { MetadataOptions: undefined })),
      reason: /i-0eee.*no MetadataOptions\.HttpTokens/,
    },
  ],
});
