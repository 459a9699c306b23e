/**
 * How long `collect` takes against the local wire-level fake AWS with per-call latency, compared
 * with a baseline that makes the same calls strictly one service at a time (the sources of one
 * service, in every region, all finish before the next service's start).
 *
 *   npx vite-node bench/collect-speed.ts            # a modest account (the machine may be shared)
 *   npx vite-node bench/collect-speed.ts -- --full  # 300 users, 150 buckets, 800 security groups, 60 KMS keys
 *   options: --latency MS (default 40), --concurrency N (default: the collector's),
 *            --runs N (how many times `auditpack collect` runs, for the spread of its peak RSS; default 1)
 *
 * Prints wall time, calls (as the fake endpoint counted them) and the collector's RSS: once its
 * modules are loaded, and the peak while collecting. Then runs `auditpack collect` itself, the built
 * CLI as a user starts it, and reports its peak RSS: the figure the target is about. The collector
 * runs in a child process of plain Node, built into a temporary directory first (about 20 s); the
 * fake endpoint and the latency proxy stay in this process.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME, serveAcme } from '../test/collect/helpers/acme.js';
import { FakeAws, wire, xml } from '../test/collect/helpers/fake-aws.js';
import { SlowProxy } from '../test/collect/helpers/slow-proxy.js';
import { CLI_NODE_FLAGS } from './cli-node-flags.js';

interface Size {
  users: number;
  buckets: number;
  securityGroups: number;
  keys: number;
}

const FULL: Size = { users: 300, buckets: 150, securityGroups: 800, keys: 60 };
const MODEST: Size = { users: 60, buckets: 30, securityGroups: 160, keys: 12 };
const REGIONS = ['us-east-1', 'eu-west-1'];

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const size = args.includes('--full') ? FULL : MODEST;
const latencyMs = Number(flag('--latency') ?? 40);
const concurrency = flag('--concurrency') === undefined ? undefined : Number(flag('--concurrency'));
const runs = Number(flag('--runs') ?? 1);

/** The sample company, grown to `size` in us-east-1: the answers are generated in memory. */
function serveBigAccount(fake: FakeAws, n: Size): void {
  serveAcme(fake);
  const pad = (i: number) => String(i).padStart(4, '0');

  // IAM: the credential report with `users` users (one CSV line each).
  const reportXml = wire('iam/GetCredentialReport.xml');
  const content = /<Content>([^<]+)<\/Content>/.exec(reportXml)?.[1] ?? '';
  const [header = '', root = '', first = ''] = Buffer.from(content, 'base64').toString('utf8').split('\n');
  const lines = [
    header,
    root,
    ...Array.from({ length: n.users }, (_, i) =>
      first.replaceAll(/^[^,]+/g, `bench-user-${pad(i)}`).replace(/user\/[^,]+/, `user/bench-user-${pad(i)}`),
    ),
  ];
  const grown = reportXml.replace(content, Buffer.from(`${lines.join('\n')}\n`).toString('base64'));
  fake.on('iam', 'GetCredentialReport', { body: grown, contentType: 'text/xml' });

  // S3: `buckets` buckets in us-east-1, each answering like the data lake bucket.
  const names = Array.from({ length: n.buckets }, (_, i) => `bench-bucket-${pad(i)}`);
  const list = wire('s3/ListBuckets.xml').replace(
    /<Buckets>.*<\/Buckets>/s,
    `<Buckets>${names.map((name) => `<Bucket><Name>${name}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>`).join('')}</Buckets>`,
  );
  fake.on('s3', 'ListBuckets', { body: list, contentType: 'application/xml' });
  const bench = (reply: () => ReturnType<typeof xml>) => (r: { bucket?: string; region: string }) =>
    r.bucket?.startsWith('bench-bucket-') && r.region === 'us-east-1' ? reply() : undefined;
  fake.on(
    's3',
    'GetPublicAccessBlock',
    bench(() => xml('s3/GetPublicAccessBlock.acme-public-website.xml')),
  );
  fake.on(
    's3',
    'GetBucketEncryption',
    bench(() => xml('s3/GetBucketEncryption.acme-data-lake-raw.xml')),
  );
  fake.on(
    's3',
    'GetBucketPolicy',
    bench(() => xml('s3/NoSuchBucketPolicy.xml', 404)),
  );
  fake.on(
    's3',
    'GetBucketVersioning',
    bench(() => xml('s3/GetBucketVersioning.enabled.xml')),
  );
  fake.on(
    's3',
    'GetBucketLogging',
    bench(() => xml('s3/GetBucketLogging.disabled.xml')),
  );
  fake.on(
    's3',
    'GetBucketAcl',
    bench(() => xml('s3/GetBucketAcl.private.xml')),
  );
  fake.on(
    's3',
    'GetBucketReplication',
    bench(() => xml('s3/ReplicationConfigurationNotFoundError.xml', 404)),
  );
  fake.on(
    's3',
    'GetBucketNotificationConfiguration',
    bench(() => xml('s3/GetBucketNotificationConfiguration.empty.xml')),
  );
  fake.on(
    's3',
    'GetBucketLifecycleConfiguration',
    bench(() => xml('s3/NoSuchLifecycleConfiguration.xml', 404)),
  );

  // EC2: `securityGroups` groups in one page (MaxResults 1000).
  const groups = wire('ec2/DescribeSecurityGroups.us-east-1.p2.xml');
  const info = /<securityGroupInfo>(.*)<\/securityGroupInfo>/s.exec(groups)?.[1] ?? '';
  const perCopy = (info.match(/<groupId>/g) ?? []).length || 1;
  let g = 0;
  const items = Array.from({ length: Math.ceil(n.securityGroups / perCopy) }, () =>
    info.replace(/<groupId>sg-[0-9a-f]+<\/groupId>/g, () => `<groupId>sg-${(g++).toString(16).padStart(17, '0')}</groupId>`),
  ).join('');
  const page = groups
    .replace(/<securityGroupInfo>.*<\/securityGroupInfo>/s, `<securityGroupInfo>${items}</securityGroupInfo>`)
    .replace(/<nextToken>[^<]*<\/nextToken>/, '');
  fake.on('ec2', 'DescribeSecurityGroups', (r) => (r.region === 'us-east-1' ? { body: page, contentType: 'text/xml' } : undefined));

  // KMS: `keys` customer managed symmetric keys (DescribeKey and GetKeyRotationStatus each).
  const keyIds = Array.from({ length: n.keys }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const template = '0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64';
  const arn = (id: string) => `arn:aws:kms:us-east-1:${ACME}:key/${id}`;
  fake.on('kms', 'ListKeys', (r) =>
    r.region === 'us-east-1'
      ? {
          body: JSON.stringify({ Keys: keyIds.map((id) => ({ KeyId: id, KeyArn: arn(id) })), Truncated: false }),
          contentType: 'application/x-amz-json-1.1',
        }
      : undefined,
  );
  const describe = wire(`kms/DescribeKey.${template}.json`);
  const rotation = wire(`kms/GetKeyRotationStatus.${template}.json`);
  const keyOf = (r: { body: Record<string, unknown> }) => String(r.body.KeyId);
  fake.on('kms', 'DescribeKey', (r) =>
    keyIds.includes(keyOf(r)) ? { body: describe.replaceAll(template, keyOf(r)), contentType: 'application/x-amz-json-1.1' } : undefined,
  );
  fake.on('kms', 'GetKeyRotationStatus', (r) =>
    keyIds.includes(keyOf(r)) ? { body: rotation.replaceAll(template, keyOf(r)), contentType: 'application/x-amz-json-1.1' } : undefined,
  );
}

// The collector runs in a child process of plain Node (compiled with tsconfig.build.json into a
// temporary directory), so its RSS is its own: not vite-node's, the fake endpoint's or the proxy's.
const CHILD = `
import { favourMemoryOverSpeed } from './dist/shared/memory.js';

// As \`auditpack collect\` does, before the collector and its SDK packages load
// (BENCH_V8_DEFAULTS=1 leaves V8's defaults, to compare).
if (!process.env.BENCH_V8_DEFAULTS) favourMemoryOverSpeed();
const { collect } = await import('./dist/collect/collect.js');
const { sources } = await import('./dist/collect/sources/index.js');

const config = JSON.parse(process.argv[2]);
// The same sources, gated so that one service's sources (grouped by their first service) all
// finish, in every region, before the next service's start: the calls are the same, only the
// schedule differs.
function oneServiceAtATime(all, regions) {
  const order = [...new Set(all.map((s) => s.services[0]))];
  const left = new Map(order.map((service) => [service, all.filter((s) => s.services[0] === service).reduce((n, s) => n + (s.scope === 'account' ? 1 : regions), 0)]));
  const done = new Map();
  const finished = new Map(order.map((service) => [service, new Promise((resolve) => done.set(service, resolve))]));
  return all.map((source) => {
    const service = source.services[0];
    const before = order[order.indexOf(service) - 1];
    return {
      ...source,
      async collect(ctx) {
        if (before !== undefined) await finished.get(before);
        try {
          await source.collect(ctx);
        } finally {
          left.set(service, left.get(service) - 1);
          if (left.get(service) === 0) done.get(service)();
        }
      },
    };
  });
}
const loaded = process.memoryUsage().rss;
let peak = loaded;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const started = performance.now();
const result = await collect({
  out: config.out,
  endpointUrl: config.endpointUrl,
  regions: config.regions,
  env: process.env,
  now: () => new Date(),
  progress: { write: () => undefined, tty: false, quiet: true },
  pollDelayMs: 50,
  sources: config.baseline ? oneServiceAtATime(sources, config.regions.length) : sources,
  ...(config.concurrency ? { concurrency: config.concurrency } : {}),
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const mb = (n) => Math.round(n / 2 ** 20);
console.log(JSON.stringify({ seconds, files: result.files, errors: result.errors, loadedRssMb: mb(loaded), peakRssMb: mb(peak) }));
`;

/** Builds src/ as `npm run build` does, into a temporary directory the child imports (node_modules linked beside it). */
function build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-bench-build-'));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist'), '--sourceMap', 'false'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle-sdk.mjs', join(dir, 'dist')], { stdio: 'inherit' });
  // What the CLI reads beside dist/, as in the package.
  for (const folder of ['node_modules', 'schemas', 'controls', 'templates']) symlinkSync(join(process.cwd(), folder), join(dir, folder));
  // version.js looks for the package by name.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'auditpack', version: '0.0.0-bench', type: 'module' }));
  writeFileSync(join(dir, 'child.mjs'), CHILD);
  return dir;
}

