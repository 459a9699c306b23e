import type {
  AttachedPolicy,
  GetAccountAuthorizationDetailsResponse,
  GetAccountPasswordPolicyResponse,
  GetAccountSummaryResponse,
  ListServerCertificatesResponse,
  ListVirtualMFADevicesResponse,
  ManagedPolicyDetail,
  PasswordPolicy,
  PolicyDetail,
} from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import { AuditpackError, messageOf } from '../../shared/errors.js';
import { parseTimestamp } from '../../shared/time.js';
import { defineEvidence, findCall, refOf, unavailable } from '../evidence.js';
import { describeCall, type ManifestFile } from '../manifest.js';
import type { CallKey } from '../read-bundle.js';
import { parseIamPolicyDocument, type PolicyDocument } from './policy.js';
import { loadOptional, loadPages, mapEvidence, type Wire } from './wire.js';

// IAM began recording console sign-ins and access key use on these dates; a credential set
// before them and showing no recorded use may still have been used before tracking started.
const SIGN_IN_TRACKING_START = new Date('2014-10-20T00:00:00.000Z');
const KEY_USE_TRACKING_START = new Date('2015-04-22T00:00:00.000Z');

/** When a credential was last used: a time, never (since it was set), or unknown (set before AWS tracked use, none recorded since `notSince`). */
export type LastUsed = { kind: 'used'; at: Date } | { kind: 'never' } | { kind: 'unknown'; notSince: Date };

/** One existing access key (active or inactive) from the credential report. */
export interface AccessKey {
  user: string;
  userArn: string;
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last rotated. */
  lastRotated: Date;
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
}

/** The IAM credential report: the root user apart from the IAM users. */
export interface CredentialReport {
  /** When AWS generated the report (the manifest entry's `fields.GeneratedTime`), if recorded. */
  generatedAt: Date | undefined;
  /** The `<root_account>` row; `undefined` only if the report lacks it. */
  root: ReportUser | undefined;
  /** IAM users, the root user excluded. */
  users: ReportUser[];
}

/** The time credential ages are measured against: the report's generation time, else collection. */
export function reportTime(report: CredentialReport, collectedAt: Date): Date {
  // AWS regenerates the report at most every 4 hours, so GeneratedTime is the moment the data
  // describes; measuring from collection would age every credential by up to 4 hours.
  return report.generatedAt ?? collectedAt;
}

/** `iam:GetCredentialReport` (CSV) parsed into typed users. */
export const credentialReport = defineEvidence<CredentialReport>({
  name: 'IAM credential report',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'GetCredentialReport' };
    const outcome = findCall(bundle, key);
    if (outcome.kind === 'not-found') return { ok: false, reason: `${describeCall(key)} answered that there is no credential report`, errors: [] };
    if (outcome.kind !== 'ok') return unavailable(key, outcome);
    const file = outcome.pages[0] as ManifestFile;
    return { ok: true, value: parseCredentialReport(await bundle.readText(file), file), files: [refOf(file)] };
  },
});

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

/** Parses the report CSV as AWS generates it (exported for tests). */
export function parseCredentialReport(csv: string, file: Pick<ManifestFile, 'path' | 'fields'>): CredentialReport {
  const checkHeader = (names: string[]): string[] => {
    // AWS spells the columns in lower case; tolerate a capitalised header rather than misread it.
    const header = names.map((name) => name.toLowerCase());
    const missing = COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) throw new AuditpackError('BUNDLE_INVALID', `${file.path}: the credential report has no column ${missing.join(', ')}.`);
    return header;
  };
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: checkHeader, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    if (error instanceof AuditpackError) throw error;
    throw new AuditpackError('BUNDLE_INVALID', `${file.path}: not a valid CSV credential report (${messageOf(error)}).`);
  }

  const generated = file.fields?.['GeneratedTime'];
  const generatedAt = typeof generated === 'string' ? parseTimestamp(generated) : undefined;
  if (generated !== undefined && !generatedAt) {
    throw new AuditpackError('BUNDLE_INVALID', `${file.path}: fields.GeneratedTime is not an ISO 8601 timestamp (${JSON.stringify(generated)}).`);
  }
  const all = rows.map((row, i) => parseRow(new RowReader(row, `${file.path} line ${i + 2}`)));
  return { generatedAt, root: all.find((u) => u.isRoot), users: all.filter((u) => !u.isRoot) };
}

