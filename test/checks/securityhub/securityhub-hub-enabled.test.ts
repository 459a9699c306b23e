import check from '../../../src/checks/securityhub/securityhub-hub-enabled.js';
import { describeHub } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'hub answers without HubArn or SubscribedAt: the ARN is derived',
      evidence: { files: [{ ...describeHub('us-east-1', 'enabled'), body: { AutoEnableControls: true } }, describeHub('eu-west-1', 'enabled')] },
      reason: /arn:aws:securityhub:us-east-1:111122223333:hub\/default\)/,
    },
    {
      name: 'hub in both regions',
      evidence: { files: [describeHub('us-east-1', 'enabled'), describeHub('eu-west-1', 'enabled')] },
      reason: /Security Hub is enabled in us-east-1 \(arn:aws:securityhub:us-east-1:111122223333:hub\/default, since 2024-03-12\)/,
    },
  ],
  fail: [
    {
      name: 'not subscribed in either region',
      evidence: { files: [describeHub('us-east-1', 'not-subscribed'), describeHub('eu-west-1', 'not-subscribed')] },
      reason: /Security Hub is not enabled in us-east-1/,
    },
    {
      name: 'not subscribed in eu-west-1',
      evidence: { files: [describeHub('us-east-1', 'enabled'), describeHub('eu-west-1', 'not-subscribed')] },
      reason: /Security Hub is not enabled in eu-west-1 .*required: enabled/,
    },
  ],
  notEvaluated: [
    {
      name: 'hub subscribed after collection ended',
      evidence: { files: [describeHub('eu-west-1', 'enabled'), { ...describeHub('us-east-1', 'enabled'), body: { HubArn: 'arn:aws:securityhub:us-east-1:111122223333:hub/default', SubscribedAt: '2027-01-01T00:00:00.000Z' } }] },
      reason: /SubscribedAt 2027-01-01T00:00:00.000Z, after collection ended/,
    },
    {
      name: 'DescribeHub denied in us-east-1',
      evidence: { files: [describeHub('eu-west-1', 'enabled')] },
      collectionError: { service: 'securityhub', operation: 'DescribeHub', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /securityhub:DescribeHub in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
  ],
});
