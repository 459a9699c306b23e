import type { TestFile } from '../../helpers/bundle-builder.js';

/** GuardDuty evidence as the SDK v3 returns it (the collector stores the parsed answer). */

export const DETECTOR = '12abc34d567e8fa901bc2d34e56789f0';
export const OTHER_DETECTOR = '6cb8d1a2f3e4d5c6b7a8f9e0d1c2b3a4';

/** `guardduty:ListDetectors` of a region. */
export function listDetectors(region: string, ids: unknown[]): TestFile {
  return { region, service: 'guardduty', operation: 'ListDetectors', body: { DetectorIds: ids } };
}

/** `guardduty:GetDetector` of a detector: ENABLED, created 2024, unless overridden (undefined drops a field). */
export function getDetector(region: string, id: string, fields: Record<string, unknown> = {}): TestFile {
  return {
    region,
    service: 'guardduty',
    operation: 'GetDetector',
    parameters: { DetectorId: id },
    body: {
      CreatedAt: '2024-03-11T15:10:42.311Z',
      FindingPublishingFrequency: 'SIX_HOURS',
      ServiceRole: 'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
      Status: 'ENABLED',
      UpdatedAt: '2026-01-08T09:12:00.000Z',
      Tags: {},
      ...fields,
    },
  };
}
