import check from '../../../src/checks/cloudtrail/cloudtrail-log-file-validation-enabled.js';
import { callError, describeTrails, trail } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const main = () => trail('main-trail');
const legacy = (fields = {}) => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, ...fields });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'multi-region trail validated, judged once in its home region',
      evidence: { files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main()])] },
    },
    {
      name: 'both regions have validated trails',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), legacy({ LogFileValidationEnabled: true })])],
      },
    },
  ],
  fail: [
    {
      name: 'eu-west-1 trail without validation while the us-east-1 trail passes',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), legacy({ LogFileValidationEnabled: false })])],
      },
      reason: /trail legacy-eu-trail has log file validation disabled/,
    },
  ],
  notEvaluated: [
    {
      name: 'eu-west-1 DescribeTrails denied while us-east-1 passes',
      evidence: {
        files: [describeTrails('us-east-1', [main()])],
        errors: [callError('cloudtrail', 'DescribeTrails', 'AccessDenied', 'eu-west-1', { includeShadowTrails: true })],
      },
      reason: /eu-west-1 failed during collection: AccessDenied/,
    },
  ],
});
