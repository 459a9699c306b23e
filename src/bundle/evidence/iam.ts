import type {
  AttachedPolicy,
  GetAccountAuthorizationDetailsResponse,
  GetAccountPasswordPolicyResponse,
  GetAccountSummaryResponse,
  ListEntitiesForPolicyResponse,
  ListServerCertificatesResponse,
  ListVirtualMFADevicesResponse,
  ManagedPolicyDetail,
  PasswordPolicy,
  PolicyDetail,
} from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import { AuditpackError, messageOf } from '../../shared/errors.js';
import { parseTimestamp } from '../../shared/time.js';
import {
  defineEvidence,
  findCall,
  refOf,
  typeRecords,
  unavailable,
  UnusableRecordError,
  type Evidence,
  type UnusableRecord,
} from '../evidence.js';
import { describeCall, type ManifestFile } from '../manifest.js';
import type { CallKey, EvidenceBundle, FileRef } from '../read-bundle.js';
import { parseIamPolicyDocument, type PolicyDocument } from './policy.js';
import { callWhere, loadOptional, loadPages, mapEvidence, mapRecords, type Wire, listField } from './wire.js';

// IAM began recording console sign-ins and access key use on these dates; a credential set
// before them and showing no recorded use may still have been used before tracking started.
const SIGN_IN_TRACKING_START = new Date('2014-10-20T00:00:00.000Z');
const KEY_USE_TRACKING_START = new Date('2015-04-22T00:00:00.000Z');

// AWS serves a cached credential report for up to 4 hours after generating it; clocks may differ a little.
const REPORT_CACHE_MS = 4 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/** When a credential was last used: a time, never (since it was set), or unknown (set before AWS tracked use, none recorded since `notSince`). */
export type LastUsed = { kind: 'used'; at: Date } | { kind: 'never' } | { kind: 'unknown'; notSince: Date };

/** One existing access key (active or inactive) from the credential report. */
export interface AccessKey {
  user: string;
  userArn: string;
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last rotated; `undefined` when the report gives no date for an active key. */
  lastRotated: Date | undefined;
  lastUsed: LastUsed;
}

/** One row of the credential report, typed. */
export interface ReportUser {
  /** The user name; `<root_account>` for the root user. */
  user: string;
  arn: string;
  isRoot: boolean;
  createdAt: Date;
  /** `undefined` for the root user, whose row says `not_supported`. */
  passwordEnabled: boolean | undefined;
  /** When the password was last set; `undefined` when there is none or the report does not say. */
  passwordLastChanged: Date | undefined;
  passwordLastUsed: LastUsed;
  mfaActive: boolean;
  /** Keys that exist, active or not. */
  accessKeys: AccessKey[];
  activeAccessKeys: AccessKey[];
  /** Times in the row later than the report's reference time (`access_key_1_last_rotated 2026-10-02T00:00:00.000Z`): the row contradicts itself. */
  lateTimes: string[];
}

/** The moment the credential report's ages are measured from, and how far it can be believed. */
export interface ReportTiming {
  at: Date;
  /** For reasons: "the credential report's generation time 2026-09-30T07:58:40.000Z". */
  basis: string;
  /** Set when the report's generation time contradicts the collection window: then no PASS may rest on the report. */
  contradiction: string | undefined;
}

/** The IAM credential report: the root user apart from the IAM users. */
export interface CredentialReport {
  /** When AWS generated the report (the manifest entry's `fields.GeneratedTime`), if recorded. */
  generatedAt: Date | undefined;
  /** The time ages are measured from: the generation time when it fits the collection window, else the collection time. */
  timing: ReportTiming;
  /** The `<root_account>` row; `undefined` when the report lacks it or it could not be read. */
  root: ReportUser | undefined;
  /** IAM users, the root user excluded; rows that could not be read are not here (they are unusable records). */
  users: ReportUser[];
}

/** The bundle's collection window. */
export interface CollectionWindow {
  startedAt: Date;
  finishedAt: Date;
}

/** The time credential ages are measured against (see {@link ReportTiming}). */
export function reportTime(report: CredentialReport): Date {
  return report.timing.at;
}

/** Why no verdict can rest on this row, if so: a time in it is later than the time it is measured against. */
export function rowContradiction(report: CredentialReport, user: ReportUser): string | undefined {
  if (user.lateTimes.length === 0) return undefined;
  const verb = user.lateTimes.length === 1 ? 'is' : 'are';
  return `${user.user}: ${user.lateTimes.join(', ')} ${verb} later than ${report.timing.basis}, so the row contradicts the report and cannot be evaluated`;
}

/** `iam:GetCredentialReport` (CSV) parsed into typed users; a malformed row is an unusable record, the others stay. */
export const credentialReport = defineEvidence<CredentialReport>({
  name: 'IAM credential report',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'GetCredentialReport' };
    const outcome = findCall(bundle, key);
    if (outcome.kind === 'not-found')
      return { ok: false, reason: `${describeCall(key)} answered that there is no credential report`, errors: [] };
    if (outcome.kind !== 'ok') return unavailable(key, outcome);
    const file = outcome.pages[0] as ManifestFile;
    const parsed = parseCredentialReport(await bundle.readText(file), file, collectionWindow(bundle), account);
    const missing = await usersWithoutRows(bundle, account, parsed.listedUsers, file.path);
    return {
      ok: true,
      value: parsed.report,
      files: [refOf(file), ...missing.files],
      unusable: [...parsed.unusable, ...missing.unusable],
      warnings: parsed.warnings,
    };
  },
});

