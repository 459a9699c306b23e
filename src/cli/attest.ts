import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { planAttestations, type AttestationInput } from '../attest/add-attestation.js';
import { checkDecisions, isDay, oneYearAfter, readDecisionsFile } from '../attest/decisions.js';
import { entryStatuses, expiringEntries, loadRegister, type EntryStatus, type RegisterEntry } from '../attest/register.js';
import { importDecisions, revokeEntry } from '../attest/register-write.js';
import { openBundle } from '../bundle/read-bundle.js';
import type { Catalog } from '../catalog/catalog.js';
import { listCatalogFiles, loadCatalog, resolveCatalog } from '../catalog/load-catalog.js';
import { checks, findCheck } from '../checks/registry.js';
import { AuditpackError } from '../shared/errors.js';
import { isoDay } from '../shared/time.js';
import { packageRoot } from '../shared/version.js';
import { recoverFiles, writeFilesAtomically, type StagedFile } from '../shared/write-file.js';
import { displayFingerprint, loadTrustedKeys } from '../sign/keys.js';
import { BUNDLE_SIGNATURE, SEAL_RECORD, SIGNATURE_HISTORY, assertUntampered, sealBundle } from '../sign/seal.js';
import {
  RESULTS,
  type AttestExpiringFlags,
  type AttestFlags,
  type AttestImportFlags,
  type AttestListFlags,
  type AttestRevokeFlags,
} from './attest-command.js';
import type { Io } from './io.js';
import { installCrashHook, loadKeyFromOptions } from './sign.js';

export { registerAttest } from './attest-command.js';

/** `auditpack attest BUNDLE`: one decision (asking for what is missing), or every decision of --file. */
export async function runAttest(bundle: string, flags: AttestFlags, io: Io, prompt: Prompt = terminalPrompt): Promise<void> {
  if (flags.file !== undefined) return attestFromFile(bundle, flags, io);
  const input = await completeInput(flags, io, prompt);
  const catalog = await loadCatalog(await resolveCatalog(flags.catalog, controlsDir()), findCheck, knownChecks());
  const { key, trusted } = await prepareBundleChange(bundle, flags, io);
  const plan = await planAttestations(bundle, [{ catalog, input }]);
  await writeBundleChange(bundle, plan.changes, key, trusted, io);
  const [attestation] = plan.attestations;
  if (!attestation) throw new Error('planAttestations returned no attestation for one input');
  if (plan.added === 0) {
    io.out(
      `Already recorded: the same attestation for requirement ${shown(attestation.requirement)} by ${shown(attestation.attestedBy)} is in the bundle; nothing was added.\n`,
    );
    return;
  }
  io.out(
    `Attested ${attestation.result} for ${catalog.framework} ${catalog.version} requirement ${shown(attestation.requirement)} by ${shown(attestation.attestedBy)}, valid ${attestation.date} to ${attestation.expires}` +
      `${attestation.evidence.length > 0 ? `, ${attestation.evidence.length} evidence file(s) attached` : ''}.\n`,
  );
}

/** `auditpack attest import FILE`: checks every decision, then adds them to the register. */
export async function runAttestImport(file: string, flags: AttestImportFlags, io: Io): Promise<void> {
  const rows = await readDecisionsFile(file);
  const { catalogs, defaultCatalog } = await loadCatalogs(flags.catalog);
  const checked = await checkDecisions(rows, { catalogs, defaultCatalog, today: isoDay(io.now()) });
  const result = await importDecisions(flags.register, checked, flags.into !== undefined ? { into: flags.into } : {});
  const already = result.alreadyThere.length > 0 ? ` (${result.alreadyThere.length} already in the register)` : '';
  if (result.added.length === 0) {
    io.out(`Nothing to add: the register ${flags.register} already holds all ${checked.length} decisions of ${file}.\n`);
    return;
  }
  io.out(
    `Imported ${result.added.length} decision(s) from ${file} into ${result.file}${already}` +
      `${result.evidence.length > 0 ? `; ${result.evidence.length} evidence file(s) copied` : ''}.\n`,
  );
  for (const entry of result.added) io.out(`  ${entry.id}  ${describeEntry(entry)}\n`);
}

