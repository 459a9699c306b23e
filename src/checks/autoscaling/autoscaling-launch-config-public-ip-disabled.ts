import { launchConfigurations } from '../../bundle/evidence/autoscaling.js';
import { defineCheck } from '../define-check.js';

/** No launch configuration gives its instances a public IP address. */
export default defineCheck({
  id: 'autoscaling-launch-config-public-ip-disabled',
  title: 'Auto Scaling launch configurations do not assign public IP addresses',
  description:
    "For every launch configuration in DescribeLaunchConfigurations, AssociatePublicIpAddress must not be true. A configuration that does not set it passes, as in AWS Config (the subnet's auto-assign setting then decides; see vpc-subnet-public-ip-auto-assign-disabled). An AssociatePublicIpAddress that is not a boolean is not evaluated.",
  scope: 'region',
  needs: { configurations: launchConfigurations },
  params: {},
  *run({ configurations }, ctx) {
    for (const lc of configurations) {
      const name = `launch configuration ${lc.name}`;
      if (lc.associatePublicIpAddress === true)
        yield ctx.fail(lc.arn, `${name} has AssociatePublicIpAddress true: its instances get a public IP address (required: not true)`);
      else if (lc.associatePublicIpAddress === false) yield ctx.pass(lc.arn, `${name} has AssociatePublicIpAddress false`);
      else yield ctx.pass(lc.arn, `${name} does not set AssociatePublicIpAddress (the subnet's setting applies)`);
    }
  },
});
