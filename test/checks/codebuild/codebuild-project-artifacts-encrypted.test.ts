import check from '../../../src/checks/codebuild/codebuild-project-artifacts-encrypted.js';
import { project, projects, unusableProjectCases } from '../../helpers/codebuild-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const s3 = (id: string, disabled?: unknown): Record<string, unknown> => ({
  type: 'S3',
  location: 'acme-build-artifacts',
  artifactIdentifier: id,
  ...(disabled === undefined ? {} : { encryptionDisabled: disabled }),
});
const many = Array.from({ length: 3 }, (_, i) => project(`build-${i + 1}`));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'S3 artifacts with encryptionDisabled false',
      evidence: projects([project('api-build')]),
      reason: /api-build encrypts all 1 of its artifact outputs/,
    },
    {
      name: 'encryptionDisabled left out (CODEPIPELINE artifacts)',
      evidence: projects([project('api-build', { artifacts: { type: 'CODEPIPELINE', name: 'api-build', packaging: 'NONE' } })]),
    },
    {
      name: 'primary and two secondary artifacts encrypted',
      evidence: projects([project('api-build', { secondaryArtifacts: [s3('reports', false), s3('coverage')] })]),
      reason: /encrypts all 3 of its artifact outputs/,
    },
    {
      name: 'NO_ARTIFACTS project: nothing to encrypt',
      evidence: projects([project('lint', { artifacts: { type: 'NO_ARTIFACTS' } })]),
      reason: /produces no artifacts/,
    },
    {
      name: 'NO_ARTIFACTS with encryptionDisabled true is still nothing to encrypt',
      evidence: projects([project('lint', { artifacts: { type: 'NO_ARTIFACTS', encryptionDisabled: true } })]),
    },
    { name: 'three projects described in two batches', evidence: projects(many, 2) },
    {
      name: 'project in projectsNotFound (deleted after the listing) is left out',
      evidence: {
        files: (projects([project('api-build'), project('gone')]).files ?? []).map((f) =>
          f.operation === 'BatchGetProjects' ? { ...f, body: { projects: [project('api-build')], projectsNotFound: ['gone'] } } : f,
        ),
      },
    },
    { name: 'no projects', evidence: projects([]) },
  ],
  fail: [
    {
      name: 'primary artifacts with encryption disabled, beside an encrypted project',
      evidence: projects([
        project('api-build'),
        project('web-build', { artifacts: { type: 'S3', location: 'acme-web', encryptionDisabled: true } }),
      ]),
      reason:
        /CodeBuild project web-build has encryptionDisabled true on its primary artifacts \(required: encryption not disabled on every artifact\)/,
    },
    {
      name: 'one secondary artifact with encryption disabled',
      evidence: projects([project('api-build', { secondaryArtifacts: [s3('reports', false), s3('coverage', true)] })]),
      reason: /on its secondary coverage artifacts/,
    },
    {
      name: 'secondary artifact without an identifier, encryption disabled',
      evidence: projects([project('api-build', { secondaryArtifacts: [{ type: 'S3', location: 'x', encryptionDisabled: true }] })]),
      reason: /secondary #1 artifacts/,
    },
    {
      name: 'third project (second batch) unencrypted',
      evidence: projects(
        [...many.slice(0, 2), project('build-3', { artifacts: { type: 'S3', location: 'x', encryptionDisabled: true } })],
        2,
      ),
      reason: /build-3 has encryptionDisabled true/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits artifacts',
      evidence: projects([project('api-build', { artifacts: undefined })]),
      reason: /shows no readable artifacts/,
    },
    {
      name: 'secondaryArtifacts is not a list',
      evidence: projects([project('api-build', { secondaryArtifacts: 'reports' })]),
      reason: /shows no readable artifacts/,
    },
    {
      name: 'encryptionDisabled is a string',
      evidence: projects([project('api-build', { artifacts: { type: 'S3', location: 'x', encryptionDisabled: 'true' } })]),
      reason: /encryptionDisabled of its primary artifacts is not a boolean/,
    },
    ...unusableProjectCases,
  ],
});
