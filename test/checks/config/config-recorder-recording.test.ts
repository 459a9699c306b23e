import check from '../../../src/checks/config/config-recorder-recording.js';
import { configFiles, recorder, recorderStatus } from '../../helpers/aws-builders.js';
import { configuredRegion, deliveryChannels, describeRegions, exclusionGroup, inclusionGroup } from '../../helpers/config-builders.js';
import { testCheck } from '../../helpers/test-check.js';

// us-east-1 is fully configured (with global resource types) in every case; eu-west-1 varies.
const east = () => configuredRegion('us-east-1');
const { name: _name, ...nameless } = recorder();

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'every region records all types, is recording with SUCCESS and has a delivery channel',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1')] },
      reason:
        /recorder default records all supported resource types and is recording \(last status SUCCESS\).*delivery channel default delivers to bucket acme-config-111122223333.*global resource types are recorded by recorder default in eu-west-1/,
    },
    {
      name: 'global resource types recorded in one region only (the procedure needs them in one region)',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1', { global: false })] },
      reason: /global resource types are recorded by recorder default in us-east-1/,
    },
    {
      name: 'recording strategy ALL_SUPPORTED_RESOURCE_TYPES spelled out, as current AWS answers',
      evidence: {
        files: [
          ...east(),
          ...configuredRegion('eu-west-1', {
            recorder: {
              recordingGroup: {
                allSupported: true,
                includeGlobalResourceTypes: true,
                resourceTypes: [],
                exclusionByResourceTypes: { resourceTypes: [] },
                recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
              },
            },
          }),
        ],
      },
    },
    {
      name: 'recorder listed without a name, matched to its status by the name in its ARN',
      evidence: { files: [...east(), ...configFiles('eu-west-1', [nameless], [recorderStatus()]), deliveryChannels('eu-west-1')] },
      regions: ['eu-west-1'],
    },
    {
      name: 'a service-linked recorder beside the customer recorder is not judged',
      evidence: {
        files: [
          ...east(),
          ...configFiles(
            'eu-west-1',
            [
              recorder(),
              recorder('linked', { servicePrincipal: 'securityhub.amazonaws.com', recordingGroup: inclusionGroup('AWS::EC2::Instance') }),
            ],
            [recorderStatus(), recorderStatus('linked', { recording: false })],
          ),
          deliveryChannels('eu-west-1'),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'no recorder in eu-west-1 while us-east-1 records',
      evidence: { files: [...east(), ...configFiles('eu-west-1', [], []), deliveryChannels('eu-west-1', [])] },
      reason: /^no configuration recorder in eu-west-1/,
    },
    {
      name: 'recorder limited to two resource types (INCLUSION_BY_RESOURCE_TYPES)',
      evidence: {
        files: [
          ...east(),
          ...configuredRegion('eu-west-1', { recorder: { recordingGroup: inclusionGroup('AWS::S3::Bucket', 'AWS::IAM::Role') } }),
        ],
      },
      reason:
        /recorder default records only 2 resource types \(INCLUSION_BY_RESOURCE_TYPES\) \(allSupported false; required: allSupported true\) in eu-west-1/,
    },
    {
      name: 'recorder excluding one resource type (EXCLUSION_BY_RESOURCE_TYPES)',
      evidence: {
        files: [
          ...east(),
          ...configuredRegion('eu-west-1', { recorder: { recordingGroup: exclusionGroup('AWS::EC2::NetworkInterface') } }),
        ],
      },
      reason: /recorder default excludes 1 resource type \(allSupported false/,
    },
    {
      name: 'recorder with allSupported omitted and resource types listed',
      evidence: {
        files: [...east(), ...configuredRegion('eu-west-1', { recorder: { recordingGroup: { resourceTypes: ['AWS::S3::Bucket'] } } })],
      },
      reason: /records only 1 resource type \(allSupported absent/,
    },
    {
      name: 'recorder stopped in eu-west-1',
      evidence: {
        files: [...east(), ...configuredRegion('eu-west-1', { status: { recording: false, lastStopTime: '2026-05-18T16:47:09.331Z' } })],
      },
      reason: /recorder default is not recording since 2026-05-18 \(recording false; required: true\) in eu-west-1/,
    },
    {
      name: 'recording but last delivery FAILURE',
      evidence: {
        files: [...east(), ...configuredRegion('eu-west-1', { status: { lastStatus: 'FAILURE', lastErrorCode: 'AccessDenied' } })],
      },
      reason: /last status is FAILURE, AccessDenied \(required: SUCCESS\)/,
    },
    {
      name: 'last status still PENDING right after start (the procedure asks for SUCCESS)',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1', { status: { lastStatus: 'PENDING' } })] },
      reason: /last status is PENDING \(required: SUCCESS\)/,
    },
    {
      name: 'no delivery channel in eu-west-1',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1').slice(0, 2), deliveryChannels('eu-west-1', [])] },
      reason: /no delivery channel \(required: one delivering to an S3 bucket\) in eu-west-1/,
    },
    {
      name: 'no recorder includes global resource types, and every enabled region is in scope',
      evidence: {
        files: [
          ...configuredRegion('us-east-1', { global: false }),
          ...configuredRegion('eu-west-1', { global: false }),
          describeRegions(['eu-west-1', 'us-east-1']),
        ],
      },
      reason: /no recorder in the regions in scope includes global resource types/,
    },
    {
      name: 'only a service-linked recorder',
      evidence: {
        files: [
          ...east(),
          ...configFiles('eu-west-1', [recorder('linked', { servicePrincipal: 'securityhub.amazonaws.com' })], [recorderStatus('linked')]),
          deliveryChannels('eu-west-1'),
        ],
      },
      reason: /no configuration recorder in eu-west-1/,
    },
    {
      name: 'a stopped recorder fails even where the delivery channel listing is missing',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1', { status: { recording: false } }).slice(0, 2)] },
      reason: /recorder default is not recording/,
    },
  ],
  notEvaluated: [
    {
      name: 'recorder status denied in eu-west-1 while us-east-1 records',
      evidence: { files: [...east(), configFiles('eu-west-1', [recorder()], [])[0]!, deliveryChannels('eu-west-1')] },
      collectionError: {
        service: 'config',
        operation: 'DescribeConfigurationRecorderStatus',
        code: 'AccessDeniedException',
        region: 'eu-west-1',
      },
      reason: /config:DescribeConfigurationRecorderStatus in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
    {
      name: 'delivery channels denied',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1').slice(0, 2)] },
      collectionError: { service: 'config', operation: 'DescribeDeliveryChannels', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /delivery channels unknown: .*AccessDeniedException/,
    },
    {
      name: 'delivery channel without s3BucketName',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1').slice(0, 2), deliveryChannels('eu-west-1', [{ name: 'default' }])] },
      reason: /delivery channel default lists no s3BucketName/,
    },
    {
      name: 'recorder status changed after the collection ended',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1', { status: { lastStatusChangeTime: '2026-10-02T00:00:00.000Z' } })] },
      reason: /lastStatusChangeTime 2026-10-02T00:00:00.000Z is later than the collection/,
    },
    {
      name: 'recorder status with an unreadable time',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1', { status: { lastStartTime: 'yesterday' } })] },
      reason: /lastStartTime is not an ISO 8601 timestamp/,
    },
    {
      name: 'recorder without status',
      evidence: { files: [...east(), ...configFiles('eu-west-1', [recorder()], []), deliveryChannels('eu-west-1')] },
      reason: /recorder default has no status/,
    },
    {
      name: 'allSupported true contradicted by an exclusion strategy',
      evidence: {
        files: [
          ...east(),
          ...configuredRegion('eu-west-1', {
            recorder: {
              recordingGroup: {
                allSupported: true,
                includeGlobalResourceTypes: true,
                resourceTypes: [],
                recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
              },
            },
          }),
        ],
      },
      reason: /says allSupported true but recordingStrategy EXCLUSION_BY_RESOURCE_TYPES/,
    },
    {
      name: 'recorder without recordingGroup',
      evidence: { files: [...east(), ...configuredRegion('eu-west-1', { recorder: { recordingGroup: undefined } })] },
      reason: /lists no recordingGroup/,
    },
    {
      name: 'recorder without name or ARN is unreadable, the other region still evaluates',
      evidence: {
        files: [
          ...east(),
          ...configFiles('eu-west-1', [{ roleARN: recorder().roleARN, recordingGroup: recorder().recordingGroup }], [recorderStatus()]),
          deliveryChannels('eu-west-1'),
        ],
      },
      reason: /a record could not be read \(the recorder lacks name and an ARN/,
    },
    {
      name: 'no global resource types in scope and the bundle does not show the other enabled regions',
      evidence: { files: [...configuredRegion('us-east-1', { global: false }), ...configuredRegion('eu-west-1', { global: false })] },
      reason:
        /no recorder in the regions in scope includes global resource types .*, and a recorder elsewhere may: .*DescribeRegions was not collected/,
    },
    {
      name: 'no global resource types in scope and an enabled region was left out of scope',
      evidence: {
        files: [
          ...configuredRegion('us-east-1', { global: false }),
          ...configuredRegion('eu-west-1', { global: false }),
          describeRegions(['eu-west-1', 'us-east-1', 'ap-south-1']),
        ],
      },
      reason: /enabled regions outside the scope were not collected \(ap-south-1\)/,
    },
  ],
});
