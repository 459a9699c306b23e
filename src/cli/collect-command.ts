import type { Command } from 'commander';
// Only the declaration: the collector (and with it every AWS SDK client) is loaded when `collect`
// runs, so other commands and `collect --help` start without it.
import type { CollectOutcome } from '../collect/collect.js';
import { DEFAULT_CONCURRENCY } from '../collect/limiter.js';
import type { Io } from './io.js';

/** Exit codes of `collect` when the bundle is not complete and clean: 0 means every call answered. */
export const COLLECT_EXIT_CODES: Record<Exclude<CollectOutcome, 'complete'>, number> = {
  partial: 20,
  empty: 21,
  interrupted: 22,
};

/** The `collect` flags as commander parses them. */
export interface CollectFlags {
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
  shard?: string;
  workDir?: string;
  sseKmsKeyId?: string;
}

/** Adds `auditpack collect` to the program. */
export function registerCollect(program: Command, io: Io): void {
  program
    .command('collect')
    .description('Collect live AWS evidence into a bundle with read-only API calls (see docs/collection.md for the permissions).')
    .requiredOption(
      '-o, --out <dir|s3://bucket/prefix>',
      'bundle directory to create (or, with --resume, to finish); s3:// uploads the finished bundle (ending in "/" with --shard: to shard-<index> below it)',
    )
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
    .option(
      '--shard <index/count>',
      'collect one slice of the accounts: 0/10 is the first of 10 (counted from 0); auto/10 takes the index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX',
    )
    .option('--work-dir <dir>', 'with --out s3://…: where the bundle is built before it is uploaded (give it again to --resume)')
    .option('--sse-kms-key-id <key>', 'with --out s3://…: encrypt the uploaded objects with this KMS key (SSE-KMS)')
    .option(
      '--concurrency <n>',
      `API calls in flight at once across the run (1-64, default ${DEFAULT_CONCURRENCY}); each service is also kept within its own AWS rate limits per account and region`,
    )
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
  auditpack collect --out evidence/acme-2026-Q4 --resume --sign keys/private.pem   also finishes an interrupted seal
  auditpack collect --organization --role-name AuditpackReadOnly --shard auto/10 \\
      --out s3://acme-audit/2026-Q4/ --sse-kms-key-id alias/audit   one shard of an indexed job, to …/2026-Q4/shard-<index>
docs/scale.md shows the whole flow for thousands of accounts: shards → S3 → merge → report → archive.`,
    )
    .action(async (flags: CollectFlags) => {
      const { runCollectCommand } = await import('./collect.js');
      await runCollectCommand(flags, io);
    });
}
