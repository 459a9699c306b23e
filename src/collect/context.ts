import type { Wire } from '../bundle/evidence/wire.js';
import type { BundleWriter } from './bundle-writer.js';
import { errorInfo, failureKind, isBackedOff, isInterruption, isThrottled, type ErrorInfo } from './aws-errors.js';
import type { AccountClients, ClientOf, ServiceName } from './clients.js';
import { Interrupted, Scheduler, eachLimited, sleep, type CallTiming } from './limiter.js';
import { callId, type CallRef } from './paths.js';
import type { Progress } from './progress.js';

/** One AWS call as a source describes it. */
export interface CallSpec<S extends ServiceName> {
  service: S;
  operation: string;
  /** Default: the context's region (`global` in account-wide sources). */
  region?: string;
  /** The request parameters that identify the call; page sizes and tokens are left out. */
  parameters?: Record<string, unknown>;
  /** The resource the call is about (bucket, trail, rule name): names the file. */
  key?: string;
  /** Error codes that answer "there is none" (or a test of the error) — recorded as a `not-found` file, not as an error. */
  notFound?: readonly string[] | ((error: ErrorInfo) => boolean);
}

/** Options every SDK `send` gets. */
export interface SendOptions {
  abortSignal: AbortSignal;
}

/** What a whole run shares. */
export interface RunServices {
  writer: BundleWriter;
  scheduler: Scheduler;
  /**
   * How long one call may keep being throttled (SDK retries, then re-queued with backoff) before it
   * is recorded as a `throttled` collection error.
   */
  throttleBudgetMs: number;
  /** First backoff after a call outlived the SDK's retries on throttling (doubles up to 30 s, with jitter). */
  throttleBackoffMs: number;
  progress: Progress;
  signal: AbortSignal;
  now: () => Date;
  /** First delay when polling for the credential report (doubles up to a cap). */
  pollDelayMs: number;
  /** Calls in flight by call id, so two sources needing the same listing share one request. */
  inflight: Map<string, Promise<unknown>>;
}

/** One account as the sources see it. */
export interface AccountScope {
  id: string;
  /** `aws`, `aws-cn`, `aws-us-gov`: for building ARNs. */
  partition: string;
  clients: AccountClients;
  /** The regions collected for this account, sorted. */
  regions: readonly string[];
}

/**
 * What a source works with: the account and region it runs for, lazily created clients, and
 * `call`/`pages`, which skip calls an earlier run finished, write each answer as it arrives,
 * turn "there is none" answers into `not-found` files and every other failure into a collection
 * error. A failed call yields `undefined`; the run goes on.
 */
export class SourceContext {
  constructor(
    private readonly run: RunServices,
    readonly account: AccountScope,
    /** A region code, or `global` for account-wide sources. */
    readonly region: string,
  ) {}

  /** The client for `service` in `region` (default: this context's region), its SDK package imported on first use. */
  async client<S extends ServiceName>(service: S, region = this.region): Promise<ClientOf<S>> {
    await this.load(service);
    return this.account.clients.get(service, region);
  }

  /** Imports the SDK package of a service before its first call. */
  private load(service: ServiceName): Promise<void> {
    return this.account.clients.load(service);
  }

  /** Makes one unpaginated call; returns the answer as stored (dates as ISO strings), or undefined. */
  call<S extends ServiceName, T extends object>(
    spec: CallSpec<S>,
    send: (client: ClientOf<S>, options: SendOptions) => Promise<T>,
  ): Promise<Wire<T> | undefined> {
    return this.once(spec, () => this.callOnce(spec, send));
  }

  private async callOnce<S extends ServiceName, T extends object>(
    spec: CallSpec<S>,
    send: (client: ClientOf<S>, options: SendOptions) => Promise<T>,
  ): Promise<Wire<T> | undefined> {
    const ref = this.ref(spec);
    const { writer, progress } = this.run;
    if (writer.isDone(ref)) {
      if (writer.finishedBefore(ref)) progress.call(ref, 'resumed');
      return this.readBack<T>(ref);
    }
    await this.load(spec.service);
    const timing = newTiming();
    let response: T;
    try {
      response = await this.send(spec.service, ref.region, timing, () =>
        send(this.account.clients.get(spec.service, ref.region), { abortSignal: this.run.signal }),
      );
    } catch (error) {
      await this.failed(spec, ref, error, timing);
      return undefined;
    }
    const body = serialize(response);
    await writer.writePage(ref, 1, body, { collectedAt: this.run.now().toISOString(), status: 'ok' });
    writer.markDone(ref);
    progress.call(ref, 'ok', timed(timing));
    return JSON.parse(body) as Wire<T>;
  }

