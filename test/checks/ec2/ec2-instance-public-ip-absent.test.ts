import check from '../../../src/checks/ec2/ec2-instance-public-ip-absent.js';
import { describeInstances, instance } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const instances = (...list: object[]) => ({ files: [describeInstances('us-east-1', list), describeInstances('eu-west-1', [])] });
const withIp = (id: string, ip: unknown, fields: Record<string, unknown> = {}) =>
  instance(id, { PublicIpAddress: ip, PublicDnsName: 'ec2-x.compute-1.amazonaws.com', ...fields });

// AWS Config EC2_INSTANCE_NO_PUBLIC_IP: the instance's publicIp (IPv4) must be absent.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'private instance',
      evidence: instances(instance('i-0aaa')),
      reason: /instance i-0aaa \(i-0aaa\), running, has no public IPv4 address/,
    },
    { name: 'PublicIpAddress empty, as EC2 writes <ipAddress/>', evidence: instances(withIp('i-0aaa', '')) },
    {
      name: 'IPv6 address only (the rule is IPv4 only)',
      evidence: instances(instance('i-0aaa', { Ipv6Address: '2600:1f18:1234:5600::10' })),
    },
    {
      name: 'terminated instance that still shows an address is out of scope',
      evidence: instances(withIp('i-0bbb', '3.91.12.7', { State: { Code: 48, Name: 'terminated' } })),
    },
    { name: 'no instances', evidence: instances() },
  ],
  fail: [
    {
      name: 'running instance with a public address beside a private one',
      evidence: instances(instance('i-0aaa'), withIp('i-0bbb', '3.91.12.7')),
      reason: /instance i-0bbb \(i-0bbb\), running, has public IPv4 address 3.91.12.7 \(required: none\)/,
    },
    {
      name: 'stopped instance keeping an Elastic IP',
      evidence: instances(withIp('i-0ccc', '54.210.3.4', { State: { Code: 80, Name: 'stopped' } })),
      reason: /i-0ccc \(i-0ccc\), stopped, has public IPv4 address 54.210.3.4/,
    },
  ],
  notEvaluated: [
    {
      name: 'PublicIpAddress is a list',
      evidence: instances(withIp('i-0aaa', ['3.91.12.7'])),
      reason: /has PublicIpAddress \["3.91.12.7"\], which is not an address/,
    },
    {
      name: 'instance without InstanceId beside a private one',
      evidence: instances(instance('i-0aaa'), { ...withIp('i-0bbb', '3.91.12.7'), InstanceId: undefined }),
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
