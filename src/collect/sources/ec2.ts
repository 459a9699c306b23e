import { defineSource } from './source.js';

// With MaxResults EC2 answers from its larger throttling bucket, and 1000 is the most a page holds.
const PAGE_SIZE = 1000;

/**
 * Per region: EBS encryption by default and its default KMS key, every security group (default
 * groups included), every EBS volume (encryption, attachments), and the account's own EBS
 * snapshots with each one's createVolumePermission (who may restore it).
 */
export default defineSource({
  id: 'ec2',
  scope: 'region',
  services: ['ec2'],
  async collect(ctx) {
    const {
      DescribeSnapshotAttributeCommand,
      GetEbsDefaultKmsKeyIdCommand,
      GetEbsEncryptionByDefaultCommand,
      paginateDescribeSecurityGroups,
      paginateDescribeSnapshots,
      paginateDescribeVolumes,
    } = await import('../../shared/aws-sdk/client-ec2.js');
    await ctx.call({ service: 'ec2', operation: 'GetEbsEncryptionByDefault' }, (client, options) =>
      client.send(new GetEbsEncryptionByDefaultCommand({}), options),
    );
    await ctx.call({ service: 'ec2', operation: 'GetEbsDefaultKmsKeyId' }, (client, options) =>
      client.send(new GetEbsDefaultKmsKeyIdCommand({}), options),
    );
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeSecurityGroups' },
      (client, startingToken, options) => paginateDescribeSecurityGroups({ client, startingToken }, { MaxResults: PAGE_SIZE }, options),
      (page) => page.NextToken,
    );
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeVolumes' },
      // 500 is the most DescribeVolumes returns a page.
      (client, startingToken, options) => paginateDescribeVolumes({ client, startingToken }, { MaxResults: 500 }, options),
      (page) => page.NextToken,
    );
    const snapshots = await ctx.pages(
      { service: 'ec2', operation: 'DescribeSnapshots', parameters: { OwnerIds: 'self' } },
      (client, startingToken, options) =>
        paginateDescribeSnapshots({ client, startingToken }, { OwnerIds: ['self'], MaxResults: PAGE_SIZE }, options),
      (page) => page.NextToken,
    );
    const ids = (snapshots ?? []).flatMap((page) => page.Snapshots ?? []).flatMap((s) => (s.SnapshotId ? [s.SnapshotId] : []));
    await ctx.each(ids, async (snapshotId) => {
      // Attribute is always createVolumePermission: the snapshot id alone identifies the call.
      await ctx.call(
        { service: 'ec2', operation: 'DescribeSnapshotAttribute', parameters: { SnapshotId: snapshotId }, key: snapshotId },
        (client, options) =>
          client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }), options),
      );
    });
  },
});
