import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer, useSlowProxies } from './helpers/run.js';
import type { SlowProxy } from './helpers/slow-proxy.js';

let fake: FakeAws;
let proxy: SlowProxy | undefined;
useAcmeServer((f) => (fake = f));
const proxies = useSlowProxies();

/** Every file of a bundle by path, with its hash. */
const files = (manifest: { files: { path: string; sha256: string }[] }) => manifest.files.map((f) => `${f.path} ${f.sha256}`).sort();

describe('throttling is retried until it succeeds or the budget is spent', () => {
  it('a fake endpoint that throttles every third call of every service loses no evidence', async () => {
    const clean = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    // STS is left alone: the run's own identity call comes before the scheduler.
    proxy = await proxies.start(fake.url, { latencyMs: 1, throttle: (lane, n) => !lane.endsWith('/sts') && n % 3 === 0 });
    const throttled = await collectFrom(fake, {
      regions: ['us-east-1', 'eu-west-1'],
      endpointUrl: proxy.url,
      throttleBudgetMs: 60_000,
      retryDelayMs: 5,
    });
    expect(proxy.calls.filter((c) => c.throttled).length).toBeGreaterThan(50);
    // The errors AWS answers with (the sample account's denied calls), and no others.
    const errors = (manifest: { errors: { at?: string }[] }) => manifest.errors.map(({ at: _at, ...e }) => e);
    expect(errors(throttled.manifest)).toEqual(errors(clean.manifest));
    expect(throttled.outcome).toBe(clean.outcome);
    expect(files(throttled.manifest)).toEqual(files(clean.manifest));
    await openBundle(throttled.dir);
  });

  it('a call throttled past its budget is recorded as throttled, after more attempts than the SDK makes alone', async () => {
    proxy = await proxies.start(fake.url, { latencyMs: 1, throttle: (lane) => lane === 'global/iam' || lane === 'us-east-1/iam' });
    const started = Date.now();
    const result = await collectFrom(fake, {
      regions: ['us-east-1'],
      endpointUrl: proxy.url,
      throttleBudgetMs: 300,
      retryDelayMs: 10,
      maxAttempts: 2,
    });
    const elapsed = Date.now() - started;
    const summary = proxy.calls.filter((c) => c.lane === 'us-east-1/iam');
    expect(summary.length).toBeGreaterThan(2 * 3);
    const iamErrors = result.manifest.errors.filter((e) => e.service === 'iam');
    expect(iamErrors.length).toBeGreaterThan(0);
    for (const error of iamErrors) expect(error).toMatchObject({ code: 'Throttling', cause: 'throttled' });
    // The other services were collected meanwhile.
    expect(result.manifest.files.some((f) => f.service === 'ec2')).toBe(true);
    expect(result.manifest.errors.filter((e) => e.service !== 'iam')).toEqual([]);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('a throttled page is asked again from its own token, and the listing is whole', async () => {
    let second = 0;
    proxy = await proxies.start(fake.url, {
      latencyMs: 1,
      // The second page of DescribeSecurityGroups is throttled twice.
      throttle: (lane) => lane === 'us-east-1/ec2' && pendingPageTwo && second++ < 2,
    });
    let pendingPageTwo = false;
    fake.on('ec2', 'DescribeSecurityGroups', (r) => {
      if (r.region === 'us-east-1' && !r.params.NextToken) pendingPageTwo = true;
      if (r.params.NextToken) pendingPageTwo = false;
      return undefined;
    });
    const result = await collectFrom(fake, {
      regions: ['us-east-1'],
      endpointUrl: proxy.url,
      throttleBudgetMs: 10_000,
      retryDelayMs: 5,
      maxAttempts: 1,
    });
    expect(result.manifest.errors).toEqual([]);
    const pages = result.manifest.files.filter((f) => f.operation === 'DescribeSecurityGroups').map((f) => f.path);
    expect(pages).toHaveLength(2);
    expect(proxy.calls.filter((c) => c.throttled)).toHaveLength(2);
    expect(fake.calls('ec2', 'DescribeSecurityGroups').map((r) => r.params.NextToken ?? '')).toHaveLength(2);
  });
});