/** `auditpack attest revoke ID`: marks a register entry revoked from a day on. */
export async function runAttestRevoke(id: string, flags: AttestRevokeFlags, io: Io): Promise<void> {
  const date = flags.date ?? isoDay(io.now());
  const { entry, changed } = await revokeEntry(flags.register, id, { date, by: flags.by, reason: flags.reason });
  const revoked = entry.revoked;
  if (!changed && revoked) {
    io.out(`${entry.id} was already revoked on ${revoked.date} by ${shown(revoked.by)}; nothing changed.\n`);
    return;
  }
  io.out(`Revoked ${entry.id} (${describeEntry(entry)}) from ${date} on, in ${entry.file}.\n`);
}

/** `auditpack attest expiring`: register entries that stop holding soon. */
export async function runAttestExpiring(flags: AttestExpiringFlags, io: Io): Promise<void> {
  if (!/^\d{1,5}$/.test(flags.within))
    throw new AuditpackError('USAGE', `--within ${flags.within}: give a whole number of days, e.g. --within 30.`);
  const withinDays = Number(flags.within);
  const asOf = dayOption('--as-of', flags.asOf, io);
  const register = await loadRegister(flags.register);
  const entries = expiringEntries(register, { asOf, withinDays });
  if (flags.json) {
    io.out(`${JSON.stringify({ asOf, withinDays, entries: entries.map(statusJson) }, null, 2)}\n`);
    return;
  }
  if (entries.length === 0) {
    io.out(`No entry of ${flags.register} expires within ${withinDays} days of ${asOf}.\n`);
    return;
  }
  io.out(`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} of ${flags.register} expire within ${withinDays} days of ${asOf}:\n`);
  for (const s of entries) {
    io.out(
      `  ${s.entry.id}  ${describeEntry(s.entry)}: expires ${s.entry.expires} (in ${s.daysLeft} day${s.daysLeft === 1 ? '' : 's'})` +
        `${s.renewedBy ? `, renewed by ${s.renewedBy}` : ', not renewed'}  ${s.entry.file}:${s.entry.line}\n`,
    );
  }
}

/** `auditpack attest list`: every register entry with its state on a day. */
export async function runAttestList(flags: AttestListFlags, io: Io): Promise<void> {
  const asOf = dayOption('--as-of', flags.asOf, io);
  const register = await loadRegister(flags.register);
  const statuses = entryStatuses(register, asOf);
  if (flags.json) {
    io.out(`${JSON.stringify({ asOf, entries: statuses.map(statusJson) }, null, 2)}\n`);
    return;
  }
  io.out(`${statuses.length} entr${statuses.length === 1 ? 'y' : 'ies'} in ${flags.register}, as of ${asOf}:\n`);
  for (const s of statuses) {
    const { entry } = s;
    const state =
      s.state === 'revoked' && entry.revoked
        ? `revoked ${entry.revoked.date} by ${shown(entry.revoked.by)}: ${shown(entry.revoked.reason)}`
        : s.state;
    io.out(`  ${entry.id}  ${state.padEnd(13)}  ${describeEntry(entry)}, ${entry.date} to ${entry.expires}  ${entry.file}:${entry.line}\n`);
  }
}

/** Asks one question; resolves the answer, or undefined at end of input (Ctrl-D). Ctrl-C rejects with {@link PromptInterrupted}. Tests pass their own. */
export type Prompt = (question: string) => Promise<string | undefined>;

/** Thrown by a {@link Prompt} when the person pressed Ctrl-C at the question. */
export class PromptInterrupted extends Error {
  constructor() {
    super('interrupted at a question');
    this.name = 'PromptInterrupted';
  }
}

/** Stopped by Ctrl-C at a question: exit 130, as after SIGINT (nothing was written, so nothing to clean up). */
export class AttestInterrupted extends AuditpackError {
  readonly exitCode = INTERRUPTED_EXIT_CODE;
  constructor(question: string) {
    super('USAGE', `attest: interrupted (Ctrl-C) at the ${question} question; nothing was written.`);
  }
}

