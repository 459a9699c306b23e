import check from '../../../src/checks/ec2/ec2-network-acl-admin-ports-restricted.js';
import { aclEntry, describeNetworkAcls, networkAcl } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** The ACLs in us-east-1 and none in eu-west-1. */
const acls = (...list: object[]) => ({ files: [describeNetworkAcls('us-east-1', list), describeNetworkAcls('eu-west-1', [])] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { ports: [22, 3389], sources: ['0.0.0.0/0', '::/0'] },
  pass: [
    {
      name: 'HTTPS from the world, SSH from an office range',
      evidence: acls(
        networkAcl('acl-1', [
          aclEntry(100, 'allow', '6', '0.0.0.0/0', [443, 443]),
          aclEntry(110, 'allow', '6', '198.51.100.0/24', [22, 22]),
        ]),
      ),
      reason: /network ACL acl-1 \(vpc-0a3f5c9e1d2b47e86\) allows none of ports 22, 3389 from 0\.0\.0\.0\/0, ::\/0/,
    },
    {
      name: 'a lower-numbered deny of SSH and RDP from the world before an allow-all',
      evidence: acls(
        networkAcl('acl-2', [
          aclEntry(50, 'deny', '6', '0.0.0.0/0', [22, 22]),
          aclEntry(60, 'deny', '6', '0.0.0.0/0', [3389, 3389]),
          aclEntry(70, 'deny', '-1', '::/0'),
          aclEntry(100, 'allow', '-1', '0.0.0.0/0'),
        ]),
      ),
    },
    {
      name: 'UDP 3389 from the world is not TCP',
      evidence: acls(networkAcl('acl-3', [aclEntry(100, 'allow', '17', '0.0.0.0/0', [3389, 3389])])),
    },
    {
      name: 'an egress allow-all does not count',
      evidence: acls(networkAcl('acl-4', [aclEntry(100, 'allow', '-1', '0.0.0.0/0', undefined, true)])),
    },
  ],
  fail: [
    {
      name: 'the default ACL allowing all traffic from anywhere',
      evidence: acls(networkAcl('acl-5', [aclEntry(100, 'allow', '-1', '0.0.0.0/0'), aclEntry(101, 'allow', '-1', '::/0')], true)),
      reason:
        /acl-5 \(vpc-0a3f5c9e1d2b47e86, default\) allows port 22 from 0\.0\.0\.0\/0 \(rule 100\), port 22 from ::\/0 \(rule 101\), port 3389 from 0\.0\.0\.0\/0 \(rule 100\)/,
    },
    {
      name: 'a TCP range covering 3389 whose deny comes after the allow',
      evidence: acls(
        networkAcl('acl-6', [
          aclEntry(100, 'allow', '6', '0.0.0.0/0', [1024, 65535]),
          aclEntry(200, 'deny', '6', '0.0.0.0/0', [3389, 3389]),
        ]),
      ),
      reason: /allows port 3389 from 0\.0\.0\.0\/0 \(rule 100\)$/,
    },
    {
      name: 'CIFS from the world when the catalog asks about port 445',
      params: { ports: [445] },
      evidence: acls(networkAcl('acl-7', [aclEntry(100, 'allow', '6', '0.0.0.0/0', [445, 445])])),
      reason: /port 445 from 0\.0\.0\.0\/0/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeNetworkAcls unauthorized in eu-west-1',
      evidence: { files: [describeNetworkAcls('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeNetworkAcls', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:DescribeNetworkAcls in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