function parseRow(row: RowReader): ReportUser {
  const user = row.text('user');
  const arn = row.text('arn');
  const createdAt = row.time('user_creation_time');
  if (!createdAt) throw row.invalid('user_creation_time', 'an ISO 8601 timestamp');
  const passwordLastChanged = row.time('password_last_changed');
  const accessKeys = ([1, 2] as const).flatMap((slot): AccessKey[] => {
    const active = row.flag(`access_key_${slot}_active`);
    const lastRotated = row.time(`access_key_${slot}_last_rotated`);
    if (!lastRotated) {
      if (active) throw row.invalid(`access_key_${slot}_last_rotated`, 'a timestamp for an active key');
      return [];
    }
    const lastUsed = lastUsedOf(row.time(`access_key_${slot}_last_used_date`), lastRotated, KEY_USE_TRACKING_START);
    return [{ user, userArn: arn, slot, active: active === true, lastRotated, lastUsed }];
  });
  return {
    user,
    arn,
    isRoot: user === '<root_account>',
    createdAt,
    passwordEnabled: row.flag('password_enabled'),
    passwordLastChanged,
    // `no_information` (or N/A) means no recorded sign-in since the password was set or since
    // tracking began, whichever is later. Root rows have no change date, so creation stands in.
    passwordLastUsed: lastUsedOf(row.time('password_last_used'), passwordLastChanged ?? createdAt, SIGN_IN_TRACKING_START),
    mfaActive: row.flag('mfa_active') === true,
    accessKeys,
    activeAccessKeys: accessKeys.filter((k) => k.active),
  };
}

function lastUsedOf(at: Date | undefined, setAt: Date, trackingStart: Date): LastUsed {
  if (at) return { kind: 'used', at };
  return setAt >= trackingStart ? { kind: 'never' } : { kind: 'unknown', notSince: trackingStart };
}

/** Reads one CSV row's fields, mapping AWS's placeholder words and naming the line on bad data. */
class RowReader {
  constructor(
    private readonly row: Record<string, string>,
    private readonly where: string,
  ) {}

  text(column: string): string {
    const value = this.row[column];
    if (!value) throw this.invalid(column, 'a value');
    return value;
  }

  /** `true`/`false`; `undefined` for `not_supported` (root's password_enabled). */
  flag(column: string): boolean | undefined {
    const value = this.text(column);
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

  invalid(column: string, expected: string): AuditpackError {
    return new AuditpackError('BUNDLE_INVALID', `${this.where}: ${column} is ${JSON.stringify(this.row[column] ?? '')}, expected ${expected}.`);
  }
}

// ---- GetAccountAuthorizationDetails ------------------------------------------------------------

/** A managed policy attached to a user, group or role. */
export interface PolicyAttachment {
  name: string;
  arn: string;
}

/** A user, group or role with the policies it holds directly. */
export interface IamEntity {
  kind: 'user' | 'group' | 'role';
  name: string;
  arn: string;
  attachedPolicies: PolicyAttachment[];
  /** Names of its inline policies. */
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
  /** Users, groups and roles it is attached to (permissions boundaries not counted). */
  attachmentCount: number;
  defaultVersion: DefaultPolicyVersion;
}

/** Users, groups, roles and managed policies of the account, from one paginated call. */
export interface AuthorizationDetails {
  users: IamUser[];
  groups: IamEntity[];
  roles: IamEntity[];
  policies: ManagedPolicy[];
}

/** `iam:GetAccountAuthorizationDetails` (no filter, every page): who holds which policies. */
export const authorizationDetails = defineEvidence<AuthorizationDetails>({
  name: 'IAM authorization details',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails' };
    return mapEvidence(await loadPages<GetAccountAuthorizationDetailsResponse>(bundle, key), (pages) => {
      const where = `GetAccountAuthorizationDetails of ${account}`;
      return {
        users: pages.flatMap((p) => p.UserDetailList ?? []).map((u) => ({
          ...entity('user', u.UserName, u.Arn, u.AttachedManagedPolicies, u.UserPolicyList, where),
          kind: 'user' as const,
          groups: u.GroupList ?? [],
        })),
        groups: pages.flatMap((p) => p.GroupDetailList ?? []).map((g) => entity('group', g.GroupName, g.Arn, g.AttachedManagedPolicies, g.GroupPolicyList, where)),
        roles: pages.flatMap((p) => p.RoleDetailList ?? []).map((r) => entity('role', r.RoleName, r.Arn, r.AttachedManagedPolicies, r.RolePolicyList, where)),
        policies: pages.flatMap((p) => p.Policies ?? []).map((p) => managedPolicy(p, where)),
      };
    });
  },
});

