import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Every instance refuses IMDSv1 requests. */
export default defineCheck({
  id: 'ec2-instance-imdsv2-required',
  title: 'EC2 instances require IMDSv2',
  description:
    'For every instance in DescribeInstances that is not terminated, MetadataOptions.HttpTokens must be "required" and MetadataOptions.State "applied" (a pending change has not taken effect). A disabled metadata endpoint does not replace HttpTokens "required": the endpoint can be turned back on. Missing HttpTokens is not evaluated; a missing State is read from HttpTokens alone and said so.',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {},
  *run({ instances }, ctx) {
    // A terminated instance no longer exists for the procedure ("all existing instances"); it lingers in DescribeInstances for a while.
    for (const instance of instances.filter((i) => i.state !== 'terminated')) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}, ${instance.state},`;
      const options = instance.metadataOptions;
      const tokens = options?.HttpTokens;
      const endpoint =
        options?.HttpEndpoint === 'disabled' ? ' (its metadata endpoint is disabled, which can be undone without requiring tokens)' : '';
      if (!options) {
        yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no MetadataOptions`);
      } else if (tokens === undefined) {
        yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no MetadataOptions.HttpTokens`);
      } else if (tokens === 'optional') {
        yield ctx.fail(instance.arn, `${name} has HttpTokens "optional" (required: "required"), so IMDSv1 is allowed${endpoint}`);
      } else if (tokens !== 'required') {
        yield ctx.notEvaluated(
          instance.arn,
          `${name} has HttpTokens ${JSON.stringify(tokens)}, which is neither "required" nor "optional"`,
        );
      } else if (options.State === 'pending') {
        yield ctx.fail(
          instance.arn,
          `${name} has HttpTokens "required" but MetadataOptions.State "pending" (required: "applied"), so the change has not taken effect`,
        );
      } else if (options.State === undefined) {
        yield ctx.pass(instance.arn, `${name} has HttpTokens "required" (IMDSv2 only); MetadataOptions.State is not reported`);
      } else if (options.State !== 'applied') {
        yield ctx.notEvaluated(
          instance.arn,
          `${name} has HttpTokens "required" but MetadataOptions.State ${JSON.stringify(options.State)}, neither "applied" nor "pending"`,
        );
      } else {
        yield ctx.pass(instance.arn, `${name} has HttpTokens "required" and State "applied" (IMDSv2 only)`);
      }
    }
  },
});
