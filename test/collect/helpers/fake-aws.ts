import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** One request as the fake AWS endpoint understood it. */
export interface WireRequest {
  /** The bundle's service name: iam, sts, ec2, s3, s3control, cloudtrail, config, … */
  service: string;
  operation: string;
  /** The region the request was signed for. */
  region: string;
  accessKeyId: string;
  /** Form parameters (query protocol) or URL query parameters (REST). */
  params: Record<string, string>;
  /** Parsed JSON body (JSON protocols). */
  body: Record<string, unknown>;
  /** The bucket of an S3 path-style request. */
  bucket?: string;
  /** The object key of an S3 object request (decoded). */
  key?: string;
  /** The request body's bytes (S3 PutObject). */
  raw?: Buffer;
  headers: IncomingMessage['headers'];
}

/** What the fake endpoint sends back. */
export interface WireReply {
  status?: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Cut the connection instead of answering (a network that went away). */
  drop?: boolean;
}

/** Answers a request, or returns undefined to let an earlier route answer. */
export type Responder = (request: WireRequest) => WireReply | undefined;

const WIRE_DIR = fileURLToPath(new URL('../wire/', import.meta.url));

/** A recorded response body from test/collect/wire/. */
/**
 * Items in one fixed order (by their JSON), for comparing the calls of a per-resource loop: the
 * collector runs those concurrently (ctx.each), so they reach the fake in any order.
 */
export function anyOrder<T>(items: readonly T[]): T[] {
  const key = (item: T): string => JSON.stringify(item) ?? 'undefined';
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function wire(path: string): string {
  return readFileSync(WIRE_DIR + path, 'utf8');
}

/** An XML answer (query and REST-XML protocols). */
export function xml(path: string, status = 200): WireReply {
  return { status, body: wire(path), contentType: 'text/xml' };
}

/** An awsJson1_1 answer. */
export function json(path: string, status = 200): WireReply {
  return { status, body: wire(path), contentType: 'application/x-amz-json-1.1' };
}

/** An awsJson1_1 error. */
export function jsonError(type: string, message: string, status = 400): WireReply {
  return { status, body: JSON.stringify({ __type: type, message }), contentType: 'application/x-amz-json-1.1' };
}

/** A query-protocol (IAM, STS) error. */
export function queryError(
  code: string,
  message: string,
  status = 400,
  namespace = 'https://iam.amazonaws.com/doc/2010-05-08/',
): WireReply {
  return {
    status,
    contentType: 'text/xml',
    body: `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${message}</Message>\n  </Error>\n  <RequestId>3c1e5a7b-9d2f-4b6a-8c0e-1f3a5b7c9d2e</RequestId>\n</ErrorResponse>\n`,
  };
}

/** An EC2 error. */
export function ec2Error(code: string, message: string, status = 403): WireReply {
  return {
    status,
    contentType: 'text/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>7e1d3f5a-2b4c-4d6e-8f0a-1b3c5d7e9f2a</RequestID></Response>`,
  };
}

/** A REST-JSON error (Security Hub, GuardDuty, Account, Macie, …). */
export function restJsonError(type: string, message: string, status: number): WireReply {
  return {
    status,
    body: JSON.stringify({ Code: type, Message: message }),
    contentType: 'application/json',
    headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.coral.service/` },
  };
}

/** A REST-JSON answer. */
export function restJson(path: string, status = 200): WireReply {
  return { status, body: wire(path), contentType: 'application/json' };
}

/** An S3 (REST-XML) error. */
export function s3Error(code: string, message: string, status: number): WireReply {
  return {
    status,
    contentType: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>5K2M8P4R1T7X3H9Q</RequestId><HostId>dGVzdC1ob3N0LWlk</HostId></Error>`,
  };
}

/**
 * A local stand-in for the AWS endpoints on 127.0.0.1: the SDK clients are pointed at it with
 * --endpoint-url, it routes each request by Action / X-Amz-Target / path, answers with recorded
 * wire bodies and logs every request.
 */
export class FakeAws {
  readonly requests: WireRequest[] = [];
  private readonly routes = new Map<string, Responder[]>();
  private server: Server | undefined;
  url = '';

  static async start(): Promise<FakeAws> {
    const fake = new FakeAws();
    fake.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const request = parse(req, raw.toString('utf8'));
        if (request.service === 's3' && request.key !== undefined) request.raw = raw;
        fake.requests.push(request);
        const reply = fake.answer(request);
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.contentType ?? 'text/xml',
          'x-amzn-requestid': '6f1b3d5e-7a9c-4e2f-b4d6-8a0c2e4f6b8d',
          ...reply.headers,
        });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => fake.server?.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Answers `service:operation` (later routes are asked first; a responder may pass with undefined). */
  on(service: string, operation: string, responder: Responder | WireReply): this {
    const list = this.routes.get(`${service}:${operation}`) ?? [];
    list.unshift(typeof responder === 'function' ? responder : () => responder);
    this.routes.set(`${service}:${operation}`, list);
    return this;
  }

  /** Answers the next `times` matching requests with `reply`, then steps aside. */
  times(service: string, operation: string, times: number, reply: WireReply, when: (r: WireRequest) => boolean = () => true): this {
    let left = times;
    return this.on(service, operation, (r) => {
      if (left <= 0 || !when(r)) return undefined;
      left--;
      return reply;
    });
  }

  /** Requests of one service (and operation). */
  calls(service: string, operation?: string): WireRequest[] {
    return this.requests.filter((r) => r.service === service && (operation === undefined || r.operation === operation));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(request: WireRequest): WireReply {
    for (const responder of this.routes.get(`${request.service}:${request.operation}`) ?? []) {
      const reply = responder(request);
      if (reply) return reply;
    }
    return { status: 501, contentType: 'text/plain', body: `fake AWS has no route for ${request.service}:${request.operation}` };
  }
}

// Signing names that differ from the bundle's service names.
const SERVICE_OF_SIGNING_NAME: Record<string, string> = {
  'access-analyzer': 'accessanalyzer',
  'application-autoscaling': 'applicationautoscaling',
  elasticfilesystem: 'efs',
  elasticmapreduce: 'emr',
  es: 'opensearch',
  monitoring: 'cloudwatch',
};

/**
 * Teaches the fake a REST-JSON operation by method and path (a service's test helper registers its
 * own at load). Paths are matched without the query string.
 */
export function restRoute(method: string, path: RegExp, operation: string): void {
  REST_ROUTES.push([method, path, operation]);
}

// REST-JSON operations by method and path.
const REST_ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/2015-02-01\/file-systems$/, 'DescribeFileSystems'],
  ['GET', /^\/accounts$/, 'DescribeHub'],
  ['GET', /^\/analyzer$/, 'ListAnalyzers'],
  ['GET', /^\/detector$/, 'ListDetectors'],
  ['GET', /^\/detector\/[^/]+$/, 'GetDetector'],
  ['POST', /^\/getContactInformation$/, 'GetContactInformation'],
  ['POST', /^\/getAlternateContact$/, 'GetAlternateContact'],
  ['GET', /^\/macie$/, 'GetMacieSession'],
];

