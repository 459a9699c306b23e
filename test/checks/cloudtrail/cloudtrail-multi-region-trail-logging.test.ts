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
import { filedGlobally, trailStatusWith, without } from '../../helpers/cloudtrail-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const main = () => trail('main-trail');
const regional = () => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false });
const trailsDenied = (region: string) => callError('cloudtrail', 'DescribeTrails', 'AccessDenied', region, { includeShadowTrails: true });
/** A multi-region trail homed in ap-south-1, outside the bundle's regions. */
const remote = () => trail('org-trail', { HomeRegion: 'ap-south-1' });
/** The main trail listed in both regions, with this status and these selectors. */
const mainWith = (selectors: object, status = trailStatus(main())) => ({
  files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main()]), status, eventSelectors(main(), selectors)],
});
const classic = (fields: object) => ({ EventSelectors: [{ ...classicSelector('All'), ...fields }] });

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
    {
      name: 'multi-region trail homed outside the regions in scope, its status and selectors from its home region',
      evidence: {
        files: [
          describeTrails('us-east-1', [remote()]),
          describeTrails('eu-west-1', [remote()]),
          filedGlobally(trailStatus(remote())),
          filedGlobally(eventSelectors(remote())),
        ],
      },
      reason: /org-trail is multi-region, logging \(IsLogging true in ap-south-1\)/,
    },
    {
      name: 'classic selector with ReadWriteType and IncludeManagementEvents omitted (AWS defaults: All, true)',
      evidence: mainWith({ EventSelectors: [{ DataResources: [] }] }),
      reason: /ReadWriteType All \(omitted, the default\)/,
    },
    {
      name: 'trail listed without Name and HomeRegion, both derived from its ARN',
      evidence: {
        files: [
          describeTrails('us-east-1', [without(main(), 'Name', 'HomeRegion')]),
          describeTrails('eu-west-1', [without(main(), 'Name', 'HomeRegion')]),
          trailStatus(main()),
          eventSelectors(main()),
        ],
      },
    },
    {
      name: 'an unreadable trail record does not hide the compliant trail beside it',
      evidence: {
        files: [
          describeTrails('us-east-1', [main(), without(main(), 'TrailARN', 'HomeRegion')]),
          describeTrails('eu-west-1', [main()]),
          trailStatus(main()),
          eventSelectors(main()),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'multi-region trail homed outside the regions in scope is not logging',
      evidence: {
        files: [
          describeTrails('us-east-1', [remote()]),
          describeTrails('eu-west-1', [remote()]),
          filedGlobally(trailStatus(remote(), false)),
          filedGlobally(eventSelectors(remote())),
        ],
      },
      reason: /org-trail is not logging \(IsLogging false\)/,
    },
    {
      name: 'logging, but the classic selector excludes management events (data events only)',
      evidence: mainWith(classic({ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] })),
      reason: /IncludeManagementEvents false, ReadWriteType All/,
    },
    {
      name: 'classic selector records read-only management events',
      evidence: mainWith({ EventSelectors: [classicSelector('ReadOnly')] }),
      reason: /ReadWriteType ReadOnly/,
    },
    {
      name: 'classic selector excludes KMS events from management events',
      evidence: mainWith(classic({ ExcludeManagementEventSources: ['kms.amazonaws.com'] })),
      reason: /excluding kms.amazonaws.com/,
    },
    {
      name: 'advanced management selector excluding an event source',
      evidence: mainWith({
        AdvancedEventSelectors: [
          {
            Name: 'Management events',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Management'] },
              { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
            ],
          },
        ],
      }),
      reason: /eventSource \(not an equality\)/,
    },
    {
      name: 'advanced selector limited to readOnly false (writes only)',
      evidence: mainWith({ AdvancedEventSelectors: [advancedManagementSelector('false')] }),
      reason: /readOnly=false/,
    },
    {
      name: 'only an advanced selector for data events',
      evidence: mainWith({
        AdvancedEventSelectors: [
          {
            Name: 'S3',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            ],
          },
        ],
      }),
      reason: /eventCategory=Data/,
    },
    {
      name: 'no event selectors at all',
      evidence: mainWith({}),
      reason: /no event selectors/,
    },
    {
      name: 'IsMultiRegionTrail omitted counts as single-region',
      evidence: {
        files: [
          describeTrails('us-east-1', [without(main(), 'IsMultiRegionTrail')]),
          describeTrails('eu-west-1', []),
          trailStatus(main()),
          eventSelectors(main()),
        ],
      },
      reason: /no multi-region trail/,
    },
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
      reason: /no multi-region trail \(only 1 single-region trail; IsMultiRegionTrail must be true\)/,
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
      reason: /does not record all read and write management events \(classic: IncludeManagementEvents true, ReadWriteType WriteOnly\)/,
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
      reason:
        /does not record all read and write management events \(advanced "Management events": eventCategory=Management, readOnly=true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'the trail status was delivered after the collection ended',
      evidence: mainWith(
        { EventSelectors: [classicSelector('All')] },
        trailStatusWith(main(), {
          IsLogging: true,
          LatestDeliveryTime: '2026-10-03T00:00:00.000Z',
          StartLoggingTime: '2024-03-11T14:22:05.113Z',
        }),
      ),
      reason: /LatestDeliveryTime 2026-10-03T00:00:00.000Z is later than the collection/,
    },
    {
      name: 'logging, but stopped after it last started',
      evidence: mainWith(
        { EventSelectors: [classicSelector('All')] },
        trailStatusWith(main(), {
          IsLogging: true,
          StartLoggingTime: '2026-01-01T00:00:00.000Z',
          StopLoggingTime: '2026-02-01T00:00:00.000Z',
        }),
      ),
      reason: /IsLogging is true but StopLoggingTime .* is later than StartLoggingTime/,
    },
    {
      name: 'the trail status has an unreadable time',
      evidence: mainWith(
        { EventSelectors: [classicSelector('All')] },
        trailStatusWith(main(), { IsLogging: true, StartLoggingTime: 'last March' }),
      ),
      reason: /StartLoggingTime is not an ISO 8601 timestamp/,
    },
    {
      name: 'a trail record without TrailARN or HomeRegion, and no other compliant trail',
      evidence: { files: [describeTrails('us-east-1', [without(main(), 'TrailARN', 'HomeRegion')]), describeTrails('eu-west-1', [])] },
      reason: /main-trail: the trail lacks HomeRegion and a TrailARN to derive it from/,
    },
    {
      name: 'GetTrailStatus of a trail homed outside the regions in scope was not collected',
      evidence: {
        files: [describeTrails('us-east-1', [remote()]), describeTrails('eu-west-1', [remote()]), filedGlobally(eventSelectors(remote()))],
      },
      reason: /GetTrailStatus .*org-trail in 111122223333\/global is not in the bundle/,
    },
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
