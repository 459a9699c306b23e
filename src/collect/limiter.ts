export { eachLimited } from '../shared/each-limited.js';

/** Thrown when the run was interrupted (Ctrl-C, SIGTERM): the call did not finish and is redone on resume. */
export class Interrupted extends Error {
  constructor() {
    super('collection interrupted');
    this.name = 'Interrupted';
  }
}

/**
 * How fast one (account, region, service) may be called: a token bucket (`rate` requests a second,
 * up to `burst` at once) and a cap on calls in flight (`inFlight`).
 */
export interface LaneLimit {
  rate: number;
  burst: number;
  inFlight: number;
}

// What AWS documents (per account and region unless said otherwise) and what the scheduler keeps.
// We stay below each limit, since other tools share the same buckets, and model a service as one
// bucket even where AWS keeps one per API. `inFlight` follows Little's law: the rate times ~0.25 s a
// call, at least 2; S3's calls each go to a different bucket, so it gets the most.
//
// | service    | AWS's limit                                                           | kept: rate/s, burst, in flight | source |
// | ec2        | non-mutating Describe*/Get*: bucket of 100, refilled 20/s, per API     | 16, 50, 4   | docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html |
// | cloudtrail | Get, Describe and List APIs 10 TPS (LookupEvents 2), not adjustable     | 8, 10, 2    | docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html |
// | kms        | ListKeys 100/s, DescribeKey 2000/s, GetKeyRotationStatus 1000/s         | 80, 80, 16  | docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html |
// | s3         | 5,500 GET/HEAD a second per partitioned prefix; bucket settings are per bucket | 400, 400, 32 | docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html |
// | iam        | no published rate; one global endpoint that throttles early             | 8, 16, 4    | docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (quotas only) |
// | others     | control-plane APIs mostly publish 5–20 TPS (CloudTrail 10, account access 20) | 10, 20, 4 | docs.aws.amazon.com/IAM/latest/UserGuide/aam-quotas.html |
/** The per-(account, region, service) limits the scheduler keeps; see the table above for where each comes from. */
export const LANE_LIMITS: Readonly<Record<string, LaneLimit>> = {
  ec2: { rate: 16, burst: 50, inFlight: 4 },
  cloudtrail: { rate: 8, burst: 10, inFlight: 2 },
  kms: { rate: 80, burst: 80, inFlight: 16 },
  s3: { rate: 400, burst: 400, inFlight: 32 },
  iam: { rate: 8, burst: 16, inFlight: 4 },
};
/** Every service the table does not name. */
export const DEFAULT_LANE_LIMIT: LaneLimit = { rate: 10, burst: 20, inFlight: 4 };

/**
 * Calls in flight at once across a run when --concurrency is not given: enough for the busiest
 * lanes of an account to run at their caps together (the table's caps plus four default lanes), at
 * most 64.
 */
export const DEFAULT_CONCURRENCY = Math.min(
  64,
  Object.values(LANE_LIMITS).reduce((n, l) => n + l.inFlight, 0) + 4 * DEFAULT_LANE_LIMIT.inFlight,
);

/** Where a call's time went: waiting (for a slot, a token or a backoff) and in flight. */
export interface CallTiming {
  queuedMs: number;
  inFlightMs: number;
}

interface Waiter {
  /** Arrival order, across lanes. */
  seq: number;
  grant: () => void;
}

class Lane {
  active = 0;
  tokens: number;
  last: number;
  readonly waiting: Waiter[] = [];

  constructor(
    readonly limit: LaneLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  refill(now: number): void {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) * this.limit.rate) / 1000);
    this.last = now;
  }
}

// Releases between two sweeps of idle lanes.
const SWEEP_EVERY = 256;

/** How a {@link Scheduler} is set up. */
export interface SchedulerOptions {
  /** Calls in flight at once across every lane (the socket budget). */
  maxInFlight: number;
  /** Limits by service (default {@link LANE_LIMITS}); services not named get `fallback`. */
  limits?: Readonly<Record<string, LaneLimit>>;
  fallback?: LaneLimit;
  /** Tests: the clock. */
  now?: () => number;
}

/**
 * Runs API calls in lanes, one per account × region × service, each within its own rate and
 * in-flight cap, under one cap for the whole run. A free slot goes to the oldest waiting call whose
 * lane may go: under its cap, with a token, and holding less than its fair share of the run's slots
 * while other lanes wait, so a long per-resource loop in one service never starves another.
 */
