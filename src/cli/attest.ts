import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { planAttestation, type AttestationInput } from '../attest/add-attestation.js';
import { loadCatalog, resolveCatalog } from '../catalog/load-catalog.js';
import { checks, findCheck } from '../checks/registry.js';
import { AuditpackError } from '../shared/errors.js';
import { packageRoot } from '../shared/version.js';
import { recoverFiles, writeFilesAtomically } from '../shared/write-file.js';
import { displayFingerprint, loadTrustedKeys } from '../sign/keys.js';
import { BUNDLE_SIGNATURE, SEAL_RECORD, SIGNATURE_HISTORY, assertUntampered, sealBundle } from '../sign/seal.js';
import type { Io } from './io.js';
import { installCrashHook, loadKeyFromOptions } from './sign.js';

const RESULTS = ['pass', 'fail', 'not_applicable'] as const;

interface AttestFlags {
  requirement?: string;
  result?: string;
  by?: string;
  role?: string;
  justification?: string;
  evidence: string[];
  date?: string;
  expires?: string;
  account?: string;
  catalog?: string;
  key?: string;
  cert?: string;
  p12?: string;
  passphraseEnv?: string;
  trustedKeys?: string;
}

/** Adds `auditpack attest` to the program. */
export function registerAttest(program: Command, io: Io, prompt: Prompt = terminalPrompt): void {
  program
    .command('attest')
    .description("Record a person's decision on a manual requirement in an evidence bundle (asks for what is missing on a terminal).")
    .argument('<bundle>', 'evidence bundle directory')
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

Examples:
  auditpack attest evidence/acme-2026-Q3 --requirement 1.1 --result pass \\
      --by "Dana Smith" --role "Head of Cloud Security" \\
      --justification "Contacts reviewed in the console on 2026-10-02; all current." \\
      --evidence contacts-2026-10-02.png
  auditpack attest evidence/acme-2026-Q3 -r 1.2        # asks for the rest`,
    )
    .action(async (bundle: string, flags: AttestFlags) => {
      const input = await completeInput(flags, io, prompt);
      const controlsDir = join(packageRoot, 'controls');
      const catalog = await loadCatalog(
        await resolveCatalog(flags.catalog, controlsDir),
        findCheck,
        checks.map((c) => c.id),
      );
      const sealed = [BUNDLE_SIGNATURE, SEAL_RECORD, SIGNATURE_HISTORY].some((name) => existsSync(join(bundle, name)));
      const key = await loadKeyFromOptions({ key: flags.key, cert: flags.cert, p12: flags.p12, passphraseEnv: flags.passphraseEnv }, io, [
        bundle,
      ]);
      if (sealed && !key) {
        throw new AuditpackError(
          'USAGE',
          `${bundle}: the bundle is sealed (${BUNDLE_SIGNATURE}). An attestation changes manifest.json, so it must be re-sealed: pass --key KEY (the earlier signature is kept in signatures/).`,
        );
      }
      const trusted = flags.trustedKeys ? await loadTrustedKeys(flags.trustedKeys) : [];
      installCrashHook(io);
      // Finish or undo a change an earlier run left half-done, then refuse a bundle changed since its seal.
      await recoverFiles(bundle);
      if (key) await assertUntampered(bundle, key, trusted);
      const { attestation, changes, added } = await planAttestation(bundle, catalog, input);
      if (key) {
        const sealedNow = await sealBundle(bundle, key, { trusted, changes });
        if (sealedNow.signed)
          io.out(`Re-sealed ${bundle}: manifest SHA-256 ${sealedNow.manifestSha256}, signed by ${displayFingerprint(key.fingerprint)}.\n`);
      } else {
        await writeFilesAtomically(bundle, changes);
      }
      if (!added) {
        io.out(
          `Already recorded: the same attestation for requirement ${attestation.requirement} by ${attestation.attestedBy} is in the bundle; nothing was added.\n`,
        );
        return;
      }
      io.out(
        `Attested ${attestation.result} for ${catalog.framework} ${catalog.version} requirement ${attestation.requirement} by ${attestation.attestedBy}, valid ${attestation.date} to ${attestation.expires}` +
          `${attestation.evidence.length > 0 ? `, ${attestation.evidence.length} evidence file(s) attached` : ''}.\n`,
      );
    });
}

/** Asks one question and returns the answer; tests pass their own. */
export type Prompt = (question: string) => Promise<string>;

const terminalPrompt: Prompt = async (question) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
};

async function completeInput(flags: AttestFlags, io: Io, prompt: Prompt): Promise<AttestationInput> {
  const questions: [keyof AttestFlags, string, string][] = [
    ['requirement', '--requirement', 'Requirement id (e.g. 1.1): '],
    ['result', '--result', `Result (${RESULTS.join(' / ')}): `],
    ['by', '--by', 'Your name: '],
    ['role', '--role', 'Your role: '],
    ['justification', '--justification', 'Justification (what you checked): '],
  ];
  const missing = questions.filter(([key]) => !flags[key]);
  if (missing.length > 0 && !io.interactive) {
    throw new AuditpackError(
      'USAGE',
      `attest: missing ${missing.map(([, flag]) => flag).join(', ')}. Give them as options, or run on a terminal to be asked.`,
    );
  }
  for (const [key, , question] of missing) {
    const answer = await prompt(question);
    if (!answer) throw new AuditpackError('USAGE', `attest: ${key} cannot be empty.`);
    (flags as unknown as Record<string, string>)[key] = answer;
  }
  const result = flags.result as string;
  if (!(RESULTS as readonly string[]).includes(result))
    throw new AuditpackError('USAGE', `--result ${result}: use one of ${RESULTS.join(', ')}.`);
  const date = flags.date ?? io.now().toISOString().slice(0, 10);
  const expires = flags.expires ?? oneYearAfter(date);
  for (const [flag, value] of [
    ['--date', date],
    ['--expires', expires],
  ] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new AuditpackError('USAGE', `${flag} ${value}: not a date. Write it as YYYY-MM-DD.`);
  }
  const input: AttestationInput = {
    requirement: flags.requirement as string,
    result: result as AttestationInput['result'],
    attestedBy: flags.by as string,
    role: flags.role as string,
    justification: flags.justification as string,
    evidence: flags.evidence,
    date,
    expires,
  };
  if (flags.account !== undefined) input.account = flags.account;
  return input;
}

function oneYearAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
