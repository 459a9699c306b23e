import { expect, it } from 'vitest';
import check from '../../../src/checks/codebuild/codebuild-project-no-plaintext-aws-credentials.js';
import { env, project, projects, unusableProjectCases } from '../../helpers/codebuild-builders.js';
import { findingsFor, testCheck } from '../../helpers/test-check.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzEXAMPLEKEY';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'access key id from Secrets Manager',
      evidence: projects([project('api-build')]),
      reason: /api-build takes AWS_ACCESS_KEY_ID from SECRETS_MANAGER, not from plaintext/,
    },
    {
      name: 'both credentials from Parameter Store',
      evidence: projects([
        project(
          'api-build',
          env(['AWS_ACCESS_KEY_ID', 'PARAMETER_STORE', '/ci/key-id'], ['AWS_SECRET_ACCESS_KEY', 'PARAMETER_STORE', '/ci/secret']),
        ),
      ]),
    },
    {
      name: 'no environment variables at all',
      evidence: projects([project('api-build', env())]),
      reason: /has no environment variable named/,
    },
    {
      name: 'environmentVariables left out',
      evidence: projects([
        project('api-build', {
          environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        }),
      ]),
    },
    {
      name: 'plaintext variables with other names (names match exactly, in upper case)',
      evidence: projects([
        project(
          'api-build',
          env(
            ['AWS_REGION', 'PLAINTEXT', 'us-east-1'],
            ['aws_access_key_id', 'PLAINTEXT', 'x'],
            ['MY_AWS_SECRET_ACCESS_KEY', 'PLAINTEXT', 'y'],
          ),
        ),
      ]),
    },
    { name: 'no projects', evidence: projects([]) },
  ],
  fail: [
    {
      name: 'plaintext secret access key, beside a compliant project',
      evidence: projects([project('api-build'), project('legacy-deploy', env(['AWS_SECRET_ACCESS_KEY', 'PLAINTEXT', SECRET]))]),
      reason:
        /CodeBuild project legacy-deploy has the environment variable AWS_SECRET_ACCESS_KEY of type PLAINTEXT \(required: no AWS credentials in plaintext/,
    },
    {
      name: 'both in plaintext',
      evidence: projects([
        project(
          'legacy-deploy',
          env(['AWS_ACCESS_KEY_ID', 'PLAINTEXT', 'AKIAIOSFODNN7EXAMPLE'], ['AWS_SECRET_ACCESS_KEY', 'PLAINTEXT', SECRET]),
        ),
      ]),
      reason: /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of type PLAINTEXT/,
    },
    {
      name: 'plaintext access key id only (the other from Secrets Manager)',
      evidence: projects([
        project(
          'legacy-deploy',
          env(['AWS_ACCESS_KEY_ID', 'PLAINTEXT', 'AKIAIOSFODNN7EXAMPLE'], ['AWS_SECRET_ACCESS_KEY', 'SECRETS_MANAGER', 'ci:secret']),
        ),
      ]),
      reason: /variable AWS_ACCESS_KEY_ID of type PLAINTEXT/,
    },
  ],
  notEvaluated: [
    {
      name: 'credential variable without a type',
      evidence: projects([project('api-build', env(['AWS_SECRET_ACCESS_KEY', undefined, SECRET]))]),
      reason: /AWS_SECRET_ACCESS_KEY has no type/,
    },
    {
      name: 'answer omits environment',
      evidence: projects([project('api-build', { environment: undefined })]),
      reason: /no readable environment/,
    },
    {
      name: 'a variable without a name',
      evidence: projects([project('api-build', env(['', 'PLAINTEXT', 'x']))]),
      reason: /no readable environment/,
    },
    ...unusableProjectCases,
  ],
});

it('never prints a plaintext value in a reason', async () => {
  const evidence = projects([
    project(
      'legacy-deploy',
      env(['AWS_ACCESS_KEY_ID', 'PLAINTEXT', 'AKIAIOSFODNN7EXAMPLE'], ['AWS_SECRET_ACCESS_KEY', 'PLAINTEXT', SECRET]),
    ),
    project('odd', env(['AWS_SECRET_ACCESS_KEY', undefined, SECRET])),
  ]);
  const findings = await findingsFor(check, '2026-09-30T00:00:00Z', {}, { name: 'secrets', evidence });
  expect(findings.map((f) => f.status).sort()).toEqual(['FAIL', 'NOT_EVALUATED', 'PASS']);
  for (const f of findings) expect(f.reason).not.toMatch(/AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI/);
});
