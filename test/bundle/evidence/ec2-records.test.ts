import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  ec2Instances,
  networkAcls,
  parseCidr,
  portSpan,
  routeTables,
  ruleProtocol,
  securityGroups,
  vpcs,
} from '../../../src/bundle/evidence/ec2.js';
import { describeInstances, describeVpcs, instance, vpc } from '../../helpers/aws-builders.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { entry, group, networkAclsFile, routeTable, routeTablesFile, rule, securityGroupsFile, without } from '../../helpers/ec2-builders.js';

const scope = { account: '111122223333', region: 'eu-west-1' };

describe('rule protocols', () => {
  it.each([
    ['tcp', 'tcp'],
    ['6', 'tcp'],
    ['TCP', 'tcp'],
    ['udp', 'udp'],
    ['17', 'udp'],
    ['-1', 'all'],
    ['all', 'all'],
    ['icmp', 'icmp'],
    ['1', 'icmp'],
    ['icmpv6', 'icmpv6'],
    ['58', 'icmpv6'],
    ['132', 'other'],
    ['sctp', 'unknown'],
    ['300', 'unknown'],
    ['', 'unknown'],
  ])('reads %j as %s', (raw, kind) => {
    expect(ruleProtocol(raw).kind).toBe(kind);
  });

  it('reads a protocol stored as a JSON number', () => {
    expect(ruleProtocol(6).kind).toBe('tcp');
    expect(ruleProtocol(undefined)).toEqual({ kind: 'unknown', text: '(none)' });
  });
});

describe('port spans', () => {
  const tcp = ruleProtocol('tcp');
  it('reads ranges, -1 to -1 as every port, and ICMP as no ports', () => {
    expect(portSpan(tcp, 22, 22, 'FromPort/ToPort')).toEqual({ kind: 'range', from: 22, to: 22 });
    expect(portSpan(tcp, -1, -1, 'FromPort/ToPort')).toEqual({ kind: 'all' });
    expect(portSpan(ruleProtocol('-1'), undefined, undefined, 'FromPort/ToPort')).toEqual({ kind: 'all' });
    expect(portSpan(ruleProtocol('icmp'), -1, -1, 'FromPort/ToPort')).toEqual({ kind: 'none' });
  });

  it.each([
    [undefined, undefined],
    [22, undefined],
    ['22', '22'],
    [3389, 22],
    [-5, 22],
    [0, 70000],
    [1.5, 22],
  ])('calls %j to %j invalid, never "no ports"', (from, to) => {
    expect(portSpan(tcp, from, to, 'FromPort/ToPort').kind).toBe('invalid');
  });
});

