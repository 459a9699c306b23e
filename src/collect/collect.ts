import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Manifest } from '../bundle/manifest.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { toolVersion } from '../shared/version.js';
import {
  assumedRole,
  callerIdentity,
  organizationAccounts,
  partitionOf,
  readAccountsFile,
  roleArn,
  type AccountTarget,
} from './accounts.js';
import { errorInfo, failureKind } from './aws-errors.js';
import { BundleWriter, type RunPlan } from './bundle-writer.js';
import { ClientPool, type Credentials } from './clients.js';
import { SourceContext, type AccountScope, type RunServices } from './context.js';
import { DEFAULT_CONCURRENCY, Interrupted, Scheduler, eachLimited } from './limiter.js';
import { Progress, formatSeconds, type ProgressOptions } from './progress.js';
import { accountsOfShard, type Shard } from './shard.js';
import { sources as allSources } from './sources/index.js';
import type { Source } from './sources/source.js';

/** Region codes as the bundle format accepts them. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

/** What `auditpack collect` was asked to do. */
export interface CollectOptions {
  out: string;
  /** Finish the unfinished bundle in `out` instead of starting one. */
  resume?: boolean;
  /** `--regions`; default: every region enabled for each account (DescribeRegions). */
  regions?: string[];
  profile?: string;
  endpointUrl?: string;
  /** `--accounts FILE`: account ids to assume `roleName` in. */
  accountsFile?: string;
  /** `--organization`: every active account of the organization, each assumed with `roleName`. */
  organization?: boolean;
  roleName?: string;
  externalId?: string;
  /** API calls in flight at once across the run (default {@link DEFAULT_CONCURRENCY}, from the rate table in limiter.ts); each service also keeps its own limits. */
  concurrency?: number;
  /**
   * How long one call may keep being throttled (or answered with a bare 503) before it is recorded as
   * an error (default 10 minutes). 0: the SDK's attempts alone decide, as tests that count attempts want.
   */
  throttleBudgetMs?: number;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Aborting stops the run: in-flight calls are dropped and the bundle stays resumable. */
  signal?: AbortSignal;
  progress: Omit<ProgressOptions, 'now'>;
  /** Attempts per call, retries included (default 6). */
  maxAttempts?: number;
  /** Tests: fixed retry delay (also the first throttle backoff), first credential-report poll delay, checkpoint interval, sources. */
  retryDelayMs?: number;
  pollDelayMs?: number;
  checkpointMs?: number;
  sources?: readonly Source[];
  /** `--shard I/N`: collect only the accounts of this shard (with `accountsFile` or `organization`). */
  shard?: Shard;
}

/** How a run ended: every call answered, some failed, nothing collected, or stopped early. */
export type CollectOutcome = 'complete' | 'partial' | 'empty' | 'interrupted';

/** What a run did, for the summary line and for tests. */
export interface CollectResult {
  outcome: CollectOutcome;
  dir: string;
  bundleId: string;
  /** API requests made in this run. */
  calls: number;
  /** Calls an earlier run had finished. */
  resumed: number;
  errors: number;
  /** Calls that got no answer at all (network gone); --resume asks them again. */
  unreachable: number;
  files: number;
  accounts: number;
  regions: number;
  seconds: number;
  /** The service whose calls spent the most time in flight (summed over its calls). */
  slowestService?: { service: string; seconds: number };
  /** The manifest as last written. */
  manifest: Manifest;
}

const DEFAULT_MAX_ATTEMPTS = 6;
const DEFAULT_THROTTLE_BUDGET_MS = 10 * 60_000;
const THROTTLE_BACKOFF_MS = 1_000;
const SDK_THROTTLE_RETRIES = 1;
const CHECKPOINT_MS = 5_000;
const POLL_DELAY_MS = 1_000;

/**
 * Collects evidence into a bundle directory: every account (assumed with a role, or the
 * credentials' own), every region, every source; answers are written as they arrive and a
 * failed call becomes a collection error, never the end of the run.
 */
