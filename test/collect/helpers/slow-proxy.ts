import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the proxy saw it: when it arrived, when it was answered, and its lane. */
export interface ProxiedCall {
  /** `<region>/<signing name>` from the request's SigV4 scope, e.g. `us-east-1/kms`. */
  lane: string;
  start: number;
  /** When the proxy decided to throttle or forward it, after the latency. */
  decided: number;
  end: number;
  throttled: boolean;
}

/** How the proxy treats each request. */
export interface SlowProxyOptions {
  /** Added before each request is forwarded (ms), like the round trip to a real endpoint. */
  latencyMs: number | ((lane: string) => number);
  /** Answers this request with the protocol's throttling error instead of forwarding it. */
  throttle?: (lane: string, n: number) => boolean;
}

/**
 * A wire-level proxy in front of the fake AWS endpoint: it delays every request, can answer some
 * with the throttling error of the request's protocol (IAM/STS query `Throttling`, EC2
 * `RequestLimitExceeded`, S3 `SlowDown`, JSON `ThrottlingException`, REST-JSON 429), and records
 * when each request was in flight, per region and service.
 */
export class SlowProxy {
  readonly calls: ProxiedCall[] = [];
  url = '';
  private server: Server | undefined;
  private count = 0;

  private constructor(
    private readonly target: string,
    private readonly options: SlowProxyOptions,
  ) {}

  static async start(target: string, options: SlowProxyOptions): Promise<SlowProxy> {
    const proxy = new SlowProxy(target, options);
    proxy.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const lane = laneOf(req);
        const call: ProxiedCall = { lane, start: Date.now(), decided: 0, end: 0, throttled: false };
        proxy.calls.push(call);
        const n = proxy.count++;
        const latency = typeof options.latencyMs === 'function' ? options.latencyMs(lane) : options.latencyMs;
        setTimeout(() => {
          call.decided = Date.now();
          if (options.throttle?.(lane, n)) {
            call.throttled = true;
            const reply = throttleReply(req, lane);
            res.writeHead(reply.status, reply.headers);
            res.end(reply.body, () => (call.end = Date.now()));
            return;
          }
          const url = new URL(req.url ?? '/', proxy.target);
          const forward = httpRequest(url, { method: req.method, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('end', () => (call.end = Date.now()));
          });
          forward.on('error', () => res.destroy());
          forward.end(Buffer.concat(chunks));
        }, latency);
      });
    });
    await new Promise<void>((resolve) => proxy.server?.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** The most requests that were in flight at once, in one lane (`region/service`) or overall. */
  peak(lane?: string): number {
    const events = this.calls
      .filter((c) => lane === undefined || c.lane === lane)
      .flatMap((c) => [
        [c.start, 1],
        [c.end, -1],
      ])
      .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    let now = 0;
    let peak = 0;
    for (const [, d] of events) peak = Math.max(peak, (now += d as number));
    return peak;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function laneOf(req: IncomingMessage): string {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  return `${scope?.[1] ?? ''}/${scope?.[2] ?? ''}`;
}

function throttleReply(req: IncomingMessage, lane: string): { status: number; headers: Record<string, string>; body: string } {
  const service = lane.slice(lane.indexOf('/') + 1);
  if (typeof req.headers['x-amz-target'] === 'string') {
    return {
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }),
    };
  }
  if (service === 's3') {
    return {
      status: 503,
      headers: { 'content-type': 'application/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>1</RequestId></Error>',
    };
  }
  if (service === 'ec2') {
    return {
      status: 503,
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>',
    };
  }
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return {
      status: 400,
      headers: { 'content-type': 'text/xml' },
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>',
    };
  }
  return {
    status: 429,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
    body: JSON.stringify({ message: 'Too many requests' }),
  };
}
