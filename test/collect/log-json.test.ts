import { describe, expect, it } from 'vitest';
import { FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer, useSlowProxies } from './helpers/run.js';
import type { SlowProxy } from './helpers/slow-proxy.js';

let fake: FakeAws;
let proxy: SlowProxy | undefined;
useAcmeServer((f) => (fake = f));
const proxies = useSlowProxies();

interface CallLine {
  event: 'call';
  service: string;
  operation: string;
  outcome: string;
  ms: number;
  queueMs: number;
  throttled?: number;
}

async function logOf(options: Parameters<typeof collectFrom>[1]): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  await collectFrom(fake, { ...options, progress: { write: () => undefined, tty: false, quiet: false, json: (l) => lines.push(l) } });
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('--log-json timing', () => {
  it('reports the wait for the scheduler (queueMs) apart from the time in flight (ms)', async () => {
    proxy = await proxies.start(fake.url, { latencyMs: 20 });
    const log = await logOf({ regions: ['us-east-1'], endpointUrl: proxy.url, concurrency: 1 });
    // The run's own identity call is made before the scheduler starts and stored without a request.
    const calls = log.filter((l): l is CallLine & Record<string, unknown> => l.event === 'call' && l.service !== 'sts');
    expect(calls.length).toBeGreaterThan(50);
    for (const call of calls) {
      expect(typeof call.ms).toBe('number');
      expect(typeof call.queueMs).toBe('number');
      // Every request spends the proxy's latency in flight, none of it in the queue.
      expect(call.ms, `${call.service}:${call.operation}`).toBeGreaterThanOrEqual(18);
    }
    // One slot for the whole run: most calls waited for it, some for longer than a round trip.
    expect(calls.filter((c) => c.queueMs >= 20).length).toBeGreaterThan(calls.length / 2);
  });

  it("names the slowest service by its calls' time in flight in the summary line", async () => {
    proxy = await proxies.start(fake.url, { latencyMs: (lane) => (lane.endsWith('/kms') ? 300 : 2) });
    const log = await logOf({ regions: ['us-east-1'], endpointUrl: proxy.url });
    const summary = log.find((l) => l.event === 'summary');
    const byService = new Map<string, number>();
    for (const l of log)
      if (l.event === 'call') byService.set(l.service as string, (byService.get(l.service as string) ?? 0) + (l.ms as number));
    const [slowest, ms] = [...byService].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    expect(summary?.slowestService).toEqual({ service: slowest, seconds: ms / 1000 });
    // KMS answers slowest here, so it is the one named, unless the machine is far too busy to tell.
    expect(byService.get('kms')).toBeGreaterThan(7 * 300);
  });

  it('counts the re-queues of a throttled call', async () => {
    let left = 3;
    proxy = await proxies.start(fake.url, { latencyMs: 1, throttle: (lane) => lane === 'us-east-1/kms' && left-- > 0 });
    const log = await logOf({ regions: ['us-east-1'], endpointUrl: proxy.url, throttleBudgetMs: 10_000, retryDelayMs: 5, maxAttempts: 1 });
    const throttled = log
      .filter((l) => l.event === 'call' && l.service === 'kms')
      .reduce((n, l) => n + ((l.throttled as number | undefined) ?? 0), 0);
    expect(throttled).toBe(3);
    expect(log.filter((l) => l.event === 'call' && l.outcome === 'error')).toEqual([]);
  });
});