export async function collect(options: CollectOptions): Promise<CollectResult> {
  validate(options);
  const controller = new AbortController();
  const signal = controller.signal;
  // Every waiting and in-flight call listens for the abort; hundreds at once are expected.
  setMaxListeners(0, signal);
  const abort = (): void => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) controller.abort();

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const progress = new Progress({ ...options.progress, now: options.now });
  const throttleBudgetMs = options.throttleBudgetMs ?? DEFAULT_THROTTLE_BUDGET_MS;
  const baseSettings = {
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    env: options.env,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // With a throttle budget the SDK retries a throttle once (its adaptive limiter learns from it),
    // then the scheduler re-queues the call; without one the SDK's attempts alone decide.
    ...(throttleBudgetMs > 0 ? { sdkThrottleRetries: SDK_THROTTLE_RETRIES } : {}),
  };
  const homeRegion = await resolveHomeRegion(options);
  const pool = new ClientPool({ ...baseSettings, homeRegion }, concurrency * 2);
  let writer: BundleWriter | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    // One credential chain for the whole run, resolved once (not once per client).
    await pool.load('sts');
    const bootstrap = pool.create('sts', 'global', undefined);
    const base: Credentials = bootstrap.config.credentials;
    const baseClients = pool.forAccount(base);
    const caller = await callerIdentity(baseClients.get('sts', 'global'), signal);
    const partition = partitionOf(caller.Arn);

    let targets: AccountTarget[];
    let plan: RunPlan;
    if (options.resume) {
      writer = await BundleWriter.resume(options.out);
      plan = writer.plan;
      targets = writer.accounts.map((a) => (a.name === undefined ? { id: a.id } : { id: a.id, name: a.name }));
      checkResume(options, plan, targets, caller.Account);
    } else {
      plan = planOf(options);
      targets =
        plan.mode === 'single'
          ? [{ id: caller.Account }]
          : plan.mode === 'accounts'
            ? await readAccountsFile(options.accountsFile as string)
            : await pool.load('organizations').then(() => organizationAccounts(baseClients.get('organizations', 'global'), signal));
      if (options.shard) ({ targets, plan } = shardTargets(options.shard, targets, plan));
      writer = await BundleWriter.create(options.out, {
        bundleId: randomUUID(),
        startedAt: options.now().toISOString(),
        toolVersion,
        plan,
      });
      for (const target of targets) writer.setAccount(target);
    }
    const roleName = options.roleName ?? plan.roleName;
    // The identity call above is stored as evidence only on a fresh single-account run.
    if (options.resume || plan.mode !== 'single') progress.request();

    const run: RunServices = {
      writer,
      scheduler: new Scheduler({ maxInFlight: concurrency }),
      throttleBudgetMs,
      throttleBackoffMs: options.retryDelayMs ?? THROTTLE_BACKOFF_MS,
      progress,
      signal,
      now: options.now,
      pollDelayMs: options.pollDelayMs ?? POLL_DELAY_MS,
      inflight: new Map(),
    };
    const activeWriter = writer;
    timer = setInterval(
      () => void activeWriter.checkpoint(options.now().toISOString()).catch(() => undefined),
      options.checkpointMs ?? CHECKPOINT_MS,
    );
    timer.unref();
    await activeWriter.checkpoint(options.now().toISOString());

    progress.accountsPlanned(targets.length);
    const sources = options.sources ?? allSources;
    const accountWidth = Math.max(1, Math.floor(concurrency / 4));
    const { GetCallerIdentityCommand } = await import('../shared/aws-sdk/client-sts.js');
    await eachLimited(targets, accountWidth, async (target) => {
      if (signal.aborted) return;
      const before = { calls: progress.counts.calls, errors: progress.counts.errors };
      let credentials = base;
      if (plan.mode !== 'single') {
        const arn = roleArn(partition, target.id, roleName as string);
        credentials = assumedRole(baseClients.get('sts', 'global'), arn, options.externalId, signal);
        progress.request();
        try {
          await credentials();
        } catch (error) {
          if (signal.aborted) return;
          // One account's role failing never stops the others.
          const info = errorInfo(error);
          activeWriter.recordError(
            {
              account: target.id,
              region: 'global',
              service: 'sts',
              operation: 'AssumeRole',
              parameters: { RoleArn: arn },
              ...info,
              at: options.now().toISOString(),
            },
            failureKind(error, info),
          );
          progress.error(`sts:AssumeRole of ${arn} failed (${info.code}); account ${target.id} was not collected`, {
            account: target.id,
            code: info.code,
          });
          progress.accountDone(target.id, `not collected (AssumeRole ${info.code})`);
          return;
        }
      }
      const scope: AccountScope = { id: target.id, partition, clients: pool.forAccount(credentials), regions: [] };
      const global = new SourceContext(run, scope, 'global');
      try {
        // The identity is evidence of who collected; in single-account mode it was fetched above.
        await global.call({ service: 'sts', operation: 'GetCallerIdentity' }, (client, sendOptions) =>
          plan.mode === 'single' ? Promise.resolve(caller) : client.send(new GetCallerIdentityCommand({}), sendOptions),
        );
        const regions = plan.regions ?? (await enabledRegions(global, homeRegion));
        scope.regions = regions;
        activeWriter.setAccount({ id: target.id, regions });
        await runSources(run, scope, sources);
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error;
        return;
      }
      progress.accountDone(
        target.id,
        `${count(scope.regions.length, 'region')}, ${count(progress.counts.calls - before.calls, 'call')}, ${count(progress.counts.errors - before.errors, 'error')}`,
      );
    });

    clearInterval(timer);
    timer = undefined;
    const finishedAt = options.now().toISOString();
    let manifest: Manifest;
    let outcome: CollectOutcome;
    // Calls that got no answer at all (the network went away) are for --resume to finish.
    if (signal.aborted || activeWriter.unreachable > 0) {
      manifest = await activeWriter.checkpoint(finishedAt, true);
      activeWriter.close();
      outcome = 'interrupted';
    } else {
      manifest = await activeWriter.finish(finishedAt);
      outcome = manifest.files.length === 0 ? 'empty' : manifest.errors.length > 0 ? 'partial' : 'complete';
    }
    const result: CollectResult = {
      outcome,
      dir: options.out,
      bundleId: manifest.bundleId,
      calls: progress.counts.calls,
      resumed: progress.counts.resumed,
      errors: manifest.errors.length,
      unreachable: activeWriter.unreachable,
      files: manifest.files.length,
      accounts: manifest.scope.accounts.length,
      regions: manifest.scope.regions.length,
      seconds: progress.elapsedSeconds(),
      manifest,
    };
    const slowest = progress.slowestService();
    if (slowest) result.slowestService = slowest;
    progress.stop();
    progress.summary({ ...result, manifest: undefined });
    return result;
  } catch (error) {
    // Whatever stopped the run, what was collected stays listed and resumable.
    await writer?.checkpoint(options.now().toISOString(), true).catch(() => undefined);
    throw error;
  } finally {
    if (timer) clearInterval(timer);
    writer?.close();
    pool.destroy();
    options.signal?.removeEventListener('abort', abort);
    progress.stop();
  }
}

