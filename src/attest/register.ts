import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { Crosswalk } from '../catalog/crosswalk.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, readRegularFile } from '../shared/limits.js';
import { loadSchema } from '../shared/schema.js';
import type { Attestation, RawAttestation } from './attestations.js';
import { parseValidatedYaml } from '../shared/yaml-document.js';

/** Where a report's outputs hold the register entries it used: `<out>/register/…`. */
export const REGISTER_COPY_DIR = 'register';
/** The copy of the entries a report used, relative to its output folder; itself a register file. */
export const REGISTER_COPY_FILE = `${REGISTER_COPY_DIR}/attestations-used.yaml`;
/** The file `auditpack attest import` appends to in a register folder unless told otherwise. */
export const DEFAULT_REGISTER_FILE = 'attestations.yaml';

/** A revocation: from `date` on, the entry no longer holds. */
export interface Revocation {
  /** YYYY-MM-DD: the first day it no longer holds. */
  date: string;
  by: string;
  reason: string;
}

/** One decision in an attestation register, as the file states it (snake_case, as written). */
export interface RawRegisterEntry extends RawAttestation {
  id?: string;
  revoked?: Revocation;
}

/** A decision of the register with where it stands and what identifies it. */
export interface RegisterEntry {
  /** `att-` + 12 hex digits: the one written in the file, else computed by {@link entryId}. */
  id: string;
  framework: string;
  version: string;
  requirement: string;
  /** Only this account; absent: every account. */
  account?: string;
  result: Attestation['result'];
  attestedBy: string;
  role: string;
  /** YYYY-MM-DD: when it was decided; it holds from this day on. */
  date: string;
  /** YYYY-MM-DD: the first day it no longer holds. */
  expires: string;
  justification: string;
  /** Files backing it, relative to the register's folder (`evidence/<hash12>-<name>`). */
  evidence: { path: string; sha256: string }[];
  revoked?: Revocation;
  /** The YAML file holding it, as the register path was given (for messages). */
  file: string;
  /** Its position in that file's `attestations` list. */
  index: number;
  /** 1-based line of the entry in its file. */
  line: number;
  /** SHA-256 of the entry's canonical JSON (see {@link entrySha256}): what a report records it by. */
  sha256: string;
  /** False when the file has no `id` and {@link entryId} supplied it. */
  idWritten: boolean;
}

/** A loaded attestation register: a folder of YAML files, or one YAML file. */
export interface Register {
  /** The path as given. */
  path: string;
  kind: 'directory' | 'file';
  /** The folder evidence paths are relative to: the register folder, or the single file's folder. */
  root: string;
  /** Its YAML files, as paths under `path` (sorted). */
  files: string[];
  /** Every entry, in file order. */
  entries: RegisterEntry[];
}

/** Which state an entry is in at a moment. */
export type EntryState = 'valid' | 'not-yet-valid' | 'expired' | 'revoked';

const validateRegister = loadSchema('attestation-register.v1.schema.json');

/**
 * `att-` + the first 12 hex digits of the SHA-256 of the decision's canonical JSON, without its id
 * and revocation: the same decision gets the same id wherever and whenever it is imported.
 */
export function entryId(raw: RawRegisterEntry): string {
  const { id: _id, revoked: _revoked, ...decision } = normalise(raw);
  return `att-${sha256(canonicalJson(decision)).slice(0, 12)}`;
}

/** SHA-256 of the entry's canonical JSON with its id (written or computed) and revocation: it changes when anything in it does. */
export function entrySha256(raw: RawRegisterEntry): string {
  const entry = normalise(raw);
  return sha256(canonicalJson({ ...entry, id: entry.id ?? entryId(entry) }));
}

/** The entry as a register file states it, with its id always written. */
export function rawEntry(entry: RegisterEntry): RawRegisterEntry {
  const raw: RawRegisterEntry = {
    id: entry.id,
    framework: entry.framework,
    version: entry.version,
    requirement: entry.requirement,
    ...(entry.account !== undefined ? { account: entry.account } : {}),
    result: entry.result,
    attested_by: entry.attestedBy,
    role: entry.role,
    date: entry.date,
    expires: entry.expires,
    justification: entry.justification,
  };
  if (entry.evidence.length > 0) raw.evidence = entry.evidence.map((e) => ({ path: e.path, sha256: e.sha256 }));
  if (entry.revoked) raw.revoked = { ...entry.revoked };
  return raw;
}

