import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorAdvice, errorCause, type CollectionError, type ErrorCause } from '../../src/bundle/manifest.js';
import { errorInfo, failureKind, failureSummary, withCause } from '../../src/collect/aws-errors.js';
import { ec2Error, jsonError, queryError, restJsonError, s3Error, type WireReply } from './helpers/fake-aws.js';

// One local endpoint answering whatever the test sets; every SDK client below talks to it.
let reply: WireReply = { body: '' };
let server: Server;
let url = '';

beforeAll(async () => {
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (reply.drop) return void req.socket.destroy();
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/xml', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
type Protocol = 'query' | 'json' | 'rest-json' | 'rest-xml' | 'ec2';

/** Sends one real SDK request of the protocol to `endpoint` and returns what it threw. */
async function failure(protocol: Protocol, region = 'us-east-1', endpoint = url): Promise<unknown> {
  const config = { endpoint, region, credentials, maxAttempts: 1 };
  try {
    if (protocol === 'query') await new IAMClient(config).send(new GetAccountSummaryCommand({}));
    else if (protocol === 'json') await new CloudTrailClient(config).send(new DescribeTrailsCommand({}));
    else if (protocol === 'rest-json') await new GuardDutyClient(config).send(new ListDetectorsCommand({}));
    else if (protocol === 'rest-xml') await new S3Client({ ...config, forcePathStyle: true }).send(new ListBucketsCommand({}));
    else await new EC2Client(config).send(new GetEbsEncryptionByDefaultCommand({}));
  } catch (error) {
    return error;
  }
  throw new Error(`expected the ${protocol} call to fail`);
}

const OPERATION: Record<Protocol, [string, string]> = {
  query: ['iam', 'GetAccountSummary'],
  json: ['cloudtrail', 'DescribeTrails'],
  'rest-json': ['guardduty', 'ListDetectors'],
  'rest-xml': ['s3', 'ListBuckets'],
  ec2: ['ec2', 'GetEbsEncryptionByDefault'],
};

/** The manifest record the collector would write for the failure. */
async function recorded(protocol: Protocol, region = 'us-east-1', endpoint = url): Promise<CollectionError & { kind: string }> {
  const error = await failure(protocol, region, endpoint);
  const info = errorInfo(error);
  const [service, operation] = OPERATION[protocol];
  return { ...withCause({ account: '111122223333', region, service, operation, parameters: {}, ...info }), kind: failureKind(error, info) };
}

const PROTOCOLS: Protocol[] = ['query', 'json', 'rest-json', 'rest-xml', 'ec2'];
const SDK_TEXT = /\$response|Deserialization error|hidden field|not valid JSON|XML parse|Unexpected token/;

describe('the cause of a failed call, from real SDK errors', () => {
  it.each(PROTOCOLS)('HTTP 500 with an HTML page (%s) is a service error, retried on resume', async (protocol) => {
    reply = { status: 500, contentType: 'text/html', body: '<html><body>Internal Server Error</body></html>' };
    expect(await recorded(protocol)).toMatchObject({ httpStatus: 500, cause: 'service-error', kind: 'retryable' });
  });

  it.each(PROTOCOLS)('HTTP 503 with no body (%s) is a service error', async (protocol) => {
    reply = { status: 503, body: '' };
    expect(await recorded(protocol)).toMatchObject({ httpStatus: 503, cause: 'service-error', kind: 'retryable' });
  });

  it.each(PROTOCOLS)('an unparseable 200 answer (%s) is a bad answer; the SDK text stays in the record', async (protocol) => {
    reply = {
      status: 200,
      contentType: protocol === 'json' || protocol === 'rest-json' ? 'application/json' : 'text/xml',
      body: '{<not an answer',
    };
    const error = await recorded(protocol);
    expect(error).toMatchObject({ httpStatus: 200, cause: 'bad-answer', kind: 'retryable' });
    expect(error.message).toMatch(SDK_TEXT);
    const advice = errorAdvice(error);
    expect(`${advice.what}. ${advice.todo}`).not.toMatch(SDK_TEXT);
  });

  it.each(PROTOCOLS)("a connection cut before any answer (%s) is unreachable, with Node's code", async (protocol) => {
    reply = { body: '', drop: true };
    expect(await recorded(protocol)).toMatchObject({ code: 'ECONNRESET', cause: 'unreachable', kind: 'unreachable' });
  });

  it('a refused connection is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await recorded('query', 'us-east-1', `http://127.0.0.1:${port}`);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', cause: 'unreachable', kind: 'unreachable' });
    expect(error.httpStatus).toBeUndefined();
  });

  it.each<[string, Protocol, WireReply, string]>([
    [
      'IAM AccessDenied',
      'query',
      queryError('AccessDenied', 'User is not authorized to perform: iam:GetAccountSummary', 403),
      'AccessDenied',
    ],
    [
      'CloudTrail AccessDeniedException',
      'json',
      jsonError('AccessDeniedException', 'User is not authorized', 400),
      'AccessDeniedException',
    ],
    [
      'GuardDuty AccessDeniedException',
      'rest-json',
      restJsonError('AccessDeniedException', 'User is not authorized', 403),
      'AccessDeniedException',
    ],
    ['S3 AccessDenied', 'rest-xml', s3Error('AccessDenied', 'Access Denied', 403), 'AccessDenied'],
    [
      'EC2 UnauthorizedOperation',
      'ec2',
      ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
      'UnauthorizedOperation',
    ],
  ])('%s is denied, an answer that asking again will not change', async (_name, protocol, answer, code) => {
    reply = answer;
    const error = await recorded(protocol);
    expect(error).toMatchObject({ code, cause: 'denied', kind: 'answer' });
    expect(errorAdvice(error).todo).toMatch(/^Grant [a-z0-9-]+:[A-Za-z]+ to the audit role and collect again\.$/);
  });

  it.each<[string, Protocol, WireReply]>([
    ['IAM Throttling', 'query', queryError('Throttling', 'Rate exceeded', 400)],
    ['CloudTrail ThrottlingException', 'json', jsonError('ThrottlingException', 'Rate exceeded', 400)],
    ['GuardDuty 429 TooManyRequestsException', 'rest-json', restJsonError('TooManyRequestsException', 'Too many requests', 429)],
    ['S3 503 SlowDown', 'rest-xml', s3Error('SlowDown', 'Please reduce your request rate.', 503)],
    ['EC2 RequestLimitExceeded', 'ec2', ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503)],
  ])('%s that outlived the retries is throttled', async (_name, protocol, answer) => {
    reply = answer;
    expect(await recorded(protocol)).toMatchObject({ cause: 'throttled', kind: 'retryable' });
  });

  it('rejected credentials are not offered in an opt-in region that is not enabled, and denied in a region every account has', async () => {
    reply = jsonError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    expect(await recorded('json', 'af-south-1')).toMatchObject({ cause: 'not-offered' });
    expect(await recorded('json', 'eu-west-1')).toMatchObject({ cause: 'denied' });
    reply = ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    expect(await recorded('ec2', 'me-central-1')).toMatchObject({ cause: 'not-offered' });
    reply = ec2Error('OptInRequired', 'You are not subscribed to this service.', 401);
    expect(await recorded('ec2', 'us-east-1')).toMatchObject({ cause: 'not-offered', kind: 'answer' });
  });
});