/**
 * IAM users the account's other evidence knows of but the credential report has no row for: a row
 * removed from the report must not let that user's credentials pass unseen. Users are taken from
 * GetAccountAuthorizationDetails where collected, else counted by GetAccountSummary.
 */
async function usersWithoutRows(
  bundle: EvidenceBundle,
  account: string,
  listed: string[],
  path: string,
): Promise<{ unusable: UnusableRecord[]; files: FileRef[] }> {
  const rows = new Set(listed);
  const details = await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account));
  if (details.ok) {
    const users = details.value.flatMap((p) => listField(p, 'UserDetailList'));
    const unusable = users.flatMap((u) => {
      const name = u.UserName || (u.Arn ? nameFromArn(u.Arn) : undefined);
      if (!name || rows.has(name)) return [];
      return [
        {
          resource: u.Arn ?? `user ${name}`,
          reason: `GetAccountAuthorizationDetails lists user ${name}, but the credential report ${path} has no row for it`,
        },
      ];
    });
    return { unusable, files: unusable.length > 0 ? details.files : [] };
  }
  return {
    unusable: await countedBeyondListed(bundle, account, 'Users', rows.size, `IAM users, but the credential report ${path} has rows for`),
    files: [],
  };
}

/**
 * One unusable record when GetAccountSummary counts more of `key` than a listing holds (a record
 * dropped). More listed than counted is not flagged: the sample and real accounts disagree that way
 * when entities are created between the two calls.
 */
async function countedBeyondListed(
  bundle: EvidenceBundle,
  account: string,
  key: 'Users' | 'ServerCertificates',
  listed: number,
  what: string,
): Promise<UnusableRecord[]> {
  const summary = await loadPages<GetAccountSummaryResponse>(bundle, {
    account,
    region: 'global',
    service: 'iam',
    operation: 'GetAccountSummary',
  });
  const counted = summary.ok ? summary.value[0]?.SummaryMap?.[key] : undefined;
  if (typeof counted !== 'number' || counted <= listed) return [];
  return [{ resource: `${account} (GetAccountSummary ${key})`, reason: `GetAccountSummary counts ${counted} ${what} ${listed}` }];
}

/** The bundle's collection window from its manifest (start falls back to the end if unreadable). */
export function collectionWindow(bundle: EvidenceBundle): CollectionWindow {
  const started = parseTimestamp(bundle.manifest.collection.startedAt);
  return { startedAt: started ?? bundle.collectedAt, finishedAt: bundle.collectedAt };
}

/** `iam:GetAccountPasswordPolicy`; `undefined` when AWS answered that there is no password policy. */
export const passwordPolicy = defineEvidence<PasswordPolicy | undefined>({
  name: 'IAM account password policy',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'GetAccountPasswordPolicy' };
    return mapEvidence(await loadOptional<GetAccountPasswordPolicyResponse>(bundle, key), (r) => r?.PasswordPolicy);
  },
});

/** `iam:GetAccountSummary`'s SummaryMap (entity counts and quotas). */
export const accountSummary = defineEvidence<NonNullable<GetAccountSummaryResponse['SummaryMap']>>({
  name: 'IAM account summary',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'GetAccountSummary' };
    return mapEvidence(await loadPages<GetAccountSummaryResponse>(bundle, key), (pages) => pages[0]?.SummaryMap ?? {});
  },
});

