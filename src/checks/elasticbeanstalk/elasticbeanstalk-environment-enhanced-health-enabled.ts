import { beanstalkEnvironments } from '../../bundle/evidence/elasticbeanstalk.js';
import { defineCheck } from '../define-check.js';

/** Every Elastic Beanstalk environment reports enhanced health. */
export default defineCheck({
  id: 'elasticbeanstalk-environment-enhanced-health-enabled',
  title: 'Elastic Beanstalk environments use enhanced health reporting',
  description:
    'For every environment in DescribeEnvironments that is not terminated, the option aws:elasticbeanstalk:healthreporting:system SystemType in DescribeConfigurationSettings must be enhanced (basic fails). An answer without SystemType, or a settings call that failed, is not evaluated; an environment that no longer exists when its settings were asked for is not evaluated.',
  scope: 'region',
  needs: { environments: beanstalkEnvironments },
  params: {},
  *run({ environments }, ctx) {
    for (const env of environments) {
      const name = `environment ${env.name} of application ${env.application}`;
      const { settings } = env;
      if (!settings.ok) yield ctx.notEvaluated(env.arn, `${name}: ${settings.reason}`);
      else if (settings.value === 'deleted')
        yield ctx.notEvaluated(env.arn, `${name} no longer existed when its configuration was asked for`, settings.files);
      else if (settings.value.healthSystemType === undefined)
        yield ctx.notEvaluated(env.arn, `${name}: DescribeConfigurationSettings shows no SystemType (required: enhanced)`, settings.files);
      else if (settings.value.healthSystemType === 'enhanced')
        yield ctx.pass(env.arn, `${name} uses enhanced health reporting`, settings.files);
      else
        yield ctx.fail(
          env.arn,
          `${name} has health reporting SystemType ${settings.value.healthSystemType} (required: enhanced)`,
          settings.files,
        );
    }
  },
});
