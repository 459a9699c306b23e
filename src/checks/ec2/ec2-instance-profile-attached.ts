import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Every instance gets AWS credentials from an instance profile rather than stored keys. */
export default defineCheck({
  id: 'ec2-instance-profile-attached',
  title: 'EC2 instances use an IAM instance profile',
  description:
    'For every instance in DescribeInstances that is not terminated (pending, running, shutting-down, stopping, stopped, or a state the record does not give), IamInstanceProfile must name an instance profile (its Arn or Id).',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {},
  *run({ instances }, ctx) {
    // AWS removes a terminated instance's profile association and the instance can no longer call AWS.
    for (const instance of instances.filter((i) => i.state !== 'terminated')) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}, ${instance.state},`;
      if (instance.instanceProfileArn)
        yield ctx.pass(instance.arn, `${name} has instance profile ${instance.instanceProfileArn} (required: one)`);
      else if (instance.instanceProfileUnnamed)
        yield ctx.notEvaluated(instance.arn, `${name} has an IamInstanceProfile that names neither an Arn nor an Id`);
      else yield ctx.fail(instance.arn, `${name} has no IAM instance profile (required: one)`);
    }
  },
});
