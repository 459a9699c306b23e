import { describe, expect, it } from 'vitest';
import { ebsSnapshots, ebsVolumes, ec2Instances, instanceTypeEbsSupport, subnets, vpnConnections } from '../../src/bundle/evidence/ec2.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import attachedVolumeEncrypted from '../../src/checks/ec2/ec2-attached-volume-encrypted.js';
import snapshotNotPublic from '../../src/checks/ec2/ec2-ebs-snapshot-not-public.js';
import instanceEbsOptimized from '../../src/checks/ec2/ec2-instance-ebs-optimized.js';
import instancePublicIpAbsent from '../../src/checks/ec2/ec2-instance-public-ip-absent.js';
import stoppedInstanceWithinLimit from '../../src/checks/ec2/ec2-stopped-instance-within-limit.js';
import volumeAttached from '../../src/checks/ec2/ec2-volume-attached.js';
import commonPortsRestricted from '../../src/checks/ec2/ec2-security-group-common-ports-restricted.js';
import openPortsAuthorized from '../../src/checks/vpc/vpc-security-group-open-ports-authorized.js';
import noOpenIgwRoute from '../../src/checks/vpc/vpc-route-table-no-open-igw-route.js';
import subnetNoAutoPublicIp from '../../src/checks/vpc/vpc-subnet-public-ip-auto-assign-disabled.js';
import vpnTunnelsUp from '../../src/checks/vpc/vpc-vpn-tunnels-up.js';
import type { Check } from '../../src/checks/define-check.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import { ACME } from './helpers/acme.js';
import { ec2Error, xml, type FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };

/** The instance types acme runs (all EBS-optimized by default), by the one type each request names. */
function serveInstanceTypes(f: FakeAws): void {
  f.on('ec2', 'DescribeInstanceTypes', (r) => xml(`ec2/DescribeInstanceTypes.${r.params['InstanceType.1'] ?? ''}.xml`));
}

/** us-east-1: a backup shared with one account and a public golden image; eu-west-1: none. */
function serveSnapshots(f: FakeAws): void {
  f.on('ec2', 'DescribeSnapshots', (r) => xml(`ec2/DescribeSnapshots.${r.region === 'us-east-1' ? 'us-east-1' : 'empty'}.xml`));
  f.on('ec2', 'DescribeSnapshotAttribute', (r) => xml(`ec2/DescribeSnapshotAttribute.${r.params.SnapshotId ?? ''}.xml`));
}

/** us-east-1: two pages (two encrypted root volumes; the stopped batch instance's unencrypted root and an unattached volume); eu-west-1: none. */
function serveVolumes(f: FakeAws): void {
  f.on('ec2', 'DescribeVolumes', (r) =>
    r.region === 'us-east-1'
      ? xml(`ec2/DescribeVolumes.us-east-1.p${r.params.NextToken ? 2 : 1}.xml`)
      : xml('ec2/DescribeVolumes.empty.xml'),
  );
}

