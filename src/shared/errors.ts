/** Error codes a user can act on; `cli/main.ts` maps each to an exit code. */
export type ErrorCode =
  | 'USAGE'
  | 'BUNDLE_INVALID'
  | 'BUNDLE_INTEGRITY'
  | 'CATALOG_INVALID'
  | 'CHROMIUM_MISSING'
  | 'RENDER_FAILED'
  | 'KEY_INVALID'
  | 'SIGNATURE_INVALID'
  | 'REPORT_INTEGRITY'
  | 'ARCHIVE_INVALID'
  | 'ATTESTATION_INVALID'
  | 'IO';

/** A problem with the user's input or environment, phrased `<where>: <what is wrong>. <what to do>.` */
export class AuditpackError extends Error {
  readonly code: ErrorCode;
  /** Further lines, one problem each, when several were found at once. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'AuditpackError';
    this.code = code;
    this.details = details;
  }
}

/** Returns `error.message` for an Error, the string form of anything else. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
