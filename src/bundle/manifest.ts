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

/**
 * One shard of a sharded organisation run (`collect --organization --shard I/N`): which slice it is,
 * and the organisation it is a slice of (how many accounts, and the SHA-256 of their sorted ids, one
 * a line), so that `merge` can tell shards of one run from shards of different ones.
 */
export interface ShardRecord {
  index: number;
  count: number;
  organizationAccounts: number;
  accountsSha256: string;
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
  /** What kind of failure it was, decided at collection time; older bundles lack it ({@link errorCause} derives it). */
  cause?: ErrorCause;
}

/** A file added after collection (attestations.yaml, evidence an attestation cites), hashed like evidence. */
export interface Attachment {
  path: string;
  sha256: string;
  size: number;
}

/**
 * One shard a merged bundle was made from (`auditpack merge`): its identity and window, the accounts
 * it held, and copies of its manifest and signature under `shards/NNNN/`, hashed like evidence.
 */
export interface MergedShard {
  /** Its `collection.shard.index`; for bundles of unsharded runs, its position in bundle-id order. */
  index: number;
  bundleId: string;
  startedAt: string;
  finishedAt: string;
  accounts: string[];
  manifest: Attachment;
  /** Present when the shard was sealed; the signature was checked against this key when merging. */
  signature?: Attachment & { keyFingerprint: string };
}

/** Every file a manifest lists besides its evidence: attestation attachments and merged shards' manifests. */
export function attachmentsOf(manifest: Pick<Manifest, 'attestations' | 'shards'>): Attachment[] {
  return [
    ...(manifest.attestations ?? []),
    ...(manifest.shards ?? []).flatMap((shard) => [shard.manifest, ...(shard.signature ? [shard.signature] : [])]),
  ];
}

/** The folders of a bundle whose every file the manifest must list. */
export const LISTED_ROOTS = ['aws', 'attestations', 'shards'] as const;

