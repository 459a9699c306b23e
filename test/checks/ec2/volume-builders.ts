import { describeInstances, instance } from '../../helpers/aws-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import type { CheckCase } from '../../helpers/test-check.js';

/** A KMS key of the test account in us-east-1 (id and ARN). */
export const APP_KEY = '7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97';
export const APP_KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${APP_KEY}`;

/** An attachment as DescribeVolumes lists it. */
export function attachment(volumeId: string, instanceId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AttachTime: '2026-09-02T07:41:18.000Z',
    Device: '/dev/xvda',
    InstanceId: instanceId,
    State: 'attached',
    VolumeId: volumeId,
    DeleteOnTermination: true,
    ...fields,
  };
}

/** A gp3 volume encrypted with APP_KEY, attached to `instanceId` unless it is null (then available). */
export function volume(id: string, instanceId: string | null, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Attachments: instanceId === null ? [] : [attachment(id, instanceId)],
    AvailabilityZone: 'us-east-1a',
    CreateTime: '2026-09-02T07:41:12.000Z',
    Encrypted: true,
    KmsKeyId: APP_KEY_ARN,
    Size: 8,
    SnapshotId: 'snap-0f1e2d3c4b5a69788',
    State: instanceId === null ? 'available' : 'in-use',
    VolumeId: id,
    Iops: 3000,
    VolumeType: 'gp3',
    MultiAttachEnabled: false,
    Throughput: 125,
    ...fields,
  };
}

/** `ec2:DescribeVolumes` of a region. */
export function describeVolumes(region: string, volumes: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeVolumes', body: { Volumes: volumes } };
}

/** DescribeVolumes evidence: these volumes in us-east-1, none in eu-west-1. */
export const vols = (...list: object[]): NonNullable<CheckCase['evidence']> => ({
  files: [describeVolumes('us-east-1', list), describeVolumes('eu-west-1', [])],
});

/** Records every volume check must set aside as unusable, whatever it reads: NOT_EVALUATED cases. */
export const unusableVolumeCases: CheckCase[] = [
  {
    name: 'volume without VolumeId beside a compliant one',
    evidence: vols(volume('vol-0aaa', 'i-0aaa'), { ...volume('vol-0bbb', 'i-0bbb'), VolumeId: undefined }),
    reason: /EBS volumes: a record could not be read \(lacks VolumeId\)/,
  },
  {
    name: 'volume whose Attachments is an object, not a list',
    evidence: vols({ ...volume('vol-0ccc', 'i-0ccc'), Attachments: { InstanceId: 'i-0ccc' } }),
    reason: /a record could not be read \(Attachments is an object, not a list\)/,
  },
  {
    name: 'volume named by a running instance but missing from the listing',
    evidence: {
      files: [
        describeVolumes('us-east-1', [volume('vol-0aaa', 'i-0aaa')]),
        describeVolumes('eu-west-1', []),
        describeInstances('us-east-1', [
          instance('i-0ddd', { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-0ddd', Status: 'attached' } }] }),
        ]),
      ],
    },
    reason:
      /block device mapping of instance i-0ddd names volume vol-0ddd, but DescribeVolumes of 111122223333\/us-east-1 does not list it/,
  },
  {
    name: 'DescribeVolumes denied in eu-west-1',
    evidence: { files: [describeVolumes('us-east-1', [volume('vol-0aaa', 'i-0aaa')])] },
    collectionError: { service: 'ec2', operation: 'DescribeVolumes', code: 'UnauthorizedOperation', region: 'eu-west-1' },
    reason: /ec2:DescribeVolumes in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
  },
];