/** Drops empty optional fields, so a hand-written `evidence: []` hashes like no evidence at all. */
function normalise(raw: RawRegisterEntry): RawRegisterEntry {
  const { evidence, account, id, revoked, ...rest } = raw;
  return {
    ...rest,
    ...(id !== undefined ? { id } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(evidence && evidence.length > 0 ? { evidence: evidence.map((e) => ({ path: e.path, sha256: e.sha256 })) } : {}),
    ...(revoked ? { revoked: { date: revoked.date, by: revoked.by, reason: revoked.reason } } : {}),
  };
}

/**
 * Parses one register file. Every problem is reported as `file:line: what. what to do.`, all at
 * once (exit 13): YAML syntax, the schema, an expiry on or before the date, an `id` that is
 * written twice in the file.
 */
export function parseRegisterFile(text: string, file: string): RegisterEntry[] {
  const { value, lineAt: at } = parseValidatedYaml<{ attestations: RawRegisterEntry[] }>(text, file, {
    validate: validateRegister,
    code: 'ATTESTATION_INVALID',
    seeAlso: 'See docs/attestations.md for the register format (quote account ids and requirement ids).',
    tooLarge: 'Split the register into several files.',
  });
  const problems: string[] = [];
  const entries = value.attestations.map((a, index) => {
    const line = at(['attestations', index]);
    if (a.expires <= a.date) {
      problems.push(
        `${file}:${at(['attestations', index, 'expires'])}: entry for requirement "${a.requirement}" expires (${a.expires}) on or before its date (${a.date}). Give an expiry after the date`,
      );
    }
    const entry: RegisterEntry = {
      id: a.id ?? entryId(a),
      framework: a.framework,
      version: a.version,
      requirement: a.requirement,
      result: a.result,
      attestedBy: a.attested_by,
      role: a.role,
      date: a.date,
      expires: a.expires,
      justification: a.justification,
      evidence: (a.evidence ?? []).map((e) => ({ path: e.path, sha256: e.sha256 })),
      file,
      index,
      line,
      sha256: entrySha256(a),
      idWritten: a.id !== undefined,
    };
    if (a.account !== undefined) entry.account = a.account;
    if (a.revoked) entry.revoked = { date: a.revoked.date, by: a.revoked.by, reason: a.revoked.reason };
    return entry;
  });
  problems.push(...duplicateIds(entries));
  const [first, ...rest] = problems;
  if (first !== undefined) throw new AuditpackError('ATTESTATION_INVALID', `${first}.`, rest);
  return entries;
}

/** `file:line: id att-… appears twice (first at file:line)…` for each id that is not unique. */
function duplicateIds(entries: readonly RegisterEntry[]): string[] {
  const seen = new Map<string, RegisterEntry>();
  const problems: string[] = [];
  for (const entry of entries) {
    const first = seen.get(entry.id);
    if (first) {
      problems.push(
        `${entry.file}:${entry.line}: entry ${entry.id} appears twice in the register (first at ${first.file}:${first.line}). Keep one: the same decision twice decides nothing more`,
      );
    } else seen.set(entry.id, entry);
  }
  return problems;
}

/**
 * Reads a register: every `*.yaml`/`*.yml` file directly in a folder (sorted), or one YAML file.
 * Problems in any file are all reported (exit 13), as are ids found twice across files and
 * evidence files that are missing or whose SHA-256 is not the one the entry records.
 */
export async function loadRegister(path: string): Promise<Register> {
  let kind: Register['kind'];
  try {
    kind = (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    throw new AuditpackError(
      'USAGE',
      `--register ${path}: cannot read it (${messageOf(error)}). Give the register folder (or YAML file); "auditpack attest import" creates one.`,
    );
  }
  const files =
    kind === 'directory'
      ? (await readdir(path))
          .filter((name) => /\.ya?ml$/.test(name) && !name.startsWith('.'))
          .sort()
          .map((name) => join(path, name))
      : [path];
  const root = kind === 'directory' ? path : dirname(path);
  const entries: RegisterEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      entries.push(...parseRegisterFile(await readRegisterText(file), file));
    } catch (error) {
      if (!(error instanceof AuditpackError)) throw error;
      problems.push(error.message, ...error.details);
    }
  }
  if (problems.length === 0) problems.push(...duplicateIds(entries).map((p) => `${p}.`));
  if (problems.length === 0) problems.push(...(await evidenceProblems(root, entries)));
  const [first, ...rest] = problems;
  if (first !== undefined) throw new AuditpackError('ATTESTATION_INVALID', first, rest);
  return { path, kind, root, files, entries };
}