// The columns this parser reads; the report has more (certificates, last-used region and service).
const COLUMNS = [
  ...['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'mfa_active'],
  ...[1, 2].flatMap((slot) => ['active', 'last_rotated', 'last_used_date'].map((field) => `access_key_${slot}_${field}`)),
];

/** The credential report, typed, with its unreadable rows and what an auditor must be warned of. */
export interface ParsedCredentialReport {
  report: CredentialReport;
  unusable: UnusableRecord[];
  warnings: string[];
  /** The user column of every row, readable or not (root excluded). */
  listedUsers: string[];
}

/**
 * Parses the report CSV as AWS generates it (exported for tests). A row that cannot be read is an
 * unusable record naming the user; a report without a readable `<root_account>` row is not a
 * complete answer, so it is an unusable record too (AWS always lists the root user).
 */
export function parseCredentialReport(
  csv: string,
  file: Pick<ManifestFile, 'path' | 'fields'>,
  window: CollectionWindow,
  account = accountOfPath(file.path),
): ParsedCredentialReport {
  const checkHeader = (names: string[]): string[] => {
    // AWS spells the columns in lower case; tolerate a capitalised header rather than misread it.
    const header = names.map((name) => name.toLowerCase());
    const missing = COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0)
      throw new AuditpackError('BUNDLE_INVALID', `${file.path}: the credential report has no column ${missing.join(', ')}.`);
    return header;
  };
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: checkHeader, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  } catch (error) {
    if (error instanceof AuditpackError) throw error;
    throw new AuditpackError('BUNDLE_INVALID', `${file.path}: not a valid CSV credential report (${messageOf(error)}).`);
  }

  const generated = file.fields?.['GeneratedTime'];
  const generatedAt = typeof generated === 'string' ? parseTimestamp(generated) : undefined;
  const warnings: string[] = [];
  if (generated !== undefined && !generatedAt) {
    warnings.push(
      `${file.path}: fields.GeneratedTime is not an ISO 8601 timestamp (${JSON.stringify(generated)}); credential ages are measured from the collection time instead.`,
    );
  }
  const timing = timingOf(generatedAt, window);
  if (timing.contradiction)
    warnings.push(`${file.path}: ${timing.contradiction}. No credential-report requirement passes on this report; collect it again.`);

  const partition = /^arn:([^:]+):/.exec(rows.find((r) => r['arn']?.startsWith('arn:'))?.['arn'] ?? '')?.[1] ?? 'aws';
  const typed = typeRecords(rows, `${file.path}`, (row, i) => {
    const reader = new RowReader(row, `${file.path} line ${i + 2}`, rowResource(row, account, partition, `${file.path} line ${i + 2}`));
    return parseRow(reader, timing.at);
  });
  const root = typed.value.find((u) => u.isRoot);
  const unusable = [...typed.unusable];
  const rootArn = `arn:${partition}:iam::${account}:root`;
  if (!root && !unusable.some((u) => u.resource === rootArn)) {
    unusable.push({
      resource: rootArn,
      reason: `the credential report ${file.path} has no <root_account> row, so it is not a complete report`,
    });
  }
  const late = typed.value.filter((u) => u.lateTimes.length > 0);
  if (late.length > 0) {
    warnings.push(
      `${file.path}: ${late.length === 1 ? 'the row' : 'the rows'} of ${late.map((u) => u.user).join(', ')} ${late.length === 1 ? 'holds' : 'hold'} times later than ${timing.basis}; ${late.length === 1 ? 'it is' : 'they are'} not evaluated.`,
    );
  }
  const listedUsers = rows.map((r) => r['user'] ?? '').filter((u) => u !== '' && u !== '<root_account>');
  return { report: { generatedAt, timing, root, users: typed.value.filter((u) => !u.isRoot) }, unusable, warnings, listedUsers };
}

/**
 * The reference time: the report's generation time when it is consistent with the collection (not
 * after it finished, not more than AWS's 4-hour cache before it started, 5 minutes of clock skew
 * allowed); otherwise the collection time, with the contradiction named.
 */
function timingOf(generatedAt: Date | undefined, window: CollectionWindow): ReportTiming {
  const finished = window.finishedAt.toISOString();
  if (!generatedAt)
    return {
      at: window.finishedAt,
      basis: `the collection time ${finished} (the report carries no generation time)`,
      contradiction: undefined,
    };
  const generated = generatedAt.toISOString();
  let contradiction: string | undefined;
  if (generatedAt.getTime() > window.finishedAt.getTime() + CLOCK_SKEW_MS) {
    contradiction = `the credential report says it was generated at ${generated}, after collection finished at ${finished}`;
  } else if (generatedAt.getTime() < window.startedAt.getTime() - REPORT_CACHE_MS - CLOCK_SKEW_MS) {
    contradiction = `the credential report says it was generated at ${generated}, more than 4 hours before collection started at ${window.startedAt.toISOString()} (AWS serves a report for at most 4 hours)`;
  }
  if (contradiction)
    return {
      at: window.finishedAt,
      basis: `the collection time ${finished} (the report's generation time ${generated} does not fit the collection)`,
      contradiction,
    };
  return { at: generatedAt, basis: `the credential report's generation time ${generated}`, contradiction: undefined };
}

function accountOfPath(path: string): string {
  return /^aws\/([^/]+)\//.exec(path)?.[1] ?? 'unknown-account';
}

/** The resource a row is about, as far as it can be told: its ARN, else one derived from the user name. */
function rowResource(row: Record<string, string>, account: string, partition: string, where: string): string {
  const arn = row['arn'];
  if (arn?.startsWith('arn:')) return arn;
  const user = row['user'];
  if (user === '<root_account>') return `arn:${partition}:iam::${account}:root`;
  // The report gives no path, so a derived ARN could be wrong; name the user and the line instead.
  return user ? `user ${user} (${where})` : where;
}

