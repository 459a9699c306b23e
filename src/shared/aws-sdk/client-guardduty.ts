// What auditpack uses of @aws-sdk/client-guardduty: the build bundles only these (see ./README.md).
export { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
