#!/usr/bin/env -S node --max-semi-space-size=4
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { lintFile } from '../catalog/lint.js';
import { checks, findCheck } from '../checks/registry.js';
import { runCleanups } from '../shared/cleanup.js';
import { AuditpackError, messageOf, type ErrorCode } from '../shared/errors.js';
import { toolVersion } from '../shared/version.js';
import { registerAttest } from './attest.js';
import { registerCollect } from './collect.js';
import { registerDiff } from './diff.js';
import { installCrashHook, loadKeyFromOptions, registerSign } from './sign.js';
import type { Io } from './io.js';
import { REPORT_FORMATS, catalogList, report, type ReportFormat } from './report.js';
import { loadTrustOptions } from './evaluate-bundle.js';
import { framingFromFlags } from './framing.js';

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

const FORMATS = REPORT_FORMATS;

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
  auditpack report evidence/acme-2026-Q4 --out out/q4 --catalog cis-aws-foundations-v5.0.0 --format html,json
  auditpack attest evidence/acme-2026-Q4 --requirement 2.2 --result pass --by "Dana Smith" --role CISO --justification "…"
  auditpack diff out/q3 out/q4 --out out/q3-to-q4 --fail-on regression
  auditpack verify out/q4 --key keys/public.pem
  auditpack checks            list the checks and the parameters catalogs give them
  auditpack catalog list      list the shipped catalogs
Each command has --help with more examples. Documentation: README.md and docs/.`,
    );

  program
    .command('report')
    .description('Evaluate an evidence bundle against control catalogs and write the report.')
    .argument('<bundle>', 'evidence bundle directory (holds manifest.json)')
    .requiredOption('-o, --out <dir>', 'directory to write report.html, report.pdf and results.json into')
    .option(
      '-c, --catalog <id|file>',
      'catalog id (see "auditpack catalog list") or YAML file; repeat for several (default: newest CIS AWS Foundations)',
      collect,
      [],
    )
    .addOption(
      new Option(
        '-f, --format <list>',
        'comma-separated output formats: html, pdf, json, csv (findings.csv), oscal (assessment-results.json), ocsf (findings.ocsf.jsonl), junit (junit.xml)',
      ).default('html,pdf,json'),
    )
    .option('--allow-incomplete', 'report on a bundle whose collection did not finish (the report says so)')
    .option('-t, --tailoring <file>', 'YAML file of threshold overrides; the report shows each, and a weaker one fails the requirement')
    .option('--sign <key>', 'sign the report with this private key (PEM); certificate.pem beside it is used for the PDF signature')
    .option('--cert <file>', 'certificate for the PDF signature (default: certificate.pem beside the key)')
    .option('--p12 <file>', 'sign with a PKCS#12 file (key + certificate) instead of --sign')
    .option('--passphrase-env <var>', 'environment variable holding the key or PKCS#12 passphrase')
    .option(
      '-k, --key <file>',
      "the bundle seal's signer: public key PEM or certificate; the seal must verify with it (repeat for several)",
      collect,
      [],
    )
    .option('--trusted-keys <file>', 'file of PEM public keys and certificates, any of which may have sealed the bundle')
    .option(
      '--period <period>',
      'the audit period: a label (2026-Q3), dates (2026-07-01..2026-09-30) or both (2026-Q3=2026-07-01..2026-09-30)',
    )
    .option('--prepared-by <who>', 'for the sign-off block: "Name, Role, YYYY-MM-DD" (role and date optional)')
    .option('--reviewed-by <who>', 'for the sign-off block: "Name, Role, YYYY-MM-DD"')
    .option('--approved-by <who>', 'for the sign-off block: "Name, Role, YYYY-MM-DD"')
    .option('--register <path>', 'attestation register (a folder or YAML file kept across periods); see docs/attestations.md')
    .option('--exceptions <path>', 'exceptions register (accepted risks): a YAML file or a directory of them; see docs/exceptions.md')
    .option('--sign-off <file>', 'YAML with period, prepared_by, reviewed_by, approved_by ({name, role, date}); flags win over it')
    .addHelpText(
      'after',
      `
Writes into --out: report.html (self-contained, opens offline), report.pdf, results.json.
With several --catalog options each catalog gets its own sub-directory.
Exit code 0 whenever the report was produced, whatever the compliance outcome.
The "generated" time printed in the report comes from SOURCE_DATE_EPOCH when it is set.
A sealed bundle's seal is checked first: with --key/--trusted-keys it must verify (else exit 10);
without a key the report says "sealed, signer not pinned". --sign refuses an --out holding other files.

Examples:
  auditpack report evidence/sample --out out/sample
  auditpack report evidence/sample --out out/sample --format html
  auditpack report evidence/sample --out out/two --catalog cis-aws-foundations-v5.0.0 --catalog ./my-catalog.yaml
  auditpack report evidence/sample --out out/q3 --tailoring tailoring.yaml
  auditpack report evidence/acme-2026-q3 --out out/q3 --key keys/public.pem
  auditpack report evidence/acme-2026-q3 --out out/q3 --period 2026-Q3=2026-07-01..2026-09-30 \\
      --prepared-by "Dana Smith, Compliance Lead, 2026-10-03" --reviewed-by "Lee Park, Internal Audit"