function parseRow(row: RowReader, reference: Date): ReportUser {
  const user = row.text('user');
  const isRoot = user === '<root_account>';
  // The ARN is fixed for the root user; an IAM user's path is not in the report, so it cannot be derived.
  const arn = row.arnOr(isRoot ? row.resource : undefined);
  const createdAt = row.time('user_creation_time');
  if (!createdAt) throw row.invalid('user_creation_time', 'an ISO 8601 timestamp');
  const passwordLastChanged = row.time('password_last_changed');
  const late: string[] = [];
  const note = (column: string, at: Date | undefined): void => {
    if (at && at.getTime() > reference.getTime()) late.push(`${column} ${at.toISOString()}`);
  };
  note('user_creation_time', createdAt);
  note('password_last_changed', passwordLastChanged);
  const accessKeys = ([1, 2] as const).flatMap((slot): AccessKey[] => {
    const active = row.flag(`access_key_${slot}_active`) === true;
    const lastRotated = row.time(`access_key_${slot}_last_rotated`);
    const usedAt = row.time(`access_key_${slot}_last_used_date`);
    note(`access_key_${slot}_last_rotated`, lastRotated);
    note(`access_key_${slot}_last_used_date`, usedAt);
    if (!lastRotated && !active) return [];
    return [{ user, userArn: arn, slot, active, lastRotated, lastUsed: lastUsedOf(usedAt, lastRotated, KEY_USE_TRACKING_START) }];
  });
  const passwordUsedAt = row.time('password_last_used');
  note('password_last_used', passwordUsedAt);
  return {
    user,
    arn,
    isRoot,
    createdAt,
    passwordEnabled: row.flag('password_enabled'),
    passwordLastChanged,
    // `no_information` (or N/A) means no recorded sign-in since the password was set or since
    // tracking began, whichever is later. Root rows have no change date, so creation stands in.
    passwordLastUsed: lastUsedOf(passwordUsedAt, passwordLastChanged ?? createdAt, SIGN_IN_TRACKING_START),
    mfaActive: row.flag('mfa_active') === true,
    accessKeys,
    activeAccessKeys: accessKeys.filter((k) => k.active),
    lateTimes: late,
  };
}

function lastUsedOf(at: Date | undefined, setAt: Date | undefined, trackingStart: Date): LastUsed {
  if (at) return { kind: 'used', at };
  if (!setAt) return { kind: 'never' };
  return setAt >= trackingStart ? { kind: 'never' } : { kind: 'unknown', notSince: trackingStart };
}

/** Reads one CSV row's fields, mapping AWS's placeholder words and naming the line on bad data. */
class RowReader {
  constructor(
    private readonly row: Record<string, string>,
    private readonly where: string,
    /** What the row is about, for an unusable record: its ARN where it has one. */
    readonly resource: string,
  ) {}

  text(column: string): string {
    const value = this.row[column];
    if (!value) throw this.invalid(column, 'a value');
    return value;
  }

  /** The arn column, or `fallback` when it is empty. */
  arnOr(fallback: string | undefined): string {
    const value = this.row['arn'];
    if (value?.startsWith('arn:')) return value;
    if (fallback) return fallback;
    throw this.invalid('arn', 'an ARN');
  }

  /** `true`/`false` (any case); `undefined` for `not_supported` (root's password_enabled). */
  flag(column: string): boolean | undefined {
    const value = this.text(column).toLowerCase();
    if (value === 'true' || value === 'false') return value === 'true';
    if (value === 'not_supported') return undefined;
    throw this.invalid(column, 'true or false');
  }

  /** A timestamp; `undefined` for `N/A`, `not_supported` and `no_information`. */
  time(column: string): Date | undefined {
    const value = this.text(column);
    if (value === 'N/A' || value === 'not_supported' || value === 'no_information') return undefined;
    const date = parseTimestamp(value);
    if (!date) throw this.invalid(column, 'an ISO 8601 timestamp, N/A, not_supported or no_information');
    return date;
  }

  invalid(column: string, expected: string): UnusableRecordError {
    return new UnusableRecordError(
      this.resource,
      `${this.where}: ${column} is ${JSON.stringify(this.row[column] ?? '')}, expected ${expected}`,
    );
  }
}

// ---- GetAccountAuthorizationDetails ------------------------------------------------------------

/** A managed policy attached to a user, group or role, as the entity lists it. */
export interface PolicyAttachment {
  /** PolicyName, else the last part of the ARN, else `(unnamed)`. */
  name: string;
  /** `undefined` when the listing gives no PolicyArn. */
  arn: string | undefined;
}

/** A user, group or role with the policies it holds directly. */
export interface IamEntity {
  kind: 'user' | 'group' | 'role';
  name: string;
  arn: string;
  attachedPolicies: PolicyAttachment[];
  /** Names of its inline policies (`(unnamed)` when the listing gives none). */
  inlinePolicies: string[];
}

/** An IAM user, with the groups it belongs to. */
export interface IamUser extends IamEntity {
  kind: 'user';
  groups: string[];
}

/** The default version of a managed policy, parsed, or why it cannot be. */
export type DefaultPolicyVersion = { ok: true; versionId: string; document: PolicyDocument } | { ok: false; reason: string };

/** A managed policy as the account sees it: customer-managed, or AWS-managed and in use. */
export interface ManagedPolicy {
  name: string;
  arn: string;
  /** `arn:<partition>:iam::aws:policy/…`: maintained by AWS. */
  awsManaged: boolean;
  /** Users, groups and roles it is attached to (permissions boundaries not counted); `undefined` when the listing leaves it out. */
  attachmentCount: number | undefined;
  defaultVersion: DefaultPolicyVersion;
}

