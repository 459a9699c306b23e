import check from '../../../src/checks/ecs/ecs-task-definition-host-network-non-root.js';
import { container, ecs, taskDefinition, taskDefinitionArn } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const host = (containers: Record<string, unknown>[], revision = 4) =>
  taskDefinition('acme-agent', revision, containers, { networkMode: 'host' });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'host mode with a non-root user',
      evidence: ecs([host([container('agent', { user: '1000:1000' })])]),
      reason:
        /task definition acme-agent:4 uses host network mode; every container runs as a non-root user or privileged \(agent: user 1000:1000\)/,
    },
    { name: 'host mode, root but privileged', evidence: ecs([host([container('agent', { user: 'root', privileged: true })])]) },
    { name: 'host mode, no user but privileged', evidence: ecs([host([container('agent', { privileged: true })])]) },
    { name: 'named non-root user', evidence: ecs([host([container('agent', { user: 'app' })])]) },
    {
      name: 'awsvpc mode with root',
      evidence: ecs([taskDefinition('acme-api', 12, [container('api', { user: 'root' })])]),
      reason: /task definition acme-api:12 uses network mode awsvpc, not host/,
    },
    {
      name: 'only the latest revision of a family is judged',
      evidence: ecs(
        [host([container('agent', { user: '1000' })], 5), { family: 'acme-agent', revision: 4, answer: 'missing' }],
        [taskDefinitionArn('acme-agent', 4), taskDefinitionArn('acme-agent', 5)],
      ),
      reason: /acme-agent:5/,
    },
    { name: 'no task definitions', evidence: ecs([]) },
  ],
  fail: [
    {
      name: 'host mode, no user, not privileged',
      evidence: ecs([host([container('agent')])]),
      reason:
        /task definition acme-agent:4 uses host network mode and runs container agent as the image default user .* without privileged true/,
    },
    {
      name: 'host mode, user root, privileged false',
      evidence: ecs([host([container('agent', { user: 'root', privileged: false })])]),
      reason: /container agent as root/,
    },
    {
      name: 'host mode, uid 0 with a group',
      evidence: ecs([host([container('agent', { user: '0:0' })])]),
      reason: /container agent as 0:0/,
    },
    {
      name: 'host mode, one of two containers runs as root',
      evidence: ecs([host([container('agent', { user: '1000' }), container('sidecar', { user: 'root:adm' })])]),
      reason: /runs container sidecar as root:adm/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits networkMode',
      evidence: ecs([taskDefinition('acme-agent', 4, [container('agent')], { networkMode: undefined })]),
      reason: /task definition acme-agent:4: DescribeTaskDefinition shows no networkMode/,
    },
    {
      name: 'privileged is a string',
      evidence: ecs([host([container('agent', { privileged: 'true' })])]),
      reason: /could not be read: container 1 has privileged "true", not a boolean/,
    },
    {
      name: 'registered after collection ended',
      evidence: ecs([host([container('agent', { user: '1000' })], 4)].map((d) => ({ ...d, registeredAt: '2026-10-02T00:00:00.000Z' }))),
      reason: /registeredAt 2026-10-02T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeTaskDefinition denied for one family',
      evidence: ecs([{ family: 'acme-agent', revision: 4, answer: 'missing' }]),
      collectionError: { service: 'ecs', operation: 'DescribeTaskDefinition', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /task definition acme-agent:4: ecs:DescribeTaskDefinition .*AccessDeniedException/,
    },
    {
      name: 'listing holds something that is not an ARN',
      evidence: ecs([host([container('agent', { user: '1000' })])], [taskDefinitionArn('acme-agent', 4), 'acme-agent']),
      reason: /lists "acme-agent", not a task definition ARN/,
    },
    {
      name: 'ListTaskDefinitions denied in eu-west-1',
      evidence: { files: (ecs([]).files ?? []).filter((f) => f.region === 'us-east-1') },
      collectionError: { service: 'ecs', operation: 'ListTaskDefinitions', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /ecs:ListTaskDefinitions status=ACTIVE in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
