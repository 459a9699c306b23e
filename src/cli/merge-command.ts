import type { Command } from 'commander';
import type { Io } from './io.js';

/** The `merge` flags as commander parses them. */
export interface MergeFlags {
  out: string;
  key: string[];
  trustedKeys?: string;
  requireSigned?: boolean;
  windowTolerance: string;
  sseKmsKeyId?: string;
  sign?: string;
  cert?: string;
  p12?: string;
  passphraseEnv?: string;
}

/** Adds `auditpack merge` to the program. */
export function registerMerge(program: Command, io: Io): void {
  program
    .command('merge')
    .description('Merge the shard bundles of one sharded collection (collect --shard) into one bundle.')
    .argument('<shards...>', 'shard bundle directories or s3://bucket/prefix locations, in any order; or a folder / s3://…/ prefix holding shard-<index> bundles')
    .requiredOption('-o, --out <dir|s3://bucket/prefix>', 'the merged bundle (a new or empty directory, or an S3 prefix)')
    .option('-k, --key <file>', "a shard seal's signer: public key PEM or certificate (repeat for several)", (v: string, p: string[]) => [...p, v], [])
    .option('--trusted-keys <file>', 'file of PEM public keys and certificates, any of which may have sealed a shard')
    .option('--require-signed', 'refuse a shard that is not sealed')
    .option('--window-tolerance <hours>', 'most hours between the earliest and latest start of the shards', '24')
    .option('--sse-kms-key-id <key>', 'with --out s3://…: encrypt the uploaded objects with this KMS key')
    .option('--sign <key>', 'seal the merged bundle with this private key before it is written to --out')
    .option('--cert <file>', 'certificate for the key (default: certificate.pem beside it)')
    .option('--p12 <file>', 'seal with a PKCS#12 file instead of --sign')
    .option('--passphrase-env <var>', 'environment variable holding the key passphrase')
    .addHelpText(
      'after',
      `
A folder that holds shard-<index> bundles, or an S3 prefix ending in "/" (where "collect --out
s3://…/ --shard" writes them), stands for every shard in it.

Every shard is checked before anything is copied, as "auditpack verify" would: its manifest, each
file's size, nothing unlisted, and a sealed shard's seal against --key (a sealed shard needs one).
Each file's SHA-256 is checked as it is copied; a changed byte refuses the merge and leaves nothing
behind. Refused too: a shard given twice, an account in two shards, shards of different runs or
organisations, a missing shard, collections started further apart than --window-tolerance. The
merged manifest keeps every file's hash as the shard recorded it, and each shard's manifest and
signature under shards/NNNN/. Seal the merged bundle (--sign, or "auditpack seal" later) before
reporting on it and archiving it.

Examples:
  auditpack merge evidence/q4/shard-* --out evidence/q4/org --key keys/collector-public.pem --require-signed
  auditpack merge evidence/q4/ --out evidence/q4/org          # every evidence/q4/shard-<index>
  auditpack merge s3://acme-audit/2026-Q4/ --out s3://acme-audit/2026-Q4/org --sign keys/private.pem`,
    )
    .action(async (shards: string[], flags: MergeFlags) => {
      const { runMerge } = await import('./merge.js');
      await runMerge(shards, flags, io);
    });
}