  /**
   * Makes a paginated call through an SDK paginator, writing each page as it arrives (page 2 on as
   * `.p0002.json`, …). A run cut short mid-way continues from the last page's token on resume.
   */
  pages<S extends ServiceName, T extends object>(
    spec: CallSpec<S>,
    paginate: (client: ClientOf<S>, startingToken: string | undefined, options: SendOptions) => AsyncIterable<T>,
    nextToken: (page: T) => string | undefined,
  ): Promise<Wire<T>[] | undefined> {
    return this.once(spec, () => this.pagesOnce(spec, paginate, nextToken));
  }

  private async pagesOnce<S extends ServiceName, T extends object>(
    spec: CallSpec<S>,
    paginate: (client: ClientOf<S>, startingToken: string | undefined, options: SendOptions) => AsyncIterable<T>,
    nextToken: (page: T) => string | undefined,
  ): Promise<Wire<T>[] | undefined> {
    const ref = this.ref(spec);
    const { writer, progress } = this.run;
    if (writer.isDone(ref)) {
      if (writer.finishedBefore(ref)) progress.call(ref, 'resumed');
      return this.readBackAll<T>(ref);
    }
    let page = writer.pages(ref).length;
    const startingToken = writer.resumeToken(ref);
    if (page > 0 && startingToken === undefined) {
      // The last page was written but the run stopped before marking the call done.
      writer.markDone(ref);
      return this.readBackAll<T>(ref);
    }
    await this.load(spec.service);
    // A paginator that threw is finished; a throttled page is asked again from a new one that
    // starts at the last page's token.
    let lastToken = startingToken;
    let iterator: AsyncIterator<T> | undefined;
    const nextPage = (): Promise<IteratorResult<T>> => {
      iterator ??= paginate(this.account.clients.get(spec.service, ref.region), lastToken, { abortSignal: this.run.signal })[
        Symbol.asyncIterator
      ]();
      return iterator.next().catch((error: unknown) => {
        iterator = undefined;
        throw error;
      });
    };
    for (;;) {
      const timing = newTiming();
      let next: IteratorResult<T>;
      try {
        next = await this.send(spec.service, ref.region, timing, nextPage);
      } catch (error) {
        // A part of a listing must not pass for the whole of it.
        if (!isInterruption(error, this.run.signal)) await writer.dropPages(ref);
        await this.failed(spec, ref, error, timing, page + 1);
        return undefined;
      }
      if (next.done) break;
      page++;
      const token = nextToken(next.value);
      lastToken = token;
      await writer.writePage(ref, page, serialize(next.value), {
        collectedAt: this.run.now().toISOString(),
        status: 'ok',
        ...(token ? { nextToken: token } : {}),
      });
      progress.call(ref, 'ok', { ...timed(timing), page });
      if (!token) break;
    }
    writer.markDone(ref);
    return this.readBackAll<T>(ref);
  }

  /** Makes a call whose answer is stored as text (the credential report CSV), with response fields kept beside it. */
  async text<S extends ServiceName>(
    spec: CallSpec<S>,
    send: (client: ClientOf<S>, options: SendOptions) => Promise<{ text: string; fields: Record<string, unknown> }>,
  ): Promise<string | undefined> {
    const ref = this.ref(spec);
    const { writer, progress } = this.run;
    if (writer.isDone(ref)) {
      if (writer.finishedBefore(ref)) progress.call(ref, 'resumed');
      const file = writer.pages(ref)[0];
      return file?.status === 'ok' ? writer.readPage(file) : undefined;
    }
    await this.load(spec.service);
    const timing = newTiming();
    let answer: { text: string; fields: Record<string, unknown> };
    try {
      answer = await this.send(spec.service, ref.region, timing, () =>
        send(this.account.clients.get(spec.service, ref.region), { abortSignal: this.run.signal }),
      );
    } catch (error) {
      await this.failed(spec, ref, error, timing);
      return undefined;
    }
    await writer.writePage(ref, 1, answer.text, {
      collectedAt: this.run.now().toISOString(),
      status: 'ok',
      contentType: 'text/csv',
      fields: answer.fields,
    });
    writer.markDone(ref);
    progress.call(ref, 'ok', timed(timing));
    return answer.text;
  }

