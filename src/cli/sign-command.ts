import type { Command } from 'commander';
import type { Io } from './io.js';
import type { KeyOptions } from './sign.js';

/** The `keygen` flags as commander parses them. */
export interface KeygenFlags {
  out: string;
  subject: string;
  days: string;
  passphraseEnv?: string;
}

/** The `seal` flags as commander parses them. */
export type SealFlags = KeyOptions & { trustedKeys?: string };

/** The `verify` flags as commander parses them. */
export interface VerifyFlags {
  key: string[];
  trustedKeys?: string;
  json?: boolean;
}

/** Adds `keygen`, `seal`, `verify` and `archive` to the program; the signing libraries are loaded only when one runs. */
export function registerSign(program: Command, io: Io): void {
  program
    .command('keygen')
    .description('Create an ECDSA P-256 signing key, its public key and a self-signed certificate.')
    .requiredOption('-o, --out <dir>', 'directory for private.pem, public.pem and certificate.pem (never a bundle or report directory)')
    .option('--subject <name>', 'common name (CN) of the certificate', 'auditpack report signer')
    .option('--days <n>', 'certificate validity in days', '3650')
    .option('--passphrase-env <var>', 'encrypt private.pem with the passphrase in this environment variable')
    .addHelpText(
      'after',
      `
private.pem is written with mode 0600; give public.pem (or certificate.pem) to whoever verifies.
Existing keys are never overwritten.

Examples:
  auditpack keygen --out keys
  AUDITPACK_KEY_PASS=… auditpack keygen --out keys --passphrase-env AUDITPACK_KEY_PASS --subject "Acme audit team"`,
    )
    .action(async (opts: KeygenFlags) => {
      const { runKeygen } = await import('./sign.js');
      await runKeygen(opts, io);
    });

  program
    .command('seal')
    .description('Sign an evidence bundle: a detached signature over manifest.json, written to manifest.json.sig.')
    .argument('<bundle>', 'evidence bundle directory (holds manifest.json)')
    .option('-k, --key <file>', 'private key PEM (from "auditpack keygen")')
    .option('--p12 <file>', 'PKCS#12 file holding the key, instead of --key')
    .option('--passphrase-env <var>', 'environment variable holding the key passphrase')
    .option('--trusted-keys <file>', 'PEM public keys or certificates of whoever made the existing seals, when not this key')
    .addHelpText(
      'after',
      `
The bundle is verified first (every SHA-256, nothing unlisted) and, when it is already sealed, against
its seals: a bundle changed after sealing is refused (exit 10, or 5 when an evidence file changed),
naming what differs. Earlier seals are kept in signatures/, chained by signatures/NNNN/seal.json.
Check it without auditpack: openssl dgst -sha256 -verify public.pem -signature BUNDLE/manifest.json.sig BUNDLE/manifest.json

Examples:
  auditpack seal evidence/acme-2026-q3 --key keys/private.pem`,
    )
    .action(async (bundle: string, opts: SealFlags) => {
      const { runSeal } = await import('./sign.js');
      await runSeal(bundle, opts, io);
    });

  program
    .command('verify')
    .description('Verify a sealed bundle, a signed report or an archive: signature, every SHA-256, no missing or extra file.')
    .argument('<path>', 'bundle directory, report directory, or archive (.tar.gz); also s3://bucket/prefix or s3://bucket/key.tar.gz')
    .option('-k, --key <file>', 'public key PEM or certificate of the signer; repeat for several', collectValues, [])
    .option('--trusted-keys <file>', 'file of PEM public keys and certificates, any of which may have signed')
    .option('--json', 'print the verdict as JSON on stdout')
    .addHelpText(
      'after',
      `
Exit code 0 when everything verifies; otherwise the first problem is printed, naming the file.
docs/verification.md shows how to check the same with openssl and pdfsig alone.

Examples:
  auditpack verify evidence/acme-2026-q3 --key keys/public.pem
  auditpack verify out/q3 --trusted-keys auditors-trust.pem
  auditpack verify acme-2026-q3.tar.gz --key keys/public.pem --json`,
    )
    .action(async (path: string, opts: VerifyFlags) => {
      const { runVerify } = await import('./sign.js');
      await runVerify(path, opts, io);
    });

  program
    .command('archive')
    .description('Write one .tar.gz holding a sealed bundle and its signed reports, for storing the audit period.')
    .argument('<bundle>', 'sealed evidence bundle directory')
    .argument('[reports...]', 'signed report directories')
    .requiredOption('-o, --out <file>', 'archive to write (.tar.gz), or s3://bucket/key.tar.gz')
    .option('--retain-until <date>', 'with --out s3://…: S3 Object Lock in compliance mode until this date; nobody can delete the archive or shorten it')
    .option('--sse-kms-key-id <key>', 'with --out s3://…: encrypt the archive with this KMS key (SSE-KMS)')
    .addHelpText(
      'after',
      `
Members are named by directory; "auditpack verify FILE.tar.gz --key public.pem" checks the archive directly.
Member times come from SOURCE_DATE_EPOCH when set, so archives can be reproduced byte for byte.

Examples:
  auditpack archive evidence/acme-2026-q3 out/q3 --out archive/acme-2026-q3.tar.gz
  auditpack archive s3://acme-audit/2026-Q3/org s3://acme-audit/2026-Q3/report \\
      --out s3://acme-audit-archive/acme-2026-q3.tar.gz --retain-until 2033-12-31   kept seven years, undeletable`,
    )
    .action(async (bundle: string, reports: string[], opts: { out: string; retainUntil?: string; sseKmsKeyId?: string }) => {
      const { runArchive } = await import('./sign.js');
      await runArchive(bundle, reports, opts, io);
    });
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}