export class Scheduler {
  private active = 0;
  private readonly lanes = new Map<string, Lane>();
  /** The lanes with calls waiting; only these are visited when a slot frees up. */
  private readonly ready: Lane[] = [];
  private arrivals = 0;
  private releases = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly limits: Readonly<Record<string, LaneLimit>>;
  private readonly fallback: LaneLimit;
  /** The most calls that were in flight at once (tests and the bench). */
  peak = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.limits = options.limits ?? LANE_LIMITS;
    this.fallback = options.fallback ?? DEFAULT_LANE_LIMIT;
  }

  /** The lane of a call: `<account>|<region>|<service>`. */
  static lane(account: string, region: string, service: string): string {
    return `${account}|${region}|${service}`;
  }

  /**
   * Runs `task` once its lane has a token and a slot and the run has a slot; adds the wait and the
   * time in flight to `timing`. Rejects with {@link Interrupted} if `signal` aborts while waiting.
   */
  async run<T>(lane: string, task: () => Promise<T>, signal?: AbortSignal, timing?: CallTiming): Promise<T> {
    const queued = this.now();
    const l = await this.acquire(lane, signal);
    const started = this.now();
    if (timing) timing.queuedMs += started - queued;
    try {
      return await task();
    } finally {
      if (timing) timing.inFlightMs += this.now() - started;
      this.active--;
      l.active--;
      // Idle lanes are forgotten once their bucket is full again (an account's lanes go when it is done).
      if (++this.releases % SWEEP_EVERY === 0) this.sweep();
      this.pump();
    }
  }

  /** A lane was throttled: drain its bucket so its other calls slow down too, not only the one that failed. */
  throttled(lane: string): void {
    const l = this.laneOf(lane);
    l.refill(this.now());
    l.tokens = Math.min(l.tokens, 0);
  }

  /** Calls in flight now. */
  get inFlight(): number {
    return this.active;
  }

  private laneOf(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      const service = key.slice(key.lastIndexOf('|') + 1);
      const limit = this.limits[service] ?? this.fallback;
      lane = new Lane({ ...limit, inFlight: Math.min(limit.inFlight, this.options.maxInFlight) }, this.now());
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private acquire(key: string, signal?: AbortSignal): Promise<Lane> {
    if (signal?.aborted) return Promise.reject(new Interrupted());
    const lane = this.laneOf(key);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        seq: this.arrivals++,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lane);
        },
      };
      const onAbort = (): void => {
        const i = lane.waiting.indexOf(waiter);
        if (i >= 0) lane.waiting.splice(i, 1);
        if (lane.waiting.length === 0) this.unready(lane);
        reject(new Interrupted());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (lane.waiting.push(waiter) === 1) this.ready.push(lane);
      this.pump();
    });
  }

  /** Grants slots round-robin over the lanes with work; sets a timer for the next token when lanes wait on their rate only. */
  private pump(): void {
    const now = this.now();
    let nextToken = Infinity;
    // Oldest call first, among the lanes that may go now: under their own cap and their fair share
    // of the run's slots (so no lane takes them all while another waits), with a token to spend.
    while (this.active < this.options.maxInFlight && this.ready.length > 0) {
      const share = Math.ceil(this.options.maxInFlight / this.ready.length);
      let next: Lane | undefined;
      for (const lane of this.ready) {
        if (lane.active >= Math.min(lane.limit.inFlight, share)) continue;
        lane.refill(now);
        if (lane.tokens < 1) {
          nextToken = Math.min(nextToken, ((1 - lane.tokens) * 1000) / lane.limit.rate);
          continue;
        }
        if (!next || (lane.waiting[0] as Waiter).seq < (next.waiting[0] as Waiter).seq) next = lane;
      }
      if (!next) break;
      next.tokens--;
      next.active++;
      this.active++;
      this.peak = Math.max(this.peak, this.active);
      const waiter = next.waiting.shift() as Waiter;
      if (next.waiting.length === 0) this.unready(next);
      waiter.grant();
    }
    if (nextToken !== Infinity && this.timer === undefined) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(1, Math.ceil(nextToken)),
      );
    }
  }

  private unready(lane: Lane): void {
    const i = this.ready.indexOf(lane);
    if (i >= 0) this.ready.splice(i, 1);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, lane] of this.lanes) {
      if (lane.active > 0 || lane.waiting.length > 0) continue;
      lane.refill(now);
      if (lane.tokens >= lane.limit.burst) this.lanes.delete(key);
    }
  }
}

/** Waits `ms`, or rejects with {@link Interrupted} as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new Interrupted());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Interrupted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Like Promise.all, but waits for every promise before rethrowing the first failure, so no
 * sibling is still writing when the caller moves on (an interruption must not outrun a write).
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
