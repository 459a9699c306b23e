import check from '../../../src/checks/cloudtrail/cloudtrail-kms-encryption-enabled.js';
import { callError, describeTrails, trail } from '../../helpers/aws-builders.js';
import { without } from '../../helpers/cloudtrail-builders.js';
import { findingsFor, testCheck } from '../../helpers/test-check.js';
import { expect, it } from 'vitest';

const main = () => trail('main-trail');
const legacy = (fields = {}) => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, ...fields });
const { KmsKeyId: _kms, ...unencrypted } = legacy();

const remote = (fields = {}) => trail('org-trail', { HomeRegion: 'ap-south-1', ...fields });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'every trail has a KMS key',
      evidence: { files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), legacy()])] },
      reason: /encrypts logs with KMS key arn:aws:kms/,
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
        files: [describeTrails('us-east-1', [without(remote(), 'KmsKeyId')]), describeTrails('eu-west-1', [without(remote(), 'KmsKeyId')])],
      },
      reason: /trail org-trail has no KMS key \(KmsKeyId absent, required/,
    },
    {
      name: 'eu-west-1 trail without KmsKeyId while us-east-1 passes',
      evidence: { files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main(), unencrypted])] },
      reason: /trail legacy-eu-trail has no KMS key/,
    },
  ],
  notEvaluated: [
    {
      name: 'a shadow copy names a trail homed in eu-west-1 that eu-west-1 itself does not list',
      evidence: {
        files: [describeTrails('us-east-1', [main(), legacy({ IsMultiRegionTrail: true })]), describeTrails('eu-west-1', [main()])],
      },
      reason: /DescribeTrails in us-east-1 lists it as homed in eu-west-1, but eu-west-1's own DescribeTrails does not/,
    },
    {
      name: 'a trail record without TrailARN or HomeRegion is not evaluated, the others are',
      evidence: {
        files: [describeTrails('us-east-1', [main(), without(main(), 'TrailARN', 'HomeRegion')]), describeTrails('eu-west-1', [main()])],
      },
      reason: /a record could not be read \(the trail lacks HomeRegion and a TrailARN to derive it from\)/,
    },
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

it('kms-encryption-enabled: judges a trail homed outside the regions in scope exactly once', async () => {
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