/** The whole manifest.json. */
export interface Manifest {
  formatVersion: 1;
  bundleId: string;
  tool: { name: string; version: string };
  collection: { startedAt: string; finishedAt: string; complete: boolean; shard?: ShardRecord };
  scope: { accounts: { id: string; name?: string }[]; regions: string[] };
  files: ManifestFile[];
  errors: CollectionError[];
  /** Attestations and their evidence, under attestations/ (absent until the first `auditpack attest`). */
  attestations?: Attachment[];
  /** A merged bundle (`auditpack merge`): the shards it was made from, in index order. */
  shards?: MergedShard[];
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

/**
 * Why a call failed, as an auditor needs to act on it: `denied` — AWS refused the caller (missing
 * permission, rejected credentials); `throttled` — rate limits outlived the retries; `service-error`
 * — AWS answered with a server error; `unreachable` — no endpoint answered; `not-offered` — the
 * service, operation or region is not available to the account; `bad-answer` — an answer came but
 * could not be read; `other` — anything else (auditpack's own failures included).
 */
export type ErrorCause = 'denied' | 'throttled' | 'service-error' | 'unreachable' | 'not-offered' | 'bad-answer' | 'other';

/** Every {@link ErrorCause}, for schemas and tests. */
export const ERROR_CAUSES: readonly ErrorCause[] = [
  'bad-answer',
  'denied',
  'not-offered',
  'other',
  'service-error',
  'throttled',
  'unreachable',
];

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  'ForbiddenException',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'UnauthorizedOperation',
  'AccountNotAuthorized',
]);
// Credentials AWS did not accept. In an opt-in region that is not enabled, AWS answers the same
// way, because the account's credentials are not valid there.
const CREDENTIALS_REJECTED = new Set([
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'InvalidAccessKeyId',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'InvalidToken',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);
const THROTTLED = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const SERVICE_ERROR = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerErrorException',
  'InternalServerException',
  'InternalServiceError',
  'InternalServiceErrorException',
  'InternalServiceException',
  'ServiceFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServerException',
  'Unavailable',
]);
const NOT_OFFERED = new Set([
  'InvalidAction',
  'OptInRequired',
  'SubscriptionRequiredException',
  'UnknownOperation',
  'UnknownOperationException',
  'UnsupportedOperation',
  'UnsupportedOperationException',
]);
// Node's codes for a request that got no answer (the SDK names some of them TimeoutError).
const UNREACHABLE = new Set([
  'EAI_AGAIN',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'NetworkingError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
// Regions every account has enabled; regions AWS opened since 2019 are opt-in.
const DEFAULT_REGIONS = new Set([
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);

/** True for a commercial-partition region an account must enable before use (af-south-1, me-central-1, …). */
export function isOptInRegion(region: string): boolean {
  if (region === 'global' || DEFAULT_REGIONS.has(region)) return false;
  // GovCloud, China and the isolated partitions have their own rules; treat them as not opt-in.
  return !/^(us-gov-|cn-|us-iso)/.test(region);
}

// What the SDK says when it could not parse a body: "Deserialization error: … inspect the hidden
// field {error}.$response", an XML parse error, or JSON.parse's SyntaxError text.
const UNREADABLE =
  /Deserialization error|\$response|XML parse error|not valid JSON|Unexpected token|Unexpected end of JSON|in JSON at position/i;

/**
 * The cause of a failed call: the one recorded at collection time, or, for bundles written before
 * causes were recorded, one derived from its code, message and HTTP status.
 */
export function errorCause(error: Pick<CollectionError, 'code' | 'message' | 'httpStatus' | 'region' | 'operation' | 'cause'>): ErrorCause {
  if (error.cause !== undefined && ERROR_CAUSES.includes(error.cause)) return error.cause;
  const { code, httpStatus: status } = error;
  const message = typeof error.message === 'string' ? error.message : '';
  if (error.operation === 'AuditpackCollect') return 'other';
  if (THROTTLED.has(code) || status === 429) return 'throttled';
  if (CREDENTIALS_REJECTED.has(code)) return isOptInRegion(error.region) ? 'not-offered' : 'denied';
  if (DENIED.has(code)) return 'denied';
  if (NOT_OFFERED.has(code)) return 'not-offered';
  if (status !== undefined && status >= 500) return 'service-error';
  if (SERVICE_ERROR.has(code)) return 'service-error';
  if (status === undefined && (UNREACHABLE.has(code) || /socket hang up|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND/.test(message)))
    return 'unreachable';
  if (code === 'SyntaxError' || UNREADABLE.test(message)) return 'bad-answer';
  // An answer whose error code the SDK could not read (an empty or foreign body).
  if ((code === 'Unknown' || code === 'UnknownError') && status !== undefined)
    return status === 401 || status === 403 ? 'denied' : 'bad-answer';
  if (status === 401 || status === 403) return 'denied';
  return 'other';
}

// IAM action prefixes that differ from the bundle's service names, and S3 actions named unlike their operations.
const IAM_PREFIX: Record<string, string> = {
  accessanalyzer: 'access-analyzer',
  applicationautoscaling: 'application-autoscaling',
  efs: 'elasticfilesystem',
  elb: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  emr: 'elasticmapreduce',
  opensearch: 'es',
  s3control: 's3',
};
const IAM_ACTION: Record<string, string> = {
  // API Gateway's management API is authorised by HTTP method.
  'apigateway:GetRestApis': 'GET',
  'apigateway:GetStages': 'GET',
  's3:GetBucketEncryption': 'GetEncryptionConfiguration',
  's3:GetBucketLifecycleConfiguration': 'GetLifecycleConfiguration',
  's3:GetBucketNotificationConfiguration': 'GetBucketNotification',
  's3:GetBucketReplication': 'GetReplicationConfiguration',
  's3:GetPublicAccessBlock': 'GetBucketPublicAccessBlock',
  's3:ListBuckets': 'ListAllMyBuckets',
  's3control:GetPublicAccessBlock': 'GetAccountPublicAccessBlock',
};

/** The IAM action a call needs, as a policy names it (`s3:ListAllMyBuckets` for ListBuckets). */
export function iamActionOf(service: string, operation: string): string {
  return `${IAM_PREFIX[service] ?? service}:${IAM_ACTION[`${service}:${operation}`] ?? operation}`;
}

/**
 * What went wrong and what to do, in clean sentences for a report: never the SDK's raw text (that
 * stays in the bundle's manifest). `what` ends without a full stop; `todo` is one sentence.
 */
export function errorAdvice(
  error: Pick<CollectionError, 'code' | 'message' | 'httpStatus' | 'region' | 'service' | 'operation' | 'cause'>,
): { cause: ErrorCause; what: string; todo: string } {
  const cause = errorCause(error);
  const action = iamActionOf(error.service, error.operation);
  const where = error.region === 'global' ? '' : ` in ${error.region}`;
  switch (cause) {
    case 'denied':
      if (error.service === 'sts' && error.operation === 'AssumeRole') {
        return {
          cause,
          what: 'the audit role could not be assumed',
          todo: "Let the collecting identity assume the audit role (sts:AssumeRole and the role's trust policy) and collect again.",
        };
      }
      return CREDENTIALS_REJECTED.has(error.code)
        ? {
            cause,
            what: 'AWS did not accept the credentials',
            todo: 'Check that the audit credentials are valid and unexpired, then collect again.',
          }
        : { cause, what: 'access was denied', todo: `Grant ${action} to the audit role and collect again.` };
    case 'throttled':
      return {
        cause,
        what: 'AWS throttled the call until the retries ran out',
        todo: 'Collect again later or with a lower --concurrency.',
      };
    case 'service-error':
      return {
        cause,
        what: `AWS answered with a server error${error.httpStatus !== undefined ? ` (HTTP ${error.httpStatus})` : ''}`,
        todo: 'AWS had a problem on its side; collect again later.',
      };
    case 'unreachable':
      return error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
        ? {
            cause,
            what: `the AWS endpoint's name did not resolve${where}`,
            todo: 'Check DNS, the network and any --endpoint-url, then collect again.',
          }
        : {
            cause,
            what: 'no AWS endpoint answered',
            todo: 'Check the network, proxy and any --endpoint-url, then finish the bundle with "auditpack collect --resume".',
          };
    case 'not-offered':
      return isOptInRegion(error.region) && (CREDENTIALS_REJECTED.has(error.code) || error.code === 'OptInRequired')
        ? {
            cause,
            what: `the opt-in region ${error.region} is not enabled for the account`,
            todo: `Enable ${error.region} for the account, or leave it out with --regions if it is not in scope.`,
          }
        : {
            cause,
            what: `AWS does not offer ${action}${where} to this account`,
            todo: 'Confirm the service is not used there, or leave the region out with --regions.',
          };
    case 'bad-answer':
      return {
        cause,
        what: "AWS's answer could not be read",
        todo: 'Collect again; if it happens again, check any proxy or --endpoint-url between auditpack and AWS.',
      };
    case 'other':
      if (error.operation === 'AuditpackCollect')
        return {
          cause,
          what: 'auditpack stopped collecting this source',
          todo: "This is a bug in auditpack; report it with the bundle's manifest.json.",
        };
      if (error.code === 'ReportNotReady')
        return { cause, what: 'AWS did not finish generating the credential report in time', todo: 'Collect again in a few minutes.' };
      return {
        cause,
        what: 'the call failed',
        todo: "Read the error recorded in the bundle's manifest.json, fix its cause and collect again.",
      };
  }
}

/** An error code fit to print: an identifier AWS or Node would use, not free text. */
export function printableCode(code: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9._:-]{0,63}$/.test(code) && code !== 'Unknown' && code !== 'UnknownError' ? code : undefined;
}

/**
 * A failed call for NOT_EVALUATED reasons and reports: `<call> failed during collection: <code>,
 * <what>. <todo>`. `call` is the call the evidence needed; `error` may be another call's failure
 * that cost it (the account's AssumeRole).
 */
export function describeFailure(call: Parameters<typeof describeCall>[0], error: CollectionError): string {
  const advice = errorAdvice(error);
  const code = printableCode(error.code);
  return `${describeCall(call)} failed during collection: ${code ? `${code}, ` : ''}${advice.what}. ${advice.todo}`;
}
