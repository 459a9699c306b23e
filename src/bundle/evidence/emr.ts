import type { ClusterSummary, Instance, ListClustersOutput, ListInstancesOutput } from '@aws-sdk/client-emr';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { afterCollection, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** An EC2 instance of an EMR cluster's master (primary) instance group. */
export interface EmrInstance {
  id: string;
  ec2InstanceId: string | undefined;
  /** `undefined`: the answer shows none. */
  publicIpAddress: string | undefined;
  publicDnsName: string | undefined;
  state: string | undefined;
}

/** An EMR cluster in RUNNING or WAITING state, with the instances of its MASTER instance group. */
export interface EmrCluster {
  id: string;
  arn: string;
  name: string | undefined;
  state: string | undefined;
  /** From its own ListInstances call (InstanceGroupTypes MASTER). */
  masters: Evidence<EmrInstance[]>;
}

/**
 * `elasticmapreduce:ListClusters` (ClusterStates RUNNING and WAITING, every page) of one region,
 * typed per cluster, each with `elasticmapreduce:ListInstances` of its MASTER instance group, found
 * by ClusterId. A cluster without Id, or created after collection ended, is set aside as unusable.
 */
export const emrClusters = defineEvidence<EmrCluster[]>({
  name: 'EMR clusters',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'emr', operation: 'ListClusters' };
    const where = `ListClusters of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListClustersOutput>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'Clusters')),
      where,
      (c: Wire<ClusterSummary>, index) => {
        const id = text(c.Id);
        if (!id) throw new UnusableRecordError(text(c.ClusterArn) ?? `${where}, cluster ${index + 1}`, 'lacks Id');
        const arn = text(c.ClusterArn) ?? `arn:aws:elasticmapreduce:${region}:${account}:cluster/${id}`;
        const late = afterCollection(c.Status?.Timeline?.CreationDateTime, 'Status.Timeline.CreationDateTime', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        return { id, arn, name: text(c.Name), state: text(c.Status?.State) };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (cluster): Promise<EmrCluster> => {
        const loaded = await loadPages<ListInstancesOutput>(bundle, {
          account,
          region,
          service: 'emr',
          operation: 'ListInstances',
          parameters: { ClusterId: cluster.id },
        });
        if (!loaded.ok) return { ...cluster, masters: loaded };
        try {
          const masters = loaded.value.flatMap((page) => listField(page, 'Instances')).map((i, index) => readInstance(i, index));
          return { ...cluster, masters: { ok: true, value: masters, files: loaded.files } };
        } catch (error) {
          return {
            ...cluster,
            masters: {
              ok: false,
              reason: `elasticmapreduce:ListInstances of ${cluster.id} could not be read: ${messageOf(error)}`,
              errors: [],
            },
          };
        }
      }),
    );
    return { ...listed, value };
  },
});

function readInstance(i: Wire<Instance>, index: number): EmrInstance {
  if (typeof i !== 'object' || i === null) throw new Error(`instance ${index + 1} is not an object`);
  if (i.PublicIpAddress !== undefined && i.PublicIpAddress !== null && typeof i.PublicIpAddress !== 'string')
    throw new Error(`instance ${index + 1} has PublicIpAddress ${JSON.stringify(i.PublicIpAddress)}, not a string`);
  return {
    id: text(i.Id) ?? `instance ${index + 1}`,
    ec2InstanceId: text(i.Ec2InstanceId),
    publicIpAddress: text(i.PublicIpAddress),
    publicDnsName: text(i.PublicDnsName),
    state: text(i.Status?.State),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
