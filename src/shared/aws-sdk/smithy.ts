// What auditpack uses of the SDK's @smithy packages, from the same bundle as the clients (see ./README.md).
export { AdaptiveRetryStrategy, DefaultRateLimiter, isThrottlingError } from '@smithy/core/retry';
export { NodeHttpHandler } from '@smithy/node-http-handler';