/** A register file's text (regular file of bounded size only). */
export async function readRegisterText(file: string): Promise<string> {
  try {
    return (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
  } catch (error) {
    throw new AuditpackError('ATTESTATION_INVALID', `${file}: cannot read it (${messageOf(error)}). Give a register YAML file.`);
  }
}

/** Each entry's evidence must be in the register with the SHA-256 the entry records. */
async function evidenceProblems(root: string, entries: readonly RegisterEntry[]): Promise<string[]> {
  const problems: string[] = [];
  const checked = new Map<string, string>();
  for (const entry of entries) {
    for (const evidence of entry.evidence) {
      let actual = checked.get(evidence.path);
      if (actual === undefined) {
        try {
          actual = sha256(await readRegularFile(join(root, evidence.path), LIMITS.evidenceBytes));
        } catch (error) {
          actual = `unreadable: ${messageOf(error)}`;
        }
        checked.set(evidence.path, actual);
      }
      if (actual.startsWith('unreadable: ')) {
        problems.push(
          `${entry.file}:${entry.line}: evidence ${evidence.path} of entry ${entry.id} cannot be read (${actual.slice(12)}). Restore it from the register's history (git)`,
        );
      } else if (actual !== evidence.sha256) {
        problems.push(
          `${entry.file}:${entry.line}: evidence ${evidence.path} of entry ${entry.id} has sha256 ${actual}, not the ${evidence.sha256} the entry records. The file changed after it was attested; restore it from the register's history (git)`,
        );
      }
    }
  }
  return problems.map((p) => `${p}.`);
}

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/**
 * An entry's state at a moment: not yet valid before its date; expired from its expiry day on;
 * revoked from its revocation day on (whichever of the two came first names the state); else valid.
 */
export function entryStateAt(entry: Pick<RegisterEntry, 'date' | 'expires' | 'revoked'>, at: Date): EntryState {
  const t = at.getTime();
  if (t < dayStart(entry.date)) return 'not-yet-valid';
  const revokedAt = entry.revoked ? dayStart(entry.revoked.date) : Infinity;
  const expiresAt = dayStart(entry.expires);
  if (t < Math.min(revokedAt, expiresAt)) return 'valid';
  return revokedAt <= expiresAt ? 'revoked' : 'expired';
}

/** What {@link attestationsFor} needs to know about the evaluation. */
export interface RegisterQuery {
  /** The catalog evaluated. */
  framework: string;
  version: string;
  /** The bundle's collection time (`bundle.collectedAt`): "now" for every validity window. */
  collectedAt: Date;
  /** The bundle's accounts; entries for other accounts are left out without a word (a register serves many bundles). */
  accounts: readonly string[];
  /** The framework's crosswalk, to use entries made for another version; without it they are reported, not used. */
  crosswalk?: Crosswalk;
}

/** What a register offers one evaluation. */
export interface RegisterSelection {
  /** For `evaluate(…, { attestations })`: ids, framework and version as the catalog evaluated has them, each with its `source`. */
  attestations: Attestation[];
  /** Entries not used that an auditor should hear about (expired, revoked, not yet valid, not mappable). */
  warnings: string[];
  /** The entries behind `attestations`, as the register has them: copy them with {@link usedRegisterFiles}. */
  used: RegisterEntry[];
}

/**
 * The register's decisions for one catalog at a bundle's collection time. An entry applies when
 * it is valid then (date ≤ collectedAt < expires, not revoked on or before collectedAt), for an
 * account of the bundle or for all, and is for this framework and version, or for another version
 * of the framework that the crosswalk maps to this one (one requirement to one; the justification
 * then begins "Attested for <version> requirement <id>"). An expired, revoked or not-yet-valid
 * entry is reported by id unless a used entry decides the same requirement for the same accounts
 * (it was renewed). Pure: reads no disk and no clock.
 */
export function attestationsFor(register: Register, query: RegisterQuery): RegisterSelection {
  const day = query.collectedAt.toISOString().slice(0, 10);
  const candidates: { entry: RegisterEntry; requirement: string; state: EntryState }[] = [];
  const warnings: string[] = [];
  for (const entry of register.entries) {
    if (entry.framework !== query.framework) continue;
    if (entry.account !== undefined && !query.accounts.includes(entry.account)) continue;
    const state = entryStateAt(entry, query.collectedAt);
    let requirement = entry.requirement;
    if (entry.version !== query.version) {
      const { crosswalk } = query;
      if (!crosswalk || !crosswalk.hasVersion(entry.version) || !crosswalk.hasVersion(query.version)) {
        if (state === 'valid')
          warnings.push(
            `${where(entry)}: register entry ${entry.id} is for ${entry.framework} ${entry.version} requirement "${entry.requirement}", and no crosswalk maps ${entry.version} to ${query.version}; it was not used.`,
          );
        continue;
      }
      const mapped = crosswalk.map(entry.version, entry.requirement, query.version);
      if (mapped === undefined) {
        if (state === 'valid')
          warnings.push(
            `${where(entry)}: register entry ${entry.id} is for ${entry.version} requirement "${entry.requirement}", which has no counterpart in ${query.version} (${basename(crosswalk.file)}); it was not used.`,
          );
        continue;
      }
      requirement = mapped;
    }
    candidates.push({ entry, requirement, state });
  }
  const used = candidates.filter((c) => c.state === 'valid');
  // Renewed: a used entry decides the same requirement for the same accounts (one for all covers each).
  const renewed = (c: (typeof candidates)[number]): boolean =>
    used.some((u) => u.requirement === c.requirement && (u.entry.account === undefined || u.entry.account === c.entry.account));
  for (const c of candidates) {
    if (c.state === 'valid' || renewed(c)) continue;
    const { entry } = c;
    const what = `register entry ${entry.id} for ${describeTarget(entry, c.requirement, query.version)} by ${entry.attestedBy}`;
    if (c.state === 'expired')
      warnings.push(`${where(entry)}: ${what} expired on ${entry.expires}, before the collection (${day}); it was not used. Renew it.`);
    else if (c.state === 'revoked' && entry.revoked)
      warnings.push(
        `${where(entry)}: ${what} was revoked on ${entry.revoked.date} by ${entry.revoked.by} (${entry.revoked.reason}), before the collection (${day}); it was not used.`,
      );
    else warnings.push(`${where(entry)}: ${what} is dated ${entry.date}, after the collection (${day}); it was not used for this bundle.`);
  }
  return {
    attestations: used.map((c) => toAttestation(register, c.entry, c.requirement, query)),
    warnings,
    used: used.map((c) => c.entry),
  };
}

function where(entry: RegisterEntry): string {
  return `${entry.file}:${entry.line}`;
}

/** `requirement "2.2" (attested for 5.0.0 requirement "1.1")`, or `requirement "1.1"`. */
function describeTarget(entry: RegisterEntry, requirement: string, version: string): string {
  return entry.version === version
    ? `requirement "${requirement}"`
    : `requirement "${requirement}" (attested for ${entry.version} requirement "${entry.requirement}")`;
}

function toAttestation(register: Register, entry: RegisterEntry, requirement: string, query: RegisterQuery): Attestation {
  const mapped = entry.version !== query.version;
  const attestation: Attestation = {
    framework: query.framework,
    version: query.version,
    requirement,
    result: entry.result,
    attestedBy: entry.attestedBy,
    role: entry.role,
    date: entry.date,
    expires: entry.expires,
    justification: mapped
      ? `Attested for ${entry.version} requirement ${entry.requirement}, mapped by the crosswalk: ${entry.justification}`
      : entry.justification,
    // As the report's outputs hold them once copied (see usedRegisterFiles).
    evidence: entry.evidence.map((e) => ({ path: `${REGISTER_COPY_DIR}/${e.path}`, sha256: e.sha256 })),
    line: entry.line,
    source: {
      register: register.path,
      file: entry.file,
      line: entry.line,
      id: entry.id,
      sha256: entry.sha256,
      ...(mapped ? { mappedFrom: { version: entry.version, requirement: entry.requirement } } : {}),
    },
  };
  if (entry.account !== undefined) attestation.account = entry.account;
  return attestation;
}

/**
 * The files that make a report's use of the register verifiable on its own, paths relative to the
 * report's output folder: `register/attestations-used.yaml` (the used entries exactly as the
 * register has them, ids written, itself a register file) and each of their evidence files under
 * `register/evidence/`. Evidence is read again and must still have the recorded SHA-256. With no
 * entry used, the YAML file is still returned (an empty list): the report consulted a register.
 */
export async function usedRegisterFiles(
  register: Register,
  used: readonly RegisterEntry[],
): Promise<{ path: string; data: string | Buffer }[]> {
  const unique = [...new Map(used.map((e) => [e.id, e])).values()];
  const files: { path: string; data: string | Buffer }[] = [{ path: REGISTER_COPY_FILE, data: registerCopyText(register, unique) }];
  const copied = new Set<string>();
  for (const entry of unique) {
    for (const evidence of entry.evidence) {
      if (copied.has(evidence.path)) continue;
      copied.add(evidence.path);
      let bytes: Buffer;
      try {
        bytes = await readRegularFile(join(register.root, evidence.path), LIMITS.evidenceBytes);
      } catch (error) {
        throw new AuditpackError(
          'ATTESTATION_INVALID',
          `${where(entry)}: evidence ${evidence.path} of entry ${entry.id} cannot be read (${messageOf(error)}). Restore it from the register's history (git).`,
        );
      }
      if (sha256(bytes) !== evidence.sha256) {
        throw new AuditpackError(
          'ATTESTATION_INVALID',
          `${where(entry)}: evidence ${evidence.path} of entry ${entry.id} changed while the report was written (sha256 ${sha256(bytes)}, recorded ${evidence.sha256}). Restore it and report again.`,
        );
      }
      files.push({ path: `${REGISTER_COPY_DIR}/${evidence.path}`, data: bytes });
    }
  }
  return files;
}

/** The text of `register/attestations-used.yaml`. */
export function registerCopyText(register: Pick<Register, 'path'>, entries: readonly RegisterEntry[]): string {
  const header = [
    '# Attestation register entries this report used, copied by auditpack from the register',
    `# ${JSON.stringify(register.path)} exactly as it holds them (ids written). It is itself a register file:`,
    "# evidence paths are relative to this folder; an entry's SHA-256 is that of its canonical JSON.",
    '',
  ].join('\n');
  return `${header}${stringify({ attestations: entries.map(rawEntry) }, { lineWidth: 0 })}`;
}

/** An entry with its state on a day, for `attest list` and `attest expiring`. */
export interface EntryStatus {
  entry: RegisterEntry;
  state: EntryState;
  /** Whole days from the day asked about to the expiry day (the first day it no longer holds). */
  daysLeft: number;
  /** A later entry that takes over when this one expires (same requirement, same or all accounts, not revoked), if any. */
  renewedBy?: string;
}

/** Every entry's state on `asOf` (YYYY-MM-DD), in register order. */
export function entryStatuses(register: Register, asOf: string): EntryStatus[] {
  const at = new Date(`${asOf}T00:00:00Z`);
  return register.entries.map((entry) => {
    const status: EntryStatus = {
      entry,
      state: entryStateAt(entry, at),
      daysLeft: Math.round((dayStart(entry.expires) - at.getTime()) / 86_400_000),
    };
    const renewal = renewalOf(register, entry);
    if (renewal) status.renewedBy = renewal.id;
    return status;
  });
}

/**
 * Entries that hold on `asOf` and stop holding within `withinDays` days (asOf < expires ≤ asOf +
 * withinDays), soonest first; each says whether a later entry already renews it.
 */
export function expiringEntries(register: Register, options: { asOf: string; withinDays: number }): EntryStatus[] {
  return entryStatuses(register, options.asOf)
    .filter((s) => s.state === 'valid' && s.daysLeft <= options.withinDays)
    .sort((a, b) => (a.entry.expires < b.entry.expires ? -1 : a.entry.expires > b.entry.expires ? 1 : 0));
}

/** A later entry that holds on the day `entry` expires, for the same requirement and (at least) its accounts. */
function renewalOf(register: Register, entry: RegisterEntry): RegisterEntry | undefined {
  const end = new Date(dayStart(entry.expires));
  return register.entries.find(
    (other) =>
      other !== entry &&
      other.framework === entry.framework &&
      other.version === entry.version &&
      other.requirement === entry.requirement &&
      (other.account === undefined || other.account === entry.account) &&
      entryStateAt(other, end) === 'valid',
  );
}
