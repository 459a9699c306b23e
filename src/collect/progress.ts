import type { CallRef } from './paths.js';

/** How a call ended, as progress and the JSON log report it. */
export type CallOutcome = 'ok' | 'not-found' | 'error' | 'resumed';

/** Where progress goes: a redrawn terminal line, plain lines, JSON lines, or nothing but the summary. */
export interface ProgressOptions {
  write: (text: string) => void;
  /** Redraw one status line (stderr is a terminal). */
  tty: boolean;
  quiet: boolean;
  /** JSON-lines log sink (`--log-json`); replaces the human progress lines. */
  json?: (line: string) => void;
  now: () => Date;
}

/** Counters of a run, for the progress line and the summary. */
export interface Counts {
  accounts: number;
  accountsDone: number;
  tasks: number;
  tasksDone: number;
  /** API requests made in this run (pages and polls each count; SDK retries do not). */
  calls: number;
  /** Calls skipped because an earlier run had finished them. */
  resumed: number;
  errors: number;
}

const REDRAW_MS = 150;

/** Reports what the run is doing: accounts × regions × services, calls, errors. */
export class Progress {
  readonly counts: Counts = { accounts: 0, accountsDone: 0, tasks: 0, tasksDone: 0, calls: 0, resumed: 0, errors: 0 };
  private readonly started: number;
  private readonly inFlightMs = new Map<string, number>();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {
    this.started = options.now().getTime();
  }

  /** Seconds since the run started. */
  elapsedSeconds(): number {
    return (this.options.now().getTime() - this.started) / 1000;
  }

  accountsPlanned(n: number): void {
    this.counts.accounts = n;
    this.draw();
  }

  accountDone(account: string, summary: string): void {
    this.counts.accountsDone++;
    this.log({ event: 'account', account, summary });
    this.line(`account ${account}: ${summary}`);
  }

  tasksPlanned(n: number): void {
    this.counts.tasks += n;
    this.draw();
  }

  taskDone(): void {
    this.counts.tasksDone++;
    this.draw();
  }

  /**
   * One API call finished (or was skipped on resume). `ms` is the time in flight (SDK retries
   * included), `queueMs` the time it waited for the scheduler (a slot, a token, a throttle backoff).
   */
  call(
    ref: CallRef,
    outcome: CallOutcome,
    detail: { ms?: number; queueMs?: number; throttled?: number; code?: string; page?: number } = {},
  ): void {
    if (outcome === 'resumed') this.counts.resumed++;
    else this.counts.calls++;
    if (outcome === 'error') this.counts.errors++;
    if (detail.ms !== undefined) this.inFlightMs.set(ref.service, (this.inFlightMs.get(ref.service) ?? 0) + detail.ms);
    this.log({
      event: 'call',
      account: ref.account,
      region: ref.region,
      service: ref.service,
      operation: ref.operation,
      parameters: ref.parameters,
      outcome,
      ...detail,
    });
    this.draw();
  }

  /** A request that is not evidence itself (credential report generation, role assumption). */
  request(): void {
    this.counts.calls++;
    this.draw();
  }

  /** A failure outside any one call (a role that could not be assumed, a bug in a source). */
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.counts.errors++;
    this.log({ event: 'error', message, ...fields });
    this.line(`error: ${message}`);
  }

  warn(message: string): void {
    this.log({ event: 'warning', message });
    this.line(`warning: ${message}`);
  }

  /** The service whose calls spent the most time in flight (summed over its calls), if any call was made. */
  slowestService(): { service: string; seconds: number } | undefined {
    let slowest: { service: string; seconds: number } | undefined;
    for (const [service, ms] of [...this.inFlightMs].sort(([a], [b]) => a.localeCompare(b))) {
      if (!slowest || ms / 1000 > slowest.seconds) slowest = { service, seconds: ms / 1000 };
    }
    return slowest;
  }

  /** Clears the status line before the summary is printed. */
  stop(): void {
    if (this.drawn) this.options.write('\r\x1b[K');
    this.drawn = false;
  }

  /** The JSON log's last line. */
  summary(fields: Record<string, unknown>): void {
    this.log({ event: 'summary', ...fields });
  }

  private line(text: string): void {
    if (this.options.quiet || this.options.json) return;
    if (this.drawn) this.options.write('\r\x1b[K');
    this.drawn = false;
    this.options.write(`${text}\n`);
    this.draw(true);
  }

  private draw(force = false): void {
    if (!this.options.tty || this.options.quiet || this.options.json) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const c = this.counts;
    const text = `collect: accounts ${c.accountsDone}/${c.accounts} · accounts×regions×services ${c.tasksDone}/${c.tasks} · ${c.calls} calls · ${c.errors} errors · ${formatSeconds(this.elapsedSeconds())}`;
    this.options.write(`\r\x1b[K${text}`);
    this.drawn = true;
  }

  private log(fields: Record<string, unknown>): void {
    this.options.json?.(`${JSON.stringify({ time: this.options.now().toISOString(), ...fields })}\n`);
  }
}

/** `41.2 s`, `3 min 05 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
