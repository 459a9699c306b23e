import { GetEbsDefaultKmsKeyIdCommand, GetEbsEncryptionByDefaultCommand, paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { defineSource } from './source.js';

// With MaxResults EC2 answers from its larger throttling bucket, and 1000 is the most a page holds.
const PAGE_SIZE = 1000;

/** Per region: EBS encryption by default and its default KMS key, and every security group (default groups included). */
export default defineSource({
  id: 'ec2',
  scope: 'region',
  services: ['ec2'],
  async collect(ctx) {
    await ctx.call({ service: 'ec2', operation: 'GetEbsEncryptionByDefault' }, (client, options) => client.send(new GetEbsEncryptionByDefaultCommand({}), options));
    await ctx.call({ service: 'ec2', operation: 'GetEbsDefaultKmsKeyId' }, (client, options) => client.send(new GetEbsDefaultKmsKeyIdCommand({}), options));
    await ctx.pages(
      { service: 'ec2', operation: 'DescribeSecurityGroups' },
      (client, startingToken, options) => paginateDescribeSecurityGroups({ client, startingToken }, { MaxResults: PAGE_SIZE }, options),
      (page) => page.NextToken,
    );
  },
});
