import check from '../../../src/checks/ec2/ec2-network-acl-admin-ports-restricted.js';
import { aclEntry, networkAcl } from '../../helpers/aws-builders.js';
import { entry, networkAclsFile, without } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** The ACLs in us-east-1 and none in eu-west-1. */
const acls = (...list: object[]) => ({ files: [networkAclsFile('us-east-1', list), networkAclsFile('eu-west-1', [])] });
/** One ACL with these entries (plus AWS's final deny-all rules). */
const one = (...entries: object[]) => acls(networkAcl('acl-1', entries));
const WORLD4 = '0.0.0.0/0';
const WORLD6 = '::/0';

// CIS 5.2: no inbound NACL rule whose port range includes 22 or 3389, for TCP (6), UDP (17) or ALL
// (-1), with a source of 0.0.0.0/0, may ALLOW; AWS applies the lowest-numbered matching rule.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { ports: [22, 3389], sources: [WORLD4] },
  pass: [
    {
      name: 'HTTPS from the world, SSH from an office range',
      evidence: one(aclEntry(100, 'allow', '6', WORLD4, [443, 443]), aclEntry(110, 'allow', '6', '198.51.100.0/24', [22, 22])),
      reason: /network ACL acl-1 \(vpc-0a3f5c9e1d2b47e86\) allows none of ports 22, 3389 over TCP or UDP from 0\.0\.0\.0\/0/,
    },
    { name: 'an egress allow-all does not count', evidence: one(aclEntry(100, 'allow', '-1', WORLD4, undefined, true)) },
    { name: 'TCP 23-3388 from the world: one above 22, one below 3389', evidence: one(aclEntry(100, 'allow', '6', WORLD4, [23, 3388])) },
    {
      name: 'UDP 0-21 and 3390-65535: one below 22, one above 3389',
      evidence: one(aclEntry(100, 'allow', '17', WORLD4, [0, 21]), aclEntry(110, 'allow', '17', WORLD4, [3390, 65535])),
    },
    {
      name: 'all ICMP from the world carries no ports',
      evidence: one(
        entry({ RuleNumber: 100, RuleAction: 'allow', Protocol: '1', CidrBlock: WORLD4, IcmpTypeCode: { Code: -1, Type: -1 } }),
      ),
    },
    { name: 'allow-all from ::/0 when only 0.0.0.0/0 is asked', evidence: one(aclEntry(100, 'allow', '-1', WORLD6)) },
    { name: 'allow-all from a private range', evidence: one(aclEntry(100, 'allow', '-1', '10.0.0.0/8')) },
    { name: 'no network ACLs', evidence: acls() },
  ],
  fail: [
    {
      name: 'an allow-all behind TCP and UDP denies of 22 and 3389 (the audit counts every allow rule)',
      evidence: one(
        aclEntry(50, 'deny', '6', WORLD4, [22, 22]),
        aclEntry(60, 'deny', '17', WORLD4, [22, 22]),
        aclEntry(70, 'deny', '6', WORLD4, [3389, 3389]),
        aclEntry(80, 'deny', '17', WORLD4, [3389, 3389]),
        aclEntry(100, 'allow', '-1', WORLD4),
      ),
      reason:
        /port 22 from 0\.0\.0\.0\/0 \(rule 100\) over TCP and UDP \(all protocols from 0\.0\.0\.0\/0; deny rule 50 comes first, but the benchmark counts every allow rule\)/,
    },
    {
      name: 'an allow-all behind a deny of all protocols (the audit counts every allow rule)',
      evidence: one(aclEntry(50, 'deny', '-1', WORLD4), aclEntry(100, 'allow', '-1', WORLD4)),
      reason: /deny rule 50 comes first, but the benchmark counts every allow rule/,
    },
    {
      name: 'entries listed out of order: the allow counts though the deny has the lower number',
      evidence: one(aclEntry(200, 'allow', '6', WORLD4, [0, 65535]), aclEntry(100, 'deny', '-1', WORLD4)),
      reason: /port 22 from 0\.0\.0\.0\/0 \(rule 200\) over TCP \(6 0-65535 from 0\.0\.0\.0\/0; deny rule 100 comes first/,
    },
    {
      name: 'an allow from the world without RuleNumber (still an allow rule)',
      evidence: one(entry({ RuleAction: 'allow', Protocol: '6', CidrBlock: WORLD4, PortRange: { From: 22, To: 22 } })),
      reason: /port 22 from 0\.0\.0\.0\/0 \(rule \?\) over TCP/,
    },
    {
      name: 'the default ACL allowing all traffic from anywhere',
      params: { sources: [WORLD4, WORLD6] },
      evidence: acls(networkAcl('acl-5', [aclEntry(100, 'allow', '-1', WORLD4), aclEntry(101, 'allow', '-1', WORLD6)], true)),
      reason:
        /acl-5 \(vpc-0a3f5c9e1d2b47e86, default\) allows port 22 from 0\.0\.0\.0\/0 \(rule 100\) over TCP and UDP \(all protocols from 0\.0\.0\.0\/0\), port 22 from ::\/0 \(rule 101\) over TCP and UDP/,
    },
    {
      name: 'UDP (17) 3389 from the world',
      evidence: one(aclEntry(100, 'allow', '17', WORLD4, [3389, 3389])),
      reason: /port 3389 from 0\.0\.0\.0\/0 \(rule 100\) over UDP \(17 port 3389 from 0\.0\.0\.0\/0\)/,
    },
    {
      name: 'an allow before the deny of the same port',
      evidence: one(aclEntry(100, 'allow', '6', WORLD4, [1024, 65535]), aclEntry(200, 'deny', '6', WORLD4, [3389, 3389])),
      reason: /port 3389 from 0\.0\.0\.0\/0 \(rule 100\) over TCP \(6 1024-65535/,
    },
    {
      name: 'an allow-all behind a TCP-only deny',
      evidence: one(aclEntry(50, 'deny', '6', WORLD4, [22, 22]), aclEntry(100, 'allow', '-1', WORLD4)),
      reason: /allows port 22 from 0\.0\.0\.0\/0 \(rule 100\) over TCP and UDP \(all protocols/,
    },
    {
      name: 'a deny from a narrower range does not stop the world',
      evidence: one(aclEntry(50, 'deny', '-1', '198.51.100.0/24'), aclEntry(100, 'allow', '-1', WORLD4)),
      reason: /rule 100/,
    },
    {
      name: 'range starting exactly at 22',
      evidence: one(aclEntry(100, 'allow', '6', WORLD4, [22, 1000])),
      reason: /port 22 from 0\.0\.0\.0\/0 \(rule 100\) over TCP/,
    },
    {
      name: 'range ending exactly at 3389',
      evidence: one(aclEntry(100, 'allow', '6', WORLD4, [1000, 3389])),
      reason: /port 3389 from 0\.0\.0\.0\/0 \(rule 100\) over TCP/,
    },
    {
      name: 'protocol written as a name',
      evidence: one(aclEntry(100, 'allow', 'tcp', WORLD4, [22, 22])),
      reason: /port 22 from 0\.0\.0\.0\/0 \(rule 100\) over TCP/,
    },
    { name: '0.0.0.0/00 is the world too', evidence: one(aclEntry(100, 'allow', '-1', '0.0.0.0/00')), reason: /from 0\.0\.0\.0\/00/ },
    {
      name: 'the IPv6 world when ::/0 is asked',
      params: { sources: [WORLD6] },
      evidence: one(aclEntry(100, 'allow', '6', '::0/0', [3389, 3389])),
      reason: /port 3389 from ::\/0 \(rule 100\) over TCP/,
    },
    {
      name: 'CIFS from the world when the catalog asks about port 445',
      params: { ports: [445] },
      evidence: one(aclEntry(100, 'allow', '-1', WORLD4)),
      reason: /port 445/,
    },
    {
      name: 'an open ACL beside a closed one',
      evidence: acls(networkAcl('acl-1', []), networkAcl('acl-2', [aclEntry(100, 'allow', '6', WORLD4, [22, 22])])),
      reason: /acl-2/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeNetworkAcls unauthorized in eu-west-1',
      evidence: { files: [networkAclsFile('us-east-1', [networkAcl('acl-1', [])])] },
      collectionError: { service: 'ec2', operation: 'DescribeNetworkAcls', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeNetworkAcls in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'a TCP allow from the world without PortRange',
      evidence: one(entry({ RuleNumber: 100, RuleAction: 'allow', Protocol: '6', CidrBlock: WORLD4 })),
      reason: /rule 100 \(6 with no PortRange from 0\.0\.0\.0\/0\), which cannot be read/,
    },
    {
      name: 'a deciding entry whose action is neither allow nor deny',
      evidence: one(entry({ RuleNumber: 90, RuleAction: 'permit', Protocol: '-1', CidrBlock: WORLD4 })),
      reason: /rule 90/,
    },
    {
      name: 'a deciding entry without Protocol',
      evidence: one(entry({ RuleNumber: 90, RuleAction: 'allow', CidrBlock: WORLD4 })),
      reason: /protocol \(none\)/,
    },
    {
      name: 'an ACL without NetworkAclId beside a closed one',
      evidence: acls(without(networkAcl('acl-x', [aclEntry(100, 'allow', '-1', WORLD4)]), 'NetworkAclId'), networkAcl('acl-1', [])),
      reason: /lacks NetworkAclId/,
    },
  ],
});