/** Runs every source of one account: account-wide ones once, regional ones in each region, all at once (the limiter bounds the calls). */
async function runSources(run: RunServices, scope: AccountScope, sources: readonly Source[]): Promise<void> {
  const tasks = sources.flatMap((source) =>
    source.scope === 'account' ? [{ source, region: 'global' }] : scope.regions.map((region) => ({ source, region })),
  );
  run.progress.tasksPlanned(tasks.length);
  await Promise.all(
    tasks.map(async ({ source, region }) => {
      try {
        await source.collect(new SourceContext(run, scope, region));
      } catch (error) {
        if (error instanceof Interrupted || run.signal.aborted) return;
        // A bug in one source must not cost the rest of the run; the manifest says what is missing.
        const message = `source "${source.id}" stopped in ${scope.id}/${region}: ${messageOf(error)}. This is a bug in auditpack; please report it.`;
        run.writer.recordError(
          {
            account: scope.id,
            region,
            service: source.services[0] ?? 'unknown',
            operation: 'AuditpackCollect',
            code: 'InternalError',
            message,
            at: run.now().toISOString(),
          },
          'retryable',
        );
        run.progress.error(message);
      } finally {
        run.progress.taskDone();
      }
    }),
  );
  if (run.signal.aborted) throw new Interrupted();
}