/** Users, groups, roles and managed policies of the account, from one paginated call. */
export interface AuthorizationDetails {
  users: IamUser[];
  groups: IamEntity[];
  roles: IamEntity[];
  policies: ManagedPolicy[];
}

type DetailsPages = Wire<GetAccountAuthorizationDetailsResponse>[];

function detailsKey(account: string): CallKey {
  return { account, region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails' };
}

/** The partition the listing's ARNs name (`aws`, `aws-us-gov`, `aws-cn`), for ARNs that must be derived. */
function partitionOf(pages: DetailsPages): string {
  const arns = pages.flatMap((p) =>
    [
      ...listField(p, 'UserDetailList'),
      ...listField(p, 'GroupDetailList'),
      ...listField(p, 'RoleDetailList'),
      ...listField(p, 'Policies'),
    ].map((e) => e.Arn),
  );
  for (const arn of arns) {
    const partition = arn ? /^arn:([^:]+):/.exec(arn)?.[1] : undefined;
    if (partition) return partition;
  }
  return 'aws';
}

/** IAM users of GetAccountAuthorizationDetails, typed one by one: a user that cannot be read is an unusable record. */
export const iamUsers = defineEvidence<IamUser[]>({
  name: 'IAM users (GetAccountAuthorizationDetails)',
  scope: 'account',
  async load(bundle, { account }) {
    return typeUsers(await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account)), account);
  },
});

/** IAM groups of GetAccountAuthorizationDetails, typed one by one. */
export const iamGroups = defineEvidence<IamEntity[]>({
  name: 'IAM groups (GetAccountAuthorizationDetails)',
  scope: 'account',
  async load(bundle, { account }) {
    return typeGroups(await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account)), account);
  },
});

/** The account's roles, and how many role records could not be read (a check that needs some role to hold a policy cannot fail while any is unread). */
export interface IamRoles {
  roles: IamEntity[];
  unreadable: number;
}

/** IAM roles of GetAccountAuthorizationDetails, typed one by one. */
export const iamRoles = defineEvidence<IamRoles>({
  name: 'IAM roles (GetAccountAuthorizationDetails)',
  scope: 'account',
  async load(bundle, { account }) {
    const roles = typeRoles(await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account)), account);
    return mapEvidence(roles, (list) => ({ roles: list, unreadable: roles.ok ? (roles.unusable?.length ?? 0) : 0 }));
  },
});

/** Managed policies of GetAccountAuthorizationDetails, typed one by one. */
export const managedPolicies = defineEvidence<ManagedPolicy[]>({
  name: 'IAM managed policies (GetAccountAuthorizationDetails)',
  scope: 'account',
  async load(bundle, { account }) {
    return typePolicies(await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account)), account);
  },
});

/** `iam:GetAccountAuthorizationDetails` (no filter, every page) as a whole; checks should need the parts they use. */
export const authorizationDetails = defineEvidence<AuthorizationDetails>({
  name: 'IAM authorization details',
  scope: 'account',
  async load(bundle, { account }) {
    const pages = await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account));
    const users = typeUsers(pages, account);
    const groups = typeGroups(pages, account);
    const roles = typeRoles(pages, account);
    const policies = typePolicies(pages, account);
    if (!pages.ok) return pages;
    // Typing available pages always gives available evidence; this only narrows the types.
    if (!users.ok || !groups.ok || !roles.ok || !policies.ok) throw new Error('typed parts of available evidence are unavailable');
    return {
      ok: true,
      value: { users: users.value, groups: groups.value, roles: roles.value, policies: policies.value },
      files: pages.files,
      unusable: [users, groups, roles, policies].flatMap((e) => listField(e, 'unusable')),
    };
  },
});

function typeUsers(pages: Evidence<DetailsPages>, account: string): Evidence<IamUser[]> {
  const partition = pages.ok ? partitionOf(pages.value) : 'aws';
  return mapRecords(
    pages,
    (p) => p.flatMap((page) => listField(page, 'UserDetailList')),
    `GetAccountAuthorizationDetails of ${account}, UserDetailList`,
    (u, i) => ({
      ...entity('user', u.UserName, u.Arn, u.Path, u.AttachedManagedPolicies, u.UserPolicyList, { account, partition, index: i }),
      kind: 'user' as const,
      groups: listField(u, 'GroupList'),
    }),
  );
}

function typeGroups(pages: Evidence<DetailsPages>, account: string): Evidence<IamEntity[]> {
  const partition = pages.ok ? partitionOf(pages.value) : 'aws';
  return mapRecords(
    pages,
    (p) => p.flatMap((page) => listField(page, 'GroupDetailList')),
    `GetAccountAuthorizationDetails of ${account}, GroupDetailList`,
    (g, i) => entity('group', g.GroupName, g.Arn, g.Path, g.AttachedManagedPolicies, g.GroupPolicyList, { account, partition, index: i }),
  );
}

function typeRoles(pages: Evidence<DetailsPages>, account: string): Evidence<IamEntity[]> {
  const partition = pages.ok ? partitionOf(pages.value) : 'aws';
  return mapRecords(
    pages,
    (p) => p.flatMap((page) => listField(page, 'RoleDetailList')),
    `GetAccountAuthorizationDetails of ${account}, RoleDetailList`,
    (r, i) => entity('role', r.RoleName, r.Arn, r.Path, r.AttachedManagedPolicies, r.RolePolicyList, { account, partition, index: i }),
  );
}

