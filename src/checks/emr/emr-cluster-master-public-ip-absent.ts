import { emrClusters } from '../../bundle/evidence/emr.js';
import { defineCheck } from '../define-check.js';

/** No running EMR cluster's master node has a public IP address. */
export default defineCheck({
  id: 'emr-cluster-master-public-ip-absent',
  title: 'EMR cluster master nodes have no public IP address',
  description:
    "For every cluster in ListClusters in RUNNING or WAITING state, no instance of its MASTER instance group (ListInstances with InstanceGroupTypes MASTER) may have a PublicIpAddress. A cluster whose ListInstances call failed or lists no master instance (instance-fleet clusters are not listed by instance group type) is not evaluated. AWS Config reads the master's EC2 configuration item; ListInstances states the same public address.",
  scope: 'region',
  needs: { clusters: emrClusters },
  params: {},
  *run({ clusters }, ctx) {
    // The collector asks only for RUNNING and WAITING clusters; any other state in the answer is skipped.
    for (const cluster of clusters.filter((c) => c.state === undefined || c.state === 'RUNNING' || c.state === 'WAITING')) {
      const name = `cluster ${cluster.id}${cluster.name ? ` (${cluster.name})` : ''}, ${cluster.state ?? 'state unknown'},`;
      const { masters } = cluster;
      if (cluster.state === undefined) yield ctx.notEvaluated(cluster.arn, `${name}: ListClusters shows no Status.State`);
      else if (!masters.ok) yield ctx.notEvaluated(cluster.arn, `${name}: ${masters.reason}`);
      else if (masters.value.length === 0)
        yield ctx.notEvaluated(cluster.arn, `${name}: ListInstances lists no instance of the MASTER instance group`, masters.files);
      else {
        const exposed = masters.value.filter((i) => i.publicIpAddress !== undefined);
        yield exposed.length > 0
          ? ctx.fail(
              cluster.arn,
              `${name} has master ${exposed.map((i) => `${i.ec2InstanceId ?? i.id} with public IP address ${i.publicIpAddress ?? ''}`).join(', ')} (required: none)`,
              masters.files,
            )
          : ctx.pass(
              cluster.arn,
              `${name} master ${masters.value.map((i) => i.ec2InstanceId ?? i.id).join(', ')} has no public IP address`,
              masters.files,
            );
      }
    }
  },
});
