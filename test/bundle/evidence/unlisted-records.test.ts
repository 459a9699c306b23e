import { describe, expect, it } from 'vitest';
import { accountTrails, trailsByHomeRegion } from '../../../src/bundle/evidence/cloudtrail.js';
import { ec2Instances, vpcs } from '../../../src/bundle/evidence/ec2.js';
import { kmsKeys } from '../../../src/bundle/evidence/kms.js';
import cloudtrailKms from '../../../src/checks/cloudtrail/cloudtrail-kms-encryption-enabled.js';
import cloudtrailValidation from '../../../src/checks/cloudtrail/cloudtrail-log-file-validation-enabled.js';
import defaultGroup from '../../../src/checks/ec2/ec2-default-security-group-restricted.js';
import instanceProfile from '../../../src/checks/ec2/ec2-instance-profile-attached.js';
import keyRotationCheck from '../../../src/checks/kms/kms-key-rotation-enabled.js';
import flowLogsCheck from '../../../src/checks/vpc/vpc-flow-logs-enabled.js';
import * as aws from '../../helpers/aws-builders.js';
import { testBundle, type TestBundleSpec, type TestFile } from '../../helpers/bundle-builder.js';
import { filedGlobally } from '../../helpers/cloudtrail-builders.js';
import { APP_VPC, group, networkAclsFile, routeTable, routeTablesFile, securityGroupsFile } from '../../helpers/ec2-builders.js';
import { findingsFor } from '../../helpers/test-check.js';
import type { Check } from '../../../src/checks/define-check.js';

/**
 * A record removed from an AWS listing (a trail, a KMS key, a VPC, an instance) while the bundle
 * still holds another record that names it: the listing contradicts the bundle, so the named
 * resource becomes an unusable record and every check over the listing is NOT_EVALUATED for it.
 */

const COLLECTED_AT = '2026-09-30T08:04:12.000Z';
const EAST = { account: '111122223333', region: 'us-east-1' };
const WEST = { account: '111122223333', region: 'eu-west-1' };

async function statuses(check: Check, evidence: Omit<TestBundleSpec, 'collectedAt'>): Promise<string[]> {
  const findings = await findingsFor(check, COLLECTED_AT, {}, { name: 'case', evidence });
  return findings.map((f) => `${f.status} ${f.resource}: ${f.reason}`);
}

describe('KMS: a per-key answer for a key that ListKeys does not list', () => {
  const listed = aws.kmsKey('1111aaaa-11aa-41aa-81aa-1111aaaa1111');
  const lost = aws.kmsKey('2222bbbb-22bb-42bb-82bb-2222bbbb2222');
  const files = (...extra: TestFile[]): TestFile[] => [
    aws.listKeys('us-east-1', [listed]),
    aws.describeKey(listed),
    aws.keyRotation(listed, true),
    ...extra,
  ];

  it('makes the lost key an unusable record naming both calls and the listing', async () => {
    const bundle = await testBundle({ files: files(aws.describeKey(lost), aws.keyRotation(lost, false)) });
    const evidence = await kmsKeys.load(bundle, EAST);
    expect(evidence.ok && evidence.value.map((k) => k.keyId)).toEqual([listed.KeyId]);
    expect(evidence.ok && evidence.unusable).toEqual([
      {
        resource: lost.KeyArn,
        reason: `the bundle holds kms:DescribeKey and kms:GetKeyRotationStatus for key ${lost.KeyId}, but ListKeys of 111122223333/us-east-1 does not list it; the listing is incomplete`,
      },
    ]);
  });

  it('counts a failed per-key call as naming the key too', async () => {
    const bundle = await testBundle({
      files: files(),
      errors: [
        { service: 'kms', operation: 'DescribeKey', code: 'AccessDeniedException', region: 'us-east-1', parameters: { KeyId: lost.KeyId } },
      ],
    });
    const evidence = await kmsKeys.load(bundle, EAST);
    expect(evidence.ok && evidence.unusable?.map((u) => u.resource)).toEqual([lost.KeyArn]);
  });

  it('finds nothing unlisted when the per-key calls name listed keys by id or ARN, or another region lists the key', async () => {
    const byArn = { ...aws.describeKey(listed), parameters: { KeyId: listed.KeyArn } };
    const west = aws.kmsKey('3333cccc-33cc-43cc-83cc-3333cccc3333', 'eu-west-1');
    const bundle = await testBundle({
      files: [
        aws.listKeys('us-east-1', [listed]),
        byArn,
        aws.keyRotation(listed, true),
        aws.listKeys('eu-west-1', [west]),
        aws.describeKey(west, {}, 'eu-west-1'),
      ],
    });
    for (const scope of [EAST, WEST]) {
      const evidence = await kmsKeys.load(bundle, scope);
      expect(evidence.ok && (evidence.unusable ?? [])).toEqual([]);
    }
  });

  it('keeps the rotation requirement from passing on the rest of the listing', async () => {
    const found = await statuses(keyRotationCheck, { files: files(aws.describeKey(lost), aws.keyRotation(lost, false)) });
    expect(found).toContainEqual(expect.stringMatching(new RegExp(`^PASS .*${listed.KeyId}`)));
    expect(found).toContainEqual(
      expect.stringMatching(new RegExp(`^NOT_EVALUATED ${lost.KeyArn}: .*ListKeys of 111122223333/us-east-1 does not list it`)),
    );
  });
});