/** 128 + SIGINT, as cli/main.ts's SIGNAL_EXIT_CODES has it (not imported: main.ts is the entry that loads this module). */
const INTERRUPTED_EXIT_CODE = 130;

/**
 * Asks on the terminal (stderr, so stdout stays clean). End of input (Ctrl-D on an empty line, or
 * stdin closed) resolves undefined; Ctrl-C rejects with {@link PromptInterrupted}. Either way the
 * line is ended, so the message that follows starts on its own.
 */
const terminalPrompt: Prompt = (question) =>
  new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: Boolean(process.stdin.isTTY) });
    let settled = false;
    const settle = (finish: () => void, newline: boolean): void => {
      if (settled) return;
      settled = true;
      if (newline) process.stderr.write('\n');
      finish();
      rl.close();
    };
    rl.on('SIGINT', () => settle(() => reject(new PromptInterrupted()), true));
    rl.on('close', () => settle(() => resolve(undefined), true));
    rl.question(question, (answer) => settle(() => resolve(answer.trim()), false));
  });

/** Adds every decision of --file to the bundle in one change, after checking them all. */
async function attestFromFile(bundle: string, flags: AttestFlags, io: Io): Promise<void> {
  const file = flags.file as string;
  const clashing = (['requirement', 'result', 'by', 'role', 'justification', 'date', 'expires', 'account'] as const).filter(
    (key) => flags[key] !== undefined,
  );
  if (clashing.length > 0 || flags.evidence.length > 0) {
    const names = [...clashing.map((k) => `--${k}`), ...(flags.evidence.length > 0 ? ['--evidence'] : [])];
    throw new AuditpackError('USAGE', `--file ${file}: give the decisions in the file, not as ${names.join(', ')} as well.`);
  }
  const rows = await readDecisionsFile(file);
  const { catalogs, defaultCatalog } = await loadCatalogs(flags.catalog !== undefined ? [flags.catalog] : []);
  const { key, trusted } = await prepareBundleChange(bundle, flags, io);
  const opened = await openBundle(bundle, { allowIncomplete: true });
  const checked = await checkDecisions(rows, {
    catalogs,
    defaultCatalog,
    today: isoDay(io.now()),
    accounts: opened.manifest.scope.accounts.map((a) => a.id),
  });
  const plan = await planAttestations(
    bundle,
    checked.map((c) => ({ catalog: c.catalog, input: c.input })),
    opened,
  );
  await writeBundleChange(bundle, plan.changes, key, trusted, io);
  const already = checked.length - plan.added;
  if (plan.added === 0) {
    io.out(`Already recorded: all ${checked.length} decisions of ${file} are in the bundle; nothing was added.\n`);
    return;
  }
  io.out(`Attested ${plan.added} decision(s) from ${file} in ${bundle}${already > 0 ? ` (${already} already recorded)` : ''}.\n`);
}

/** Checks a bundle may be changed: a sealed one needs a key and must still verify; an interrupted change is finished first. */
async function prepareBundleChange(
  bundle: string,
  flags: AttestFlags,
  io: Io,
): Promise<{ key: Awaited<ReturnType<typeof loadKeyFromOptions>>; trusted: Awaited<ReturnType<typeof loadTrustedKeys>> }> {
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
  return { key, trusted };
}

/** Writes a planned change all at once, re-sealing a sealed bundle with it. */
async function writeBundleChange(
  bundle: string,
  changes: StagedFile[],
  key: Awaited<ReturnType<typeof loadKeyFromOptions>>,
  trusted: Awaited<ReturnType<typeof loadTrustedKeys>>,
  io: Io,
): Promise<void> {
  if (key) {
    const sealedNow = await sealBundle(bundle, key, { trusted, changes });
    if (sealedNow.signed)
      io.out(`Re-sealed ${bundle}: manifest SHA-256 ${sealedNow.manifestSha256}, signed by ${displayFingerprint(key.fingerprint)}.\n`);
  } else {
    await writeFilesAtomically(bundle, changes);
  }
}

