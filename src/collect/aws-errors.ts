import { isThrottlingError } from '../shared/aws-sdk/smithy.js';
import { errorCause, type CollectionError, type ErrorCause } from '../bundle/manifest.js';
import { Interrupted } from './limiter.js';

/** What an SDK error says, in the terms a manifest records. */
export interface ErrorInfo {
  code: string;
  message: string;
  httpStatus?: number;
}

/**
 * What a failure means for `--resume`: `answer` — AWS answered (AccessDenied, a service not in
 * the region) and asking again gives the same; `retryable` — throttling, a server error or an
 * answer that could not be read, which outlived the retries; `unreachable` — no answer at all (connection refused or reset, timeout):
 * the network is gone, so the bundle stays incomplete for --resume to finish.
 */
export type FailureKind = 'answer' | 'retryable' | 'unreachable';

interface SdkErrorLike {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** The AWS error code, message and HTTP status of a failed call (network errors use the Node code, e.g. ECONNREFUSED). */
export function errorInfo(error: unknown): ErrorInfo {
  if (!(error instanceof Error)) return { code: 'UnknownError', message: String(error) };
  const e = error as SdkErrorLike;
  const generic = e.name === 'Error' || e.name === 'TypeError' || typeof e.name !== 'string' || e.name === '';
  // S3's REST errors carry the code in `Code`; others name the error class after it. Network
  // failures are plain Errors whose `code` is the system error (ECONNREFUSED, ENOTFOUND, …).
  const status = e.$metadata?.httpStatusCode;
  // A request that got no answer: the SDK may name it TimeoutError while Node's code (ECONNRESET,
  // ECONNREFUSED, …) says what happened; keep Node's.
  const system = status === undefined && typeof e.code === 'string' && /^E[A-Z0-9_]+$/.test(e.code) ? e.code : undefined;
  const code =
    typeof e.Code === 'string'
      ? e.Code
      : (system ?? (!generic ? (e.name as string) : typeof e.code === 'string' ? e.code : 'UnknownError'));
  const message = typeof e.message === 'string' && e.message !== '' && e.message !== 'UnknownError' ? e.message : code;
  return typeof status === 'number' ? { code, message, httpStatus: status } : { code, message };
}

/** Classifies a failed call for --resume (see {@link FailureKind}). */
export function failureKind(error: unknown, info: ErrorInfo): FailureKind {
  if (info.httpStatus === undefined) {
    // A name that does not resolve is an endpoint that does not exist (a service not offered in
    // the region): an answer. Anything else without a response is a network that went away.
    return info.code === 'ENOTFOUND' ? 'answer' : 'unreachable';
  }
  if (info.httpStatus >= 500 || isThrottlingError(error as Parameters<typeof isThrottlingError>[0])) return 'retryable';
  // Throttling or a body that could not be read may be gone next time: --resume asks again.
  const cause = errorCause({ ...info, region: 'global', operation: '' });
  return cause === 'throttled' || cause === 'bad-answer' || cause === 'service-error' ? 'retryable' : 'answer';
}

/**
 * A failed call's manifest record with its cause decided (an ErrorCause). The raw code,
 * message and HTTP status stay as AWS or the SDK gave them; reports print only the cause's advice.
 */
export function withCause(error: CollectionError): CollectionError {
  return error.cause === undefined ? { ...error, cause: errorCause(error) } : error;
}

/**
 * True when AWS throttled the call (Throttling, ThrottlingException, RequestLimitExceeded,
 * TooManyRequestsException, S3 SlowDown, any HTTP 429). A bare 503 is a server error (see
 * {@link isBackedOff}).
 */
export function isThrottled(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const info = errorInfo(error);
  if (info.httpStatus === undefined) return false;
  return errorCause({ ...info, region: 'global', operation: '' }) === 'throttled';
}

/**
 * True when the collector waits and asks again until its throttling budget is spent, after the
 * SDK's own attempts: throttling, and a bare HTTP 503 (Service Unavailable, which is how AWS says
 * "too many requests" where a protocol has no throttling code, and how a brief outage looks). A 503
 * that outlasts the budget is recorded as the server error it is.
 */
export function isBackedOff(error: unknown): boolean {
  return isThrottled(error) || (error instanceof Error && errorInfo(error).httpStatus === 503);
}

/** True when the error is the run's own interruption (the abort signal fired), not an AWS answer. */
export function isInterruption(error: unknown, signal: AbortSignal): boolean {
  return (
    error instanceof Interrupted ||
    (signal.aborted && error instanceof Error && (error.name === 'AbortError' || error.name === 'Interrupted'))
  );
}

// What to do about each cause, as a clause of the summary `collect` prints at the end.
const SUMMARY_TODO: Record<ErrorCause, [string, string, string]> = {
  denied: ['denied', 'denied', 'grant the missing permissions (docs/collection.md lists them) to the audit role'],
  throttled: ['throttled', 'throttled', 'AWS kept throttling them past the retry budget; collect later, when the account is quieter'],
  'service-error': ['AWS server error', 'AWS server errors', 'collect again later'],
  unreachable: ['unreachable', 'unreachable', 'check the network, proxy and --endpoint-url'],
  'not-offered': ['not offered', 'not offered', 'leave out with --regions what the account does not use'],
  'bad-answer': ['unreadable answer', 'unreadable answers', 'check any proxy or --endpoint-url between auditpack and AWS'],
  other: ['other failure', 'other failures', "read the errors in the bundle's manifest.json"],
};
const SUMMARY_ORDER: readonly ErrorCause[] = ['denied', 'throttled', 'service-error', 'unreachable', 'not-offered', 'bad-answer', 'other'];

/** `2 denied: grant …; 1 AWS server error: collect again later` — failed calls by cause, for the end of `collect`. */
export function failureSummary(errors: readonly CollectionError[]): string {
  const counts = new Map<ErrorCause, number>();
  for (const e of errors) counts.set(errorCause(e), (counts.get(errorCause(e)) ?? 0) + 1);
  return SUMMARY_ORDER.filter((c) => counts.has(c))
    .map((c) => {
      const n = counts.get(c) ?? 0;
      const [one, many, todo] = SUMMARY_TODO[c];
      return `${n} ${n === 1 ? one : many}: ${todo}`;
    })
    .join('; ');
}
