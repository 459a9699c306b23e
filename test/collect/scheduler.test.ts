import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY, DEFAULT_LANE_LIMIT, Interrupted, LANE_LIMITS, Scheduler, eachLimited } from '../../src/collect/limiter.js';
import { FakeAws, jsonError } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer, useSlowProxies } from './helpers/run.js';
import type { SlowProxy } from './helpers/slow-proxy.js';

/** A task that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string): { task: () => Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const done = new Promise<void>((resolve) => (open = resolve));
  return {
    task: () => {
      log.push(name);
      return done;
    },
    open: () => open(),
  };
}

const fast = { rate: 1_000_000, burst: 1_000_000 };

describe('Scheduler', () => {
  it('keeps each lane within its in-flight cap and the run within its own, and serves lanes round-robin', async () => {
    const scheduler = new Scheduler({ maxInFlight: 3, limits: { kms: { ...fast, inFlight: 2 }, s3: { ...fast, inFlight: 2 } } });
    const started: string[] = [];
    const kms = Array.from({ length: 6 }, (_, i) => gate(started, `kms${i}`));
    const s3 = Array.from({ length: 2 }, (_, i) => gate(started, `s3${i}`));
    const runs = [
      ...kms.map((g) => scheduler.run(Scheduler.lane('1', 'us-east-1', 'kms'), g.task)),
      ...s3.map((g) => scheduler.run(Scheduler.lane('1', 'us-east-1', 's3'), g.task)),
    ];
    await Promise.resolve();
    // The kms loop was queued first, yet s3 gets a slot before kms's third call.
    expect(started).toEqual(['kms0', 'kms1', 's30']);
    expect(scheduler.inFlight).toBe(3);
    kms[0]?.open();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(4);
    for (const g of [...kms, ...s3]) g.open();
    await Promise.all(runs);
    expect(started).toHaveLength(8);
    expect(scheduler.peak).toBe(3);
  });

  it('gives no lane more than its share of the slots while another lane waits', async () => {
    const scheduler = new Scheduler({ maxInFlight: 2 });
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        gates.set(name, resolve);
      });
    const runs = [
      ...[0, 1, 2, 3].map((i) => scheduler.run('1|us-east-1|kms', task(`kms${i}`))),
      ...[0, 1, 2, 3].map((i) => scheduler.run('1|us-east-1|s3', task(`s3${i}`))),
    ];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['kms0', 'kms1']);
    for (let n = 0; n < 8; n++) {
      gates.get(started[n] as string)?.();
      await new Promise((r) => setTimeout(r, 0));
      expect(started).toHaveLength(Math.min(n + 3, 8));
    }
    await Promise.all(runs);
    // Once s3 waits, each lane holds one of the two slots: they take turns.
    expect(started).toEqual(['kms0', 'kms1', 's30', 'kms2', 's31', 'kms3', 's32', 's33']);
  });

  it('serves the oldest call first when the lanes are within their shares (--concurrency 1 keeps the sources in order)', async () => {
    const scheduler = new Scheduler({ maxInFlight: 1 });
    const started: string[] = [];
    const runs = ['iam', 'kms', 'iam', 's3', 'kms'].map((service, i) =>
      scheduler.run(`1|global|${service}`, () => Promise.resolve(void started.push(`${service}${i}`))),
    );
    await Promise.all(runs);
    expect(started).toEqual(['iam0', 'kms1', 'iam2', 's33', 'kms4']);
  });

  it('keeps a lane within its rate: a burst, then one call per token', async () => {
    const scheduler = new Scheduler({ maxInFlight: 10, limits: { ec2: { rate: 50, burst: 2, inFlight: 10 } } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 7 }, () => scheduler.run(Scheduler.lane('1', 'eu-west-1', 'ec2'), () => Promise.resolve())));
    // 2 at once, then 5 more at 50 a second: at least 100 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('a throttled lane slows down, and the other lanes do not', async () => {
    const scheduler = new Scheduler({
      maxInFlight: 10,
      limits: { iam: { rate: 20, burst: 5, inFlight: 5 }, kms: { rate: 20, burst: 5, inFlight: 5 } },
    });
    scheduler.throttled(Scheduler.lane('1', 'global', 'iam'));
    const t0 = Date.now();
    let kmsAt = 0;
    let iamAt = 0;
    await Promise.all([
      scheduler.run(Scheduler.lane('1', 'global', 'iam'), () => Promise.resolve((iamAt = Date.now() - t0))),
      scheduler.run(Scheduler.lane('1', 'us-east-1', 'kms'), () => Promise.resolve((kmsAt = Date.now() - t0))),
    ]);
    // Relative, not absolute, so a loaded machine's timer delays do not matter: KMS went ahead of the throttled IAM lane.
    expect(kmsAt).toBeLessThan(iamAt);
    expect(iamAt).toBeGreaterThanOrEqual(40);
  });

  it('reports the wait and the time in flight separately', async () => {
    const scheduler = new Scheduler({ maxInFlight: 1 });
    const first = { queuedMs: 0, inFlightMs: 0 };
    const second = { queuedMs: 0, inFlightMs: 0 };
    const wait = (ms: number) => () => new Promise<void>((r) => setTimeout(r, ms));
    await Promise.all([
      scheduler.run(Scheduler.lane('1', 'global', 'iam'), wait(60), undefined, first),
      scheduler.run(Scheduler.lane('1', 'us-east-1', 'kms'), wait(30), undefined, second),
    ]);
    // Lower bounds from the timers; upper bounds relative to each other, which a loaded machine keeps.
    expect(first.queuedMs).toBeLessThan(second.queuedMs);
    expect(first.inFlightMs).toBeGreaterThanOrEqual(55);
    expect(second.queuedMs).toBeGreaterThanOrEqual(55);
    expect(second.inFlightMs).toBeGreaterThanOrEqual(25);
    expect(second.inFlightMs).toBeLessThan(first.inFlightMs);
  });

  it('rejects a waiting call with Interrupted when the run is aborted', async () => {
    const scheduler = new Scheduler({ maxInFlight: 1 });
    const controller = new AbortController();
    const started: string[] = [];
    const blocker = gate(started, 'a');
    const first = scheduler.run('1|global|iam', blocker.task, controller.signal);
    const second = scheduler.run('1|global|iam', () => Promise.resolve(), controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(Interrupted);
    blocker.open();
    await first;
  });

  it('derives the default concurrency from the rate table', () => {
    const caps = Object.values(LANE_LIMITS).reduce((n, l) => n + l.inFlight, 0) + 4 * DEFAULT_LANE_LIMIT.inFlight;
    expect(DEFAULT_CONCURRENCY).toBe(Math.min(64, caps));
    for (const limit of [...Object.values(LANE_LIMITS), DEFAULT_LANE_LIMIT]) {
      expect(limit.inFlight).toBeGreaterThanOrEqual(2);
      expect(limit.burst).toBeGreaterThanOrEqual(1);
    }
  });

  it('eachLimited waits for every worker before rethrowing the first failure', async () => {
    const finished: number[] = [];
    const run = eachLimited([1, 2, 3, 4], 4, async (n) => {
      await new Promise((r) => setTimeout(r, n * 10));
      finished.push(n);
      if (n === 1) throw new Error('one failed');
    });
    await expect(run).rejects.toThrow('one failed');
    expect(finished).toEqual([1, 2, 3, 4]);
  });
});

describe('collect with the scheduler, against a fake endpoint with latency', () => {
  let fake: FakeAws;
  let proxy: SlowProxy | undefined;
  useAcmeServer((f) => (fake = f));
  const proxies = useSlowProxies();

  it('keeps every service within its lane cap and the run within --concurrency, with the same calls as without latency', async () => {
    // The credential report is generated on the first run only: leave its polls out of the count.
    const counted = (from: number, to?: number) =>
      fake.requests
        .slice(from, to)
        .filter((r) => r.operation !== 'GenerateCredentialReport')
        .map((r) => `${r.region} ${r.service}:${r.operation} ${JSON.stringify(r.params)} ${JSON.stringify(r.body)} ${r.bucket ?? ''}`)
        .sort();
    const plain = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    const plainCalls = fake.requests.length;
    proxy = await proxies.start(fake.url, { latencyMs: 15 });
    const slow = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], endpointUrl: proxy.url, concurrency: 12 });
    expect(slow.outcome).toBe(plain.outcome);
    expect(counted(plainCalls)).toEqual(counted(0, plainCalls));
    expect(proxy.peak()).toBeLessThanOrEqual(12);
    for (const lane of new Set(proxy.calls.map((c) => c.lane))) {
      const service = lane.slice(lane.indexOf('/') + 1);
      // Signing names that differ from the bundle's (monitoring, es, …) have the default cap; a
      // home-region lane also carries the account-wide calls (global), and S3's also S3 Control's.
      const cap = Math.max((LANE_LIMITS[service] ?? DEFAULT_LANE_LIMIT).inFlight, DEFAULT_LANE_LIMIT.inFlight);
      expect(proxy.peak(lane), lane).toBeLessThanOrEqual(cap * (service === 's3' ? 3 : 2));
    }
    // Independent sources interleave: several services are in flight at once.
    expect(proxy.peak()).toBeGreaterThan(4);
    expect(slow.manifest.files.map((f) => [f.path, f.sha256])).toEqual(plain.manifest.files.map((f) => [f.path, f.sha256]));
  });

  it("a throttled service backs off without holding up the other services' calls", async () => {
    // KMS is throttled until 60 calls of other services have been answered: it can only succeed if
    // the rest of the account goes on while its calls back off.
    proxy = await proxies.start(fake.url, {
      latencyMs: 5,
      throttle: (lane) => lane.endsWith('/kms') && (proxy?.calls.filter((c) => !c.lane.endsWith('/kms') && c.end > 0).length ?? 0) < 60,
    });
    const result = await collectFrom(fake, {
      regions: ['us-east-1'],
      endpointUrl: proxy.url,
      concurrency: 4,
      throttleBudgetMs: 60_000,
      retryDelayMs: 20,
    });
    expect(result.manifest.errors).toEqual([]);
    const kms = proxy.calls.filter((c) => c.lane.endsWith('/kms'));
    expect(kms.filter((c) => c.throttled).length).toBeGreaterThanOrEqual(2);
    // Measured when the proxy let the first KMS call through (its start is before the proxy's latency).
    const firstKmsOk = Math.min(...kms.filter((c) => !c.throttled).map((c) => c.decided));
    expect(proxy.calls.filter((c) => !c.lane.endsWith('/kms') && c.end <= firstKmsOk).length).toBeGreaterThanOrEqual(60);
    expect(result.manifest.files.filter((f) => f.service === 'kms').map((f) => f.operation)).toContain('ListKeys');
  });

  it('with a budget of 0, the SDK attempts alone decide', async () => {
    fake.on('kms', 'ListKeys', jsonError('ThrottlingException', 'Rate exceeded'));
    const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 2, throttleBudgetMs: 0 });
    expect(fake.calls('kms', 'ListKeys')).toHaveLength(2);
    expect(result.manifest.errors).toMatchObject([{ service: 'kms', operation: 'ListKeys', cause: 'throttled' }]);
  });

  it('re-queues throttling past the SDK attempts by default, whatever the retry delay', async () => {
    fake.times('kms', 'ListKeys', 3, jsonError('ThrottlingException', 'Rate exceeded'));
    const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 1 });
    expect(fake.calls('kms', 'ListKeys')).toHaveLength(4);
    expect(result.manifest.errors).toEqual([]);
    expect(result.manifest.files.filter((f) => f.operation === 'ListKeys')).toHaveLength(1);
  });

  it('re-queues a bare HTTP 503 like throttling, and records one that outlasts the budget as a server error', async () => {
    const unavailable = { status: 503, contentType: 'text/xml', body: '' };
    fake.times('iam', 'GetAccountSummary', 3, unavailable);
    const recovered = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 1 });
    expect(fake.calls('iam', 'GetAccountSummary')).toHaveLength(4);
    expect(recovered.manifest.errors).toEqual([]);

    fake.on('iam', 'GetAccountSummary', unavailable);
    const before = fake.calls('iam', 'GetAccountSummary').length;
    const failed = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 1, throttleBudgetMs: 200 });
    expect(fake.calls('iam', 'GetAccountSummary').length - before).toBeGreaterThan(1);
    expect(failed.manifest.errors).toMatchObject([{ operation: 'GetAccountSummary', httpStatus: 503, cause: 'service-error' }]);
  });
});