describe('CloudTrail: a status or selectors file for a trail that no DescribeTrails listing shows', () => {
  const kept = aws.trail('kept-trail');
  const lost = aws.trail('lost-trail', { KmsKeyId: undefined, LogFileValidationEnabled: false, IsMultiRegionTrail: false });
  const keptFiles = [
    aws.describeTrails('us-east-1', [kept]),
    aws.describeTrails('eu-west-1', [kept]),
    aws.trailStatus(kept),
    aws.eventSelectors(kept),
  ];

  it('makes the lost trail unusable in its home region and a gap of the account', async () => {
    const bundle = await testBundle({ files: [...keptFiles, aws.trailStatus(lost), aws.eventSelectors(lost)] });
    const home = await trailsByHomeRegion.load(bundle, EAST);
    expect(home.ok && home.value.map((t) => t.Name)).toEqual(['kept-trail']);
    expect(home.ok && home.unusable).toEqual([
      {
        resource: lost.TrailARN,
        reason:
          'the bundle holds cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors for this trail (filed under us-east-1), but DescribeTrails of 111122223333/us-east-1 does not list it; the listing is incomplete',
      },
    ]);
    const other = await trailsByHomeRegion.load(bundle, WEST);
    expect(other.ok && (other.unusable ?? [])).toEqual([]);
    const account = await accountTrails.load(bundle, { account: EAST.account, region: 'global' });
    expect(account.ok && account.value.unreadable.map((r) => r.resource)).toEqual([lost.TrailARN]);
  });

  it('judges a lost trail filed under global (home region outside the bundle) in the first region in scope', async () => {
    const far = aws.trail('far-trail', { HomeRegion: 'ap-southeast-2', KmsKeyId: undefined });
    const bundle = await testBundle({ files: [...keptFiles, filedGlobally(aws.trailStatus(far))] });
    const [first, second] = [await trailsByHomeRegion.load(bundle, WEST), await trailsByHomeRegion.load(bundle, EAST)];
    expect(first.ok && first.unusable?.map((u) => u.reason)).toEqual([
      'the bundle holds cloudtrail:GetTrailStatus for this trail (filed under global), but DescribeTrails of 111122223333/eu-west-1 does not list it; the listing is incomplete',
    ]);
    expect(second.ok && (second.unusable ?? [])).toEqual([]);
  });

  it('finds nothing unlisted when a trail homed outside the bundle is listed as a shadow copy', async () => {
    const far = aws.trail('far-trail', { HomeRegion: 'ap-southeast-2' });
    const bundle = await testBundle({
      files: [
        aws.describeTrails('us-east-1', [kept, far]),
        aws.describeTrails('eu-west-1', [kept, far]),
        aws.trailStatus(kept),
        filedGlobally(aws.trailStatus(far)),
      ],
    });
    for (const scope of [EAST, WEST]) {
      const evidence = await trailsByHomeRegion.load(bundle, scope);
      expect(evidence.ok && (evidence.unusable ?? [])).toEqual([]);
    }
    const account = await accountTrails.load(bundle, { account: EAST.account, region: 'global' });
    expect(account.ok && account.value.unreadable).toEqual([]);
  });

  it('does not call a trail lost when its home region listing is unavailable (that region is reported instead)', async () => {
    const bundle = await testBundle({
      files: [aws.describeTrails('eu-west-1', [kept]), aws.trailStatus(lost)],
      errors: [
        {
          service: 'cloudtrail',
          operation: 'DescribeTrails',
          code: 'AccessDeniedException',
          region: 'us-east-1',
          parameters: { includeShadowTrails: true },
        },
      ],
    });
    const account = await accountTrails.load(bundle, { account: EAST.account, region: 'global' });
    expect(account.ok && account.value.unreadable).toEqual([]);
    expect(account.ok && account.value.unavailableRegions.map((r) => r.region)).toEqual(['us-east-1']);
  });

  it('keeps the every-trail requirements from passing on the remaining trail', async () => {
    for (const check of [cloudtrailKms, cloudtrailValidation]) {
      const found = await statuses(check, { files: [...keptFiles, aws.trailStatus(lost), aws.eventSelectors(lost)] });
      expect(found, check.id).toContainEqual(expect.stringMatching(/^PASS .*kept-trail/));
      expect(found, check.id).toContainEqual(expect.stringMatching(new RegExp(`^NOT_EVALUATED ${lost.TrailARN}: .*does not list it`)));
      expect(
        found.filter((f) => f.startsWith('FAIL')),
        check.id,
      ).toEqual([]);
    }
  });
});

