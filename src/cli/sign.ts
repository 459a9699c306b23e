import type { Command } from 'commander';
import type { Io } from './io.js';

/** Adds `keygen`, `seal`, `verify` and `archive` to the program (the signing issue fills this in). */
export function registerSign(_program: Command, _io: Io): void {}
