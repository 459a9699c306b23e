import check from '../../../src/checks/ec2/ec2-ebs-default-encryption-enabled.js';
import { ebsDefault } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [{ name: 'enabled in both regions', evidence: { files: [ebsDefault('us-east-1', true), ebsDefault('eu-west-1', true)] } }],
  fail: [
    {
      name: 'disabled in eu-west-1 while enabled in us-east-1',
      evidence: { files: [ebsDefault('us-east-1', true), ebsDefault('eu-west-1', false)] },
      reason: /disabled in eu-west-1/,
    },
  ],
  notEvaluated: [
    {
      name: 'eu-west-1 call unauthorized while us-east-1 passes',
      evidence: { files: [ebsDefault('us-east-1', true)] },
      collectionError: { service: 'ec2', operation: 'GetEbsEncryptionByDefault', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:GetEbsEncryptionByDefault in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
