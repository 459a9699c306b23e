import { ec2Instances } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** No instance has a public IPv4 address. */
export default defineCheck({
  id: 'ec2-instance-public-ip-absent',
  title: 'EC2 instances have no public IPv4 address',
  description:
    'For every instance in DescribeInstances that is not terminated, PublicIpAddress must be absent (AWS Config: the publicIp field of the configuration item; IPv4 only, so IPv6 addresses and public addresses of secondary network interfaces are not counted). A PublicIpAddress that is not text is not evaluated.',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {},
  *run({ instances }, ctx) {
    for (const instance of instances.filter((i) => i.state !== 'terminated')) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}, ${instance.state},`;
      const ip = instance.publicIp;
      if (ip.kind === 'unreadable') yield ctx.notEvaluated(instance.arn, `${name} has PublicIpAddress ${ip.text}, which is not an address`);
      else if (ip.kind === 'address') yield ctx.fail(instance.arn, `${name} has public IPv4 address ${ip.address} (required: none)`);
      else yield ctx.pass(instance.arn, `${name} has no public IPv4 address`);
    }
  },
});
