import { TEST_ACCOUNT, type TestFile } from './bundle-builder.js';

/** Builders of EC2 / VPC evidence with the odd shapes real and independent APIs return: omitted optional fields, numbers as strings. */

export const APP_VPC = 'vpc-0a3f5c9e1d2b47e86';

/** A copy of `record` without the named fields (as an API that leaves optional fields out would return it). */
export function without<T extends object>(record: T, ...fields: string[]): T {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of fields) delete copy[field];
  return copy as T;
}

/**
 * A security-group rule as DescribeSecurityGroups returns it. `ports` is [FromPort, ToPort], or
 * `undefined` to leave both out (as AWS does for protocol -1); sources with ":" are IPv6.
 */
export function rule(protocol: string | undefined, ports: [unknown, unknown] | undefined, ...cidrs: string[]): Record<string, unknown> {
  return {
    ...(protocol === undefined ? {} : { IpProtocol: protocol }),
    ...(ports ? { FromPort: ports[0], ToPort: ports[1] } : {}),
    UserIdGroupPairs: [],
    IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: [],
  };
}

/** A rule whose source is another security group. */
export function groupRule(protocol: string, ports: [number, number] | undefined, groupId: string): Record<string, unknown> {
  return { ...rule(protocol, ports), UserIdGroupPairs: [{ UserId: TEST_ACCOUNT, GroupId: groupId }] };
}

/** A rule whose source is a managed prefix list. */
export function prefixListRule(protocol: string, ports: [number, number] | undefined, prefixListId: string): Record<string, unknown> {
  return { ...rule(protocol, ports), PrefixListIds: [{ PrefixListId: prefixListId }] };
}

/** A security group in us-east-1 with these inbound rules and no outbound rules unless given. */
export function group(id: string, name: string, inbound: object[], fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    GroupId: id,
    GroupName: name,
    Description: name,
    OwnerId: TEST_ACCOUNT,
    VpcId: APP_VPC,
    SecurityGroupArn: `arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:security-group/${id}`,
    IpPermissions: inbound,
    IpPermissionsEgress: [],
    ...fields,
  };
}

/** `ec2:DescribeSecurityGroups` of a region, records as given. */
export function securityGroupsFile(region: string, groups: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeSecurityGroups', body: { SecurityGroups: groups } };
}

/** A network ACL entry with any field left out or oddly typed. */
export function entry(fields: Record<string, unknown>): Record<string, unknown> {
  return { Egress: false, ...fields };
}

/** `ec2:DescribeNetworkAcls` of a region, records as given. */
export function networkAclsFile(region: string, acls: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeNetworkAcls', body: { NetworkAcls: acls } };
}

/** A route table with the given routes. */
export function routeTable(id: string | undefined, routes: object[], vpcId = APP_VPC): Record<string, unknown> {
  return {
    ...(id === undefined ? {} : { RouteTableId: id }),
    VpcId: vpcId,
    OwnerId: TEST_ACCOUNT,
    Associations: [],
    Routes: routes,
    Tags: [],
    PropagatingVgws: [],
  };
}

/** `ec2:DescribeRouteTables` of a region. */
export function routeTablesFile(region: string, tables: object[]): TestFile {
  return { region, service: 'ec2', operation: 'DescribeRouteTables', body: { RouteTables: tables } };
}
