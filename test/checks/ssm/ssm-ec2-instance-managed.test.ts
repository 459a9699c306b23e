import check from '../../../src/checks/ssm/ssm-ec2-instance-managed.js';
import { instance } from '../../helpers/aws-builders.js';
import { describeInstanceInformation, managedEvidence, managedNode } from '../../helpers/ssm-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { describeInstances } from '../../helpers/aws-builders.js';

const web = 'i-0a1b2c3d4e5f60718';
const stopped = { State: { Code: 80, Name: 'stopped' } };

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  pass: [
    {
      name: 'running instance whose agent is Online',
      evidence: managedEvidence([instance(web)], [managedNode(web)]),
      reason:
        /instance i-0a1b2c3d4e5f60718 \(i-0a1b2c3d4e5f60718\) is managed by Systems Manager: SSM Agent 3\.3\.1142\.0 is Online, last ping 2026-09-29T23:52:31\.000Z/,
    },
    { name: 'stopped instance not in SSM is left out', evidence: managedEvidence([instance(web, stopped)], []) },
    {
      name: 'a hybrid node without an EC2 instance gives no finding',
      evidence: managedEvidence([], [managedNode('mi-0123456789abcdef0')]),
    },
  ],
  fail: [
    {
      name: 'running instance SSM does not list',
      evidence: managedEvidence([instance(web)], []),
      reason:
        /instance i-0a1b2c3d4e5f60718 \(i-0a1b2c3d4e5f60718\) is running but is not a Systems Manager managed node: DescribeInstanceInformation does not list it/,
    },
    {
      name: 'running instance whose agent lost its connection (agent stopped)',
      evidence: managedEvidence([instance(web)], [managedNode(web, { PingStatus: 'ConnectionLost' })]),
      reason: /its SSM Agent is ConnectionLost, last ping .* \(required: Online\)/,
    },
    {
      name: 'running instance whose agent is Inactive (agent removed)',
      evidence: managedEvidence([instance(web)], [managedNode(web, { PingStatus: 'Inactive', LastPingDateTime: undefined })]),
      reason: /its SSM Agent is Inactive \(required: Online\)/,
    },
    {
      name: 'unmanaged instance found on the second page of nodes beside a managed one',
      evidence: {
        files: [
          describeInstances('us-east-1', [instance(web), instance('i-0b2c3d4e5f6071829')]),
          describeInstanceInformation('us-east-1', [managedNode(web)]),
          describeInstanceInformation('us-east-1', [managedNode('i-0b2c3d4e5f6071829', { PingStatus: 'ConnectionLost' })], 2),
          describeInstances('eu-west-1', []),
          describeInstanceInformation('eu-west-1', []),
        ],
      },
      reason: /instance i-0b2c3d4e5f6071829 .*ConnectionLost/,
    },
  ],
  notEvaluated: [
    {
      name: 'node without PingStatus',
      evidence: managedEvidence([instance(web)], [managedNode(web, { PingStatus: undefined })]),
      reason: /DescribeInstanceInformation shows no PingStatus/,
    },
    {
      name: 'instance without a state',
      evidence: managedEvidence([instance(web, { State: undefined })], []),
      reason: /shows no state/,
    },
    {
      name: 'instance missing while a node record is unreadable',
      evidence: managedEvidence([instance(web)], [{ ...managedNode(web), InstanceId: undefined }]),
      reason: /not among the readable records of DescribeInstanceInformation, but 1 record\(s\) could not be read/,
    },
    {
      name: 'node that pinged after collection ended',
      evidence: managedEvidence([instance(web)], [managedNode(web, { LastPingDateTime: '2027-01-01T00:00:00.000Z' })]),
      reason: /LastPingDateTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeInstanceInformation denied in eu-west-1',
      evidence: {
        files: (managedEvidence([instance(web)], [managedNode(web)]).files ?? []).filter(
          (f) => !(f.service === 'ssm' && f.region === 'eu-west-1'),
        ),
      },
      collectionError: { service: 'ssm', operation: 'DescribeInstanceInformation', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /ssm:DescribeInstanceInformation .*AccessDeniedException/,
    },
  ],
});
