import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionError, Manifest } from '../../../src/bundle/manifest.js';
import { sha256 } from '../../../src/shared/hash.js';

/** A frozen copy of evidence/sample (as first committed): the diff tests do not move when the sample grows. */
export const BASE_BUNDLE = join(process.cwd(), 'test/fixtures/diff/base');
export const FIXTURES = join(process.cwd(), 'test/fixtures/diff');
export const CATALOG_V1 = join(FIXTURES, 'diff-fixture-v1.0.0.yaml');
export const CATALOG_V2 = join(FIXTURES, 'diff-fixture-v2.0.0.yaml');
export const CROSSWALK = join(FIXTURES, 'crosswalk-diff-fixture.yaml');
export const ACCOUNT = '111122223333';

const CREDENTIAL_REPORT = `aws/${ACCOUNT}/global/iam/GetCredentialReport.csv`;

/** Edits one period's evidence in place, in the base period's time (shifting comes after). */
export class BundleEditor {
  constructor(
    readonly dir: string,
    readonly manifest: Manifest,
  ) {}

  readText(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  writeText(path: string, text: string): void {
    writeFileSync(join(this.dir, path), text);
  }

  /** Edits a JSON evidence file (the SDK response as collected), keeping 2-space formatting. */
  editJson<T>(path: string, edit: (value: T) => void): void {
    const value = JSON.parse(this.readText(path)) as T;
    edit(value);
    this.writeText(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Rewrites one column of a user's row in the credential report CSV. */
  setCredentialField(user: string, column: string, value: string): void {
    const lines = this.readText(CREDENTIAL_REPORT).split('\n');
    const header = (lines[0] ?? '').split(',');
    const col = header.indexOf(column);
    if (col < 0) throw new Error(`no column ${column}`);
    const i = lines.findIndex((l) => l.split(',')[0] === user);
    if (i < 0) throw new Error(`no user ${user}`);
    const cells = (lines[i] ?? '').split(',');
    cells[col] = value;
    lines[i] = cells.join(',');
    this.writeText(CREDENTIAL_REPORT, lines.join('\n'));
  }

  /** Appends a user's row to the credential report, as GetCredentialReport lists it. */
  addCredentialRow(row: string): void {
    this.writeText(CREDENTIAL_REPORT, `${this.readText(CREDENTIAL_REPORT)}\n${row}`);
  }

  /** Drops an evidence file and its manifest entry. */
  removeFile(path: string): void {
    const before = this.manifest.files.length;
    this.manifest.files = this.manifest.files.filter((f) => f.path !== path);
    if (this.manifest.files.length !== before - 1) throw new Error(`${path} is not in the manifest`);
    rmSync(join(this.dir, path));
  }

  /** A call that failed during collection: its evidence file is gone and manifest.errors says why. */
  failCall(path: string, error: Omit<CollectionError, 'account' | 'region' | 'service' | 'operation' | 'parameters'>): void {
    const file = this.manifest.files.find((f) => f.path === path);
    if (!file) throw new Error(`${path} is not in the manifest`);
    this.removeFile(path);
    this.manifest.errors.push({
      account: file.account,
      region: file.region,
      service: file.service,
      operation: file.operation,
      parameters: file.parameters,
      ...error,
      at: file.collectedAt,
    });
  }
}

/** What makes a period from the base bundle. */
export interface PeriodSpec {
  bundleId: string;
  /** Whole days to move every timestamp (evidence and manifest) by: ages relative to collection stay the same. */
  shiftDays?: number;
  edit?: (bundle: BundleEditor) => void;
}

const ISO = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})/g;

/** Moves every ISO 8601 timestamp in a text by whole days, keeping its format and offset. */
export function shiftTimestamps(text: string, days: number): string {
  if (days === 0) return text;
  return text.replace(
    ISO,
    (_match, y: string, mo: string, d: string, h: string, mi: string, s: string, frac: string | undefined, zone: string) => {
      const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d) + days, Number(h), Number(mi), Number(s)));
      return `${t.toISOString().slice(0, 19)}${frac ?? ''}${zone}`;
    },
  );
}