const S3_SUBRESOURCES: Record<string, string> = {
  acl: 'GetBucketAcl',
  'object-lock': 'GetObjectLockConfiguration',
  encryption: 'GetBucketEncryption',
  lifecycle: 'GetBucketLifecycleConfiguration',
  location: 'GetBucketLocation',
  logging: 'GetBucketLogging',
  notification: 'GetBucketNotificationConfiguration',
  policy: 'GetBucketPolicy',
  publicAccessBlock: 'GetPublicAccessBlock',
  replication: 'GetBucketReplication',
  versioning: 'GetBucketVersioning',
};

function parse(req: IncomingMessage, text: string): WireRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Credential=AKID/20260930/us-east-1/iam/aws4_request
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const accessKeyId = scope?.[1] ?? '';
  const region = scope?.[2] ?? '';
  const signingName = scope?.[3] ?? '';
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  let body: Record<string, unknown> = {};
  let service = SERVICE_OF_SIGNING_NAME[signingName] ?? signingName;
  let operation = '';
  const rest = REST_ROUTES.find(([method, path]) => method === req.method && path.test(url.pathname));
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    operation = target.slice(target.lastIndexOf('.') + 1);
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } else if (rest && signingName !== 's3') {
    operation = rest[2];
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    params.path = url.pathname;
  } else if (signingName === 's3' && url.pathname.startsWith('/v20180820/')) {
    service = 's3control';
    operation = url.pathname === '/v20180820/configuration/publicAccessBlock' ? 'GetPublicAccessBlock' : url.pathname;
  } else if (signingName === 's3') {
    const bucket = url.pathname.split('/')[1] ?? '';
    const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
    const sub = Object.keys(S3_SUBRESOURCES).find((k) => url.searchParams.has(k));
    if (bucket === '') operation = 'ListBuckets';
    else if (sub) operation = S3_SUBRESOURCES[sub] as string;
    else if (key === '')
      operation =
        req.method === 'GET' && url.searchParams.get('list-type') === '2' ? 'ListObjectsV2' : `${req.method ?? ''} ${url.pathname}`;
    else {
      const objectOperation: Record<string, string> = { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' };
      operation = objectOperation[req.method ?? ''] ?? `${req.method ?? ''} ${url.pathname}`;
      return { service, operation, region, accessKeyId, params, body, bucket, key, headers: req.headers };
    }
    return { service, operation, region, accessKeyId, params, body, bucket, headers: req.headers };
  } else {
    Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
    operation = params.Action ?? '';
    // AssumeRoleWithWebIdentity is not signed: STS's API version names the service.
    if (signingName === '' && params.Version === '2011-06-15') service = 'sts';
    // Classic and v2 load balancing share a signing name; the API version tells them apart.
    if (signingName === 'elasticloadbalancing') service = params.Version === '2015-12-01' ? 'elbv2' : 'elb';
  }
  return { service, operation, region, accessKeyId, params, body, headers: req.headers };
}
