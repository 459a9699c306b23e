import { ec2Instances, instanceTypeEbsSupport } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Every instance whose type can be EBS-optimized is. */
export default defineCheck({
  id: 'ec2-instance-ebs-optimized',
  title: 'EC2 instances that can be EBS-optimized are',
  description:
    'For every instance in DescribeInstances that is not terminated, the EbsInfo.EbsOptimizedSupport of its type (DescribeInstanceTypes) decides: "default" passes (always optimized, as AWS Config counts it), "unsupported" is out of scope, and "supported" requires EbsOptimized true. A type whose description is missing or failed, or an instance without InstanceType or EbsOptimized, is not evaluated.',
  scope: 'region',
  needs: { instances: ec2Instances, types: instanceTypeEbsSupport },
  params: {},
  *run({ instances, types }, ctx) {
    for (const instance of instances.filter((i) => i.state !== 'terminated')) {
      const type = instance.instanceType;
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}${type ? `, ${type},` : ''}`;
      if (!type) {
        yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no InstanceType`);
        continue;
      }
      const info = types.get(type);
      if (!info) {
        yield ctx.notEvaluated(instance.arn, `${name}: ec2:DescribeInstanceTypes of ${type} is not in the bundle (it was not collected)`);
        continue;
      }
      if (!info.ok) {
        yield ctx.notEvaluated(instance.arn, `${name}: ${info.reason}`);
        continue;
      }
      if (info.support === 'unsupported') continue;
      if (info.support === 'default') {
        yield ctx.pass(instance.arn, `${name} is EBS-optimized by default (its type's EbsOptimizedSupport is "default")`);
        continue;
      }
      if (instance.ebsOptimized === undefined) yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no EbsOptimized`);
      else if (instance.ebsOptimized) yield ctx.pass(instance.arn, `${name} has EbsOptimized true`);
      else yield ctx.fail(instance.arn, `${name} has EbsOptimized false though its type supports it (required: true)`);
    }
  },
});
