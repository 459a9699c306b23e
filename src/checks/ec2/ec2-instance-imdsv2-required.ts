import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

const GONE_STATES = ['shutting-down', 'terminated'];

/** Every instance refuses IMDSv1 requests. */
export default defineCheck({
  id: 'ec2-instance-imdsv2-required',
  title: 'EC2 instances require IMDSv2',
  description:
    'For every instance in DescribeInstances that is not shutting down or terminated, MetadataOptions.HttpTokens must be "required", or the metadata endpoint disabled (HttpEndpoint "disabled").',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {},
  *run({ instances }, ctx) {
    for (const instance of instances.filter((i) => !GONE_STATES.includes(i.state))) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}`;
      const options = instance.metadataOptions;
      if (!options?.HttpTokens && options?.HttpEndpoint !== 'disabled') {
        yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no MetadataOptions.HttpTokens`);
      } else if (options.HttpEndpoint === 'disabled') {
        yield ctx.pass(instance.arn, `${name} has the instance metadata endpoint disabled`);
      } else {
        yield options.HttpTokens === 'required'
          ? ctx.pass(instance.arn, `${name} has HttpTokens "required" (IMDSv2 only)`)
          : ctx.fail(instance.arn, `${name} has HttpTokens "${options.HttpTokens ?? ''}" (required: "required"), so IMDSv1 is allowed`);
      }
    }
  },
});
