import { ecsTaskDefinitions } from '../../bundle/evidence/ecs.js';
import { defineCheck } from '../define-check.js';

/** Every container of the latest ECS task definitions has a read-only root file system. */
export default defineCheck({
  id: 'ecs-container-root-filesystem-read-only',
  title: 'ECS containers have read-only root file systems',
  description:
    'For the latest ACTIVE revision of every task definition family (ListTaskDefinitions status ACTIVE, DescribeTaskDefinition), every container definition must have readonlyRootFilesystem true. A container that does not set it fails, since ECS then gives it a writable root file system (AWS Config names only the value false). One finding per task definition.',
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
      const { containers } = detail.value;
      if (containers.length === 0) {
        yield ctx.notEvaluated(td.arn, `${name}: DescribeTaskDefinition shows no containerDefinitions`, detail.files);
        continue;
      }
      const writable = containers.filter((c) => c.readonlyRootFilesystem !== true);
      yield writable.length > 0
        ? ctx.fail(
            td.arn,
            `${name} has containers with a writable root file system: ${writable.map((c) => `${c.name} (readonlyRootFilesystem ${c.readonlyRootFilesystem === false ? 'false' : 'not set'})`).join(', ')} (required: true)`,
            detail.files,
          )
        : ctx.pass(
            td.arn,
            `${name}: every container (${containers.map((c) => c.name).join(', ')}) has readonlyRootFilesystem true`,
            detail.files,
          );
    }
  },
});