function controlsDir(): string {
  return join(packageRoot, 'controls');
}

function knownChecks(): string[] {
  return checks.map((c) => c.id);
}

/** The shipped catalogs and those given; the default is the first given, else the newest CIS catalog. */
async function loadCatalogs(given: readonly string[]): Promise<{ catalogs: Catalog[]; defaultCatalog: Catalog }> {
  const dir = controlsDir();
  const shipped = await Promise.all((await listCatalogFiles(dir)).map((c) => loadCatalog(c.file, findCheck, knownChecks())));
  const extra = await Promise.all(given.map(async (c) => loadCatalog(await resolveCatalog(c, dir), findCheck, knownChecks())));
  const defaultFile = await resolveCatalog(given[0], dir);
  const all = [...extra, ...shipped.filter((s) => !extra.some((e) => e.framework === s.framework && e.version === s.version))];
  const defaultCatalog =
    [...extra, ...shipped].find((c) => c.file === defaultFile) ?? (await loadCatalog(defaultFile, findCheck, knownChecks()));
  return { catalogs: all, defaultCatalog };
}

function dayOption(flag: string, value: string | undefined, io: Io): string {
  if (value === undefined) return isoDay(io.now());
  if (!isDay(value)) throw new AuditpackError('USAGE', `${flag} ${value}: not a date. Write it as YYYY-MM-DD.`);
  return value;
}

/** `cis-aws-foundations 5.0.0 requirement 1.1, account 111122223333, pass by Dana Smith` (terminal-safe). */
function describeEntry(entry: RegisterEntry): string {
  return (
    `${entry.framework} ${shown(entry.version)} requirement ${shown(entry.requirement)}, ` +
    `${entry.account !== undefined ? `account ${entry.account}` : 'all accounts'}, ${entry.result} by ${shown(entry.attestedBy)}`
  );
}

function statusJson(s: EntryStatus): Record<string, unknown> {
  const e = s.entry;
  return {
    id: e.id,
    state: s.state,
    framework: e.framework,
    version: e.version,
    requirement: e.requirement,
    account: e.account ?? null,
    result: e.result,
    attested_by: e.attestedBy,
    role: e.role,
    date: e.date,
    expires: e.expires,
    days_left: s.daysLeft,
    renewed_by: s.renewedBy ?? null,
    revoked: e.revoked ?? null,
    file: e.file,
    line: e.line,
    sha256: e.sha256,
  };
}

// C0 and C1 controls, and the bidirectional controls that can reorder what a terminal shows.
// eslint-disable-next-line no-control-regex -- control characters are what is escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Register and evidence text as a terminal may print it: control characters shown as `\u{…}`. */
export function shown(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
}

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
  for (const [key, flag, question] of missing) {
    let answer: string | undefined;
    try {
      answer = await prompt(question);
    } catch (error) {
      if (error instanceof PromptInterrupted) throw new AttestInterrupted(flag);
      throw error;
    }
    if (answer === undefined)
      throw new AuditpackError(
        'USAGE',
        `attest: no answer for ${flag} (end of input); nothing was written. Give it as ${flag} or answer the question.`,
      );
    if (!answer) throw new AuditpackError('USAGE', `attest: ${key} cannot be empty; nothing was written.`);
    (flags as unknown as Record<string, string>)[key] = answer;
  }
  const result = flags.result as string;
  if (!(RESULTS as readonly string[]).includes(result))
    throw new AuditpackError('USAGE', `--result ${shown(result)}: use one of ${RESULTS.join(', ')}.`);
  const date = flags.date ?? isoDay(io.now());
  const expires = flags.expires ?? oneYearAfter(date);
  for (const [flag, value] of [
    ['--date', date],
    ['--expires', expires],
  ] as const) {
    if (!isDay(value)) throw new AuditpackError('USAGE', `${flag} ${shown(value)}: not a date. Write it as YYYY-MM-DD.`);
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
