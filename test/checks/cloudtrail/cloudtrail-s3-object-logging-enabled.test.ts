import check from '../../../src/checks/cloudtrail/cloudtrail-s3-object-logging-enabled.js';
import { callError, classicSelector, describeTrails, eventSelectors, trail, trailStatus } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const main = () => trail('main-trail');
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
  ],
  fail: [
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
