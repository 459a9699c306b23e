import check from '../../../src/checks/elasticbeanstalk/elasticbeanstalk-environment-enhanced-health-enabled.js';
import { beanstalk, environment, optionSettings } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'enhanced health reporting',
      evidence: beanstalk({ env: environment('acme-web-prod') }),
      reason: /environment acme-web-prod of application acme-web uses enhanced health reporting/,
    },
    {
      name: 'terminated environment left out',
      evidence: beanstalk({ env: environment('old', { Status: 'Terminated' }), settings: 'missing' }),
    },
    { name: 'no environments', evidence: beanstalk() },
  ],
  fail: [
    {
      name: 'basic health reporting, beside an enhanced one',
      evidence: beanstalk(
        { env: environment('acme-web-prod') },
        { env: environment('acme-web-dev'), settings: optionSettings({ systemType: 'basic' }) },
      ),
      reason: /environment acme-web-dev of application acme-web has health reporting SystemType basic \(required: enhanced\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'settings without SystemType',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: optionSettings({ systemType: undefined }) }),
      reason: /DescribeConfigurationSettings shows no SystemType \(required: enhanced\)/,
    },
    {
      name: 'environment terminated before its settings were asked for',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: 'not-found' }),
      reason: /acme-web-prod of application acme-web no longer existed when its configuration was asked for/,
    },
    {
      name: 'settings call denied for one environment',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: 'missing' }, { env: environment('acme-web-dev') }),
      collectionError: {
        service: 'elasticbeanstalk',
        operation: 'DescribeConfigurationSettings',
        code: 'AccessDenied',
        region: 'us-east-1',
      },
      reason: /elasticbeanstalk:DescribeConfigurationSettings .*AccessDenied/,
    },
    {
      name: 'ConfigurationSettings is not a list',
      evidence: (() => {
        const e = beanstalk({ env: environment('acme-web-prod') });
        const files = e.files ?? [];
        return {
          files: files.map((f) => (f.operation === 'DescribeConfigurationSettings' ? { ...f, body: { ConfigurationSettings: 'x' } } : f)),
        };
      })(),
      reason: /DescribeConfigurationSettings of acme-web-prod could not be read: ConfigurationSettings is "x", not a list/,
    },
    {
      name: 'environment without EnvironmentName',
      evidence: beanstalk({ env: environment('acme-web-prod', { EnvironmentName: undefined }), settings: 'missing' }),
      reason: /lacks EnvironmentName or ApplicationName/,
    },
    {
      name: 'DescribeEnvironments denied in eu-west-1',
      evidence: { files: (beanstalk({ env: environment('acme-web-prod') }).files ?? []).filter((f) => f.region === 'us-east-1') },
      collectionError: { service: 'elasticbeanstalk', operation: 'DescribeEnvironments', code: 'AccessDenied', region: 'eu-west-1' },
      reason:
        /elasticbeanstalk:DescribeEnvironments IncludeDeleted=false in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