describe('errorCause for bundles written before causes were recorded', () => {
  const old = (code: string, message: string, httpStatus?: number, where: Partial<CollectionError> = {}): CollectionError => ({
    account: '111122223333',
    region: 'us-east-1',
    service: 'iam',
    operation: 'GetAccountSummary',
    code,
    message,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...where,
  });

  it.each<[string, CollectionError, ErrorCause]>([
    ['AccessDenied', old('AccessDenied', 'not authorized', 403), 'denied'],
    ['AuthorizationError (SNS)', old('AuthorizationError', 'not authorized', 403), 'denied'],
    ['UnauthorizedOperation', old('UnauthorizedOperation', 'You are not authorized', 403), 'denied'],
    ['a bare 403', old('Unknown', 'Unknown', 403), 'denied'],
    ['ExpiredToken', old('ExpiredToken', 'The security token included in the request is expired', 403), 'denied'],
    ['Throttling', old('Throttling', 'Rate exceeded', 400), 'throttled'],
    ['TooManyRequestsException', old('TooManyRequestsException', 'Too many', 429), 'throttled'],
    ['a bare 429', old('Unknown', 'Unknown', 429), 'throttled'],
    ['RequestLimitExceeded', old('RequestLimitExceeded', 'Request limit exceeded.', 503), 'throttled'],
    ['HTTP 500 Unknown', old('Unknown', 'Unknown', 500), 'service-error'],
    [
      'HTTP 502 SyntaxError',
      old('SyntaxError', 'Unexpected token B, "Bad Gateway" is not valid JSON\n  Deserialization error: …{error}.$response…', 502),
      'service-error',
    ],
    ['InternalError without a status', old('InternalError', 'We encountered an internal error.'), 'service-error'],
    ['ServiceUnavailable', old('ServiceUnavailable', 'Service is unavailable', 400), 'service-error'],
    ['ECONNREFUSED', old('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'), 'unreachable'],
    ['ENOTFOUND', old('ENOTFOUND', 'getaddrinfo ENOTFOUND iam.amazonaws.com'), 'unreachable'],
    ['ETIMEDOUT', old('ETIMEDOUT', 'connect ETIMEDOUT'), 'unreachable'],
    ['TimeoutError socket hang up', old('TimeoutError', 'socket hang up'), 'unreachable'],
    ['OptInRequired', old('OptInRequired', 'You are not subscribed to this service.', 401), 'not-offered'],
    ['InvalidAction', old('InvalidAction', 'The action is not valid for this web service.', 400), 'not-offered'],
    ['UnknownOperationException', old('UnknownOperationException', '', 400), 'not-offered'],
    [
      'UnrecognizedClientException in an opt-in region',
      old('UnrecognizedClientException', 'invalid token', 400, { region: 'ap-southeast-5' }),
      'not-offered',
    ],
    ['UnrecognizedClientException in us-east-1', old('UnrecognizedClientException', 'invalid token', 400), 'denied'],
    [
      'SyntaxError on a 200',
      old(
        'SyntaxError',
        'Expected property name\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
        200,
      ),
      'bad-answer',
    ],
    [
      'an XML parse error (generic Error)',
      old('UnknownError', '@aws-sdk XML parse error: unexpected content.\n  Deserialization error: …', 200),
      'bad-answer',
    ],
    ['Unknown on a 200', old('Unknown', 'Unknown', 200), 'bad-answer'],
    [
      'an auditpack source that stopped',
      old('InternalError', 'source "iam" stopped: boom. This is a bug in auditpack', undefined, { operation: 'AuditpackCollect' }),
      'other',
    ],
    ['ReportNotReady', old('ReportNotReady', 'still STARTED after 12 polls', undefined, { operation: 'GetCredentialReport' }), 'other'],
    ['an unknown 400', old('ValidationException', 'bad parameter', 400), 'other'],
  ])('%s', (_name, error, cause) => {
    expect(errorCause(error)).toBe(cause);
    const advice = errorAdvice(error);
    expect(advice.cause).toBe(cause);
    expect(`${advice.what}. ${advice.todo}`).not.toMatch(SDK_TEXT);
    expect(advice.todo).toMatch(/^[A-Z].*\.$/);
    if (cause !== 'denied') expect(advice.todo).not.toMatch(/^Grant/);
  });

  it('keeps a cause recorded at collection time', () => {
    expect(errorCause(old('AccessDenied', 'x', 403, { cause: 'service-error' }))).toBe('service-error');
  });

  it('names the IAM action a policy grants, not always the operation', () => {
    const denied = (service: string, operation: string): string => errorAdvice(old('AccessDenied', 'x', 403, { service, operation })).todo;
    expect(denied('s3', 'ListBuckets')).toBe('Grant s3:ListAllMyBuckets to the audit role and collect again.');
    expect(denied('s3', 'GetBucketEncryption')).toBe('Grant s3:GetEncryptionConfiguration to the audit role and collect again.');
    expect(denied('s3control', 'GetPublicAccessBlock')).toBe('Grant s3:GetAccountPublicAccessBlock to the audit role and collect again.');
    expect(denied('accessanalyzer', 'ListAnalyzers')).toBe('Grant access-analyzer:ListAnalyzers to the audit role and collect again.');
    expect(denied('efs', 'DescribeFileSystems')).toBe('Grant elasticfilesystem:DescribeFileSystems to the audit role and collect again.');
  });
});

describe('failureSummary', () => {
  it('counts failed calls by cause and says what to do for each, asking for permissions only when denied', () => {
    const e = (code: string, httpStatus?: number): CollectionError => ({
      account: '111122223333',
      region: 'us-east-1',
      service: 'iam',
      operation: 'GetAccountSummary',
      code,
      message: code,
      ...(httpStatus === undefined ? {} : { httpStatus }),
    });
    expect(failureSummary([e('AccessDenied', 403), e('Unknown', 500), e('Unknown', 503), e('ECONNREFUSED')])).toBe(
      '1 denied: grant the missing permissions (docs/collection.md lists them) to the audit role; 2 AWS server errors: collect again later; 1 unreachable: check the network, proxy and --endpoint-url',
    );
    expect(failureSummary([e('Unknown', 500)])).not.toMatch(/grant|permission/i);
  });
});
