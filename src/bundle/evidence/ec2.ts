import type {
  DescribeFlowLogsResult,
  DescribeInstancesResult,
  DescribeNetworkAclsResult,
  DescribeRouteTablesResult,
  DescribeSecurityGroupsResult,
  DescribeVpcsResult,
  GetEbsEncryptionByDefaultResult,
  InstanceMetadataOptionsResponse,
  NetworkAcl,
  Route,
  SecurityGroup,
  Tag,
} from '@aws-sdk/client-ec2';
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

/** An EC2 instance, reduced to what checks read. */
export interface Ec2Instance {
  id: string;
  arn: string;
  /** pending, running, shutting-down, terminated, stopping, stopped. */
  state: string;
  /** The `Name` tag, if any (set by the account owner: untrusted text). */
  name: string | undefined;
  /** The instance profile's ARN; `undefined` when none is associated. */
  instanceProfileArn: string | undefined;
  metadataOptions: InstanceMetadataOptionsResponse | undefined;
}

/** `ec2:DescribeInstances` of one region (no filters, every page). */
export const ec2Instances = defineEvidence<Ec2Instance[]>({
  name: 'EC2 instances',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeInstances' };
    return mapEvidence(await loadPages<DescribeInstancesResult>(bundle, key), (pages) =>
      pages
        .flatMap((page) => page.Reservations ?? [])
        .flatMap((reservation) =>
          (reservation.Instances ?? []).map((i) => {
            if (!i.InstanceId) throw new Error(`DescribeInstances in ${account}/${region}: an instance lacks InstanceId`);
            return {
              id: i.InstanceId,
              arn: `arn:aws:ec2:${region}:${reservation.OwnerId ?? account}:instance/${i.InstanceId}`,
              state: i.State?.Name ?? 'unknown',
              name: nameTag(i.Tags),
              instanceProfileArn: i.IamInstanceProfile?.Arn,
              metadataOptions: i.MetadataOptions,
            };
          }),
        ),
    );
  },
});

/** A VPC, reduced to what checks read. */
export interface Ec2Vpc {
  id: string;
  arn: string;
  isDefault: boolean;
  cidrBlock: string | undefined;
  name: string | undefined;
}

/** `ec2:DescribeVpcs` of one region (every page). */
export const vpcs = defineEvidence<Ec2Vpc[]>({
  name: 'VPCs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeVpcs' };
    return mapEvidence(await loadPages<DescribeVpcsResult>(bundle, key), (pages) =>
      pages.flatMap((page) => page.Vpcs ?? []).map((v) => {
        if (!v.VpcId) throw new Error(`DescribeVpcs in ${account}/${region}: a VPC lacks VpcId`);
        return {
          id: v.VpcId,
          arn: `arn:aws:ec2:${region}:${v.OwnerId ?? account}:vpc/${v.VpcId}`,
          isDefault: v.IsDefault === true,
          cidrBlock: v.CidrBlock,
          name: nameTag(v.Tags),
        };
      }),
    );
  },
});

/** A VPC flow log, reduced to what checks read. */
export interface FlowLog {
  id: string;
  /** The VPC, subnet, network interface or transit gateway it watches. */
  resourceId: string;
  /** ACTIVE is the only status AWS documents. */
  status: string | undefined;
  /** ACCEPT, REJECT or ALL. */
  trafficType: string | undefined;
  destinationType: string | undefined;
  /** SUCCESS or FAILED; absent for some destinations. */
  deliverLogsStatus: string | undefined;
}

/** `ec2:DescribeFlowLogs` of one region (no filters, every page). */
export const flowLogs = defineEvidence<FlowLog[]>({
  name: 'VPC flow logs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeFlowLogs' };
    return mapEvidence(await loadPages<DescribeFlowLogsResult>(bundle, key), (pages) =>
      pages.flatMap((page) => page.FlowLogs ?? []).map((f) => {
        if (!f.FlowLogId || !f.ResourceId) throw new Error(`DescribeFlowLogs in ${account}/${region}: a flow log lacks FlowLogId or ResourceId`);
        return {
          id: f.FlowLogId,
          resourceId: f.ResourceId,
          status: f.FlowLogStatus,
          trafficType: f.TrafficType,
          destinationType: f.LogDestinationType,
          deliverLogsStatus: f.DeliverLogsStatus,
        };
      }),
    );
  },
});

/** `ec2:DescribeNetworkAcls` of one region (every page). */
export const networkAcls = defineEvidence<NetworkAcl[]>({
  name: 'VPC network ACLs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeNetworkAcls' };
    return mapEvidence(await loadPages<DescribeNetworkAclsResult>(bundle, key), (pages) => pages.flatMap((page) => page.NetworkAcls ?? []));
  },
});

/** A VPC route table, reduced to what checks read. */
export interface RouteTable {
  id: string;
  arn: string;
  vpcId: string | undefined;
  /** The VPC's main route table (used by every subnet not associated with another). */
  main: boolean;
  /** The `Name` tag, if any (set by the account owner: untrusted text). */
  name: string | undefined;
  routes: Route[];
}

/** `ec2:DescribeRouteTables` of one region (no filters, every page). */
export const routeTables = defineEvidence<RouteTable[]>({
  name: 'VPC route tables',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'ec2', operation: 'DescribeRouteTables' };
    return mapEvidence(await loadPages<DescribeRouteTablesResult>(bundle, key), (pages) =>
      pages.flatMap((page) => page.RouteTables ?? []).map((t) => {
        if (!t.RouteTableId) throw new Error(`DescribeRouteTables in ${account}/${region}: a route table lacks RouteTableId`);
        return {
          id: t.RouteTableId,
          arn: `arn:aws:ec2:${region}:${t.OwnerId ?? account}:route-table/${t.RouteTableId}`,
          vpcId: t.VpcId,
          main: (t.Associations ?? []).some((a) => a.Main === true),
          name: nameTag(t.Tags),
          routes: t.Routes ?? [],
        };
      }),
    );
  },
});

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value;
}
