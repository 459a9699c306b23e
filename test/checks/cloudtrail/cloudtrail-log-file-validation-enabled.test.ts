import check from '../../../src/checks/cloudtrail/cloudtrail-log-file-validation-enabled.js';
import { callError, describeTrails, trail } from '../../helpers/aws-builders.js';
import { without } from '../../helpers/cloudtrail-builders.js';
import { findingsFor, testCheck } from '../../helpers/test-check.js';
import { expect, it } from 'vitest';

const main = () => trail('main-trail');
const legacy = (fields = {}) => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, ...fields });

const remote = (fields = {}) => trail('org-trail', { HomeRegion: 'ap-south-1', ...fields });

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
    {
      name: 'multi-region trail homed outside the regions in scope, judged in the first region that lists it',
      evidence: { files: [describeTrails('us-east-1', [remote()]), describeTrails('eu-west-1', [remote()])] },
    },
    {
      name: 'trail listed without Name and HomeRegion, both derived from its ARN',
      evidence: { files: [describeTrails('us-east-1', [without(main(), 'Name', 'HomeRegion')]), describeTrails('eu-west-1', [])] },
    },
  ],
  fail: [
    {
      name: 'no trail in any region: nothing is logged (not a vacuous pass)',
      evidence: { files: [describeTrails('us-east-1', []), describeTrails('eu-west-1', [])] },
      reason: /DescribeTrails lists no trail in any region in scope: CloudTrail logs nothing in account 111122223333/,
    },
    {
      name: 'multi-region trail homed outside the regions in scope fails (it used to be skipped)',
      evidence: {
        files: [
          describeTrails('us-east-1', [remote({ LogFileValidationEnabled: false })]),
          describeTrails('eu-west-1', [remote({ LogFileValidationEnabled: false })]),
        ],
      },
      reason: /trail org-trail has log file validation disabled \(LogFileValidationEnabled false, required true\)/,
    },
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
      name: 'the regions in scope list a trail homed elsewhere with contradicting settings',
      evidence: {
        files: [describeTrails('us-east-1', [remote()]), describeTrails('eu-west-1', [remote({ LogFileValidationEnabled: false })])],
      },
      reason: /DescribeTrails in eu-west-1 and us-east-1 disagree on LogFileValidationEnabled \(false and true\)/,
    },
    {
      name: 'a trail record without TrailARN or HomeRegion is not evaluated, the others are',
      evidence: {
        files: [describeTrails('us-east-1', [main(), without(main(), 'TrailARN', 'HomeRegion')]), describeTrails('eu-west-1', [main()])],
      },
      reason: /a record could not be read \(the trail lacks HomeRegion and a TrailARN to derive it from\)/,
    },
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

it('log-file-validation-enabled: judges a trail homed outside the regions in scope exactly once', async () => {
  const findings = await findingsFor(
    check,
    '2026-09-30T00:00:00Z',
    {},
    { name: 'once', evidence: { files: [describeTrails('us-east-1', [remote()]), describeTrails('eu-west-1', [remote()])] } },
  );
  expect(findings.map((f) => [f.region, f.resource])).toEqual([
    ['eu-west-1', remote().TrailARN],
    ['us-east-1', '111122223333/us-east-1'],
  ]);
});
