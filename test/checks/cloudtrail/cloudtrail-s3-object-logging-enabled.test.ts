import check from '../../../src/checks/cloudtrail/cloudtrail-s3-object-logging-enabled.js';
import { callError, classicSelector, describeTrails, eventSelectors, trail, trailStatus } from '../../helpers/aws-builders.js';
import { filedGlobally, trailStatusWith } from '../../helpers/cloudtrail-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const main = () => trail('main-trail');
const remote = () => trail('org-trail', { HomeRegion: 'ap-south-1' });
const regional = () => trail('legacy-eu-trail', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false });
/** The main trail in both regions, logging, with these selectors. */
const mainWith = (selectors: object, logging = true) => ({
  files: [
    describeTrails('us-east-1', [main()]),
    describeTrails('eu-west-1', [main()]),
    trailStatus(main(), logging),
    eventSelectors(main(), selectors),
  ],
});
const classicData = (readWriteType: 'All' | 'ReadOnly' | 'WriteOnly', values = ['arn:aws:s3']) => ({
  EventSelectors: [{ ...classicSelector(readWriteType), DataResources: [{ Type: 'AWS::S3::Object', Values: values }] }],
});
const advancedData = (...extra: object[]) => ({
  AdvancedEventSelectors: [
    { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    {
      Name: 'S3 object events',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...extra],
    },
  ],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { events: 'write' },
  pass: [
    {
      name: 'classic selector, all S3 objects, ReadWriteType All',
      evidence: mainWith(classicData('All')),
      reason:
        /trail arn:aws:cloudtrail:us-east-1:111122223333:trail\/main-trail is multi-region, logging, and records S3 object write events for all buckets \(classic selector, ReadWriteType All\)/,
    },
    { name: 'classic selector WriteOnly with the arn:aws:s3::: prefix', evidence: mainWith(classicData('WriteOnly', ['arn:aws:s3:::'])) },
    {
      name: 'advanced selector for S3 objects, readOnly false',
      evidence: mainWith(advancedData({ Field: 'readOnly', Equals: ['false'] })),
      reason: /advanced selector "S3 object events"/,
    },
    { name: 'read events with an advanced selector without readOnly', params: { events: 'read' }, evidence: mainWith(advancedData()) },
    {
      name: 'read events with a classic ReadOnly selector on arn:aws:s3',
      params: { events: 'read' },
      evidence: mainWith(classicData('ReadOnly')),
    },
    {
      name: 'write events with an advanced selector readOnly NotEquals true',
      evidence: mainWith(advancedData({ Field: 'readOnly', NotEquals: ['true'] })),
    },
    {
      name: 'classic selector with ReadWriteType omitted (AWS default All)',
      evidence: mainWith({
        EventSelectors: [{ IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
      }),
      reason: /ReadWriteType All/,
    },
    {
      name: 'multi-region trail homed outside the regions in scope records the events',
      evidence: {
        files: [
          describeTrails('us-east-1', [remote()]),
          describeTrails('eu-west-1', [remote()]),
          filedGlobally(trailStatus(remote())),
          filedGlobally(eventSelectors(remote(), classicData('All'))),
        ],
      },
      reason: /org-trail is multi-region, logging/,
    },
  ],
  fail: [
    {
      name: 'write events wanted, advanced selector limited to readOnly true',
      evidence: mainWith(advancedData({ Field: 'readOnly', Equals: ['true'] })),
    },
    {
      name: 'read events wanted, advanced selector readOnly NotEquals true',
      params: { events: 'read' },
      evidence: mainWith(advancedData({ Field: 'readOnly', NotEquals: ['true'] })),
    },
    {
      name: 'two named buckets only, not all current and future buckets',
      evidence: mainWith(classicData('All', ['arn:aws:s3:::acme-data-lake-raw/', 'arn:aws:s3:::acme-public-website/'])),
      reason:
        /selects S3 object write events only for arn:aws:s3:::acme-data-lake-raw\/, arn:aws:s3:::acme-public-website\/ \(required: all current and future buckets\)/,
    },
    {
      name: 'advanced selector limited to one bucket by resources.ARN',
      evidence: mainWith(advancedData({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::acme-data-lake-raw/'] })),
    },
    {
      name: 'advanced selector for S3 buckets (not objects)',
      evidence: mainWith({
        AdvancedEventSelectors: [
          {
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::S3::AccessPoint'] },
            ],
          },
        ],
      }),
    },
    {
      name: 'classic selector for Lambda data events only',
      evidence: mainWith({
        EventSelectors: [{ ...classicSelector('All'), DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }],
      }),
    },
    {
      name: 'multi-region trail homed outside the regions in scope is not logging',
      evidence: {
        files: [
          describeTrails('us-east-1', [remote()]),
          describeTrails('eu-west-1', [remote()]),
          filedGlobally(trailStatus(remote(), false)),
          filedGlobally(eventSelectors(remote(), classicData('All'))),
        ],
      },
      reason: /org-trail is not logging/,
    },
    {
      name: 'management events only',
      evidence: mainWith({ EventSelectors: [classicSelector('All')] }),
      reason: /no trail records S3 object write events for all buckets .*main-trail selects no S3 object write events for all buckets/,
    },
    {
      name: 'read events wanted, WriteOnly recorded',
      params: { events: 'read' },
      evidence: mainWith(classicData('WriteOnly')),
      reason: /S3 object read events/,
    },
    { name: 'one bucket only', evidence: mainWith(classicData('All', ['arn:aws:s3:::acme-data-lake-raw/'])) },
    { name: 'advanced selector limited to PutObject', evidence: mainWith(advancedData({ Field: 'eventName', Equals: ['PutObject'] })) },
    { name: 'the trail is not logging', evidence: mainWith(classicData('All'), false), reason: /main-trail is not logging/ },
    {
      name: 'only a single-region trail records them',
      evidence: {
        files: [
          describeTrails('us-east-1', []),
          describeTrails('eu-west-1', [regional()]),
          trailStatus(regional()),
          eventSelectors(regional(), classicData('All')),
        ],
      },
      reason: /legacy-eu-trail is single-region/,
    },
    {
      name: 'no trails',
      evidence: { files: [describeTrails('us-east-1', []), describeTrails('eu-west-1', [])] },
      reason: /no CloudTrail trail in any region/,
    },
  ],
  notEvaluated: [
    {
      name: 'the status of the only recording trail was delivered after the collection ended',
      evidence: {
        files: [
          describeTrails('us-east-1', [main()]),
          describeTrails('eu-west-1', [main()]),
          trailStatusWith(main(), { IsLogging: true, LatestDeliveryTime: '2026-12-01T00:00:00.000Z' }),
          eventSelectors(main(), classicData('All')),
        ],
      },
      reason: /later than the collection/,
    },
    {
      name: 'a trail record without TrailARN or HomeRegion, and no other recording trail',
      evidence: { files: [describeTrails('us-east-1', [{ Name: 'mystery', IsMultiRegionTrail: true }]), describeTrails('eu-west-1', [])] },
      reason: /mystery: the trail lacks HomeRegion/,
    },
    {
      name: 'GetEventSelectors of the only multi-region trail denied',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), describeTrails('eu-west-1', [main()]), trailStatus(main())],
        errors: [callError('cloudtrail', 'GetEventSelectors', 'AccessDenied', 'us-east-1', { TrailName: main().TrailARN })],
      },
      reason: /GetEventSelectors TrailName=arn:aws:cloudtrail:us-east-1:111122223333:trail\/main-trail .*AccessDenied/,
    },
    {
      name: 'eu-west-1 DescribeTrails denied and the us-east-1 trail records no data events',
      evidence: {
        files: [describeTrails('us-east-1', [main()]), trailStatus(main()), eventSelectors(main())],
        errors: [callError('cloudtrail', 'DescribeTrails', 'AccessDenied', 'eu-west-1', { includeShadowTrails: true })],
      },
      reason: /DescribeTrails includeShadowTrails=true in 111122223333\/eu-west-1 failed/,
    },
  ],
});
