import type { Command } from 'commander';
import type { Io } from './io.js';

/** Adds `auditpack collect` to the program (the collector issue fills this in). */
export function registerCollect(_program: Command, _io: Io): void {}
