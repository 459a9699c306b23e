import { closeSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { finishedCollection } from '../collect/bundle-writer.js';
// The collector (and with it every AWS SDK client) is loaded only when `collect` runs: other
// commands start without it.
import type { CollectOptions, CollectOutcome, CollectResult } from '../collect/collect.js';
import type { Manifest } from '../bundle/manifest.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { displayFingerprint } from '../sign/keys.js';
import { sealBundle } from '../sign/seal.js';
import type { Io } from './io.js';
import { installCrashHook, loadKeyFromOptions } from './sign.js';

/** Exit codes of `collect` when the bundle is not complete and clean: 0 means every call answered. */
export const COLLECT_EXIT_CODES: Record<Exclude<CollectOutcome, 'complete'>, number> = {
  partial: 20,
  empty: 21,
  interrupted: 22,
};

/**
 * Raised after a run that wrote its bundle but is partial, empty or interrupted. It carries the
 * exit code from {@link COLLECT_EXIT_CODES}.
 */
export class CollectOutcomeError extends AuditpackError {
  readonly exitCode: number;
  readonly result: CollectResult;

  constructor(result: CollectResult, message: string) {
    super('IO', message);
    this.name = 'CollectOutcomeError';
    this.result = result;
    this.exitCode = COLLECT_EXIT_CODES[result.outcome as Exclude<CollectOutcome, 'complete'>];
  }
}

interface CollectFlags {
  out: string;
  resume?: boolean;
  regions?: string;
  profile?: string;
  endpointUrl?: string;
  accounts?: string;
  organization?: boolean;
  roleName?: string;
  externalId?: string;
  concurrency?: string;
  quiet?: boolean;
  logJson?: string | boolean;
  sign?: string;
  cert?: string;
  p12?: string;
  passphraseEnv?: string;
}

/** Adds `auditpack collect` to the program. */
export function registerCollect(program: Command, io: Io): void {
  program
    .command('collect')
    .description('Collect live AWS evidence into a bundle with read-only API calls (see docs/collection.md for the permissions).')
    .requiredOption('-o, --out <dir>', 'bundle directory to create (or, with --resume, to finish)')
    .option('--regions <list>', 'comma-separated regions (default: every region enabled for the account)')
    .option('--profile <name>', 'AWS shared-config profile for credentials and default region')
    .option(
      '--endpoint-url <url>',
      'send every call to this endpoint (an emulator or a private endpoint); AWS_ENDPOINT_URL(_<SERVICE>) work too',
    )
    .option('--accounts <file>', 'collect these accounts (one 12-digit id a line), each through --role-name')
    .option('--organization', 'collect every active account of the organization (Organizations ListAccounts), each through --role-name')
    .option('--role-name <name>', 'role to assume in each account of --accounts / --organization')
    .option('--external-id <id>', 'external id for the AssumeRole calls')
    .option('--concurrency <n>', 'API calls in flight at once (1-64)', '8')
    .option('--resume', 'finish an interrupted collection in --out without repeating finished calls')
    .option('-q, --quiet', 'no progress output, only the summary line')
    .option('--log-json [file]', 'JSON-lines log of every call (to the file, or to stderr)')
    .option('--sign <key>', 'seal the finished bundle with this private key (manifest.json.sig, openssl-verifiable)')
    .option('--cert <file>', 'certificate for the key (default: certificate.pem beside it)')
    .option('--p12 <file>', 'seal with a PKCS#12 file instead of --sign')
    .option('--passphrase-env <var>', 'environment variable holding the key passphrase')
    .addHelpText(
      'after',
      `
Credentials come from the AWS SDK's default chain (environment, --profile, SSO, container or
instance role). Every call is read-only; SecurityAudit is enough.
Exit codes: 0 complete; ${COLLECT_EXIT_CODES.partial} complete but some calls failed (listed in manifest.json "errors");
${COLLECT_EXIT_CODES.empty} nothing could be collected; ${COLLECT_EXIT_CODES.interrupted} interrupted (finish with --resume).

Examples:
  auditpack collect --out evidence/acme-2026-Q4
  auditpack collect --out evidence/acme-2026-Q4 --regions us-east-1,eu-west-1 --profile audit
  auditpack collect --out evidence/org --organization --role-name AuditpackReadOnly
  auditpack collect --out evidence/acme-2026-Q4 --resume        after Ctrl-C or a lost connection
  auditpack collect --out evidence/acme-2026-Q4 --sign keys/private.pem   sealed when it finishes
  auditpack collect --out evidence/acme-2026-Q4 --resume --sign keys/private.pem   also finishes an interrupted seal`,
    )
    .action(async (flags: CollectFlags) => {
      // Load the key before collecting: a wrong passphrase should not cost a whole run.
      const key = await loadKeyFromOptions({ key: flags.sign, cert: flags.cert, p12: flags.p12, passphraseEnv: flags.passphraseEnv }, io, [
        flags.out,
      ]);
      // "--resume --sign" after a run that finished collecting but stopped while sealing: seal it now.
      const finished = key && flags.resume ? await finishedCollection(flags.out) : undefined;
      if (finished && !flags.quiet) io.err(`${flags.out}: the collection had already finished; sealing it.\n`);
      const { summaryLine } = await import('../collect/collect.js');
      const result = finished ? recordedResult(flags.out, finished) : await runCollect(flags, io);
      if (!finished) io.out(`${summaryLine(result)}\n`);
      // A partial bundle is finished (its errors are recorded) and is sealed; an interrupted one is not.
      if (key && result.outcome !== 'interrupted' && result.outcome !== 'empty') {
        installCrashHook(io);
        const sealed = await sealBundle(flags.out, key);
        io.out(
          `${sealed.signed ? 'sealed' : 'already sealed'} ${flags.out}: manifest SHA-256 ${sealed.manifestSha256}, key ${displayFingerprint(key.fingerprint)}\n`,
        );
      }
      if (result.outcome !== 'complete') throw new CollectOutcomeError(result, await outcomeMessage(result));
    });
}

/** Runs a collection from parsed flags, stopping cleanly on SIGINT/SIGTERM (a second signal exits at once). */
async function runCollect(flags: CollectFlags, io: Io): Promise<CollectResult> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    // A second Ctrl-C quits at once; the journal already holds every finished call.
    if (signals > 1) process.exit(130);
    io.err('\nStopping: finishing the manifest (press Ctrl-C again to quit at once; --resume finishes the bundle) …\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let logFd: number | undefined;
  try {
    let json: ((line: string) => void) | undefined;
    if (typeof flags.logJson === 'string') {
      try {
        logFd = openSync(flags.logJson, 'a');
      } catch (error) {
        throw new AuditpackError('USAGE', `--log-json ${flags.logJson}: cannot open the file (${messageOf(error)}). Give a writable path.`);
      }
      const fd = logFd;
      json = (line) => void writeSync(fd, line);
    } else if (flags.logJson === true) {
      json = io.err;
    }
    const options: CollectOptions = {
      out: flags.out,
      resume: flags.resume ?? false,
      env: io.env,
      now: io.now,
      signal: controller.signal,
      concurrency: parseConcurrency(flags.concurrency),
      progress: { write: io.err, tty: io.isTty ?? false, quiet: flags.quiet ?? false, ...(json ? { json } : {}) },
    };
    if (flags.regions !== undefined)
      options.regions = flags.regions
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
    if (flags.profile !== undefined) options.profile = flags.profile;
    if (flags.endpointUrl !== undefined) options.endpointUrl = checkUrl(flags.endpointUrl);
    if (flags.accounts !== undefined) options.accountsFile = flags.accounts;
    if (flags.organization) options.organization = true;
    if (flags.roleName !== undefined) options.roleName = flags.roleName;
    if (flags.externalId !== undefined) options.externalId = flags.externalId;
    const { collect } = await import('../collect/collect.js');
    return await collect(options);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (logFd !== undefined) closeSync(logFd);
  }
}

/** The result of a collection that an earlier run finished, read back from its manifest. */
function recordedResult(dir: string, manifest: Manifest): CollectResult {
  return {
    outcome: manifest.files.length === 0 ? 'empty' : manifest.errors.length > 0 ? 'partial' : 'complete',
    dir,
    bundleId: manifest.bundleId,
    calls: 0,
    resumed: 0,
    errors: manifest.errors.length,
    unreachable: 0,
    files: manifest.files.length,
    accounts: manifest.scope.accounts.length,
    regions: manifest.scope.regions.length,
    seconds: 0,
    manifest,
  };
}

async function outcomeMessage(result: CollectResult): Promise<string> {
  const [{ count }, { failureSummary }] = await Promise.all([import('../collect/collect.js'), import('../collect/aws-errors.js')]);
  const codes = [...new Set(result.manifest.errors.map((e) => e.code))].slice(0, 5).join(', ');
  switch (result.outcome) {
    case 'partial':
      return `${result.dir}: the bundle is complete, but ${count(result.errors, 'call')} failed (${codes}); requirements that need them will be NOT_EVALUATED. ${failureSummary(result.manifest.errors)}; then collect again into a new directory.`;
    case 'empty':
      return `${result.dir}: nothing could be collected (${codes || 'no answers'}). Check the role, its permissions and the network, then collect again into a new directory.`;
    default:
      return `${result.dir}: the collection ${result.unreachable > 0 ? `could not reach AWS for ${count(result.unreachable, 'call')}` : 'was interrupted'} and the bundle is incomplete. Finish it with "auditpack collect --out ${result.dir} --resume".`;
  }
}

function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 64) throw new AuditpackError('USAGE', `--concurrency ${text}: give a whole number from 1 to 64.`);
  return n;
}

function checkUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch {
    // reported below
  }
  throw new AuditpackError('USAGE', `--endpoint-url ${text}: not an http(s) URL. Give e.g. --endpoint-url http://localhost:4566.`);
}
