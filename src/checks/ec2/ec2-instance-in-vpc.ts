import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Every instance runs in a VPC (optionally: the given one). */
export default defineCheck({
  id: 'ec2-instance-in-vpc',
  title: 'EC2 instances run in a VPC',
  description:
    'For every instance in DescribeInstances that is not terminated or shutting down, VpcId must be present and, when vpcId is given, equal to it (AWS Config INSTANCES_IN_VPC). EC2-Classic was retired in 2023, so a record without VpcId is taken as incomplete and not evaluated rather than failed.',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {
    vpcId: { type: 'string', description: 'The VPC every instance must be in; empty: any VPC.' },
  },
  *run({ instances }, ctx) {
    const wanted = ctx.params.vpcId;
    const required = wanted ? `required: VPC ${wanted}` : 'required: a VPC';
    for (const instance of instances.filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down')) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}, ${instance.state},`;
      if (instance.vpcId === undefined)
        yield ctx.notEvaluated(instance.arn, `${name} has no VpcId in its DescribeInstances record (${required})`);
      else if (wanted && instance.vpcId !== wanted) yield ctx.fail(instance.arn, `${name} is in ${instance.vpcId} (${required})`);
      else yield ctx.pass(instance.arn, `${name} is in ${instance.vpcId} (${required})`);
    }
  },
});
