import { Option, type Command } from 'commander';
// Type-only: the attestation code, catalogs and checks are loaded when a command runs.
import type { Prompt } from './attest.js';
import type { Io } from './io.js';

/** The decisions `attest --result` takes. */
export const RESULTS = ['pass', 'fail', 'not_applicable'] as const;

/** attest/register.ts's DEFAULT_REGISTER_FILE, for the help text without loading the register code (a test keeps them equal). */
export const DEFAULT_REGISTER_FILE_NAME = 'attestations.yaml';

/** The `attest` flags as commander parses them. */
export interface AttestFlags {
  requirement?: string;
  result?: string;
  by?: string;
  role?: string;
  justification?: string;
  evidence: string[];
  date?: string;
  expires?: string;
  account?: string;
  file?: string;
  catalog?: string;
  key?: string;
  cert?: string;
  p12?: string;
  passphraseEnv?: string;
  trustedKeys?: string;
}

/** The `attest import` flags. */
export interface AttestImportFlags {
  register: string;
  catalog: string[];
  into?: string;
}

/** The `attest revoke` flags. */
export interface AttestRevokeFlags {
  register: string;
  by: string;
  reason: string;
  date?: string;
}

/** The `attest expiring` flags. */
export interface AttestExpiringFlags {
  register: string;
  within: string;
  asOf?: string;
  json?: boolean;
}

/** The `attest list` flags. */
export interface AttestListFlags {
  register: string;
  asOf?: string;
  json?: boolean;
}

/**
 * Adds `auditpack attest` (one decision, or many with --file) and its register commands to the
 * program. `prompt` asks for what is missing (default: the terminal); tests pass their own.
 */
