import check from '../../../src/checks/elasticbeanstalk/elasticbeanstalk-environment-managed-updates-enabled.js';
import { beanstalk, environment, optionSettings } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { updateLevel: 'any' },
  pass: [
    {
      name: 'managed updates on, any level',
      evidence: beanstalk({ env: environment('acme-web-prod') }),
      reason: /environment acme-web-prod of application acme-web has managed platform updates on at UpdateLevel minor/,
    },
    {
      name: 'managed updates on in upper case, no level required',
      evidence: beanstalk({
        env: environment('acme-web-prod'),
        settings: optionSettings({ managedActions: 'TRUE', updateLevel: undefined }),
      }),
    },
    {
      name: 'level required and matched',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: optionSettings({ updateLevel: 'patch' }) }),
      params: { updateLevel: 'patch' },
    },
    { name: 'no environments', evidence: beanstalk() },
  ],
  fail: [
    {
      name: 'managed updates off',
      evidence: beanstalk(
        { env: environment('acme-web-prod') },
        { env: environment('acme-web-dev'), settings: optionSettings({ managedActions: 'false' }) },
      ),
      reason:
        /environment acme-web-dev of application acme-web has ManagedActionsEnabled false: managed platform updates are off \(required: true\)/,
    },
    {
      name: 'level required and different',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: optionSettings({ updateLevel: 'minor' }) }),
      params: { updateLevel: 'patch' },
      reason: /at UpdateLevel minor \(required: patch\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'settings without ManagedActionsEnabled',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: optionSettings({ managedActions: undefined }) }),
      reason: /shows no ManagedActionsEnabled \(required: true\)/,
    },
    {
      name: 'ManagedActionsEnabled is neither true nor false',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: optionSettings({ managedActions: 'yes' }) }),
      reason: /shows no ManagedActionsEnabled/,
    },
    {
      name: 'level required and not in the answer',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: optionSettings({ updateLevel: undefined }) }),
      params: { updateLevel: 'minor' },
      reason: /shows no UpdateLevel \(required: minor\)/,
    },
    {
      name: 'environment terminated before its settings were asked for',
      evidence: beanstalk({ env: environment('acme-web-prod'), settings: 'not-found' }),
      reason: /no longer existed/,
    },
    {
      name: 'DescribeEnvironments denied in us-east-1',
      evidence: { files: (beanstalk().files ?? []).filter((f) => f.region === 'eu-west-1') },
      collectionError: { service: 'elasticbeanstalk', operation: 'DescribeEnvironments', code: 'AccessDenied', region: 'us-east-1' },
      reason: /failed during collection: AccessDenied/,
    },
  ],
});