function typePolicies(pages: Evidence<DetailsPages>, account: string): Evidence<ManagedPolicy[]> {
  const attachments = pages.ok
    ? pages.value.flatMap((p) =>
        [...listField(p, 'UserDetailList'), ...listField(p, 'GroupDetailList'), ...listField(p, 'RoleDetailList')].flatMap((e) =>
          listField(e, 'AttachedManagedPolicies'),
        ),
      )
    : [];
  return mapRecords(
    pages,
    (p) => p.flatMap((page) => listField(page, 'Policies')),
    `GetAccountAuthorizationDetails of ${account}, Policies`,
    (p, i) => managedPolicy(p, attachments, `GetAccountAuthorizationDetails of ${account}, policy ${i + 1}`),
  );
}

/** The name in an IAM ARN: the part after the last `/` of `arn:aws:iam::111122223333:user/path/name`. */
export function nameFromArn(arn: string): string | undefined {
  const resource = /^arn:[^:]+:iam::[^:]*:[a-z-]+\/(.+)$/.exec(arn)?.[1];
  return resource?.split('/').pop() || undefined;
}

function entity(
  kind: IamEntity['kind'],
  name: string | undefined,
  arn: string | undefined,
  path: string | undefined,
  attached: Wire<AttachedPolicy>[] | undefined,
  inline: Wire<PolicyDetail>[] | undefined,
  at: { account: string; partition: string; index: number },
): IamEntity {
  const resolvedName = name || (arn ? nameFromArn(arn) : undefined);
  // IAM ARNs are fixed: arn:<partition>:iam::<account>:<kind><path><name>, the path `/` when none is given.
  const resolvedArn = arn || (resolvedName ? `arn:${at.partition}:iam::${at.account}:${kind}${path ?? '/'}${resolvedName}` : undefined);
  if (!resolvedName || !resolvedArn) {
    throw new UnusableRecordError(
      `GetAccountAuthorizationDetails of ${at.account}, ${kind} ${at.index + 1}`,
      `the ${kind} has neither a name nor an ARN`,
    );
  }
  return {
    kind,
    name: resolvedName,
    arn: resolvedArn,
    attachedPolicies: (attached ?? []).map((p) => ({
      name: p.PolicyName || (p.PolicyArn ? nameFromArn(p.PolicyArn) : undefined) || '(unnamed)',
      arn: p.PolicyArn || undefined,
    })),
    inlinePolicies: (inline ?? []).map((p) => p.PolicyName || '(unnamed)'),
  };
}

function managedPolicy(policy: Wire<ManagedPolicyDetail>, attachments: Wire<AttachedPolicy>[], where: string): ManagedPolicy {
  const name = policy.PolicyName || (policy.Arn ? nameFromArn(policy.Arn) : undefined);
  // Without its ARN a policy can still be identified when exactly one ARN is attached under its name.
  const byName = name ? [...new Set(attachments.filter((a) => a.PolicyName === name && a.PolicyArn).map((a) => a.PolicyArn))] : [];
  const arn = policy.Arn || (byName.length === 1 ? byName[0] : undefined);
  if (!arn) throw new UnusableRecordError(name ? `${where} (${name})` : where, 'the managed policy has no Arn, and none can be derived');
  return {
    name: name ?? arn,
    arn,
    awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(arn),
    attachmentCount: policy.AttachmentCount,
    defaultVersion: defaultVersionOf(policy),
  };
}

function defaultVersionOf(policy: Wire<ManagedPolicyDetail>): DefaultPolicyVersion {
  const versions = listField(policy, 'PolicyVersionList');
  const marked = versions.filter((v) => v.IsDefaultVersion === true);
  // Only one version can be the default; a listing that says otherwise cannot tell which one applies.
  if (marked.length > 1)
    return {
      ok: false,
      reason: `the listing marks ${marked.length} versions as the default (${marked.map((v) => v.VersionId ?? '?').join(', ')})`,
    };
  const first = marked[0];
  if (first && policy.DefaultVersionId !== undefined && first.VersionId !== undefined && first.VersionId !== policy.DefaultVersionId) {
    return {
      ok: false,
      reason: `DefaultVersionId is ${policy.DefaultVersionId} but the listing marks version ${first.VersionId} as the default`,
    };
  }
  const version = first ?? versions.find((v) => v.VersionId !== undefined && v.VersionId === policy.DefaultVersionId);
  if (!version?.Document)
    return { ok: false, reason: `the listing holds no document for its default version ${policy.DefaultVersionId ?? '(unknown)'}` };
  const versionId = version.VersionId ?? policy.DefaultVersionId ?? '(unknown)';
  try {
    return { ok: true, versionId, document: parseIamPolicyDocument(version.Document) };
  } catch (error) {
    return { ok: false, reason: `its default version ${versionId} is not a readable policy document (${messageOf(error)})` };
  }
}

// ---- ListEntitiesForPolicy (AWSSupportAccess) ---------------------------------------------------

