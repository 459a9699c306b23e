import type { ConfigurationRecorder, ResourceType } from '@aws-sdk/client-config-service';
import { configFiles, recorder, recorderStatus } from './aws-builders.js';
import type { TestFile } from './bundle-builder.js';

/** Builders for AWS Config and region evidence beyond aws-builders.ts, shaped as SDK v3 returns them. */

/** `config:DescribeDeliveryChannels` of a region; the default is one channel delivering to an S3 bucket. */
export function deliveryChannels(region: string, channels: object[] = [deliveryChannel()]): TestFile {
  return { region, service: 'config', operation: 'DescribeDeliveryChannels', body: { DeliveryChannels: channels } };
}

/** A delivery channel as DescribeDeliveryChannels lists it. */
export function deliveryChannel(name = 'default', fields: Record<string, unknown> = {}): object {
  return {
    name,
    s3BucketName: 'acme-config-111122223333',
    configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    ...fields,
  };
}

/** `ec2:DescribeRegions` (account-wide) listing these regions as enabled. */
export function describeRegions(regions: string[]): TestFile {
  return {
    region: 'global',
    service: 'ec2',
    operation: 'DescribeRegions',
    body: { Regions: regions.map((r) => ({ Endpoint: `ec2.${r}.amazonaws.com`, RegionName: r, OptInStatus: 'opt-in-not-required' })) },
  };
}

/** A recording group limited to these resource types (INCLUSION_BY_RESOURCE_TYPES), as AWS returns it. */
export function inclusionGroup(...types: string[]): ConfigurationRecorder['recordingGroup'] {
  return {
    allSupported: false,
    includeGlobalResourceTypes: false,
    resourceTypes: types as ResourceType[],
    exclusionByResourceTypes: { resourceTypes: [] },
    recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
  };
}

/** A recording group recording all types but these (EXCLUSION_BY_RESOURCE_TYPES), as AWS returns it. */
export function exclusionGroup(...types: string[]): ConfigurationRecorder['recordingGroup'] {
  return {
    allSupported: false,
    includeGlobalResourceTypes: false,
    resourceTypes: [],
    exclusionByResourceTypes: { resourceTypes: types as ResourceType[] },
    recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
  };
}

/** A region where Config is fully set up: an all-types recorder (global types as given), recording with SUCCESS, a delivery channel. */
export function configuredRegion(
  region: string,
  options: { global?: boolean; recorder?: Partial<ConfigurationRecorder>; status?: Record<string, unknown> } = {},
): TestFile[] {
  const group = { allSupported: true, includeGlobalResourceTypes: options.global ?? true, resourceTypes: [] };
  return [
    ...configFiles(
      region,
      [recorder('default', { recordingGroup: group, ...options.recorder })],
      [recorderStatus('default', options.status)],
    ),
    deliveryChannels(region),
  ];
}