describe('VPCs: a VPC named by another record of the region that DescribeVpcs does not list', () => {
  const LOST = 'vpc-0d4e5f6a7b8c9d0e1';
  const listedVpc = (region = 'us-east-1'): TestFile => aws.describeVpcs(region, [aws.vpc(APP_VPC)]);
  const referrers: [string, TestFile, RegExp][] = [
    [
      'a security group',
      securityGroupsFile('us-east-1', [group('sg-0aaa', 'default', [], { VpcId: LOST })]),
      /DescribeSecurityGroups \(sg-0aaa\) names/,
    ],
    [
      'a network ACL',
      networkAclsFile('us-east-1', [{ ...aws.networkAcl('acl-0aaa', []), VpcId: LOST }]),
      /DescribeNetworkAcls \(acl-0aaa\) names/,
    ],
    ['a route table', routeTablesFile('us-east-1', [routeTable('rtb-0aaa', [], LOST)]), /DescribeRouteTables \(rtb-0aaa\) names/],
    ['a flow log on the VPC', aws.describeFlowLogs('us-east-1', [aws.flowLog('fl-0aaa', LOST)]), /DescribeFlowLogs \(fl-0aaa\) names/],
    ['an instance', aws.describeInstances('us-east-1', [aws.instance('i-0aaa', { VpcId: LOST })]), /DescribeInstances \(i-0aaa\) names/],
  ];

  for (const [what, file, reason] of referrers) {
    it(`is an unusable record when ${what} names it`, async () => {
      const bundle = await testBundle({ files: [listedVpc(), file] });
      const evidence = await vpcs.load(bundle, EAST);
      expect(evidence.ok && evidence.value.map((v) => v.id)).toEqual([APP_VPC]);
      expect(evidence.ok && evidence.unusable).toEqual([
        { resource: `arn:aws:ec2:us-east-1:111122223333:vpc/${LOST}`, reason: expect.stringMatching(reason) as string },
      ]);
      expect(evidence.ok && evidence.unusable?.[0]?.reason).toMatch(
        `VPC ${LOST}, but DescribeVpcs of 111122223333/us-east-1 does not list it`,
      );
    });
  }

  it('ignores flow logs on subnets and interfaces, terminated instances, records of other regions, and references to listed VPCs', async () => {
    const bundle = await testBundle({
      files: [
        listedVpc(),
        listedVpc('eu-west-1'),
        aws.describeFlowLogs('us-east-1', [
          aws.flowLog('fl-0sub', 'subnet-0b1c2d3e4f5a6b7c8'),
          aws.flowLog('fl-0eni', 'eni-0b1c2d3e4f5a6b7c8'),
          aws.flowLog('fl-0vpc', APP_VPC),
        ]),
        securityGroupsFile('eu-west-1', [group('sg-0bbb', 'default', [], { VpcId: LOST })]),
        aws.describeInstances('us-east-1', [
          aws.instance('i-0aaa'),
          aws.instance('i-0old', { VpcId: LOST, State: { Code: 48, Name: 'terminated' } }),
        ]),
      ],
    });
    const east = await vpcs.load(bundle, EAST);
    expect(east.ok && (east.unusable ?? [])).toEqual([]);
    const west = await vpcs.load(bundle, WEST);
    expect(west.ok && west.unusable?.map((u) => u.resource)).toEqual([`arn:aws:ec2:eu-west-1:111122223333:vpc/${LOST}`]);
  });

  it('keeps the per-VPC requirements from passing on the remaining VPCs', async () => {
    const evidence = {
      regions: ['us-east-1'],
      files: [
        listedVpc(),
        aws.describeFlowLogs('us-east-1', [aws.flowLog('fl-0app', APP_VPC)]),
        securityGroupsFile('us-east-1', [
          group('sg-0app', 'default', [], { VpcId: APP_VPC }),
          group('sg-0lost', 'default', [], { VpcId: LOST }),
        ]),
      ],
    };
    for (const check of [flowLogsCheck, defaultGroup]) {
      const found = await statuses(check, evidence);
      expect(found, check.id).toContainEqual(
        expect.stringMatching(new RegExp(`^NOT_EVALUATED arn:aws:ec2:us-east-1:111122223333:vpc/${LOST}: `)),
      );
      expect(
        found.filter((f) => f.startsWith('FAIL')),
        check.id,
      ).toEqual([]);
    }
  });
});

