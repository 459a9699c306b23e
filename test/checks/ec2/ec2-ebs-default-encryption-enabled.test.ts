import check from '../../../src/checks/ec2/ec2-ebs-default-encryption-enabled.js';
import { ebsDefault } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

/** A GetEbsEncryptionByDefault answer with any body. */
const answer = (region: string, body: object) => ({ region, service: 'ec2', operation: 'GetEbsEncryptionByDefault', body });

// CIS 5.1.1: in each region, get-ebs-encryption-by-default shows EbsEncryptionByDefault true.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'enabled in both regions',
      evidence: { files: [ebsDefault('us-east-1', true), ebsDefault('eu-west-1', true)] },
      reason: /enabled in us-east-1 \(required: enabled\)/,
    },
    {
      name: 'enabled without the optional SseType',
      evidence: { files: [answer('us-east-1', { EbsEncryptionByDefault: true }), ebsDefault('eu-west-1', true)] },
    },
  ],
  fail: [
    {
      name: 'disabled in eu-west-1 while enabled in us-east-1',
      evidence: { files: [ebsDefault('us-east-1', true), ebsDefault('eu-west-1', false)] },
      reason: /disabled in eu-west-1 \(required: enabled\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'eu-west-1 call unauthorized while us-east-1 passes',
      evidence: { files: [ebsDefault('us-east-1', true)] },
      collectionError: { service: 'ec2', operation: 'GetEbsEncryptionByDefault', code: 'UnauthorizedOperation', region: 'eu-west-1' },
      reason: /ec2:GetEbsEncryptionByDefault in 111122223333\/eu-west-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'an answer without EbsEncryptionByDefault',
      evidence: { files: [ebsDefault('us-east-1', true), answer('eu-west-1', { SseType: 'sse-ebs' })] },
      reason: /does not say/,
    },
    {
      name: 'EbsEncryptionByDefault as the text "true"',
      evidence: { files: [ebsDefault('us-east-1', true), answer('eu-west-1', { EbsEncryptionByDefault: 'true' })] },
      reason: /no boolean EbsEncryptionByDefault/,
    },
  ],
});
