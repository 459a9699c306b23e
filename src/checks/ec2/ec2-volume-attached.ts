import { ebsVolumes } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';
import { describeVolume, isAttached } from './volume-attachment.js';

/** Every EBS volume is attached to an instance (and, if required, deleted with it). */
export default defineCheck({
  id: 'ec2-volume-attached',
  title: 'EBS volumes are attached to instances',
  description:
    'For every EBS volume in DescribeVolumes, an attachment must be in state attaching, attached or busy; a volume with none (available, or only detaching / detached attachments) fails. With requireDeleteOnTermination, every such attachment must also have DeleteOnTermination true. Volumes being created or deleted are skipped. An attachment whose state or DeleteOnTermination cannot be read is not evaluated.',
  scope: 'region',
  needs: { volumes: ebsVolumes },
  params: {
    requireDeleteOnTermination: {
      type: 'boolean',
      description:
        "Whether attached volumes must also be deleted when their instance terminates (AWS Config's deleteOnTermination; false: not checked).",
    },
  },
  *run({ volumes }, ctx) {
    for (const volume of volumes) {
      // A volume on its way in or out is not one the account keeps.
      if (volume.state === 'creating' || volume.state === 'deleting' || volume.state === 'deleted') continue;
      const attached = isAttached(volume);
      const name = describeVolume(volume);
      if (attached === 'unknown') {
        yield ctx.notEvaluated(
          volume.arn,
          `${name}: DescribeVolumes shows an attachment whose state cannot be read, so whether it is attached is unknown`,
        );
        continue;
      }
      if (!attached) {
        yield ctx.fail(volume.arn, `${name} is not attached to any instance (state ${volume.state ?? 'not reported'}; required: attached)`);
        continue;
      }
      if (!ctx.params.requireDeleteOnTermination) {
        yield ctx.pass(volume.arn, `${name} is attached`);
        continue;
      }
      const live = volume.attachments.filter((a) => a.state === 'attaching' || a.state === 'attached' || a.state === 'busy');
      const kept = live.filter((a) => a.deleteOnTermination === false).map((a) => a.instanceId ?? 'an unnamed instance');
      const unread = live.filter((a) => a.deleteOnTermination === undefined).map((a) => a.instanceId ?? 'an unnamed instance');
      if (kept.length > 0) yield ctx.fail(volume.arn, `${name} has DeleteOnTermination false on ${kept.join(', ')} (required: true)`);
      else if (unread.length > 0)
        yield ctx.notEvaluated(
          volume.arn,
          `${name}: DescribeVolumes shows no DeleteOnTermination for the attachment to ${unread.join(', ')}`,
        );
      else yield ctx.pass(volume.arn, `${name} is attached and deleted when its instance terminates`);
    }
  },
});