describe('Instances: an active route to an instance that DescribeInstances does not list', () => {
  const route = (instanceId: string, state: string): object => ({
    DestinationCidrBlock: '0.0.0.0/0',
    InstanceId: instanceId,
    InstanceOwnerId: '111122223333',
    Origin: 'CreateRoute',
    State: state,
  });

  it('is an unusable record; a blackhole route (instance stopped or gone) is not', async () => {
    const bundle = await testBundle({
      files: [
        aws.describeInstances('us-east-1', [aws.instance('i-0aaa')]),
        routeTablesFile('us-east-1', [
          routeTable('rtb-0aaa', [route('i-0aaa', 'active'), route('i-0lost', 'active'), route('i-0gone', 'blackhole')]),
        ]),
      ],
    });
    const evidence = await ec2Instances.load(bundle, EAST);
    expect(evidence.ok && evidence.value.map((i) => i.id)).toEqual(['i-0aaa']);
    expect(evidence.ok && evidence.unusable).toEqual([
      {
        resource: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0lost',
        reason:
          'an active route of rtb-0aaa leads to instance i-0lost, but DescribeInstances of 111122223333/us-east-1 does not list it; the listing is incomplete',
      },
    ]);
    const found = await statuses(instanceProfile, {
      regions: ['us-east-1'],
      files: [
        aws.describeInstances('us-east-1', [aws.instance('i-0aaa')]),
        routeTablesFile('us-east-1', [routeTable('rtb-0aaa', [route('i-0lost', 'active')])]),
      ],
    });
    expect(found).toContainEqual(expect.stringMatching(/^NOT_EVALUATED arn:aws:ec2:us-east-1:111122223333:instance\/i-0lost: /));
  });
});
