import check from '../../../src/checks/cloudtrail/cloudtrail-kms-encryption-enabled.js';
import { callError, describeTrails, trail } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const main = () => trail('main-trail');
const legacy = () => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false });
const { KmsKeyId: _kms, ...unencrypted } = legacy();

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'every trail has a KMS key',
      evidence: { files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), legacy()])] },
      reason: /encrypts logs with KMS key arn:aws:kms/,
    },
  ],
  fail: [
    {
      name: 'eu-west-1 trail without KmsKeyId while us-east-1 passes',
      evidence: { files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), unencrypted])] },
      reason: /trail legacy-eu-trail has no KMS key/,
    },
  ],
  notEvaluated: [
    {
      name: 'us-east-1 DescribeTrails denied',
      evidence: {
        files: [describeTrails('eu-west-1', [main(), legacy()])],
        errors: [callError('cloudtrail', 'DescribeTrails', 'AccessDenied', 'us-east-1', { includeShadowTrails: true })],
      },
      reason: /AccessDenied/,
    },
    { name: 'DescribeTrails not collected in either region', evidence: { files: [] }, reason: /not in the bundle/ },
  ],
});
