import check from '../../../src/checks/cloudtrail/cloudtrail-multi-region-trail-logging.js';
import {
  advancedManagementSelector,
  callError,
  classicSelector,
  compliantTrailFiles,
  describeTrails,
  eventSelectors,
  trail,
  trailStatus,
} from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const main = () => trail('main-trail');
const regional = () => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false });
const trailsDenied = (region: string) => callError('cloudtrail', 'DescribeTrails', 'AccessDenied', region, { includeShadowTrails: true });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'multi-region trail logging with the classic all-management selector',
      evidence: { files: compliantTrailFiles() },
      reason: /main-trail is multi-region, logging/,
    },
    {
      name: 'multi-region trail with an advanced management selector and no readOnly field',
      evidence: {
        files: [
          describeTrails('us-east-1', [main()]),
          describeTrails('eu-west-1', [main()]),
          trailStatus(main()),
          eventSelectors(main(), { AdvancedEventSelectors: [advancedManagementSelector()] }),
        ],
      },
    },
    {
      name: 'compliant trail found in us-east-1 while eu-west-1 DescribeTrails was denied',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), trailStatus(main()), eventSelectors(main())],
        errors: [trailsDenied('eu-west-1')],
      },
    },
  ],
  fail: [
    {
      name: 'no trail in any region',
      evidence: { files: [describeTrails('us-east-1', []), describeTrails('eu-west-1', [])] },
      reason: /no CloudTrail trail in any region/,
    },
    {
      name: 'only a single-region trail',
      evidence: {
        files: [
          describeTrails('us-east-1', []),
          describeTrails('eu-west-1', [regional()]),
          trailStatus(regional()),
          eventSelectors(regional()),
        ],
      },
      reason: /no multi-region trail \(only 1 single-region trails\)/,
    },
    {
      name: 'multi-region trail is not logging',
      evidence: {
        files: [
          describeTrails('us-east-1', [main()]),
          describeTrails('eu-west-1', [main()]),
          trailStatus(main(), false),
          eventSelectors(main()),
        ],
      },
      reason: /main-trail is not logging/,
    },
    {
      name: 'classic selector records write-only management events',
      evidence: {
        files: [
          describeTrails('us-east-1', [main()]),
          describeTrails('eu-west-1', [main()]),
          trailStatus(main()),
          eventSelectors(main(), { EventSelectors: [classicSelector('WriteOnly')] }),
        ],
      },
      reason: /does not record both read and write management events/,
    },
    {
      name: 'advanced selector limited to readOnly true',
      evidence: {
        files: [
          describeTrails('us-east-1', [main()]),
          describeTrails('eu-west-1', [main()]),
          trailStatus(main()),
          eventSelectors(main(), { AdvancedEventSelectors: [advancedManagementSelector('true')] }),
        ],
      },
      reason: /does not record both read and write/,
    },
  ],
  notEvaluated: [
    {
      name: 'eu-west-1 DescribeTrails denied and the us-east-1 trail is not logging',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), trailStatus(main(), false), eventSelectors(main())],
        errors: [trailsDenied('eu-west-1')],
      },
      reason: /cloudtrail:DescribeTrails includeShadowTrails=true in 111122223333\/eu-west-1 failed during collection: AccessDenied/,
    },
    {
      name: 'GetTrailStatus of the only multi-region trail denied',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main()]), eventSelectors(main())],
        errors: [callError('cloudtrail', 'GetTrailStatus', 'AccessDenied', 'us-east-1', { Name: main().TrailARN })],
      },
      reason: /GetTrailStatus .* failed during collection: AccessDenied/,
    },
    {
      name: 'DescribeTrails denied in every region',
      evidence: { errors: [trailsDenied('us-east-1'), trailsDenied('eu-west-1')] },
      reason: /us-east-1 failed/,
    },
  ],
});
