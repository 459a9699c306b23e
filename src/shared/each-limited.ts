/**
 * Runs `worker` over `items`, at most `width` at a time; waits for every worker before rethrowing
 * the first failure (no sibling may still be writing when the caller moves on).
 */
export async function eachLimited<T>(items: readonly T[], width: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failure) {
      try {
        await worker(items[next++] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane));
  if (failure) throw failure.error;
}
