import { isThrottlingError } from '@smithy/core/retry';
import { Interrupted } from './limiter.js';

/** What an SDK error says, in the terms a manifest records. */
export interface ErrorInfo {
  code: string;
  message: string;
  httpStatus?: number;
}

/**
 * What a failure means for `--resume`: `answer` — AWS answered (AccessDenied, a service not in
 * the region) and asking again gives the same; `retryable` — throttling or a server error that
 * outlived the retries; `unreachable` — no answer at all (connection refused or reset, timeout):
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
  const code = typeof e.Code === 'string' ? e.Code : !generic ? (e.name as string) : typeof e.code === 'string' ? e.code : 'UnknownError';
  const status = e.$metadata?.httpStatusCode;
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
  return 'answer';
}

/** True when the error is the run's own interruption (the abort signal fired), not an AWS answer. */
export function isInterruption(error: unknown, signal: AbortSignal): boolean {
  return error instanceof Interrupted || (signal.aborted && error instanceof Error && (error.name === 'AbortError' || error.name === 'Interrupted'));
}
