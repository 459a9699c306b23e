import { json, restJson, restJsonError, restRoute, type FakeAws, type WireRequest } from './fake-aws.js';

restRoute('GET', /^\/2015-03-31\/functions\/?$/, 'ListFunctions');
restRoute('GET', /^\/2015-03-31\/functions\/[^/]+\/policy\/?$/, 'GetPolicy');

const isEast = (r: WireRequest) => r.region === 'us-east-1';

/** The function name in a GetPolicy path: `/2015-03-31/functions/acme-orders-processor/policy`. */
export const policyFunction = (r: WireRequest): string => decodeURIComponent(r.params.path?.split('/')[3] ?? '');

// Functions that have a resource-based policy; GetPolicy of the others answers ResourceNotFoundException.
const WITH_POLICY = ['acme-orders-processor', 'acme-partner-webhook'];

/**
 * Serves the sample company's Lambda functions and Secrets Manager secrets. us-east-1: functions
 * acme-orders-processor (SQS dead-letter queue; S3 may invoke it for acme-order-uploads of this
 * account), acme-thumbnail-generator (no dead-letter queue, no policy) and acme-partner-webhook
 * (SNS dead-letter topic; a function URL open to everyone); secrets acme/prod/orders-db (rotating
 * every 30 days, customer managed key), acme/legacy/partner-api-key (never rotated,
 * aws/secretsmanager) and the RDS-managed secret of acme-orders-db (rotating every 7 days,
 * aws/secretsmanager). eu-west-1: none.
 */
export function serveAcmeLambda(fake: FakeAws): void {
  fake.on('lambda', 'ListFunctions', (r) => restJson(`lambda/ListFunctions.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('lambda', 'GetPolicy', (r) => {
    const name = policyFunction(r);
    return WITH_POLICY.includes(name)
      ? restJson(`lambda/GetPolicy.${name}.json`)
      : restJsonError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
  });
  fake.on('secretsmanager', 'ListSecrets', (r) => json(`secretsmanager/ListSecrets.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
}
