import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, vi } from 'vitest';
import { registerCollect } from '../../../src/cli/collect.js';
import type { Io } from '../../../src/cli/io.js';
import { collect, type CollectOptions, type CollectResult } from '../../../src/collect/collect.js';
import { BASE_KEY, serveAcme } from './acme.js';
import { FakeAws } from './fake-aws.js';
import { SlowProxy, type SlowProxyOptions } from './slow-proxy.js';

/** Static fake credentials and a region in the environment, and no shared config or instance metadata to fall back on. */
export function fakeCredentialsEnv(): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', BASE_KEY);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_DEFAULT_REGION', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/auditpack-test/config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/auditpack-test/credentials');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_ENDPOINT_URL', undefined);
  // The SDK warns once per process that future versions need Node 22; not our output.
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
}

/** A new, not yet existing bundle directory. */
export function newBundleDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'auditpack-collect-')), 'bundle');
}

/** Collects from the fake endpoint with fast retries and polls; returns the result and the progress text. */
export async function collectFrom(fake: FakeAws, options: Partial<CollectOptions> = {}): Promise<CollectResult & { log: string }> {
  let log = '';
  const result = await collect({
    out: options.out ?? newBundleDir(),
    endpointUrl: fake.url,
    env: process.env,
    now: () => new Date(),
    progress: { write: (t) => (log += t), tty: false, quiet: false },
    retryDelayMs: 1,
    pollDelayMs: 1,
    maxAttempts: 3,
    ...options,
  });
  return { ...result, log };
}

/** Serves the sample company's fake AWS with fake credentials around each test; `use` receives each new server. */
export function useAcmeServer(use: (fake: FakeAws) => void): void {
  let fake: FakeAws | undefined;
  beforeEach(async () => {
    fakeCredentialsEnv();
    fake = serveAcme(await FakeAws.start());
    use(fake);
  });
  afterEach(async () => {
    await fake?.stop();
    vi.unstubAllEnvs();
  });
}

/** Starts latency proxies for a file's tests (`start` as SlowProxy.start) and stops each after its test. */
export function useSlowProxies(): { start: (target: string, options: SlowProxyOptions) => Promise<SlowProxy> } {
  const running: SlowProxy[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((proxy) => proxy.stop()));
  });
  return {
    start: async (target, options) => {
      const proxy = await SlowProxy.start(target, options);
      running.push(proxy);
      return proxy;
    },
  };
}

/** Runs `auditpack collect …` in process with captured output; a thrown outcome is returned, not raised. */
export async function runCollectCli(args: string[]): Promise<{ out: string; err: string; error?: unknown }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), env: process.env, now: () => new Date(), isTty: false };
  const program = new Command('auditpack').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerCollect(program, io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out, err };
  } catch (error) {
    return { out, err, error };
  }
}

/** The built CLI's output: exit code or signal, standard output and error, and both in order. */
export interface BuiltCliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  output: string;
}

/**
 * Runs the built CLI (dist/, which test/global-setup.ts builds) with exactly `env`, without blocking
 * this process, which may be serving the fake AWS it calls.
 */
export function runBuiltCli(args: string[], env: NodeJS.ProcessEnv): Promise<BuiltCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist/cli/main.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: BuiltCliRun = { code: null, signal: null, out: '', err: '', output: '' };
    child.stdout.on('data', (chunk: Buffer) => ((run.out += chunk.toString()), (run.output += chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => ((run.err += chunk.toString()), (run.output += chunk.toString())));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ...run, code, signal }));
  });
}
