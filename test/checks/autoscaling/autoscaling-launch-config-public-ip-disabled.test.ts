import check from '../../../src/checks/autoscaling/autoscaling-launch-config-public-ip-disabled.js';
import { launchConfig, launchConfigs } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'AssociatePublicIpAddress false',
      evidence: launchConfigs(launchConfig('web-v3', { AssociatePublicIpAddress: false })),
      reason: /launch configuration web-v3 has AssociatePublicIpAddress false/,
    },
    {
      name: 'AssociatePublicIpAddress not set',
      evidence: launchConfigs(launchConfig('web-v2')),
      reason: /launch configuration web-v2 does not set AssociatePublicIpAddress \(the subnet's setting applies\)/,
    },
    { name: 'no launch configurations', evidence: launchConfigs() },
  ],
  fail: [
    {
      name: 'AssociatePublicIpAddress true, beside a compliant one',
      evidence: launchConfigs(
        launchConfig('web-v3', { AssociatePublicIpAddress: false }),
        launchConfig('bastion', { AssociatePublicIpAddress: true }),
      ),
      reason:
        /launch configuration bastion has AssociatePublicIpAddress true: its instances get a public IP address \(required: not true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'AssociatePublicIpAddress is a string',
      evidence: launchConfigs(launchConfig('web-v3', { AssociatePublicIpAddress: 'true' })),
      reason: /AssociatePublicIpAddress is "true", not a boolean/,
    },
    {
      name: 'launch configuration without a name',
      evidence: launchConfigs(launchConfig('web-v3', { LaunchConfigurationName: undefined })),
      reason: /lacks LaunchConfigurationName/,
    },
    {
      name: 'launch configuration created after collection ended',
      evidence: launchConfigs(launchConfig('web-v3', { CreatedTime: '2026-10-01T00:00:00.000Z' })),
      reason: /CreatedTime 2026-10-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'LaunchConfigurations is not a list',
      evidence: { files: launchConfigs().files.map((f) => ({ ...f, body: { LaunchConfigurations: 'web-v3' } })) },
      reason: /LaunchConfigurations is "web-v3", not a list/,
    },
    {
      name: 'DescribeLaunchConfigurations denied in us-east-1',
      evidence: { files: launchConfigs().files.filter((f) => f.region === 'eu-west-1') },
      collectionError: { service: 'autoscaling', operation: 'DescribeLaunchConfigurations', code: 'AccessDenied', region: 'us-east-1' },
      reason: /autoscaling:DescribeLaunchConfigurations in 111122223333\/us-east-1 failed during collection: AccessDenied/,
    },
  ],
});
