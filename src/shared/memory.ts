import { setFlagsFromString } from 'node:v8';

/**
 * Trades some speed for memory in a long-running collection; `collect` calls it before it loads the
 * AWS SDK. Both settings take effect in the running process (test/shared/memory.test.ts):
 *
 * - `--heap-growing-percent=20`: the heap grows by 20 % at a time instead of doubling while there
 *   is room, so garbage is collected sooner and there is no cap a large account could hit. In
 *   bench/org-scale.ts (100 accounts a shard): 289–294 MB instead of 610–619 MB, for 23 % more CPU.
 * - `--no-turbofan --no-maglev`: functions run in the interpreter and the baseline compiler only.
 *   Optimising compilers build large graphs on background threads, whose memory glibc keeps in
 *   per-thread arenas. In bench/collect-speed.ts `auditpack collect` peaks at 117–121 MB instead of
 *   131–136 MB and takes about 10 % longer (a collection mostly waits for AWS).
 *
 * Tried and left out: `--optimize-for-size` (a little less memory, twice the CPU time),
 * `--max-opt=1` (the same as the two flags, but ignored once the process runs), a smaller young
 * generation and fewer thread-pool threads (no measurable change).
 */
export function favourMemoryOverSpeed(): void {
  setFlagsFromString('--heap-growing-percent=20');
  setFlagsFromString('--no-turbofan');
  setFlagsFromString('--no-maglev');
}
