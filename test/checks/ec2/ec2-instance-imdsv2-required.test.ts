import check from '../../../src/checks/ec2/ec2-instance-imdsv2-required.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { without } from '../../helpers/ec2-builders.js';
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

// CIS 5.7: for every existing instance, MetadataOptions.HttpTokens is "required" and State "applied".
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'HttpTokens required and applied',
      evidence: instances(instance('i-0aaa')),
      reason: /instance i-0aaa \(i-0aaa\), running, has HttpTokens "required" and State "applied"/,
    },
    {
      name: 'HttpTokens required with the metadata endpoint disabled',
      evidence: instances(instance('i-0bbb', metadata({ HttpTokens: 'required', HttpEndpoint: 'disabled' }))),
    },
    {
      name: 'HttpTokens required, State left out',
      evidence: instances(instance('i-0ccc', metadata({ HttpTokens: 'required', State: undefined }))),
      reason: /State is not reported/,
    },
    {
      name: 'terminated instance with IMDSv1 is out of scope',
      evidence: instances(instance('i-0ddd', { State: { Code: 48, Name: 'terminated' }, ...metadata({}) })),
    },
    { name: 'no instances', evidence: instances() },
  ],
  fail: [
    {
      name: 'stopped instance with HttpTokens optional beside a compliant one',
      evidence: instances(instance('i-0aaa'), instance('i-0eee', { State: { Code: 80, Name: 'stopped' }, ...metadata({}) })),
      reason: /instance i-0eee \(i-0eee\), stopped, has HttpTokens "optional" \(required: "required"\), so IMDSv1 is allowed/,
    },
    {
      name: 'HttpTokens optional with the endpoint disabled',
      evidence: instances(instance('i-0fff', metadata({ HttpEndpoint: 'disabled' }))),
      reason: /"optional" .*endpoint is disabled/,
    },
    {
      name: 'HttpTokens required but the change still pending',
      evidence: instances(instance('i-0ggg', metadata({ HttpTokens: 'required', State: 'pending' }))),
      reason: /State "pending" \(required: "applied"\)/,
    },
    {
      name: 'shutting-down instance with HttpTokens optional',
      evidence: instances(instance('i-0hhh', { State: { Code: 32, Name: 'shutting-down' }, ...metadata({}) })),
      reason: /shutting-down, has HttpTokens "optional"/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeInstances unauthorized in us-east-1',
      evidence: { files: [describeInstances('eu-west-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation', region: 'us-east-1' },
      reason: /DescribeInstances in 111122223333\/us-east-1 failed during collection/,
    },
    {
      name: 'instance listed without MetadataOptions',
      evidence: instances(without(instance('i-0iii'), 'MetadataOptions')),
      reason: /shows no MetadataOptions$/,
    },
    {
      name: 'HttpTokens left out, endpoint disabled',
      evidence: instances(instance('i-0jjj', metadata({ HttpTokens: undefined, HttpEndpoint: 'disabled' }))),
      reason: /no MetadataOptions\.HttpTokens/,
    },
    {
      name: 'HttpTokens of an unknown value',
      evidence: instances(instance('i-0kkk', metadata({ HttpTokens: 'sometimes' }))),
      reason: /"sometimes"/,
    },
    {
      name: 'an unknown State',
      evidence: instances(instance('i-0lll', metadata({ HttpTokens: 'required', State: 'applying' }))),
      reason: /"applying"/,
    },
    {
      name: 'an instance without InstanceId beside a compliant one',
      evidence: instances(instance('i-0aaa'), without(instance('i-0mmm', metadata({})), 'InstanceId')),
      reason: /lacks InstanceId/,
    },
  ],
});