/** Regions enabled for the account (opt-in regions only when opted in), from DescribeRegions, stored as evidence. */
async function enabledRegions(ctx: SourceContext, homeRegion: string): Promise<string[]> {
  const { DescribeRegionsCommand } = await import('../shared/aws-sdk/client-ec2.js');
  const answer = await ctx.call({ service: 'ec2', operation: 'DescribeRegions' }, (client, options) =>
    client.send(new DescribeRegionsCommand({}), options),
  );
  if (!answer) {
    ctx.warn(`ec2:DescribeRegions failed for ${ctx.account.id}; collecting only ${homeRegion}`);
    return [homeRegion];
  }
  const regions = (answer.Regions ?? [])
    .filter((r) => r.OptInStatus !== 'not-opted-in')
    .flatMap((r) => (r.RegionName && REGION_PATTERN.test(r.RegionName) ? [r.RegionName] : []));
  return [...new Set(regions)].sort();
}

function validate(options: CollectOptions): void {
  for (const region of options.regions ?? []) {
    if (!REGION_PATTERN.test(region))
      throw new AuditpackError(
        'USAGE',
        `--regions: "${region}" is not an AWS region code. Give a comma-separated list such as us-east-1,eu-west-1.`,
      );
  }
  if (options.regions && options.regions.length === 0)
    throw new AuditpackError(
      'USAGE',
      '--regions: lists no region. Give a comma-separated list such as us-east-1,eu-west-1, or leave it out for every enabled region.',
    );
  if (options.accountsFile !== undefined && options.organization)
    throw new AuditpackError('USAGE', '--accounts and --organization: give one of them, not both.');
  if ((options.accountsFile !== undefined || options.organization) && !options.roleName && !options.resume) {
    throw new AuditpackError(
      'USAGE',
      `${options.organization ? '--organization' : '--accounts'}: needs --role-name, the role to assume in each account (e.g. --role-name AuditpackReadOnly).`,
    );
  }
  if (options.roleName && options.accountsFile === undefined && !options.organization && !options.resume) {
    throw new AuditpackError(
      'USAGE',
      "--role-name: is used with --accounts FILE or --organization. Add one of them, or leave --role-name out to collect the credentials' own account.",
    );
  }
  const c = options.concurrency;
  if (c !== undefined && (!Number.isInteger(c) || c < 1 || c > 64))
    throw new AuditpackError('USAGE', `--concurrency ${c}: give a whole number from 1 to 64.`);
}

/** The accounts of one shard, and the plan that records which shard of which organisation it is. */
function shardTargets(shard: Shard, all: AccountTarget[], plan: RunPlan): { targets: AccountTarget[]; plan: RunPlan } {
  if (plan.mode === 'single')
    throw new AuditpackError(
      'USAGE',
      `--shard ${shard.index}/${shard.count}: sharding splits the accounts of --organization or --accounts; add one of them`,
    );
  const ids = [...new Set(all.map((a) => a.id))].sort();
  const targets = accountsOfShard(all, shard);
  if (targets.length === 0) {
    throw new AuditpackError(
      'USAGE',
      `--shard ${shard.index}/${shard.count}: none of the ${ids.length} accounts falls in this shard; with ${ids.length} accounts, use fewer shards (at most ${ids.length}, and fewer keeps every shard busy)`,
    );
  }
  const record = { ...shard, organizationAccounts: ids.length, accountsSha256: sha256(ids.map((id) => `${id}\n`).join('')) };
  return { targets, plan: { ...plan, shard: record } };
}