function entity(
  kind: IamEntity['kind'],
  name: string | undefined,
  arn: string | undefined,
  attached: Wire<AttachedPolicy>[] | undefined,
  inline: Wire<PolicyDetail>[] | undefined,
  where: string,
): IamEntity {
  if (!name || !arn) throw new Error(`${where}: a ${kind} lacks its name or ARN`);
  return {
    kind,
    name,
    arn,
    attachedPolicies: (attached ?? []).flatMap((p) => (p.PolicyArn ? [{ name: p.PolicyName ?? p.PolicyArn, arn: p.PolicyArn }] : [])),
    inlinePolicies: (inline ?? []).map((p) => p.PolicyName ?? '(unnamed)'),
  };
}

function managedPolicy(policy: Wire<ManagedPolicyDetail>, where: string): ManagedPolicy {
  const { Arn: arn, PolicyName: name } = policy;
  if (!arn || !name) throw new Error(`${where}: a managed policy lacks its name or ARN`);
  return {
    name,
    arn,
    awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(arn),
    attachmentCount: policy.AttachmentCount ?? 0,
    defaultVersion: defaultVersionOf(policy),
  };
}

function defaultVersionOf(policy: Wire<ManagedPolicyDetail>): DefaultPolicyVersion {
  const versions = policy.PolicyVersionList ?? [];
  const version = versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => v.VersionId === policy.DefaultVersionId);
  if (!version?.Document) return { ok: false, reason: `the listing holds no document for its default version ${policy.DefaultVersionId ?? '(unknown)'}` };
  const versionId = version.VersionId ?? policy.DefaultVersionId ?? '(unknown)';
  try {
    return { ok: true, versionId, document: parseIamPolicyDocument(version.Document) };
  } catch (error) {
    return { ok: false, reason: `its default version ${versionId} is not a readable policy document (${messageOf(error)})` };
  }
}

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

/** `iam:ListServerCertificates` (every page). */
export const serverCertificates = defineEvidence<ServerCertificate[]>({
  name: 'IAM server certificates',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'ListServerCertificates' };
    return mapEvidence(await loadPages<ListServerCertificatesResponse>(bundle, key), (pages) =>
      pages.flatMap((p) => p.ServerCertificateMetadataList ?? []).map((c) => {
        const where = `ListServerCertificates of ${account}`;
        if (!c.Arn || !c.ServerCertificateName) throw new Error(`${where}: a certificate lacks its name or ARN`);
        return {
          name: c.ServerCertificateName,
          id: c.ServerCertificateId ?? c.ServerCertificateName,
          arn: c.Arn,
          uploadedAt: timeOf(c.UploadDate, `${where}: UploadDate of ${c.ServerCertificateName}`),
          expiresAt: timeOf(c.Expiration, `${where}: Expiration of ${c.ServerCertificateName}`),
        };
      }),
    );
  },
});

// ---- ListVirtualMFADevices ----------------------------------------------------------------------

/** A virtual MFA device of the account, assigned or not. */
export interface VirtualMfaDevice {
  /** The device's ARN: `arn:aws:iam::111122223333:mfa/<name>`. */
  serialNumber: string;
  /** The ARN of the user (or root user, `…:root`) it is assigned to; `undefined` when unassigned. */
  userArn: string | undefined;
  /** When it was enabled for that user; `undefined` when unassigned. */
  enabledAt: Date | undefined;
}

/** `iam:ListVirtualMFADevices` (every page, any assignment status). */
export const virtualMfaDevices = defineEvidence<VirtualMfaDevice[]>({
  name: 'IAM virtual MFA devices',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'iam', operation: 'ListVirtualMFADevices' };
    return mapEvidence(await loadPages<ListVirtualMFADevicesResponse>(bundle, key), (pages) =>
      pages.flatMap((p) => p.VirtualMFADevices ?? []).map((d) => {
        const where = `ListVirtualMFADevices of ${account}`;
        if (!d.SerialNumber) throw new Error(`${where}: a device lacks its SerialNumber`);
        return { serialNumber: d.SerialNumber, userArn: d.User?.Arn, enabledAt: timeOf(d.EnableDate, `${where}: EnableDate of ${d.SerialNumber}`) };
      }),
    );
  },
});

function timeOf(text: string | undefined, where: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = parseTimestamp(text);
  if (!date) throw new Error(`${where} is not an ISO 8601 timestamp (${JSON.stringify(text)})`);
  return date;
}
