import type { AutoScalingGroup, AutoScalingGroupsType, LaunchConfiguration, LaunchConfigurationsType } from '@aws-sdk/client-auto-scaling';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { afterCollection, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** An EC2 Auto Scaling group, as DescribeAutoScalingGroups lists it. */
export interface AutoScalingGroupInfo {
  name: string;
  arn: string;
  /** The health check types (`EC2`, `ELB`, `EBS`, `VPC_LATTICE`), from the comma-separated HealthCheckType; `undefined`: not stated. */
  healthCheckTypes: string[] | undefined;
  /** Classic load balancer names, target group ARNs and ELB traffic sources attached to the group. */
  loadBalancers: string[];
}

/**
 * `autoscaling:DescribeAutoScalingGroups` of one region (every page), typed per group: a group
 * without AutoScalingGroupName, with a load balancer list that is not a list of strings, or created
 * after collection ended, is set aside as unusable.
 */
export const autoScalingGroups = defineEvidence<AutoScalingGroupInfo[]>({
  name: 'Auto Scaling groups',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'autoscaling', operation: 'DescribeAutoScalingGroups' };
    const where = `DescribeAutoScalingGroups of ${account}/${region}`;
    return mapRecords(
      await loadPages<AutoScalingGroupsType>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'AutoScalingGroups')),
      where,
      (group: Wire<AutoScalingGroup>, index) => {
        const name = text(group.AutoScalingGroupName);
        if (!name) throw new UnusableRecordError(`${where}, group ${index + 1}`, 'lacks AutoScalingGroupName');
        const arn =
          text(group.AutoScalingGroupARN) ?? `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/${name}`;
        const late = afterCollection(group.CreatedTime, 'CreatedTime', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        const strings = (field: 'LoadBalancerNames' | 'TargetGroupARNs'): string[] => {
          const list = listField(group, field) as unknown[];
          if (!list.every((v) => typeof v === 'string')) throw new UnusableRecordError(arn, `${field} holds something other than strings`);
          return list;
        };
        const trafficSources = (listField(group, 'TrafficSources') as unknown[]).flatMap((source) => {
          const { Identifier: id, Type: type } = (source ?? {}) as { Identifier?: unknown; Type?: unknown };
          // VPC Lattice traffic sources are not Elastic Load Balancing.
          return typeof id === 'string' && (type === 'elb' || type === 'elbv2' || type === undefined) ? [id] : [];
        });
        const healthCheck = text(group.HealthCheckType);
        return {
          name,
          arn,
          healthCheckTypes: healthCheck?.split(',').map((t) => t.trim()),
          loadBalancers: [...new Set([...strings('LoadBalancerNames'), ...strings('TargetGroupARNs'), ...trafficSources])],
        };
      },
    );
  },
});

/** An Auto Scaling launch configuration. */
export interface LaunchConfigurationInfo {
  name: string;
  arn: string;
  /** AssociatePublicIpAddress as set; `unset` when the configuration leaves it to the subnet. */
  associatePublicIpAddress: boolean | 'unset';
}

/**
 * `autoscaling:DescribeLaunchConfigurations` of one region (every page), typed per launch
 * configuration: one without LaunchConfigurationName, with an AssociatePublicIpAddress that is not
 * a boolean, or created after collection ended, is set aside as unusable.
 */
export const launchConfigurations = defineEvidence<LaunchConfigurationInfo[]>({
  name: 'Auto Scaling launch configurations',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'autoscaling', operation: 'DescribeLaunchConfigurations' };
    const where = `DescribeLaunchConfigurations of ${account}/${region}`;
    return mapRecords(
      await loadPages<LaunchConfigurationsType>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'LaunchConfigurations')),
      where,
      (lc: Wire<LaunchConfiguration>, index) => {
        const name = text(lc.LaunchConfigurationName);
        if (!name) throw new UnusableRecordError(`${where}, launch configuration ${index + 1}`, 'lacks LaunchConfigurationName');
        const arn =
          text(lc.LaunchConfigurationARN) ??
          `arn:aws:autoscaling:${region}:${account}:launchConfiguration:*:launchConfigurationName/${name}`;
        const late = afterCollection(lc.CreatedTime, 'CreatedTime', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        const value: unknown = lc.AssociatePublicIpAddress;
        if (value !== undefined && value !== null && typeof value !== 'boolean')
          throw new UnusableRecordError(arn, `AssociatePublicIpAddress is ${JSON.stringify(value)}, not a boolean`);
        return { name, arn, associatePublicIpAddress: typeof value === 'boolean' ? value : 'unset' };
      },
    );
  },
});

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
