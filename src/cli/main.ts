#!/usr/bin/env -S node --max-semi-space-size=4
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { runCleanups } from '../shared/cleanup.js';
import { AuditpackError, messageOf, type ErrorCode } from '../shared/errors.js';
import { toolVersion } from '../shared/version.js';
// The program is built from declarations only (options, help, examples); each action imports its
// implementation when it runs, so `--version`, `--help` and a command load only what they use.
import { registerAttest } from './attest-command.js';
import { registerCatalog, registerChecks } from './catalog-command.js';
import { registerCollect } from './collect-command.js';
import { registerDiff } from './diff-command.js';
import type { Io } from './io.js';
import { registerMerge } from './merge-command.js';
import { registerReport } from './report-command.js';
import { registerSign } from './sign-command.js';

/** Exit codes: 0 done (whatever the compliance outcome), others say what stopped the run. */
export const EXIT_CODES: Record<ErrorCode | 'BUG', number> = {
  USAGE: 2,
  IO: 3,
  BUNDLE_INVALID: 4,
  BUNDLE_INTEGRITY: 5,
  CATALOG_INVALID: 6,
  CHROMIUM_MISSING: 7,
  RENDER_FAILED: 8,
  KEY_INVALID: 9,
  SIGNATURE_INVALID: 10,
  REPORT_INTEGRITY: 11,
  ARCHIVE_INVALID: 12,
  ATTESTATION_INVALID: 13,
  BUG: 70,
};

/** Exit codes after a signal, 128 + its number as shells report it; clean-ups have run by then. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** Runs the CLI with argv (without node and script); returns the exit code. The one place errors become exit codes. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_CODES.USAGE;
    if (error instanceof AuditpackError) {
      io.err(`auditpack: ${error.message}\n`);
      for (const line of error.details.slice(0, 20)) io.err(`  ${line}\n`);
      if (error.details.length > 20) io.err(`  … and ${error.details.length - 20} more\n`);
      // An outcome error (a regression with `diff --fail-on`) carries its own exit code.
      return 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : EXIT_CODES[error.code];
    }
    // A full disk, a read-only or forbidden --out: the environment's problem, not a bug.
    const system = systemErrorMessage(error);
    if (system !== undefined) {
      io.err(`auditpack: ${system}\n`);
      return EXIT_CODES.IO;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(
      `auditpack: internal error — this is a bug in auditpack, not in your input. Please report it with the text below.\n` +
        `  auditpack ${toolVersion}, Node ${process.version}, ${process.platform}-${process.arch}\n${stack}\n`,
    );
    return EXIT_CODES.BUG;
  }
}

const FILE_SYSTEM_ADVICE: Record<string, string> = {
  ENOSPC: 'The disk is full; free some space, or write somewhere else, and run again',
  EDQUOT: 'The disk quota is used up; free some space, or write somewhere else, and run again',
  EFBIG: 'The file is larger than the file system allows; write somewhere else',
  EACCES: 'Permission denied; check the permissions, or choose another path',
  EPERM: 'The operation is not permitted there; choose another path',
  EROFS: 'The file system is read-only; choose another path',
  ENOENT: 'A folder on the way does not exist or cannot hold files (as under /proc); choose another path',
  ENOTDIR: 'Part of the path is a file, not a folder; choose another path',
  EISDIR: 'The path is a folder where a file was expected; choose another path',
  EEXIST: 'Something is already there; remove it or choose another path',
  ENOTEMPTY: 'The folder is not empty; empty it or choose another path',
  ENAMETOOLONG: 'The path is too long; choose a shorter one',
  ELOOP: 'The path loops through symbolic links; choose another path',
  EIO: 'The device reported an I/O error; check the disk',
  EMFILE: 'Too many files are open; raise the limit (ulimit -n) and run again',
  ENFILE: 'Too many files are open on this machine; run again later',
  EBUSY: 'The file is busy; run again when it is free',
  EXDEV: 'The path crosses file systems; keep --out on one file system',
  EAGAIN: 'The file would block (a FIFO or device?); give a regular file',
};

/**
 * `out/report.pdf: cannot write (ENOSPC: no space left on device). The disk is full; …`: a file-system
 * error from Node (it has an errno code and a syscall) as a user's I/O problem, or undefined for
 * anything else.
 */
export function systemErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined;
  const advice = FILE_SYSTEM_ADVICE[code];
  if (advice === undefined) return undefined;
  const reason = messageOf(error)
    .replace(/^[A-Z]+: /, '')
    .replace(/, \w+ '.*'$/, '');
  return `${path ?? '(a file)'}: cannot ${syscall} (${code}: ${reason}). ${advice}.`;
}

function buildProgram(io: Io): Command {
  const program = new Command('auditpack')
    .description('Offline compliance audits of AWS accounts: evidence bundles → control catalogs → signed-off reports.')
    .version(toolVersion)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText(
      'after',
      `
Examples:
  auditpack report evidence/sample --out out/sample
      HTML, PDF and results JSON for the sample evidence, against the newest CIS catalog
  auditpack collect --out evidence/acme-2026-Q4 --regions us-east-1,eu-west-1
  auditpack merge evidence/q4/shard-* --out evidence/q4/org --key keys/public.pem   join the shards of a sharded run
  auditpack report evidence/acme-2026-Q4 --out out/q4 --catalog cis-aws-foundations-v5.0.0 --format html,json
  auditpack attest evidence/acme-2026-Q4 --requirement 2.2 --result pass --by "Dana Smith" --role CISO --justification "…"
  auditpack diff out/q3 out/q4 --out out/q3-to-q4 --fail-on regression
  auditpack verify out/q4 --key keys/public.pem
  auditpack checks            list the checks and the parameters catalogs give them
  auditpack catalog list      list the shipped catalogs
Each command has --help with more examples. Documentation: README.md and docs/.`,
    );

  registerReport(program, io);
  registerChecks(program, io);
  registerCollect(program, io);
  registerMerge(program, io);
  registerAttest(program, io);
  registerDiff(program, io);
  registerSign(program, io);
  registerCatalog(program, io);
  return program;
}

function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    now: () => new Date(),
    isTty: process.stderr.isTTY,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  };
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  installSignalCleanup();
  // A reader that goes away (`auditpack checks | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * Ctrl-C, SIGTERM and SIGHUP stop the run after the clean-ups (Chromium, temporary folders) have
 * run, with exit code 128 + the signal's number; a normal exit runs them too. A command that stops
 * gracefully by itself (collect finishes its manifest) has its own listener and decides instead.
 */
function installSignalCleanup(): void {
  process.on('exit', runCleanups);
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      runCleanups();
      process.stderr.write(`\nauditpack: interrupted (${signal}); Chromium and temporary files were cleaned up.\n`);
      process.exit(code);
    });
  }
}