Sign-off fields not given are printed blank, for a signature by hand.
  auditpack keygen --out keys && auditpack report evidence/sample --out out/signed --sign keys/private.pem`,
    )
    .action(async (bundle: string, opts: ReportFlags) => {
      const formats = parseFormats(opts.format);
      const signingKey = await loadKeyFromOptions(
        { key: opts.sign, cert: opts.cert, p12: opts.p12, passphraseEnv: opts.passphraseEnv },
        io,
        [opts.out, bundle],
      );
      const trusted = await loadTrustOptions([...opts.key, ...(opts.trustedKeys !== undefined ? [opts.trustedKeys] : [])]);
      if (signingKey) installCrashHook(io);
      const framing = await framingFromFlags(opts);
      const outputs = await report({
        ...(framing ? { framing } : {}),
        ...(opts.exceptions !== undefined ? { exceptions: opts.exceptions } : {}),
        ...(opts.register !== undefined ? { register: opts.register } : {}),
        bundle,
        trusted,
        out: opts.out,
        catalogs: opts.catalog,
        formats,
        allowIncomplete: opts.allowIncomplete ?? false,
        ...(opts.tailoring !== undefined ? { tailoring: opts.tailoring } : {}),
        ...(signingKey ? { signingKey } : {}),
        generatedAt: generatedAt(io),
        log: (line) => io.err(`${line}\n`),
      });
      for (const { results, files } of outputs) {
        const c = results.summary.counts;
        const percent = (x: number | null): string => (x === null ? 'n/a' : `${Math.floor(x * 100)} %`);
        io.out(
          `${results.catalog.title} ${results.catalog.version}: ${c.PASS} PASS, ${c.FAIL} FAIL, ${c.NOT_EVALUATED} NOT_EVALUATED, ${c.MANUAL} MANUAL of ${c.total} requirements; pass rate ${percent(results.summary.passRate)} at coverage ${percent(results.summary.coverage)}\n`,
        );
        for (const file of files) io.out(`  wrote ${file}\n`);
      }
      if (signingKey) io.out(`  signed: ${join(opts.out, 'report-manifest.json')} and .sig, PDF signature embedded\n`);
    });

  program
    .command('checks')
    .description('List the checks catalogs can use, with their parameters.')
    .action(() => {
      for (const check of checks) {
        io.out(`${check.id}  (${check.scope === 'region' ? 'per region' : 'per account'})\n  ${check.title}\n`);
        for (const [name, spec] of Object.entries(check.params)) io.out(`    param ${name}: ${spec.type} — ${spec.description}\n`);
      }
    });

  registerCollect(program, io);
  registerAttest(program, io);
  registerDiff(program, io);
  registerSign(program, io);

  const catalog = program.command('catalog').description('Work with control catalogs.');
  catalog
    .command('list')
    .description('List the catalogs shipped in controls/.')
    .action(async () => {
      for (const c of await catalogList()) io.out(`${c.id}  ${c.title} ${c.version} (${c.requirements} requirements)\n`);
    });
  catalog
    .command('lint')
    .description('Validate a catalog or crosswalk file: schema, unknown checks, parameters, duplicate ids, crosswalk consistency.')
    .argument('<file>', 'catalog YAML file, or a crosswalk-<framework>.yaml file')
    .action(async (file: string) => {
      const result = await lintFile(file, { findCheck, knownChecks: checks.map((c) => c.id) });
      for (const line of result.summary) io.out(`${line}\n`);
      const [first, ...rest] = result.problems;
      if (first !== undefined) throw new AuditpackError('CATALOG_INVALID', first, rest);
    });
  return program;
}

interface ReportFlags {
  out: string;
  catalog: string[];
  format: string;
  allowIncomplete?: boolean;
  tailoring?: string;
  sign?: string;
  cert?: string;
  p12?: string;
  passphraseEnv?: string;
  key: string[];
  trustedKeys?: string;
  period?: string;
  preparedBy?: string;
  reviewedBy?: string;
  approvedBy?: string;
  signOff?: string;
  exceptions?: string;
  register?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseFormats(list: string): ReportFormat[] {
  const formats = list
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as ReportFormat));
  if (unknown.length > 0 || formats.length === 0) {
    throw new AuditpackError(
      'USAGE',
      `--format ${list}: unknown format ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}. Use a comma-separated list of ${FORMATS.join(', ')}.`,
    );
  }
  return [...new Set(formats)] as ReportFormat[];
}

/** The report's "generated" time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds; else now. */
function generatedAt(io: Io): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return io.now().toISOString();
  if (!/^\d+$/.test(epoch))
    throw new AuditpackError(
      'USAGE',
      `SOURCE_DATE_EPOCH=${epoch}: not a whole number of seconds since 1970. Unset it or give e.g. SOURCE_DATE_EPOCH=$(date +%s).`,
    );
  return new Date(Number(epoch) * 1000).toISOString();
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
