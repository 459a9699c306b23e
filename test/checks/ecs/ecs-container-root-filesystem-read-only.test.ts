import check from '../../../src/checks/ecs/ecs-container-root-filesystem-read-only.js';
import { container, ecs, taskDefinition, taskDefinitionArn } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const readOnly = { readonlyRootFilesystem: true };

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'every container read-only',
      evidence: ecs([taskDefinition('acme-api', 12, [container('api', readOnly), container('envoy', readOnly)])]),
      reason: /task definition acme-api:12: every container \(api, envoy\) has readonlyRootFilesystem true/,
    },
    {
      name: 'an older revision with a writable container is not judged',
      evidence: ecs(
        [taskDefinition('acme-api', 12, [container('api', readOnly)]), { family: 'acme-api', revision: 11, answer: 'missing' }],
        [taskDefinitionArn('acme-api', 12), taskDefinitionArn('acme-api', 11)],
      ),
    },
    { name: 'no task definitions', evidence: ecs([]) },
  ],
  fail: [
    {
      name: 'one container writable (false)',
      evidence: ecs([taskDefinition('acme-api', 12, [container('api', readOnly), container('envoy', { readonlyRootFilesystem: false })])]),
      reason:
        /task definition acme-api:12 has containers with a writable root file system: envoy \(readonlyRootFilesystem false\) \(required: true\)/,
    },
    {
      name: 'container does not set readonlyRootFilesystem',
      evidence: ecs([taskDefinition('acme-worker', 3, [container('worker')])]),
      reason: /worker \(readonlyRootFilesystem not set\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'readonlyRootFilesystem is a string',
      evidence: ecs([taskDefinition('acme-api', 12, [container('api', { readonlyRootFilesystem: 'true' })])]),
      reason: /container 1 has readonlyRootFilesystem "true", not a boolean/,
    },
    {
      name: 'answer without taskDefinition',
      evidence: ecs([{ family: 'acme-api', revision: 12, answer: { tags: [] } }]),
      reason: /the answer has no taskDefinition/,
    },
    {
      name: 'no container definitions',
      evidence: ecs([taskDefinition('acme-api', 12, [])]),
      reason: /shows no containerDefinitions/,
    },
    {
      name: 'ListTaskDefinitions denied in us-east-1',
      evidence: { files: (ecs([]).files ?? []).filter((f) => f.region === 'eu-west-1') },
      collectionError: { service: 'ecs', operation: 'ListTaskDefinitions', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /failed during collection: AccessDeniedException/,
    },
  ],
});
