import { ec2Instances, transitionTime } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

const DAY_MS = 86_400_000;

/** No instance has been stopped for longer than the limit. */
export default defineCheck({
  id: 'ec2-stopped-instance-within-limit',
  title: 'EC2 instances are not left stopped beyond the limit',
  description:
    'For every instance in DescribeInstances in state "stopped", the stop time is read from StateTransitionReason ("User initiated (2026-03-02 18:40:11 GMT)"), where EC2 writes it; AWS Config reads it from its configuration history instead. The instance fails when it has been stopped longer than allowedDays before collection ended, or when the reason carries no time (AWS Config: "the amount of time cannot be determined"). Instances in any other state pass; terminated ones are skipped. A missing StateTransitionReason, or a stop time after collection, is not evaluated.',
  scope: 'region',
  needs: { instances: ec2Instances },
  params: {
    allowedDays: {
      type: 'integer',
      minimum: 0,
      stricter: 'lower',
      description: 'Days an instance may stay stopped (AWS Config default: 30); longer fails.',
    },
  },
  *run({ instances }, ctx) {
    const limit = ctx.params.allowedDays;
    for (const instance of instances.filter((i) => i.state !== 'terminated')) {
      const name = `instance ${instance.id}${instance.name ? ` (${instance.name})` : ''}`;
      if (instance.state === 'unknown') {
        yield ctx.notEvaluated(instance.arn, `${name}: DescribeInstances shows no State`);
        continue;
      }
      if (instance.state !== 'stopped') {
        yield ctx.pass(instance.arn, `${name} is ${instance.state}, not stopped`);
        continue;
      }
      const reason = instance.stateTransitionReason;
      if (reason === undefined) {
        yield ctx.notEvaluated(instance.arn, `${name} is stopped, but DescribeInstances shows no StateTransitionReason to date the stop`);
        continue;
      }
      const stoppedAt = transitionTime(reason);
      if (!stoppedAt) {
        yield ctx.fail(
          instance.arn,
          `${name} is stopped and its StateTransitionReason ${JSON.stringify(reason.slice(0, 80))} gives no stop time, so how long it has been stopped cannot be determined (limit ${limit} days)`,
        );
        continue;
      }
      const elapsed = ctx.collectedAt.getTime() - stoppedAt.getTime();
      const at = stoppedAt.toISOString();
      if (elapsed < 0) {
        yield ctx.notEvaluated(instance.arn, `${name} is stopped since ${at}, after collection ended (${ctx.collectedAt.toISOString()})`);
        continue;
      }
      const days = Math.floor(elapsed / DAY_MS);
      const text = `${name} has been stopped since ${at}, ${days} days before collection (limit ${limit} days)`;
      // "Longer than" the limit: exactly allowedDays days is still within it.
      yield elapsed > limit * DAY_MS ? ctx.fail(instance.arn, text) : ctx.pass(instance.arn, text);
    }
  },
});
