import check from '../../../src/checks/guardduty/guardduty-detector-enabled.js';
import { callError } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { DETECTOR, getDetector, listDetectors, OTHER_DETECTOR } from './builders.js';

/** eu-west-1 enabled; us-east-1 with these detectors and GetDetector answers. */
const east = (ids: unknown[], ...details: ReturnType<typeof getDetector>[]) => ({
  files: [listDetectors('eu-west-1', [DETECTOR]), getDetector('eu-west-1', DETECTOR), listDetectors('us-east-1', ids), ...details],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'a detector ENABLED in each region',
      evidence: east([DETECTOR], getDetector('us-east-1', DETECTOR)),
      reason: /detector 12abc34d567e8fa901bc2d34e56789f0 is ENABLED in us-east-1/,
    },
    {
      name: 'one DISABLED and one ENABLED detector',
      evidence: east(
        [OTHER_DETECTOR, DETECTOR],
        getDetector('us-east-1', OTHER_DETECTOR, { Status: 'DISABLED' }),
        getDetector('us-east-1', DETECTOR),
      ),
    },
    {
      name: 'an ENABLED detector beside one whose GetDetector was denied (the region is covered)',
      evidence: {
        ...east([OTHER_DETECTOR, DETECTOR], getDetector('us-east-1', DETECTOR)),
        errors: [callError('guardduty', 'GetDetector', 'AccessDeniedException', 'us-east-1', { DetectorId: OTHER_DETECTOR })],
      },
    },
    {
      name: 'ENABLED detector created exactly at collection',
      evidence: east([DETECTOR], getDetector('us-east-1', DETECTOR, { CreatedAt: '2026-09-30T00:00:00.000Z', UpdatedAt: undefined })),
    },
  ],
  fail: [
    {
      name: 'no detector in us-east-1',
      evidence: east([]),
      reason: /ListDetectors lists no GuardDuty detector in us-east-1 \(required: a detector with Status ENABLED\)/,
    },
    {
      name: 'DetectorIds omitted (no detector)',
      evidence: {
        files: [
          listDetectors('eu-west-1', [DETECTOR]),
          getDetector('eu-west-1', DETECTOR),
          { region: 'us-east-1', service: 'guardduty', operation: 'ListDetectors', body: {} },
        ],
      },
      reason: /lists no GuardDuty detector in us-east-1/,
    },
    {
      name: 'the only detector is DISABLED (suspended)',
      evidence: east([DETECTOR], getDetector('us-east-1', DETECTOR, { Status: 'DISABLED' })),
      reason: /detector 12abc34d567e8fa901bc2d34e56789f0 is DISABLED in us-east-1/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetDetector without Status',
      evidence: east([DETECTOR], getDetector('us-east-1', DETECTOR, { Status: undefined })),
      reason: /GetDetector gives no Status/,
    },
    {
      name: 'GetDetector with Status not text',
      evidence: east([DETECTOR], getDetector('us-east-1', DETECTOR, { Status: true })),
      reason: /GetDetector gives no Status/,
    },
    {
      name: 'ENABLED but updated after collection ended',
      evidence: east([DETECTOR], getDetector('us-east-1', DETECTOR, { UpdatedAt: '2026-10-01T00:00:00.000Z' })),
      reason: /UpdatedAt 2026-10-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'the only detector DISABLED and another id not text',
      evidence: east([DETECTOR, 42], getDetector('us-east-1', DETECTOR, { Status: 'DISABLED' })),
      reason: /detector 2 is 42, not a detector id/,
    },
    { name: 'GetDetector missing from the bundle', evidence: east([DETECTOR]), reason: /GetDetector.*not in the bundle/ },
    {
      name: 'GetDetector denied',
      evidence: {
        ...east([DETECTOR]),
        errors: [callError('guardduty', 'GetDetector', 'AccessDeniedException', 'us-east-1', { DetectorId: DETECTOR })],
      },
      reason:
        /GetDetector DetectorId=12abc34d567e8fa901bc2d34e56789f0 in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
    {
      name: 'DetectorIds not a list: malformed evidence',
      evidence: {
        files: [
          listDetectors('eu-west-1', [DETECTOR]),
          getDetector('eu-west-1', DETECTOR),
          { region: 'us-east-1', service: 'guardduty', operation: 'ListDetectors', body: { DetectorIds: DETECTOR } },
        ],
      },
      reason: /DetectorIds is .*not a list/,
    },
    {
      name: 'ListDetectors denied in us-east-1',
      evidence: { files: [listDetectors('eu-west-1', [DETECTOR]), getDetector('eu-west-1', DETECTOR)] },
      collectionError: { service: 'guardduty', operation: 'ListDetectors', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /guardduty:ListDetectors in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
  ],
});
