import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { ssmManagedNodes } from '../../bundle/evidence/ssm.js';
import { defineCheck } from '../define-check.js';

/** Every running EC2 instance is a managed node of Systems Manager whose agent reports. */
export default defineCheck({
  id: 'ssm-ec2-instance-managed',
  title: 'Running EC2 instances are managed by Systems Manager',
  description:
    'For every running instance in DescribeInstances, SSM DescribeInstanceInformation must list it with PingStatus Online; one it does not list, or lists as ConnectionLost or Inactive (the agent stopped or was removed), fails. Instances that are not running are left out, as AWS Config does.',
  scope: 'region',
  needs: { instances: ec2Instances, managed: ssmManagedNodes },
  params: {},
  *run({ instances, managed }, ctx) {
    const byId = new Map(managed.nodes.map((n) => [n.id, n]));
    for (const instance of instances) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}`;
      if (instance.state === 'unknown') {
        yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no state, so whether it must be managed is unknown`);
        continue;
      }
      if (instance.state !== 'running') continue;
      const node = byId.get(instance.id);
      if (!node) {
        yield managed.unreadable > 0
          ? ctx.notEvaluated(
              instance.arn,
              `${name} is running and not among the readable records of DescribeInstanceInformation, but ${managed.unreadable} record(s) could not be read`,
            )
          : ctx.fail(
              instance.arn,
              `${name} is running but is not a Systems Manager managed node: DescribeInstanceInformation does not list it (required: listed, PingStatus Online)`,
            );
        continue;
      }
      const lastPing = node.lastPing ? `, last ping ${node.lastPing}` : '';
      if (node.pingStatus === undefined) yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstanceInformation shows no PingStatus`);
      else if (node.pingStatus === 'Online')
        yield ctx.pass(
          instance.arn,
          `${name} is managed by Systems Manager: SSM Agent ${node.agentVersion ?? '(version unknown)'} is Online${lastPing}`,
        );
      else yield ctx.fail(instance.arn, `${name} is running but its SSM Agent is ${node.pingStatus}${lastPing} (required: Online)`);
    }
  },
});