/** Who holds AWSSupportAccess per `iam:ListEntitiesForPolicy`, or why that answer is not there. */
export type SupportPolicyEntities =
  { listed: true; roles: string[]; users: string[]; groups: string[] } | { listed: false; reason: string };

const SUPPORT_POLICY_ARNS = ['aws', 'aws-us-gov', 'aws-cn'].map((partition) => `arn:${partition}:iam::aws:policy/AWSSupportAccess`);

/**
 * `iam:ListEntitiesForPolicy` for AWSSupportAccess (every page), as the benchmark's audit reads it.
 * Always available evidence: when the call is missing or failed, `listed` is false with the reason,
 * so a check can fall back to GetAccountAuthorizationDetails.
 */
export const supportPolicyEntities = defineEvidence<SupportPolicyEntities>({
  name: 'IAM entities holding AWSSupportAccess',
  scope: 'account',
  async load(bundle, { account }) {
    const key = callWhere(
      bundle,
      { account, region: 'global', service: 'iam', operation: 'ListEntitiesForPolicy' },
      'PolicyArn',
      SUPPORT_POLICY_ARNS,
    );
    const pages = await loadPages<ListEntitiesForPolicyResponse>(bundle, key);
    if (!pages.ok) return { ok: true, value: { listed: false, reason: pages.reason }, files: [] };
    const names = (
      list: (
        { RoleName?: string; UserName?: string; GroupName?: string; RoleId?: string; UserId?: string; GroupId?: string } | undefined
      )[],
    ) => list.map((e) => e?.RoleName || e?.UserName || e?.GroupName || e?.RoleId || e?.UserId || e?.GroupId || '(unnamed)');
    return {
      ok: true,
      value: {
        listed: true,
        roles: names(pages.value.flatMap((p) => listField(p, 'PolicyRoles'))),
        users: names(pages.value.flatMap((p) => listField(p, 'PolicyUsers'))),
        groups: names(pages.value.flatMap((p) => listField(p, 'PolicyGroups'))),
      },
      files: pages.files,
    };
  },
});

// ---- ListServerCertificates -----------------------------------------------------------------

/** A server certificate stored in IAM. */
export interface ServerCertificate {
  name: string;
  id: string;
  arn: string;
  uploadedAt: Date | undefined;
  /** `undefined` only if AWS left it out. */
  expiresAt: Date | undefined;
}

/** `iam:ListServerCertificates` (every page), typed one certificate at a time. */
export const serverCertificates = defineEvidence<ServerCertificate[]>({
  name: 'IAM server certificates',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'ListServerCertificates' };
    const where = `ListServerCertificates of ${account}`;
    const pages = await loadPages<ListServerCertificatesResponse>(bundle, key);
    const partition = pages.ok
      ? (/^arn:([^:]+):/.exec(
          pages.value.flatMap((p) => listField(p, 'ServerCertificateMetadataList')).find((c) => c.Arn)?.Arn ?? '',
        )?.[1] ?? 'aws')
      : 'aws';
    const listed = pages.ok ? pages.value.flatMap((p) => listField(p, 'ServerCertificateMetadataList')).length : 0;
    const dropped = pages.ok
      ? await countedBeyondListed(bundle, account, 'ServerCertificates', listed, 'server certificates, but ListServerCertificates lists')
      : [];
    const typed = mapRecords(
      pages,
      (p) => p.flatMap((page) => listField(page, 'ServerCertificateMetadataList')),
      where,
      (c, i) => {
        const name = c.ServerCertificateName || (c.Arn ? nameFromArn(c.Arn) : undefined);
        const arn = c.Arn || (name ? `arn:${partition}:iam::${account}:server-certificate${c.Path ?? '/'}${name}` : undefined);
        if (!name || !arn)
          throw new UnusableRecordError(`${where}, certificate ${i + 1}`, 'the certificate has neither a ServerCertificateName nor an Arn');
        return {
          name,
          id: c.ServerCertificateId ?? name,
          arn,
          uploadedAt: timeOf(c.UploadDate, arn, 'UploadDate'),
          expiresAt: timeOf(c.Expiration, arn, 'Expiration'),
        };
      },
    );
    return typed.ok ? { ...typed, unusable: [...listField(typed, 'unusable'), ...dropped] } : typed;
  },
});

// ---- ListVirtualMFADevices ----------------------------------------------------------------------

/** A virtual MFA device of the account, assigned or not. */
export interface VirtualMfaDevice {
  /** The device's ARN: `arn:aws:iam::111122223333:mfa/<name>`. */
  serialNumber: string;
  /** The ARN of the user (or root user, `…:root`) it is assigned to; `undefined` when unassigned or not given. */
  userArn: string | undefined;
  /** Whether the listing shows it assigned to someone (a User element or an EnableDate). */
  assigned: boolean;
  /** When it was enabled for that user; `undefined` when unassigned. */
  enabledAt: Date | undefined;
}

