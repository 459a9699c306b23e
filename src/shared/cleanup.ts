/**
 * Clean-ups that must run however the process ends: Chromium's processes and profile directory,
 * an archive extracted into TMPDIR. cli/main.ts runs them on SIGINT, SIGTERM and SIGHUP (then exits
 * 130, 143 or 129) and on exit; the code that made the mess unregisters them once it has cleaned up.
 */
const tasks = new Set<() => void>();

/** Registers a synchronous clean-up; returns the function that unregisters it. */
export function onInterrupt(task: () => void): () => void {
  tasks.add(task);
  return () => void tasks.delete(task);
}

/** Runs every registered clean-up once, newest first; a failing one does not stop the others. */
export function runCleanups(): void {
  const pending = [...tasks].reverse();
  tasks.clear();
  for (const task of pending) {
    try {
      task();
    } catch {
      // Best effort: the process is ending, and the other clean-ups still matter.
    }
  }
}

/** How many clean-ups are registered (for tests). */
export function pendingCleanups(): number {
  return tasks.size;
}
