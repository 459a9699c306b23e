import { Option, type Command } from 'commander';
import type { Io } from './io.js';

/** Exit code of `diff` and `trend` with `--fail-on regression` when something regressed (the outputs are written first). */
export const DIFF_EXIT_CODES = { regression: 30 } as const;

/** The flags `diff` and `trend` share, as commander parses them. */
export interface CommonFlags {
  out: string;
  catalog?: string;
  crosswalk?: string;
  format: string;
  failOn?: string;
  allowIncomplete?: boolean;
  exceptions?: string;
  sign?: string;
  cert?: string;
  p12?: string;
  passphraseEnv?: string;
}

/** The `diff` flags as commander parses them. */
export interface DiffFlags extends CommonFlags {
  oldCatalog?: string;
  newCatalog?: string;
  history: string[];
}

/** Adds `diff` and `trend` to the program; the evaluator, renderers and Puppeteer are loaded only when one runs. */
export function registerDiff(program: Command, io: Io): void {
  const common = (command: Command, name: 'diff' | 'trend'): Command =>
    command
      .requiredOption('-o, --out <dir>', `directory to write ${name}.html, ${name}.pdf and ${name}.json into`)
      .option(
        '-c, --catalog <id|file>',
        'catalog for periods given as bundles: an id (see "auditpack catalog list") or a YAML file (default: newest CIS AWS Foundations)',
      )
      .option('--crosswalk <file>', 'crosswalk for comparing two versions of a framework (default: controls/crosswalk-<framework>.yaml)')
      .addOption(new Option('-f, --format <list>', 'comma-separated output formats: html, pdf, json').default('html,pdf,json'))
      .addOption(
        new Option('--fail-on <what>', `exit ${DIFF_EXIT_CODES.regression} after writing the outputs when something regressed`).choices([
          'regression',
        ]),
      )
      .option('--allow-incomplete', 'accept bundles whose collection did not finish (the diff says so)')
      .option('--exceptions <path>', 'exceptions register (accepted risks) for periods given as bundles; see docs/exceptions.md')
      .option('--sign <key>', 'sign the outputs with this private key (PEM), like "report --sign"')
      .option('--cert <file>', 'certificate for the PDF signature (default: certificate.pem beside the key)')
      .option('--p12 <file>', 'sign with a PKCS#12 file (key + certificate) instead of --sign')
      .option('--passphrase-env <var>', 'environment variable holding the key or PKCS#12 passphrase');

  common(
    program
      .command('diff')
      .description('Compare two audit periods: what got worse, what got better, and what only looks fixed because evidence is missing.')
      .argument('<old>', 'earlier period: evidence bundle directory, results.json, or report directory')
      .argument('<new>', 'later period: evidence bundle directory, results.json, or report directory')
      .option('--old-catalog <id|file>', 'catalog for OLD when it is a bundle (overrides --catalog)')
      .option('--new-catalog <id|file>', 'catalog for NEW when it is a bundle (overrides --catalog)')
      .option('--history <period>', 'an earlier period, to tell how long failures have lasted; repeat, oldest first', collectValues, []),
    'diff',
  )
    .addHelpText(
      'after',
      `
Bundles are evaluated on the fly, as "auditpack report" would. When OLD and NEW were evaluated
against two versions of a framework (CIS v5.0.0 and v6.0.0), requirements are matched through the
crosswalk and both ids are shown. docs/diff.md describes diff.json.
Exit codes: 0 the diff was written (whatever changed); ${DIFF_EXIT_CODES.regression} with --fail-on regression when a
requirement regressed or newly fails, or a failing requirement has a newly failing resource.
The "generated" time comes from SOURCE_DATE_EPOCH when it is set.

Examples:
  auditpack diff evidence/acme-2026-q2 evidence/acme-2026-q3 --out out/diff-q3
  auditpack diff out/q2/results.json evidence/acme-2026-q3 --out out/diff-q3 --new-catalog cis-aws-foundations-v6.0.0
  auditpack diff out/q2 out/q3 --out out/diff --format json --fail-on regression
  auditpack diff out/q2 out/q3 --history out/q1 --out out/diff --sign keys/private.pem`,
    )
    .action(async (oldPath: string, newPath: string, opts: DiffFlags) => {
      const { runDiff } = await import('./diff.js');
      await runDiff(oldPath, newPath, opts, io);
    });

  common(
    program
      .command('trend')
      .description('Pass rate per section over several audit periods: an inline SVG chart, a table, and how long failures have lasted.')
      .argument('<periods...>', 'two or more periods: evidence bundle directories, results.json files, or report directories'),
    'trend',
  )
    .addHelpText(
      'after',
      `
Periods are put in collection order. The latest two are compared like "auditpack diff" does.
Exit codes: 0 the trend was written; ${DIFF_EXIT_CODES.regression} with --fail-on regression when the latest period regressed.

Examples:
  auditpack trend out/q1 out/q2 out/q3 out/q4 --out out/trend
  auditpack trend evidence/acme-2026-* --out out/trend --catalog cis-aws-foundations-v6.0.0 --format html`,
    )
    .action(async (periods: string[], opts: CommonFlags) => {
      const { runTrend } = await import('./diff.js');
      await runTrend(periods, opts, io);
    });
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}