function planOf(options: CollectOptions): RunPlan {
  const mode = options.accountsFile !== undefined ? 'accounts' : options.organization ? 'organization' : 'single';
  const plan: RunPlan = { mode };
  if (options.regions) plan.regions = [...new Set(options.regions)].sort();
  if (mode !== 'single' && options.roleName) plan.roleName = options.roleName;
  if (options.externalId) plan.externalId = true;
  return plan;
}

/** A resumed run must collect the same thing, with credentials for the same account. */
function checkResume(options: CollectOptions, plan: RunPlan, targets: AccountTarget[], callerAccount: string): void {
  const given = options.regions ? [...new Set(options.regions)].sort().join(',') : undefined;
  if (given !== undefined && given !== (plan.regions ?? []).join(',')) {
    throw new AuditpackError(
      'USAGE',
      `--regions ${given}: the bundle in ${options.out} is collecting ${plan.regions ? plan.regions.join(',') : 'every enabled region'}. Resume without --regions.`,
    );
  }
  if (plan.mode === 'single' && targets[0] && targets[0].id !== callerAccount) {
    throw new AuditpackError(
      'USAGE',
      `${options.out}: the bundle is collecting account ${targets[0].id}, but the credentials are for ${callerAccount}. Resume with credentials for ${targets[0].id}.`,
    );
  }
  if (plan.mode !== 'single' && plan.externalId && !options.externalId) {
    throw new AuditpackError('USAGE', `${options.out}: the bundle was started with --external-id. Give it again to resume.`);
  }
  const { shard } = options;
  if (shard && (shard.index !== plan.shard?.index || shard.count !== plan.shard.count)) {
    const was = plan.shard ? `shard ${plan.shard.index}/${plan.shard.count}` : 'every account, unsharded';
    throw new AuditpackError(
      'USAGE',
      `--shard ${shard.index}/${shard.count}: the bundle in ${options.out} is collecting ${was}. Resume with the same --shard, or without it.`,
    );
  }
}

/** The region for global services: AWS_REGION, the profile's region, the first --regions entry, else us-east-1. */
async function resolveHomeRegion(options: CollectOptions): Promise<string> {
  const fromEnv = options.env.AWS_REGION || options.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  const { STSClient } = await import('../shared/aws-sdk/client-sts.js');
  try {
    const region = await new STSClient(options.profile !== undefined ? { profile: options.profile } : {}).config.region();
    if (region) return region;
  } catch {
    // no region configured anywhere
  }
  return options.regions?.[0] ?? 'us-east-1';
}

/** The summary line printed at the end of a run. */
export function summaryLine(result: CollectResult): string {
  const what = `${count(result.calls, 'call')}${result.resumed > 0 ? ` (+${result.resumed} from the earlier run)` : ''}, ${count(result.files, 'file')}, ${count(result.errors, 'error')}, ${count(result.accounts, 'account')} × ${count(result.regions, 'region')} in ${formatSeconds(result.seconds)}${slowest(result)}`;
  switch (result.outcome) {
    case 'complete':
      return `Collected ${result.dir}: complete. ${what}.`;
    case 'partial':
      return `Collected ${result.dir}: partial — ${count(result.errors, 'call')} failed (see "errors" in manifest.json; docs/collection.md lists the permissions). ${what}.`;
    case 'empty':
      return `Collected ${result.dir}: nothing could be collected (see "errors" in manifest.json). ${what}.`;
    case 'interrupted': {
      const why = result.unreachable > 0 ? `${count(result.unreachable, 'call')} got no answer (network)` : 'stopped';
      return `Incomplete (${why}): finish ${result.dir} with "auditpack collect --out ${result.dir} --resume". ${what}.`;
    }
  }
}

/** `; slowest service: ec2 (12.3 s of calls)`: where to look when a run is slow (the time its calls were in flight, summed). */
function slowest(result: CollectResult): string {
  const service = result.slowestService;
  return service && service.seconds > 0 ? `; slowest service: ${service.service} (${formatSeconds(service.seconds)} of calls)` : '';
}

/** `1 call`, `2 calls`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
