import { codeBuildProjects } from '../../bundle/evidence/codebuild.js';
import { defineCheck } from '../define-check.js';

/** Every artifact output of every CodeBuild project is encrypted. */
export default defineCheck({
  id: 'codebuild-project-artifacts-encrypted',
  title: 'CodeBuild projects encrypt all their artifacts',
  description:
    'For every project in ListProjects (settings from BatchGetProjects), the primary artifacts and every secondaryArtifacts entry must not have encryptionDisabled true (an absent encryptionDisabled means encrypted); artifacts of type NO_ARTIFACTS produce nothing and are skipped. A project whose artifacts are missing, or whose encryptionDisabled is not a boolean, is not evaluated. Implements AWS Config CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION.',
  scope: 'region',
  needs: { projects: codeBuildProjects },
  params: {},
  *run({ projects }, ctx) {
    for (const p of projects) {
      const name = `CodeBuild project ${p.name}`;
      if (p.artifacts === undefined) {
        yield ctx.notEvaluated(
          p.arn,
          `${name}: BatchGetProjects shows no readable artifacts or secondaryArtifacts (required: encryptionDisabled not true)`,
          p.files,
        );
        continue;
      }
      const outputs = p.artifacts.filter((a) => a.type !== 'NO_ARTIFACTS');
      const disabled = outputs.filter((a) => a.encryptionDisabled === true);
      const unknown = outputs.filter((a) => a.encryptionDisabled === undefined);
      if (disabled.length > 0)
        yield ctx.fail(
          p.arn,
          `${name} has encryptionDisabled true on its ${disabled.map((a) => `${a.label} artifacts`).join(', ')} (required: encryption not disabled on every artifact)`,
          p.files,
        );
      else if (unknown.length > 0)
        yield ctx.notEvaluated(
          p.arn,
          `${name}: encryptionDisabled of its ${unknown.map((a) => `${a.label} artifacts`).join(', ')} is not a boolean (required: not true)`,
          p.files,
        );
      else if (outputs.length === 0)
        yield ctx.pass(p.arn, `${name} produces no artifacts (type NO_ARTIFACTS): nothing to encrypt`, p.files);
      else yield ctx.pass(p.arn, `${name} encrypts all ${outputs.length} of its artifact outputs`, p.files);
    }
  },
});