interface Measure {
  seconds: number;
  calls: number;
  files: number;
  errors: number;
  loadedRssMb: number;
  peakRssMb: number;
}

/** Serves the big account behind a latency proxy, runs `run` with the proxy's URL and an empty work folder, then stops both. */
async function onBigAccount<T>(run: (endpointUrl: string, dir: string, fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = await FakeAws.start();
  serveBigAccount(fake, size);
  const proxy = await SlowProxy.start(fake.url, { latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-bench-'));
  try {
    return await run(proxy.url, dir, fake);
  } finally {
    await proxy.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(buildDir: string, baseline: boolean): Promise<Measure> {
  return onBigAccount(async (endpointUrl, dir, fake) => {
    const config = { out: join(dir, 'bundle'), endpointUrl, regions: REGIONS, baseline, concurrency };
    const child = spawn(process.execPath, [...CLI_NODE_FLAGS, join(buildDir, 'child.mjs'), JSON.stringify(config)], {
      env: BENCH_ENV,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the collector exited with ${code}: ${out}`);
    return { ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Omit<Measure, 'calls'>), calls: fake.requests.length };
  });
}

/**
 * `auditpack collect` itself (the built CLI, as a user runs it) on the same account with the
 * scheduler's defaults: its peak RSS is the kernel's high-water mark (VmHWM), read until it exits.
 */
function measureCli(buildDir: string): Promise<Measure> {
  return onBigAccount(async (endpointUrl, dir, fake) => {
    const args = ['collect', '--out', join(dir, 'bundle'), '--endpoint-url', endpointUrl, '--regions', REGIONS.join(','), '--quiet'];
    if (concurrency !== undefined) args.push('--concurrency', String(concurrency));
    const started = performance.now();
    const child = spawn(process.execPath, [...CLI_NODE_FLAGS, join(buildDir, 'dist/cli/main.js'), ...args], {
      env: BENCH_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let peakKb = 0;
    const highWaterMark = () => {
      try {
        peakKb = Math.max(peakKb, Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
      } catch {
        // It has exited.
      }
    };
    const sampler = setInterval(highWaterMark, 5);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', highWaterMark);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    // 20: complete, with the calls the account denies recorded as errors.
    if (code !== 0 && code !== 20) throw new Error(`auditpack collect exited with ${code}: ${out}`);
    const manifest = JSON.parse(readFileSync(join(dir, 'bundle/manifest.json'), 'utf8')) as { files: unknown[]; errors?: unknown[] };
    return {
      seconds,
      calls: fake.requests.length,
      files: manifest.files.length,
      errors: manifest.errors?.length ?? 0,
      loadedRssMb: NaN,
      peakRssMb: Math.round(peakKb / 1024),
    };
  });
}

// Static fake credentials; no shared config or instance metadata to fall back on.
const BENCH_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent/auditpack-bench/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/auditpack-bench/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // BENCH_NODE_OPTIONS: V8 flags for the collector's process (e.g. a heap cap), to compare settings.
  ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  ...(process.env.BENCH_V8_DEFAULTS ? { BENCH_V8_DEFAULTS: process.env.BENCH_V8_DEFAULTS } : {}),
};

const buildDir = build();
try {
  const baseline = await measure(buildDir, true);
  const scheduled = await measure(buildDir, false);
  const cli: Measure[] = [];
  for (let run = 0; run < runs; run++) cli.push(await measureCli(buildDir));
  const peaks = cli.map((m) => m.peakRssMb).sort((a, b) => a - b);
  const row = (name: string, m: Measure) =>
    `${name.padEnd(22)} ${m.seconds.toFixed(2).padStart(7)} s  ${String(m.calls).padStart(5)} calls  ${String(m.files).padStart(5)} files  ${String(m.errors).padStart(2)} errors  RSS ${Number.isNaN(m.loadedRssMb) ? '' : `${m.loadedRssMb} MB loaded, `}${m.peakRssMb} MB peak`;
  console.log(
    `account: ${size.users} users, ${size.buckets} buckets, ${size.securityGroups} security groups, ${size.keys} KMS keys; ${REGIONS.join(', ')}; ${latencyMs} ms a call; concurrency ${concurrency ?? 'default'}`,
  );
  console.log(row('one service at a time', baseline));
  console.log(row('scheduler', scheduled));
  for (const m of cli) console.log(row('auditpack collect', m));
  console.log(
    `ratio ${(scheduled.seconds / baseline.seconds).toFixed(2)} (target ≤ 0.70); same calls: ${[scheduled, ...cli].every((m) => m.calls === baseline.calls) ? 'yes' : 'no'}; ` +
      `auditpack collect's peak RSS ${peaks[0]}–${peaks.at(-1)} MB over ${runs} run(s) (target ≤ 130 MB): ${(peaks.at(-1) ?? Infinity) <= 130 ? 'met' : 'not met'}`,
  );
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
