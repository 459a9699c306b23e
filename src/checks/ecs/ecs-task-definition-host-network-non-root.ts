import { ecsTaskDefinitions, type EcsContainer } from '../../bundle/evidence/ecs.js';
import { defineCheck } from '../define-check.js';

/** The user `root` (uid 0), with or without a group, or no user at all (the image's, root by default). */
function runsAsRoot(container: EcsContainer): boolean {
  const user = container.user?.split(':')[0];
  return user === undefined || user === 'root' || user === '0';
}

/** No host-network ECS task definition runs an unprivileged container as root. */
export default defineCheck({
  id: 'ecs-task-definition-host-network-non-root',
  title: 'ECS task definitions in host network mode do not run containers as root without privileged mode',
  description:
    'For the latest ACTIVE revision of every task definition family (ListTaskDefinitions status ACTIVE, DescribeTaskDefinition), when networkMode is host, every container must have privileged true or a user that is not root (AWS Config: NON_COMPLIANT when privileged is false or absent AND user is root or absent). A user of root or 0, with or without a :group, counts as root. Other network modes pass. INACTIVE task definitions are not collected, as with SkipInactiveTaskDefinitions true. A task definition whose answer shows no networkMode is not evaluated.',
  scope: 'region',
  needs: { taskDefinitions: ecsTaskDefinitions },
  params: {},
  *run({ taskDefinitions }, ctx) {
    for (const td of taskDefinitions) {
      const name = `task definition ${td.name}`;
      const { detail } = td;
      if (!detail.ok) {
        yield ctx.notEvaluated(td.arn, `${name}: ${detail.reason}`);
        continue;
      }
      const { networkMode, containers } = detail.value;
      if (networkMode === undefined) yield ctx.notEvaluated(td.arn, `${name}: DescribeTaskDefinition shows no networkMode`, detail.files);
      else if (networkMode !== 'host') yield ctx.pass(td.arn, `${name} uses network mode ${networkMode}, not host`, detail.files);
      else if (containers.length === 0)
        yield ctx.notEvaluated(td.arn, `${name}: DescribeTaskDefinition shows no containerDefinitions`, detail.files);
      else {
        const offending = containers.filter((c) => c.privileged !== true && runsAsRoot(c));
        yield offending.length > 0
          ? ctx.fail(
              td.arn,
              `${name} uses host network mode and runs ${offending.map((c) => `container ${c.name} as ${c.user ?? 'the image default user (root unless the image says otherwise)'}`).join(', ')} without privileged true (required: a non-root user or privileged true)`,
              detail.files,
            )
          : ctx.pass(
              td.arn,
              `${name} uses host network mode; every container runs as a non-root user or privileged (${containers.map((c) => `${c.name}: ${c.privileged === true ? 'privileged' : `user ${c.user ?? ''}`}`).join(', ')})`,
              detail.files,
            );
      }
    }
  },
});