/** `iam:ListVirtualMFADevices` (every page, any assignment status), typed one device at a time. */
export const virtualMfaDevices = defineEvidence<VirtualMfaDevice[]>({
  name: 'IAM virtual MFA devices',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'ListVirtualMFADevices' };
    const where = `ListVirtualMFADevices of ${account}`;
    return mapRecords(
      await loadPages<ListVirtualMFADevicesResponse>(bundle, key),
      (p) => p.flatMap((page) => listField(page, 'VirtualMFADevices')),
      where,
      (d, i) => {
        // A device without its serial number still tells whose MFA is virtual when it names its user.
        const serialNumber = d.SerialNumber || (d.User?.Arn ? `(a device without SerialNumber, assigned to ${d.User.Arn})` : undefined);
        if (!serialNumber)
          throw new UnusableRecordError(`${where}, device ${i + 1}`, 'the device has neither a SerialNumber nor a User.Arn');
        const enabledAt = timeOf(d.EnableDate, serialNumber, 'EnableDate');
        return { serialNumber, userArn: d.User?.Arn, assigned: d.User !== undefined || enabledAt !== undefined, enabledAt };
      },
    );
  },
});

function timeOf(text: string | undefined, resource: string, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = parseTimestamp(text);
  if (!date) throw new UnusableRecordError(resource, `${field} is not an ISO 8601 timestamp (${JSON.stringify(text)})`);
  return date;
}

// ---- Inline policy documents (GetAccountAuthorizationDetails) -----------------------------------

/** An inline policy's document, parsed, or why it cannot be. */
export type InlinePolicyDocument = { ok: true; document: PolicyDocument } | { ok: false; reason: string };

/** One inline policy of a user, group or role, with its document. */
export interface InlinePolicy {
  /** PolicyName, or `(unnamed)` when the listing gives none. */
  name: string;
  document: InlinePolicyDocument;
}

/** A user, group or role with its inline policies and their documents. */
export interface InlinePolicyHolder {
  kind: IamEntity['kind'];
  name: string;
  arn: string;
  policies: InlinePolicy[];
}

/**
 * Users, groups and roles of GetAccountAuthorizationDetails with their inline policy documents
 * (UserPolicyList, GroupPolicyList, RolePolicyList), typed one entity at a time. A document that
 * cannot be read stays with its holder as `ok: false`, so only that policy goes unevaluated; an
 * entity without name and ARN, or whose policy list is not a list, is an unusable record.
 */
export const inlinePolicyHolders = defineEvidence<InlinePolicyHolder[]>({
  name: 'IAM inline policies (GetAccountAuthorizationDetails)',
  scope: 'account',
  async load(bundle, { account }) {
    const pages = await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, detailsKey(account));
    if (!pages.ok) return pages;
    const partition = partitionOf(pages.value);
    const where = `GetAccountAuthorizationDetails of ${account}`;
    const holder =
      (kind: IamEntity['kind'], listName: string) =>
      (record: { Arn?: string; Path?: string } & Record<string, unknown>, index: number): InlinePolicyHolder => {
        const name = record[`${kind === 'user' ? 'User' : kind === 'group' ? 'Group' : 'Role'}Name`];
        const base = entity(kind, typeof name === 'string' ? name : undefined, record.Arn, record.Path, [], [], {
          account,
          partition,
          index,
        });
        const listed = listField(record as Record<string, Wire<PolicyDetail>[] | undefined>, listName);
        return { kind, name: base.name, arn: base.arn, policies: listed.map((p) => inlinePolicyOf(p)) };
      };
    const parts = [
      mapRecords(
        pages,
        (p) => p.flatMap((page) => listField(page, 'UserDetailList')),
        `${where}, UserDetailList`,
        holder('user', 'UserPolicyList'),
      ),
      mapRecords(
        pages,
        (p) => p.flatMap((page) => listField(page, 'GroupDetailList')),
        `${where}, GroupDetailList`,
        holder('group', 'GroupPolicyList'),
      ),
      mapRecords(
        pages,
        (p) => p.flatMap((page) => listField(page, 'RoleDetailList')),
        `${where}, RoleDetailList`,
        holder('role', 'RolePolicyList'),
      ),
    ];
    return {
      ok: true,
      value: parts.flatMap((part) => (part.ok ? part.value : [])),
      files: pages.files,
      unusable: parts.flatMap((part) => (part.ok ? (part.unusable ?? []) : [])),
    };
  },
});

function inlinePolicyOf(policy: Wire<PolicyDetail> | null | undefined): InlinePolicy {
  const name = typeof policy?.PolicyName === 'string' && policy.PolicyName !== '' ? policy.PolicyName : '(unnamed)';
  const text = policy?.PolicyDocument;
  if (typeof text !== 'string' || text === '')
    return { name, document: { ok: false, reason: 'the listing holds no PolicyDocument for it' } };
  try {
    return { name, document: { ok: true, document: parseIamPolicyDocument(text) } };
  } catch (error) {
    return { name, document: { ok: false, reason: `its PolicyDocument is not a readable policy document (${messageOf(error)})` } };
  }
}

/** Whether an IAM role is a service-linked role: its path is `/aws-service-role/…`, which only AWS can use. */
export function isServiceLinkedRole(arn: string): boolean {
  return /^arn:[^:]+:iam::[^:]*:role\/aws-service-role\//.test(arn);
}
