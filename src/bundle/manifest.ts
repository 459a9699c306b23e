/** Types of an evidence bundle's manifest.json, format version 1 (docs/bundle-format.md). */

/** One raw evidence file: what was called, where, and the file's digest. */
export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  account: string;
  /** An AWS region code, or `global`. */
  region: string;
  service: string;
  operation: string;
  parameters: Record<string, unknown>;
  /** 2 and up for later pages of a paginated call; absent on the first page. */
  page?: number;
  collectedAt: string;
  /** `not-found`: AWS answered that the thing does not exist (NoSuchEntity, …): evidence of absence. */
  status: 'ok' | 'not-found';
  contentType?: 'application/json' | 'text/csv';
  /** Response fields kept beside a non-JSON body (the credential report's GeneratedTime). */
  fields?: Record<string, unknown>;
}

/** A call that failed during collection; whatever needed it is NOT_EVALUATED. */
export interface CollectionError {
  account: string;
  region: string;
  service: string;
  operation: string;
  parameters?: Record<string, unknown>;
  code: string;
  message: string;
  httpStatus?: number;
  at?: string;
}

/** A file added after collection (attestations.yaml, evidence an attestation cites), hashed like evidence. */
export interface Attachment {
  path: string;
  sha256: string;
  size: number;
}

/** The whole manifest.json. */
export interface Manifest {
  formatVersion: 1;
  bundleId: string;
  tool: { name: string; version: string };
  collection: { startedAt: string; finishedAt: string; complete: boolean };
  scope: { accounts: { id: string; name?: string }[]; regions: string[] };
  files: ManifestFile[];
  errors: CollectionError[];
  /** Attestations and their evidence, under attestations/ (absent until the first `auditpack attest`). */
  attestations?: Attachment[];
}

/** `iam:GetCredentialReport in 111122223333/global` — how a call is named in messages. */
export function describeCall(call: {
  account: string;
  region: string;
  service: string;
  operation: string;
  parameters?: Record<string, unknown>;
}): string {
  const params = call.parameters && Object.keys(call.parameters).length > 0 ? ` ${formatParams(call.parameters)}` : '';
  return `${call.service}:${call.operation}${params} in ${call.account}/${call.region}`;
}

function formatParams(parameters: Record<string, unknown>): string {
  return Object.entries(parameters)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
