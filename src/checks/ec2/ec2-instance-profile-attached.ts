import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

// Instances on their way out (shutting-down, terminated) no longer matter.
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/** Every instance gets AWS credentials from an instance profile rather than stored keys. */
export default defineCheck({
  id: 'ec2-instance-profile-attached',
  title: 'EC2 instances use an IAM instance profile',
  description: 'For every pending, running, stopping or stopped instance in DescribeInstances, IamInstanceProfile must be set.',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {},
  *run({ instances }, ctx) {
    for (const instance of instances.filter((i) => LIVE_STATES.includes(i.state))) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}, ${instance.state},`;
      yield instance.instanceProfileArn
        ? ctx.pass(instance.arn, `${name} has instance profile ${instance.instanceProfileArn}`)
        : ctx.fail(instance.arn, `${name} has no IAM instance profile (required: one)`);
    }
  },
});
