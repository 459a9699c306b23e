import { readFileSync } from 'node:fs';

/**
 * The node flags of the CLI's first line (`#!/usr/bin/env -S node --max-semi-space-size=4`): the
 * benchmarks start the CLI, or a child standing in for it, with them, as the `auditpack` command runs.
 */
export const CLI_NODE_FLAGS: readonly string[] = (readFileSync(new URL('../src/cli/main.ts', import.meta.url), 'utf8').split('\n')[0] ?? '')
  .split(' ')
  .filter((word) => word.startsWith('--'));