describe('CIDR blocks', () => {
  const world4 = parseCidr('0.0.0.0/0');
  const world6 = parseCidr('::/0');
  it.each(['0.0.0.0/0', '0.0.0.0/00', '10.1.2.3/0', ' 0.0.0.0/0 '])('reads %j as the whole IPv4 space', (text) => {
    const cidr = parseCidr(text);
    expect(cidr && world4 && cidrContains(cidr, world4)).toBe(true);
  });
  it.each(['::/0', '::0/0', '0:0:0:0:0:0:0:0/0', '2001:db8::/0'])('reads %j as the whole IPv6 space', (text) => {
    const cidr = parseCidr(text);
    expect(cidr && world6 && cidrContains(cidr, world6)).toBe(true);
  });
  it('does not take a narrower or other-family block for the world', () => {
    for (const text of ['0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8', '::/0']) expect(cidrContains(parseCidr(text)!, world4!), text).toBe(false);
    for (const text of ['::/1', '2001:db8::/32', '0.0.0.0/0']) expect(cidrContains(parseCidr(text)!, world6!), text).toBe(false);
  });
  it('contains by prefix', () => {
    expect(cidrContains(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!)).toBe(true);
    expect(cidrContains(parseCidr('10.0.0.0/16')!, parseCidr('10.1.0.0/16')!)).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::/32')!, parseCidr('2001:db8:1::/48')!)).toBe(true);
  });
  it.each(['0.0.0.0/abc', '0.0.0.0/33', '::/129', '256.0.0.0/8', '1.2.3/8', '1::2::3/64', 'anywhere', '0.0.0.0/0/0'])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('EC2 records, typed one by one', () => {
  it('sets aside a security group without an id, derives one from the ARN, and an ARN from id, owner and region', async () => {
    const bundle = await testBundle({
      files: [
        securityGroupsFile('eu-west-1', [
          without(group('sg-1', 'no-id', []), 'GroupId', 'SecurityGroupArn'),
          without(group('sg-2', 'from-arn', []), 'GroupId'),
          without(group('sg-3', 'no-arn', [rule('tcp', [22, 22], '0.0.0.0/0')]), 'SecurityGroupArn', 'OwnerId'),
        ]),
      ],
    });
    const evidence = await securityGroups.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    expect(evidence.value.map((g) => [g.id, g.arn])).toEqual([
      ['sg-2', 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-2'],
      ['sg-3', 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-3'],
    ]);
    expect(evidence.value[1]?.inbound[0]).toMatchObject({ protocol: { kind: 'tcp' }, ports: { kind: 'range', from: 22, to: 22 } });
    expect(evidence.unusable).toEqual([{ resource: 'DescribeSecurityGroups of 111122223333/eu-west-1, record 1 (no-id)', reason: 'lacks GroupId' }]);
  });

  it('sets aside a network ACL without an id and keeps unreadable entries for the checks to judge', async () => {
    const bundle = await testBundle({
      files: [
        networkAclsFile('eu-west-1', [
          { VpcId: 'vpc-1', Entries: [] },
          { NetworkAclId: 'acl-1', OwnerId: '444455556666', Entries: [entry({ RuleNumber: '100', RuleAction: 'ALLOW', Protocol: '6', CidrBlock: '0.0.0.0/0' })] },
        ]),
      ],
    });
    const evidence = await networkAcls.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    expect(evidence.value[0]).toMatchObject({ id: 'acl-1', arn: 'arn:aws:ec2:eu-west-1:444455556666:network-acl/acl-1' });
    expect(evidence.value[0]?.entries[0]).toMatchObject({ ruleNumber: undefined, action: 'allow', ports: { kind: 'invalid', why: 'no PortRange' } });
    expect(evidence.unusable?.[0]).toMatchObject({ resource: 'DescribeNetworkAcls of 111122223333/eu-west-1, record 1 (vpc-1)', reason: 'lacks NetworkAclId' });
  });

  it('types instances, VPCs and route tables per record', async () => {
    const bundle = await testBundle({
      regions: ['cn-north-1'],
      files: [
        describeInstances('cn-north-1', [instance('i-1'), without(instance('i-2'), 'InstanceId')]),
        describeVpcs('cn-north-1', [vpc('vpc-1'), without(vpc('vpc-2'), 'VpcId')]),
        routeTablesFile('cn-north-1', [routeTable('rtb-1', []), routeTable(undefined, [])]),
      ],
    });
    const at = { account: '111122223333', region: 'cn-north-1' };
    const [instances, networks, tables] = [await ec2Instances.load(bundle, at), await vpcs.load(bundle, at), await routeTables.load(bundle, at)];
    expect(instances.ok && instances.value.map((i) => i.arn)).toEqual(['arn:aws-cn:ec2:cn-north-1:111122223333:instance/i-1']);
    expect(instances.ok && instances.unusable?.map((u) => u.reason)).toEqual(['lacks InstanceId']);
    expect(networks.ok && networks.value.map((v) => v.id)).toEqual(['vpc-1']);
    // The instance and the route tables name the builders' VPC, which the listing lacks: an orphan too.
    expect(networks.ok && networks.unusable?.map((u) => u.reason)).toEqual([
      'lacks VpcId',
      expect.stringMatching(/ name VPC vpc-0a3f5c9e1d2b47e86, but DescribeVpcs of 111122223333\/cn-north-1 does not list it/),
    ]);
    expect(tables.ok && tables.value.map((t) => t.arn)).toEqual(['arn:aws-cn:ec2:cn-north-1:111122223333:route-table/rtb-1']);
    expect(tables.ok && tables.unusable?.map((u) => u.reason)).toEqual(['lacks RouteTableId']);
  });
});
