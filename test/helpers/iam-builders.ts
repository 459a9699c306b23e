import { REPORT_COLUMNS, credentialReport, type ReportRow } from './aws-builders.js';
import type { TestFile } from './bundle-builder.js';

/** Builders for IAM evidence that is partial, malformed or contradictory (the shared ones build well-formed evidence). */

/** A copy of an SDK-shaped record without the named fields, as an implementation that omits optional fields returns it. */
export function without(record: object, ...fields: string[]): object {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of fields) delete copy[field];
  return copy;
}

/** A copy of an SDK-shaped record with some fields replaced. */
export function withFields(record: object, fields: Record<string, unknown>): object {
  return { ...(record as Record<string, unknown>), ...fields };
}

/** `iam:GetCredentialReport` with a GeneratedTime (a full ISO 8601 timestamp) and these rows after the root row. */
export function reportGenerated(generatedTime: string, users: ReportRow[], root?: ReportRow | null): TestFile {
  return credentialReport(users, root === undefined ? { generatedTime } : { generatedTime, root });
}

/** `iam:GetCredentialReport` holding only the header line. */
export function headerOnlyReport(): TestFile {
  return { service: 'iam', operation: 'GetCredentialReport', body: REPORT_COLUMNS.join(',') };
}

/** `iam:ListVirtualMFADevices` holding these devices. */
export function listVirtualMfaDevices(...devices: object[]): TestFile {
  return { service: 'iam', operation: 'ListVirtualMFADevices', body: { VirtualMFADevices: devices, IsTruncated: false } };
}
