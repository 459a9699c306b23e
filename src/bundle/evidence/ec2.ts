import type { DescribeSecurityGroupsResult, GetEbsEncryptionByDefaultResult, SecurityGroup } from '@aws-sdk/client-ec2';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapEvidence } from './wire.js';

/** `ec2:GetEbsEncryptionByDefault`: whether new EBS volumes in the region are encrypted by default. */
export const ebsEncryptionByDefault = defineEvidence<boolean>({
  name: 'EBS encryption by default',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'GetEbsEncryptionByDefault' };
    return mapEvidence(await loadPages<GetEbsEncryptionByDefaultResult>(bundle, key), (pages) => pages[0]?.EbsEncryptionByDefault === true);
  },
});

/** `ec2:DescribeSecurityGroups` of one region, every page. */
export const securityGroups = defineEvidence<SecurityGroup[]>({
  name: 'EC2 security groups',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeSecurityGroups' };
    return mapEvidence(await loadPages<DescribeSecurityGroupsResult>(bundle, key), (pages) => pages.flatMap((page) => page.SecurityGroups ?? []));
  },
});
