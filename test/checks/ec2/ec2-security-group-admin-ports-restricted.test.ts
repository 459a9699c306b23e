import check from '../../../src/checks/ec2/ec2-security-group-admin-ports-restricted.js';
import { describeSecurityGroups, ingress, securityGroup } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

type Group = ReturnType<typeof securityGroup>;
/** The groups in us-east-1 and an empty eu-west-1. */
const groups = (...list: Group[]) => ({ files: [describeSecurityGroups('us-east-1', list), describeSecurityGroups('eu-west-1', [])] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { ports: [22, 3389], sources: ['0.0.0.0/0', '::/0'] },
  pass: [
    { name: 'HTTPS open to the world', evidence: groups(securityGroup('sg-1', 'web', ingress('tcp', [443, 443], '0.0.0.0/0', '::/0'))) },
    {
      name: 'SSH from an office range only',
      evidence: groups(securityGroup('sg-2', 'bastion', ingress('tcp', [22, 22], '198.51.100.0/24'))),
    },
    {
      name: 'UDP 3389 from the world is not TCP',
      evidence: groups(securityGroup('sg-3', 'rdp-udp', ingress('udp', [3389, 3389], '0.0.0.0/0'))),
    },
    { name: 'default group allowing all traffic from itself only', evidence: groups(securityGroup('sg-4', 'default')) },
    {
      name: 'IPv6 SSH when the catalog lists only 0.0.0.0/0',
      params: { sources: ['0.0.0.0/0'] },
      evidence: groups(securityGroup('sg-5', 'v6-ssh', ingress('tcp', [22, 22], '::/0'))),
    },
    { name: 'no security groups', evidence: groups() },
  ],
  fail: [
    {
      name: 'SSH from 0.0.0.0/0',
      evidence: groups(securityGroup('sg-6', 'bastion-ssh', ingress('tcp', [22, 22], '0.0.0.0/0'))),
      reason: /security group sg-6 \(bastion-ssh\) allows port 22 from 0\.0\.0\.0\/0/,
    },
    {
      name: 'RDP from ::/0 only',
      evidence: groups(securityGroup('sg-7', 'legacy-rdp', ingress('tcp', [3389, 3389], '198.51.100.0/24', '::/0'))),
      reason: /allows port 3389 from ::\/0$/,
    },
    {
      name: 'all protocols (-1) from the world',
      evidence: groups(securityGroup('sg-8', 'all', ingress('-1', undefined, '0.0.0.0/0'))),
      reason: /port 22 from 0\.0\.0\.0\/0, port 3389 from 0\.0\.0\.0\/0/,
    },
    {
      name: 'protocol number 6 with a range covering 3389',
      evidence: groups(securityGroup('sg-9', 'range', ingress('6', [3000, 4000], '0.0.0.0/0'))),
      reason: /port 3389 from 0\.0\.0\.0\/0/,
    },
    {
      name: 'TCP 0-65535 from the world beside a passing group',
      evidence: groups(
        securityGroup('sg-1', 'web', ingress('tcp', [443, 443], '0.0.0.0/0')),
        securityGroup('sg-10', 'wide', ingress('tcp', [0, 65535], '0.0.0.0/0')),
      ),
      reason: /sg-10/,
    },
  ],
  notEvaluated: [
    {
      name: 'eu-west-1 unauthorized while us-east-1 passes',
      evidence: { files: [describeSecurityGroups('us-east-1', [securityGroup('sg-1', 'web', ingress('tcp', [443, 443], '0.0.0.0/0'))])] },
      collectionError: { service: 'ec2', operation: 'DescribeSecurityGroups', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:DescribeSecurityGroups in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