/**
 * Writes a period's bundle to a temporary directory: the base bundle, edited, shifted in time,
 * with every size and SHA-256 in manifest.json recomputed (what scripts/rehash-bundle.mjs does).
 */
export function writePeriod(spec: PeriodSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-diff-period-'));
  cpSync(BASE_BUNDLE, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  manifest.bundleId = spec.bundleId;
  spec.edit?.(new BundleEditor(dir, manifest));
  const days = spec.shiftDays ?? 0;
  for (const file of manifest.files) {
    const path = join(dir, file.path);
    const text = shiftTimestamps(readFileSync(path, 'utf8'), days);
    writeFileSync(path, text);
    file.sha256 = sha256(text);
    file.size = Buffer.byteLength(text);
  }
  const shifted = JSON.parse(shiftTimestamps(JSON.stringify(manifest), days)) as Manifest;
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(shifted, null, 2)}\n`);
  return dir;
}

/**
 * The quarter before the base: collected 92 days earlier (2026-06-30), when bob still had MFA.
 */
export function periodQ2(): string {
  return writePeriod({
    bundleId: '0f6a1c2e-2026-4a02-8b1e-000000000002',
    shiftDays: -92,
    edit: (b) => b.setCredentialField('bob', 'mfa_active', 'true'),
  });
}

/** The base period itself: evidence/sample as first committed, collected 2026-09-30. */
export function periodQ3(): string {
  return writePeriod({ bundleId: '3b9d6f0e-8a41-4c7e-b2d5-91f04a6c7e18' });
}

/**
 * The quarter after the base (2026-12-31), with known changes:
 * - a user frank with a console password and no MFA;
 * - legacy-eu-trail fixed: log file validation enabled;
 * - eu-west-1 AWS Config calls denied (a region newly failing collection);
 * - bucket acme-public-website deleted;
 * - the password policy weakened to 8 characters.
 */
export function periodQ4(): string {
  return writePeriod({
    bundleId: '7d2e9b41-2026-4c04-9a3f-000000000004',
    shiftDays: 92,
    edit: (b) => {
      b.addCredentialRow(
        'frank,arn:aws:iam::111122223333:user/frank,2026-09-10T09:00:00+00:00,true,2026-09-28T10:00:00+00:00,2026-09-10T09:00:02+00:00,2026-12-09T09:00:02+00:00,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      );
      b.editJson<{ trailList: { Name: string; LogFileValidationEnabled: boolean }[] }>(
        `aws/${ACCOUNT}/eu-west-1/cloudtrail/DescribeTrails.json`,
        (v) => {
          for (const t of v.trailList) if (t.Name === 'legacy-eu-trail') t.LogFileValidationEnabled = true;
        },
      );
      for (const operation of ['DescribeConfigurationRecorders', 'DescribeConfigurationRecorderStatus']) {
        b.failCall(`aws/${ACCOUNT}/eu-west-1/config/${operation}.json`, {
          code: 'AccessDeniedException',
          message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: config:${operation} on resource: * because no identity-based policy allows the config:${operation} action`,
          httpStatus: 400,
        });
      }
      b.editJson<{ Buckets: { Name: string }[] }>(`aws/${ACCOUNT}/global/s3/ListBuckets.json`, (v) => {
        v.Buckets = v.Buckets.filter((bucket) => bucket.Name !== 'acme-public-website');
      });
      for (const operation of ['GetBucketEncryption', 'GetBucketPolicy', 'GetPublicAccessBlock'])
        b.removeFile(`aws/${ACCOUNT}/eu-west-1/s3/${operation}/acme-public-website.json`);
      b.editJson<{ PasswordPolicy: { MinimumPasswordLength: number } }>(`aws/${ACCOUNT}/global/iam/GetAccountPasswordPolicy.json`, (v) => {
        v.PasswordPolicy.MinimumPasswordLength = 8;
      });
    },
  });
}
