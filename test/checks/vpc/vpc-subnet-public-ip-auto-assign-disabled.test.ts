import check from '../../../src/checks/vpc/vpc-subnet-public-ip-auto-assign-disabled.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

/** A subnet as DescribeSubnets lists it: private (no automatic public addresses) unless told otherwise. */
const subnet = (id: string, fields: Record<string, unknown> = {}) => ({
  AvailabilityZone: 'us-east-1a',
  AvailabilityZoneId: 'use1-az1',
  AvailableIpAddressCount: 4089,
  CidrBlock: '10.20.1.0/20',
  DefaultForAz: false,
  MapPublicIpOnLaunch: false,
  MapCustomerOwnedIpOnLaunch: false,
  State: 'available',
  SubnetId: id,
  VpcId: 'vpc-0a3f5c9e1d2b47e86',
  OwnerId: '111122223333',
  AssignIpv6AddressOnCreation: false,
  Ipv6CidrBlockAssociationSet: [],
  Tags: [{ Key: 'Name', Value: `app-${id.slice(-4)}` }],
  SubnetArn: `arn:aws:ec2:us-east-1:111122223333:subnet/${id}`,
  EnableDns64: false,
  Ipv6Native: false,
  PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
  ...fields,
});
const file = (region: string, list: object[]): TestFile => ({
  region,
  service: 'ec2',
  operation: 'DescribeSubnets',
  body: { Subnets: list },
});
const subnets = (...list: object[]) => ({ files: [file('us-east-1', list), file('eu-west-1', [])] });

// AWS Config SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED: no subnet auto-assigns public IPv4 or IPv6 addresses.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'private subnet',
      evidence: subnets(subnet('subnet-0aaa')),
      reason: /subnet subnet-0aaa \(app-0aaa\) has MapPublicIpOnLaunch and AssignIpv6AddressOnCreation false/,
    },
    { name: 'subnet without SubnetArn: the ARN is derived', evidence: subnets(subnet('subnet-0aaa', { SubnetArn: undefined })) },
    { name: 'no subnets', evidence: subnets() },
  ],
  fail: [
    {
      name: 'default subnet handing out public IPv4 addresses beside a private one',
      evidence: subnets(subnet('subnet-0aaa'), subnet('subnet-0bbb', { DefaultForAz: true, MapPublicIpOnLaunch: true })),
      reason: /subnet subnet-0bbb \(app-0bbb\) has MapPublicIpOnLaunch true \(public IPv4\) \(required: false\)/,
    },
    {
      name: 'subnet assigning IPv6 addresses',
      evidence: subnets(subnet('subnet-0ccc', { AssignIpv6AddressOnCreation: true })),
      reason: /AssignIpv6AddressOnCreation true \(IPv6\)/,
    },
    {
      name: 'public IPv4 on, IPv6 flag missing',
      evidence: subnets(subnet('subnet-0ddd', { MapPublicIpOnLaunch: true, AssignIpv6AddressOnCreation: undefined })),
      reason: /MapPublicIpOnLaunch true/,
    },
  ],
  notEvaluated: [
    {
      name: 'MapPublicIpOnLaunch missing',
      evidence: subnets(subnet('subnet-0aaa', { MapPublicIpOnLaunch: undefined })),
      reason: /DescribeSubnets shows no MapPublicIpOnLaunch/,
    },
    {
      name: 'MapPublicIpOnLaunch given as "true"',
      evidence: subnets(subnet('subnet-0aaa', { MapPublicIpOnLaunch: 'true' })),
      reason: /shows no MapPublicIpOnLaunch/,
    },
    {
      name: 'subnet without SubnetId beside a private one',
      evidence: subnets(subnet('subnet-0aaa'), subnet('subnet-0bbb', { SubnetId: undefined, MapPublicIpOnLaunch: true })),
      reason: /lacks SubnetId/,
    },
    {
      name: 'DescribeSubnets denied in eu-west-1',
      evidence: { files: [file('us-east-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeSubnets', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /DescribeSubnets.*eu-west-1.*UnauthorizedOperation/,
    },
  ],
});
