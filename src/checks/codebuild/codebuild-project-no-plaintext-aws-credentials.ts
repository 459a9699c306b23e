import { codeBuildProjects } from '../../bundle/evidence/codebuild.js';
import { defineCheck } from '../define-check.js';

// The names AWS Config's rule looks for; the SDKs and the CLI read credentials from exactly these.
const CREDENTIAL_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/** No CodeBuild project keeps AWS credentials in plaintext environment variables. */
export default defineCheck({
  id: 'codebuild-project-no-plaintext-aws-credentials',
  title: 'CodeBuild projects keep no AWS credentials in plaintext environment variables',
  description:
    'For every project in ListProjects (settings from BatchGetProjects), no environment variable named exactly AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY may have type PLAINTEXT (PARAMETER_STORE and SECRETS_MANAGER references pass). A variable of those names without a type, or a project without a readable environment, is not evaluated. Findings name variables and types, never values. Implements AWS Config CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK.',
  scope: 'region',
  needs: { projects: codeBuildProjects },
  params: {},
  *run({ projects }, ctx) {
    for (const p of projects) {
      const name = `CodeBuild project ${p.name}`;
      if (p.environmentVariables === undefined) {
        yield ctx.notEvaluated(
          p.arn,
          `${name}: BatchGetProjects shows no readable environment.environmentVariables (required: no PLAINTEXT ${CREDENTIAL_NAMES.join(' or ')})`,
          p.files,
        );
        continue;
      }
      const credentials = p.environmentVariables.filter((v) => CREDENTIAL_NAMES.includes(v.name));
      const plaintext = credentials.filter((v) => v.type === 'PLAINTEXT');
      const untyped = credentials.filter((v) => v.type === undefined);
      if (plaintext.length > 0)
        yield ctx.fail(
          p.arn,
          `${name} has the environment variable ${plaintext.map((v) => v.name).join(' and ')} of type PLAINTEXT (required: no AWS credentials in plaintext; use PARAMETER_STORE or SECRETS_MANAGER, or the service role)`,
          p.files,
        );
      else if (untyped.length > 0)
        yield ctx.notEvaluated(
          p.arn,
          `${name}: the environment variable ${untyped.map((v) => v.name).join(' and ')} has no type in BatchGetProjects (required: not PLAINTEXT)`,
          p.files,
        );
      else if (credentials.length > 0)
        yield ctx.pass(
          p.arn,
          `${name} takes ${credentials.map((v) => `${v.name} from ${v.type ?? ''}`).join(' and ')}, not from plaintext`,
          p.files,
        );
      else yield ctx.pass(p.arn, `${name} has no environment variable named ${CREDENTIAL_NAMES.join(' or ')}`, p.files);
    }
  },
});