async function statuses(bundle: EvidenceBundle, check: Check, params: Record<string, unknown>): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const findings = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return findings.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:ec2:[^:]+:\d+:/, '')}`);
}

describe('EC2 evidence for the NIST 800-53 checks', () => {
  it('pages DescribeVolumes by NextToken in pages of 500 and types each volume', async () => {
    serveVolumes(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    // Regions run side by side: the order between them is not fixed, the order of pages is.
    const asked = fake.calls('ec2', 'DescribeVolumes').map((r) => [r.region, r.params.MaxResults, r.params.NextToken?.slice(0, 6)]);
    expect(asked.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['eu-west-1', '500', undefined],
      ['us-east-1', '500', undefined],
      ['us-east-1', '500', 'eyJ2Ij'],
    ]);
    const bundle = await openBundle(result.dir);
    expect(
      bundle.manifest.files
        .filter((f) => f.operation === 'DescribeVolumes')
        .map((f) => f.path)
        .sort(),
    ).toEqual([
      'aws/111122223333/eu-west-1/ec2/DescribeVolumes.json',
      'aws/111122223333/us-east-1/ec2/DescribeVolumes.json',
      'aws/111122223333/us-east-1/ec2/DescribeVolumes.p0002.json',
    ]);
    const volumes = await ebsVolumes.load(bundle, east);
    if (!volumes.ok) throw new Error(volumes.reason);
    expect(volumes.unusable ?? []).toEqual([]);
    expect(
      volumes.value.map((v) => [v.id, v.state, v.encrypted, v.attachments.map((a) => [a.instanceId, a.state, a.deleteOnTermination])]),
    ).toEqual([
      ['vol-0a1b2c3d4e5f60718', 'in-use', true, [['i-0a1b2c3d4e5f60718', 'attached', true]]],
      ['vol-0b2c3d4e5f6071829', 'in-use', true, [['i-0b2c3d4e5f6071829', 'attached', true]]],
      ['vol-0c3d4e5f607182930', 'in-use', false, [['i-0c3d4e5f607182930', 'attached', true]]],
      ['vol-0d4e5f60718293a4b', 'available', false, []],
    ]);
    expect(volumes.value[0]?.kmsKeyId).toBe('arn:aws:kms:us-east-1:111122223333:key/7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97');
    expect(await ebsVolumes.load(bundle, west)).toMatchObject({ ok: true, value: [] });
    const instances = await ec2Instances.load(bundle, east);
    if (!instances.ok) throw new Error(instances.reason);
    expect(instances.value.map((i) => [i.id, i.state, i.stateTransitionReason, i.publicIp.kind, i.instanceType, i.ebsOptimized])).toEqual([
      ['i-0a1b2c3d4e5f60718', 'running', '', 'none', 't3.medium', true],
      ['i-0b2c3d4e5f6071829', 'running', '', 'none', 't3.micro', true],
      ['i-0c3d4e5f607182930', 'stopped', 'User initiated (2026-03-02 18:40:11 GMT)', 'none', 'm5.large', true],
    ]);
  });

  it('asks DescribeInstanceTypes once per instance type in use, and files each answer under its type', async () => {
    serveInstanceTypes(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(
      fake.calls('ec2', 'DescribeInstanceTypes').map((r) => [r.region, r.params['InstanceType.1'], r.params['InstanceType.2']]),
    ).toEqual([
      ['us-east-1', 'm5.large', undefined],
      ['us-east-1', 't3.medium', undefined],
      ['us-east-1', 't3.micro', undefined],
    ]);
    const bundle = await openBundle(result.dir);
    expect(
      bundle.manifest.files.find((f) => f.path === 'aws/111122223333/us-east-1/ec2/DescribeInstanceTypes/t3.micro.json')?.parameters,
    ).toEqual({
      InstanceTypes: 't3.micro',
    });
    const types = await instanceTypeEbsSupport.load(bundle, east);
    if (!types.ok) throw new Error(types.reason);
    expect([...types.value].map(([type, info]) => [type, info.ok && info.support])).toEqual([
      ['m5.large', 'default'],
      ['t3.medium', 'default'],
      ['t3.micro', 'default'],
    ]);
    expect(await statuses(bundle, instanceEbsOptimized, {})).toEqual([
      'PASS instance/i-0a1b2c3d4e5f60718',
      'PASS instance/i-0b2c3d4e5f6071829',
      'PASS instance/i-0c3d4e5f607182930',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('decides the checks on the collected answers', async () => {
    serveVolumes(fake);
    const bundle = await openBundle((await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] })).dir);
    expect(await statuses(bundle, attachedVolumeEncrypted, { kmsKeyIds: [] })).toEqual([
      'PASS volume/vol-0a1b2c3d4e5f60718',
      'PASS volume/vol-0b2c3d4e5f6071829',
      'FAIL volume/vol-0c3d4e5f607182930',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await statuses(bundle, volumeAttached, { requireDeleteOnTermination: true })).toEqual([
      'PASS volume/vol-0a1b2c3d4e5f60718',
      'PASS volume/vol-0b2c3d4e5f6071829',
      'PASS volume/vol-0c3d4e5f607182930',
      'FAIL volume/vol-0d4e5f60718293a4b',
      'PASS 111122223333/eu-west-1',
    ]);
    // Stopped on 2026-03-02: beyond 30 days whenever the test runs.
    expect(await statuses(bundle, stoppedInstanceWithinLimit, { allowedDays: 30 })).toEqual([
      'PASS instance/i-0a1b2c3d4e5f60718',
      'PASS instance/i-0b2c3d4e5f6071829',
      'FAIL instance/i-0c3d4e5f607182930',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await statuses(bundle, instancePublicIpAbsent, {})).toEqual([
      'PASS instance/i-0a1b2c3d4e5f60718',
      'PASS instance/i-0b2c3d4e5f6071829',
      'PASS instance/i-0c3d4e5f607182930',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it("lists the account's own snapshots and asks createVolumePermission of each", async () => {
    serveSnapshots(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    const listings = fake.calls('ec2', 'DescribeSnapshots').map((r) => [r.region, r.params['Owner.1'], r.params.MaxResults]);
    expect(listings.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['eu-west-1', 'self', '1000'],
      ['us-east-1', 'self', '1000'],
    ]);
    expect(fake.calls('ec2', 'DescribeSnapshotAttribute').map((r) => [r.params.SnapshotId, r.params.Attribute])).toEqual([
      ['snap-0f1e2d3c4b5a69788', 'createVolumePermission'],
      ['snap-0e2f4a6c8b0d13579', 'createVolumePermission'],
    ]);
    const bundle = await openBundle(result.dir);
    expect(
      bundle.manifest.files
        .filter((f) => f.operation.startsWith('DescribeSnapshot'))
        .map((f) => [f.path, f.parameters])
        .sort(),
    ).toEqual([
      ['aws/111122223333/eu-west-1/ec2/DescribeSnapshots.json', { OwnerIds: 'self' }],
      ['aws/111122223333/us-east-1/ec2/DescribeSnapshotAttribute/snap-0e2f4a6c8b0d13579.json', { SnapshotId: 'snap-0e2f4a6c8b0d13579' }],
      ['aws/111122223333/us-east-1/ec2/DescribeSnapshotAttribute/snap-0f1e2d3c4b5a69788.json', { SnapshotId: 'snap-0f1e2d3c4b5a69788' }],
      ['aws/111122223333/us-east-1/ec2/DescribeSnapshots.json', { OwnerIds: 'self' }],
    ]);
    const snapshots = await ebsSnapshots.load(bundle, east);
    if (!snapshots.ok) throw new Error(snapshots.reason);
    expect(snapshots.value.map((s) => [s.arn, s.restorers.ok && s.restorers.value])).toEqual([
      ['arn:aws:ec2:us-east-1::snapshot/snap-0f1e2d3c4b5a69788', { public: false, accounts: ['444455556666'], unreadable: [] }],
      ['arn:aws:ec2:us-east-1::snapshot/snap-0e2f4a6c8b0d13579', { public: true, accounts: [], unreadable: [] }],
    ]);
    expect(await statuses(bundle, snapshotNotPublic, {})).toEqual([
      'PASS arn:aws:ec2:us-east-1::snapshot/snap-0f1e2d3c4b5a69788',
      'FAIL arn:aws:ec2:us-east-1::snapshot/snap-0e2f4a6c8b0d13579',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('lists subnets in pages of 1000 and decides the subnet and internet-gateway route checks on them', async () => {
    fake.on('ec2', 'DescribeSubnets', (r) => xml(`ec2/DescribeSubnets.${r.region}.xml`));
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(fake.calls('ec2', 'DescribeSubnets').map((r) => r.params.MaxResults)).toEqual(['1000', '1000']);
    const bundle = await openBundle(result.dir);
    const listed = await subnets.load(bundle, east);
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.value.map((n) => [n.id, n.name, n.mapPublicIpOnLaunch, n.assignIpv6AddressOnCreation])).toEqual([
      ['subnet-0c1d2e3f4a5b6c7d8', 'acme-public-a', true, false],
      ['subnet-0d2e3f4a5b6c7d8e9', 'acme-private-b', false, false],
      ['subnet-0e3f4a5b6c7d8e9f0', 'acme-data-a', false, false],
      ['subnet-0f4a5b6c7d8e9f0a1', 'acme-data-b', false, false],
    ]);
    expect(await statuses(bundle, subnetNoAutoPublicIp, {})).toEqual([
      'FAIL subnet/subnet-0c1d2e3f4a5b6c7d8',
      'PASS subnet/subnet-0d2e3f4a5b6c7d8e9',
      'PASS subnet/subnet-0e3f4a5b6c7d8e9f0',
      'PASS subnet/subnet-0f4a5b6c7d8e9f0a1',
      'FAIL subnet/subnet-0a6b7c8d9e0f1a2b3',
      'FAIL subnet/subnet-0b7c8d9e0f1a2b3c4',
      'FAIL subnet/subnet-0c8d9e0f1a2b3c4d5',
    ]);
    // Both regions' main route tables send 0.0.0.0/0 to an internet gateway; only us-east-1's is allowed here.
    expect(await statuses(bundle, noOpenIgwRoute, { allowedRouteTableIds: ['rtb-0d2c3b4a5f6e7d8c9'] })).toEqual([
      'PASS route-table/rtb-0d2c3b4a5f6e7d8c9',
      'FAIL route-table/rtb-0e7f8a9b0c1d2e3f4',
    ]);
  });

  it("judges the sample's security groups (us-east-1 in two pages; eu-west-1 denied)", async () => {
    const bundle = await openBundle((await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] })).dir);
    // legacy-rdp admits ::/0 to 3389; all-traffic-test admits 0.0.0.0/0 to everything; bastion-ssh opens 22 only.
    expect(await statuses(bundle, commonPortsRestricted, { blockedPorts: [20, 21, 3389, 3306, 4333] })).toEqual([
      'PASS security-group/sg-0d1e2f3a4b5c6d7e8',
      'PASS security-group/sg-0a7b3c9d1e5f24680',
      'PASS security-group/sg-0b8c4d0e2f6a13579',
      'FAIL security-group/sg-0c9d5e1f3a7b24681',
      'FAIL security-group/sg-0e1f7a3b5c9d02468',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    // The default group admits only itself: out of scope. web-alb opens 443 only.
    expect(await statuses(bundle, openPortsAuthorized, { authorizedTcpPorts: ['443'], authorizedUdpPorts: [] })).toEqual([
      'FAIL security-group/sg-0a7b3c9d1e5f24680',
      'PASS security-group/sg-0b8c4d0e2f6a13579',
      'FAIL security-group/sg-0c9d5e1f3a7b24681',
      'FAIL security-group/sg-0e1f7a3b5c9d02468',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
  });

  it('asks DescribeVpnConnections once per region and fails the connection with a tunnel down', async () => {
    fake.on('ec2', 'DescribeVpnConnections', (r) =>
      xml(`ec2/DescribeVpnConnections.${r.region === 'us-east-1' ? 'us-east-1' : 'empty'}.xml`),
    );
    const bundle = await openBundle((await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] })).dir);
    expect(fake.calls('ec2', 'DescribeVpnConnections')).toHaveLength(2);
    const connections = await vpnConnections.load(bundle, east);
    if (!connections.ok) throw new Error(connections.reason);
    expect(connections.value.map((c) => [c.id, c.state, c.name, c.tunnels.map((t) => `${t.outsideIp ?? ''} ${t.status ?? ''}`)])).toEqual([
      ['vpn-0f3e5a7c9b1d24680', 'available', 'acme-office-dublin', ['3.210.17.4 UP', '52.4.201.9 DOWN']],
    ]);
    expect(await statuses(bundle, vpnTunnelsUp, {})).toEqual(['FAIL vpn-connection/vpn-0f3e5a7c9b1d24680', 'PASS 111122223333/eu-west-1']);
  });

  it('records a denied DescribeVolumes, and the volume checks of that region are not evaluated', async () => {
    serveVolumes(fake);
    fake.on('ec2', 'DescribeVolumes', (r) =>
      r.region === 'eu-west-1' ? ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.') : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(result.manifest.errors.filter((e) => e.operation === 'DescribeVolumes')).toMatchObject([
      { region: 'eu-west-1', code: 'UnauthorizedOperation' },
    ]);
    const bundle = await openBundle(result.dir);
    expect(await statuses(bundle, attachedVolumeEncrypted, { kmsKeyIds: [] })).toContain('NOT_EVALUATED 111122223333/eu-west-1');
  });
});