  /** True when an earlier run already finished this call. */
  isDone<S extends ServiceName>(spec: CallSpec<S>): boolean {
    return this.run.writer.isDone(this.ref(spec));
  }

  /**
   * Sends a request that is not evidence itself (polling for the credential report). Errors are
   * returned, not recorded: the caller decides what they mean.
   */
  async request<S extends ServiceName, T>(
    service: S,
    send: (client: ClientOf<S>, options: SendOptions) => Promise<T>,
    region = this.region,
  ): Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }> {
    this.run.progress.request();
    await this.load(service);
    try {
      const value = await this.send(service, region, newTiming(), () =>
        send(this.account.clients.get(service, region), { abortSignal: this.run.signal }),
      );
      return { ok: true, value };
    } catch (error) {
      if (isInterruption(error, this.run.signal)) throw new Interrupted();
      return { ok: false, error: errorInfo(error) };
    }
  }

  /** Records a failure the source detected itself (a poll that never completed); it is tried again on resume. */
  recordError<S extends ServiceName>(spec: CallSpec<S>, error: ErrorInfo): void {
    const ref = this.ref(spec);
    this.run.writer.recordError(
      {
        account: ref.account,
        region: ref.region,
        service: ref.service,
        operation: ref.operation,
        parameters: ref.parameters,
        ...error,
        at: this.run.now().toISOString(),
      },
      'retryable',
    );
    this.run.progress.call(ref, 'error', { code: error.code });
  }

  /**
   * Runs `fn` over `items` concurrently (a per-resource loop: buckets, keys, trails); the scheduler
   * keeps each service within its limits, so the width only bounds the promises alive at once.
   * Answers are filed by resource, so the bundle is the same in any order.
   */
  each<T>(items: Iterable<T>, fn: (item: T) => Promise<void>): Promise<void> {
    return eachLimited([...items], EACH_WIDTH, fn);
  }

  /** Waits, unless the run is interrupted. */
  sleep(ms: number): Promise<void> {
    return sleep(ms, this.run.signal);
  }

  get pollDelayMs(): number {
    return this.run.pollDelayMs;
  }

  /** Names the account in the manifest's scope, unless `--accounts` or `--organization` named it already. */
  nameAccount(name: string): void {
    const entry = this.run.writer.accounts.find((a) => a.id === this.account.id);
    if (entry?.name === undefined) this.run.writer.setAccount({ id: this.account.id, name });
  }

  /** A warning for the progress log (something skipped on purpose). */
  warn(message: string): void {
    this.run.progress.warn(message);
  }

  /** Shares one request between sources that need the same call at the same time. */
  private once<S extends ServiceName, R>(spec: CallSpec<S>, make: () => Promise<R>): Promise<R> {
    const id = callId(this.ref(spec));
    const running = this.run.inflight.get(id) as Promise<R> | undefined;
    if (running) return running;
    const promise = make().finally(() => this.run.inflight.delete(id));
    this.run.inflight.set(id, promise);
    return promise;
  }

  private ref<S extends ServiceName>(spec: CallSpec<S>): CallRef {
    const ref: CallRef = {
      account: this.account.id,
      region: spec.region ?? this.region,
      service: spec.service,
      operation: spec.operation,
      parameters: spec.parameters ?? {},
    };
    if (spec.key !== undefined) ref.key = spec.key;
    return ref;
  }

  /**
   * Sends one request through the scheduler, in the lane of its account, region and service. A
   * request still throttled (or answered with a bare 503) after the SDK's own retries goes back to
   * the queue after a backoff (exponential, full jitter) during which it holds no slot, until it
   * succeeds or the run's throttle budget for one call is spent; then the error is thrown.
   */
  private async send<T>(
    service: ServiceName,
    region: string,
    timing: CallTiming & { throttled?: number },
    request: () => Promise<T>,
  ): Promise<T> {
    const { scheduler, signal, throttleBudgetMs, throttleBackoffMs } = this.run;
    const lane = Scheduler.lane(this.account.id, region === 'global' ? 'global' : region, service);
    const started = Date.now();
    for (let retry = 0; ; retry++) {
      if (signal.aborted) throw new Interrupted();
      try {
        return await scheduler.run(lane, request, signal, timing);
      } catch (error) {
        if (isInterruption(error, signal) || !isBackedOff(error)) throw error;
        if (isThrottled(error)) timing.throttled = (timing.throttled ?? 0) + 1;
        scheduler.throttled(lane);
        const cap = Math.min(MAX_BACKOFF_MS, throttleBackoffMs * 2 ** Math.min(retry, 20));
        const wait = Math.max(1, Math.round(Math.random() * cap));
        if (Date.now() - started + wait > throttleBudgetMs) throw error;
        const waited = Date.now();
        await sleep(wait, signal);
        timing.queuedMs += Date.now() - waited;
      }
    }
  }

  private async failed<S extends ServiceName>(
    spec: CallSpec<S>,
    ref: CallRef,
    error: unknown,
    timing: CallTiming & { throttled?: number },
    page?: number,
  ): Promise<void> {
    if (isInterruption(error, this.run.signal)) throw new Interrupted();
    const info = errorInfo(error);
    const detail = timed(timing);
    const { writer, progress } = this.run;
    const notFound = typeof spec.notFound === 'function' ? spec.notFound(info) : (spec.notFound?.includes(info.code) ?? false);
    if (notFound) {
      const body = `${JSON.stringify({ Error: { Code: info.code, Message: info.message } }, null, 2)}\n`;
      await writer.writePage(ref, 1, body, { collectedAt: this.run.now().toISOString(), status: 'not-found' });
      writer.markDone(ref);
      progress.call(ref, 'not-found', { ...detail, code: info.code });
      return;
    }
    // Throttling that outlived the budget is recorded as such, whatever status it came with (a 503).
    const cause = isThrottled(error) ? { cause: 'throttled' as const } : {};
    writer.recordError(
      {
        account: ref.account,
        region: ref.region,
        service: ref.service,
        operation: ref.operation,
        parameters: ref.parameters,
        ...info,
        at: this.run.now().toISOString(),
        ...cause,
      },
      failureKind(error, info),
      ref,
    );
    progress.call(ref, 'error', { ...detail, code: info.code, ...(page !== undefined && page > 1 ? { page } : {}) });
  }

  private async readBack<T>(ref: CallRef): Promise<Wire<T> | undefined> {
    const file = this.run.writer.pages(ref)[0];
    return file?.status === 'ok' ? (JSON.parse(await this.run.writer.readPage(file)) as Wire<T>) : undefined;
  }

  private async readBackAll<T>(ref: CallRef): Promise<Wire<T>[] | undefined> {
    const files = this.run.writer.pages(ref);
    if (files[0]?.status !== 'ok') return undefined;
    return Promise.all(files.map(async (file) => JSON.parse(await this.run.writer.readPage(file)) as Wire<T>));
  }
}

// Promises of one per-resource loop alive at once; the scheduler decides how many are in flight.
const EACH_WIDTH = 64;
const MAX_BACKOFF_MS = 30_000;

function newTiming(): CallTiming & { throttled?: number } {
  return { queuedMs: 0, inFlightMs: 0 };
}

/** A call's timing as the progress log reports it: `ms` in flight, `queueMs` waiting, `throttled` re-queues. */
function timed(timing: CallTiming & { throttled?: number }): { ms: number; queueMs: number; throttled?: number } {
  return { ms: timing.inFlightMs, queueMs: timing.queuedMs, ...(timing.throttled ? { throttled: timing.throttled } : {}) };
}

/** The response as the bundle stores it: `JSON.stringify` without `$metadata`, 2-space indent, final newline. */
export function serialize(response: object): string {
  const { $metadata: _metadata, ...rest } = response as { $metadata?: unknown };
  return `${JSON.stringify(rest, null, 2)}\n`;
}
