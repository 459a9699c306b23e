import { beanstalkEnvironments } from '../../bundle/evidence/elasticbeanstalk.js';
import { defineCheck } from '../define-check.js';

/** Every Elastic Beanstalk environment has managed platform updates on. */
export default defineCheck({
  id: 'elasticbeanstalk-environment-managed-updates-enabled',
  title: 'Elastic Beanstalk environments have managed platform updates enabled',
  description:
    'For every environment in DescribeEnvironments that is not terminated, the option aws:elasticbeanstalk:managedactions ManagedActionsEnabled in DescribeConfigurationSettings must be true and, when updateLevel is minor or patch, aws:elasticbeanstalk:managedactions:platformupdate UpdateLevel must equal it (AWS Config: UpdateLevel). An answer without ManagedActionsEnabled (or without UpdateLevel when one is required), or a settings call that failed, is not evaluated.',
  scope: 'region',
  needs: { environments: beanstalkEnvironments },
  params: {
    updateLevel: {
      type: 'string',
      enum: ['any', 'minor', 'patch'],
      description: 'The UpdateLevel managed updates must use (AWS Config: UpdateLevel); any: no requirement.',
    },
  },
  *run({ environments }, ctx) {
    const level = ctx.params.updateLevel;
    for (const env of environments) {
      const name = `environment ${env.name} of application ${env.application}`;
      const { settings } = env;
      if (!settings.ok) {
        yield ctx.notEvaluated(env.arn, `${name}: ${settings.reason}`);
        continue;
      }
      if (settings.value === 'deleted') {
        yield ctx.notEvaluated(env.arn, `${name} no longer existed when its configuration was asked for`, settings.files);
        continue;
      }
      const { managedActionsEnabled: enabled, updateLevel } = settings.value;
      const files = settings.files;
      if (enabled === undefined)
        yield ctx.notEvaluated(env.arn, `${name}: DescribeConfigurationSettings shows no ManagedActionsEnabled (required: true)`, files);
      else if (!enabled)
        yield ctx.fail(env.arn, `${name} has ManagedActionsEnabled false: managed platform updates are off (required: true)`, files);
      else if (level === 'any')
        yield ctx.pass(env.arn, `${name} has managed platform updates on${updateLevel ? ` at UpdateLevel ${updateLevel}` : ''}`, files);
      else if (updateLevel === undefined)
        yield ctx.notEvaluated(
          env.arn,
          `${name} has managed platform updates on, but DescribeConfigurationSettings shows no UpdateLevel (required: ${level})`,
          files,
        );
      else
        yield updateLevel === level
          ? ctx.pass(env.arn, `${name} has managed platform updates on at UpdateLevel ${updateLevel} (required: ${level})`, files)
          : ctx.fail(env.arn, `${name} has managed platform updates on at UpdateLevel ${updateLevel} (required: ${level})`, files);
    }
  },
});
