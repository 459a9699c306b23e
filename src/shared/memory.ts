import { setFlagsFromString } from 'node:v8';

/**
 * Tells V8 to grow the heap by 20 % at a time (`--heap-growing-percent=20`) instead of letting it
 * double while there is room: garbage is collected sooner, and there is no cap a large account could
 * hit. `collect` calls it before loading the AWS SDK packages. Measured in bench/org-scale.ts (100
 * accounts a shard): 289–294 MB instead of 610–619 MB for 23 % more CPU; loading the collector's 41 SDK
 * packages holds a 139 MB heap instead of 228 MB. (`--optimize-for-size` saves a little more memory
 * but doubled the CPU time of a collection.) V8 reads the flag whenever it sizes the heap, so setting
 * it while the process runs takes effect (test/shared/memory.test.ts).
 */
export function favourMemoryOverSpeed(): void {
  setFlagsFromString('--heap-growing-percent=20');
}