export function registerAttest(program: Command, io: Io, prompt?: Prompt): void {
  // The subcommands share option names with "attest BUNDLE" (-c, --by, --date). Unless the program
  // hands everything after "attest" over untouched, attest would take those options from them.
  program.enablePositionalOptions();
  const attest = program
    .command('attest')
    .description("Record a person's decision on a manual requirement in an evidence bundle (asks for what is missing on a terminal).")
    .argument('<bundle>', 'evidence bundle directory')
    // "attest import …" and the others are subcommands; "attest BUNDLE …" is this command.
    .enablePositionalOptions()
    .option('-r, --requirement <id>', 'requirement id, e.g. 1.1')
    .addOption(new Option('--result <result>', 'the decision').choices([...RESULTS]))
    .option('--by <name>', 'who attests')
    .option('--role <role>', 'their role, e.g. "Head of Cloud Security"')
    .option('--justification <text>', 'why: what was checked and how')
    .option(
      '-e, --evidence <file>',
      'a file backing the decision (screenshot, PDF); repeat for several; copied into the bundle and hashed',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--date <YYYY-MM-DD>', 'when it was decided (default: today, UTC)')
    .option('--expires <YYYY-MM-DD>', 'the first day it no longer holds (default: one year after --date)')
    .option('--account <id>', 'only this account (default: every account in the bundle)')
    .option('-f, --file <decisions>', 'a .csv or .yaml file of many decisions, added all at once or not at all')
    .option('-c, --catalog <id|file>', 'the catalog the requirement belongs to (default: newest CIS AWS Foundations)')
    .option('--key <file>', 'private key to re-seal a sealed bundle with (required when manifest.json.sig exists)')
    .option('--cert <file>', 'certificate for the key (default: certificate.pem beside it)')
    .option('--p12 <file>', 'PKCS#12 file with key and certificate, instead of --key')
    .option('--passphrase-env <var>', 'environment variable holding the key passphrase')
    .option('--trusted-keys <file>', 'PEM public keys of whoever made the existing seals, when not --key')
    .addHelpText(
      'after',
      `
The attestation is appended to BUNDLE/attestations/attestations.yaml, evidence files are copied to
BUNDLE/attestations/evidence/, and all of them are hashed into manifest.json. Reports use an
attestation while it is valid at the bundle's collection time; an expired one is reported, not used.
A sealed bundle must still verify against its seal (else exit 10, or 5 when evidence changed); all
files are written at once. Re-running the same attestation adds nothing. Key material (PEM private
keys, PKCS#12 files) is refused as --evidence (exit 13).

With --file, every decision in the file is checked first (requirement, result, dates, account,
evidence) and all problems are listed with their line (exit 13); nothing is written unless all are
good, and then all are added in one change (one re-seal). Columns and YAML keys: framework, version,
requirement, account, result, attested_by, role, date, expires, justification, evidence (files
relative to the decisions file, ";"-separated in CSV). See docs/attestations.md.

On a terminal, end of input (Ctrl-D) at a question stops with exit 2 and Ctrl-C with exit 130;
nothing is written either way.

Decisions that hold across quarters belong in a register: see "auditpack attest import --help".

Examples:
  auditpack attest evidence/acme-2026-Q3 --requirement 1.1 --result pass \\
      --by "Dana Smith" --role "Head of Cloud Security" \\
      --justification "Contacts reviewed in the console on 2026-10-02; all current." \\
      --evidence contacts-2026-10-02.png
  auditpack attest evidence/acme-2026-Q3 -r 1.2        # asks for the rest
  auditpack attest evidence/acme-2026-Q3 --file nist-manual-decisions.csv -c nist-800-53-rev5`,
    )
    .action(async (bundle: string, flags: AttestFlags) => {
      const { runAttest } = await import('./attest.js');
      await runAttest(bundle, flags, io, prompt);
    });

  attest
    .command('import')
    .description('Add many decisions from a CSV or YAML file to an attestation register (a folder or YAML file kept in git).')
    .argument('<file>', 'decisions file: .csv with a header row, or .yaml with an attestations: list')
    .requiredOption('--register <path>', 'the register: a folder (created when missing), or one .yaml file')
    .option(
      '-c, --catalog <id|file>',
      'catalog of rows that name no framework and version (default: newest CIS AWS Foundations); a file is also known to rows that name it; repeat for several',
      collectValues,
      [],
    )
    .option('--into <name.yaml>', `the file in a register folder to append to (default: ${DEFAULT_REGISTER_FILE_NAME})`)
    .addHelpText(
      'after',
      `
A register holds decisions that outlive one bundle: "auditpack report --register PATH" applies each
entry to every bundle collected while it holds (date <= collection < expires, not revoked), for its
account or all, and through the crosswalk to the same requirement in another CIS version.

Every row is checked first: its catalog is known (shipped ones, and --catalog files), the requirement
exists and is manual, result and dates are valid, evidence files are readable and hold no key
material. All problems are listed with file:line and nothing is written (exit 13). Each entry gets
a stable id (att-<12 hex>, from its content), evidence is copied to evidence/<hash>-<name> beside the
register files, and a decision the register already holds is not added twice.

CSV columns (header row, any order): framework, version, requirement, account, result, attested_by,
role, date, expires, justification, evidence. framework/version default to --catalog, date to today,
expires to one year after date; evidence is ";"-separated files relative to the CSV.

Examples:
  auditpack attest import q1-decisions.csv --register attestations/
  auditpack attest import nist-manual.yaml --register attestations/ --catalog nist-800-53-rev5
  auditpack attest import decisions.csv --register attestations/ --catalog ./my-catalog.yaml --into 2026.yaml`,
    )
    .action(async (file: string, flags: AttestImportFlags) => {
      const { runAttestImport } = await import('./attest.js');
      await runAttestImport(file, flags, io);
    });

  attest
    .command('revoke')
    .description('Revoke a register entry: from --date on, reports no longer use it (earlier bundles still do).')
    .argument('<id>', 'the entry id, att-<12 hex> (see "auditpack attest list")')
    .requiredOption('--register <path>', 'the register folder or file')
    .requiredOption('--by <name>', 'who revokes it')
    .requiredOption('--reason <text>', 'why the decision no longer holds')
    .option('--date <YYYY-MM-DD>', 'the first day it no longer holds (default: today, UTC)')
    .addHelpText(
      'after',
      `
The entry stays in the register with "revoked: {date, by, reason}", so a report on a bundle
collected before that day gives the same answer it gave then; bundles collected on or after it
report the entry as revoked. Revoking an entry twice changes nothing.

Examples:
  auditpack attest revoke att-3f2a9c41d0b7 --register attestations/ \\
      --by "Dana Smith" --reason "Security contact left the company"
  auditpack attest revoke att-3f2a9c41d0b7 --register attestations/ --by "Dana Smith" --reason "…" --date 2026-11-01`,
    )
    .action(async (id: string, flags: AttestRevokeFlags) => {
      const { runAttestRevoke } = await import('./attest.js');
      await runAttestRevoke(id, flags, io);
    });

  attest
    .command('expiring')
    .description('List register entries that stop holding within the next DAYS days.')
    .requiredOption('--register <path>', 'the register folder or file')
    .requiredOption('--within <days>', 'how many days ahead to look')
    .option('--as-of <YYYY-MM-DD>', 'the day to count from (default: today, UTC)')
    .option('--json', 'print JSON: {asOf, withinDays, entries: [...]}')
    .addHelpText(
      'after',
      `
An entry is listed when it holds on --as-of and its expiry (the first day it no longer holds) is at
most --within days later; "renewed by" names a later entry that already takes over. Exit 0 whether
or not anything expires (use --json and count the entries in a script).

Examples:
  auditpack attest expiring --register attestations/ --within 30
  auditpack attest expiring --register attestations/ --within 90 --as-of 2026-12-31 --json`,
    )
    .action(async (flags: AttestExpiringFlags) => {
      const { runAttestExpiring } = await import('./attest.js');
      await runAttestExpiring(flags, io);
    });

  attest
    .command('list')
    .description("List a register's entries with their state on a day (valid, expired, revoked, not yet valid).")
    .requiredOption('--register <path>', 'the register folder or file')
    .option('--as-of <YYYY-MM-DD>', 'the day to show states for (default: today, UTC)')
    .option('--json', 'print JSON: {asOf, entries: [...]}')
    .addHelpText(
      'after',
      `
Examples:
  auditpack attest list --register attestations/
  auditpack attest list --register attestations/ --as-of 2026-09-30 --json`,
    )
    .action(async (flags: AttestListFlags) => {
      const { runAttestList } = await import('./attest.js');
      await runAttestList(flags, io);
    });
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}
