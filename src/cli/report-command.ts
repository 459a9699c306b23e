import { Option, type Command } from 'commander';
import type { Io } from './io.js';

/** The `report` flags as commander parses them. */
export interface ReportFlags {
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
  sseKmsKeyId?: string;
}

/**
 * Adds `report` to the program. Only its options and help are declared here; the action imports
 * the implementation when it runs, so `--help` and the other commands never load the evaluator,
 * the renderers or the check registry.
 */
export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('Evaluate an evidence bundle against control catalogs and write the report.')
    .argument('<bundle>', 'evidence bundle directory (holds manifest.json), or s3://bucket/prefix')
    .requiredOption('-o, --out <dir>', 'directory to write report.html, report.pdf and results.json into, or s3://bucket/prefix')
    .option(
      '-c, --catalog <id|file>',
      'catalog id (see "auditpack catalog list") or YAML file; repeat for several (default: newest CIS AWS Foundations)',
      collectValues,
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
      collectValues,
      [],
    )
    .option('--trusted-keys <file>', 'file of PEM public keys and certificates, any of which may have sealed the bundle')
    .option('--sse-kms-key-id <key>', 'with --out s3://…: encrypt the uploaded report with this KMS key (SSE-KMS)')
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
    .action(async (bundle: string, flags: ReportFlags) => {
      const { runReport } = await import('./report.js');
      await runReport(bundle, flags, io);
    });
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}
