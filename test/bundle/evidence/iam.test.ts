import { describe, expect, it } from 'vitest';
import { credentialReport as reportSource, parseCredentialReport, passwordPolicy as policySource, reportTime } from '../../../src/bundle/evidence/iam.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { accessKey, credentialReport, password, passwordPolicy, reportCsv, reportUser, rootRow } from '../../helpers/aws-builders.js';

const FILE = { path: 'aws/111122223333/global/iam/GetCredentialReport.csv' };
const parse = (...rows: ReturnType<typeof reportUser>[]) => parseCredentialReport(reportCsv(rows), FILE);
const scope = { account: '111122223333', region: 'global' };

describe('credential report parsing', () => {
  it('keeps the <root_account> row apart, with not_supported password fields as undefined', () => {
    const report = parse(rootRow(), reportUser('alice'));
    expect(report.root).toMatchObject({ user: '<root_account>', isRoot: true, arn: 'arn:aws:iam::111122223333:root', passwordEnabled: undefined, passwordLastChanged: undefined, mfaActive: true });
    expect(report.root?.passwordLastUsed).toEqual({ kind: 'used', at: new Date('2026-09-12T00:00:00Z') });
    expect(report.users.map((u) => u.user)).toEqual(['alice']);
  });

  it('reads a user without password or keys: N/A fields become false, undefined and no keys', () => {
    const [user] = parse(reportUser('ci-deploy')).users;
    expect(user).toMatchObject({ passwordEnabled: false, passwordLastChanged: undefined, mfaActive: false, accessKeys: [], activeAccessKeys: [] });
    expect(user?.createdAt).toEqual(new Date('2020-01-01T00:00:00Z'));
  });

  it('tells a never-used password (no_information, set after tracking began) from an unknown one (set before)', () => {
    const [fresh, ancient] = parse(reportUser('erin', password('no_information', '2026-09-25')), reportUser('old', password('no_information', '2013-05-01'))).users;
    expect(fresh?.passwordLastUsed).toEqual({ kind: 'never' });
    expect(ancient?.passwordLastUsed).toEqual({ kind: 'unknown', notSince: new Date('2014-10-20T00:00:00Z') });
  });

  it('tells a never-used key (N/A, rotated after key tracking began) from an unknown one, and keeps inactive keys apart', () => {
    const [user] = parse(reportUser('ci', { ...accessKey(1, '2026-09-20'), ...accessKey(2, '2014-01-01', { active: false }) })).users;
    expect(user?.accessKeys.map((k) => [k.slot, k.active, k.lastUsed.kind])).toEqual([
      [1, true, 'never'],
      [2, false, 'unknown'],
    ]);
    expect(user?.activeAccessKeys.map((k) => k.slot)).toEqual([1]);
    expect(user?.activeAccessKeys[0]).toMatchObject({ user: 'ci', userArn: 'arn:aws:iam::111122223333:user/ci', lastRotated: new Date('2026-09-20T00:00:00Z') });
  });

  it('reads a used key with its last-used time', () => {
    const [user] = parse(reportUser('alice', accessKey(1, '2026-08-01', { lastUsed: '2026-09-29T16:20:00+00:00' }))).users;
    expect(user?.activeAccessKeys[0]?.lastUsed).toEqual({ kind: 'used', at: new Date('2026-09-29T16:20:00Z') });
  });

  it('exposes GeneratedTime from the manifest entry and measures ages from it', () => {
    const report = parseCredentialReport(reportCsv([rootRow()]), { ...FILE, fields: { GeneratedTime: '2026-09-30T07:58:40.000Z', ReportFormat: 'text/csv' } });
    expect(report.generatedAt).toEqual(new Date('2026-09-30T07:58:40.000Z'));
    expect(reportTime(report, new Date('2026-09-30T08:04:12Z'))).toEqual(report.generatedAt);
    expect(reportTime(parse(rootRow()), new Date('2026-09-30T08:04:12Z'))).toEqual(new Date('2026-09-30T08:04:12Z'));
  });

  it('accepts a capitalised header and a byte-order mark', () => {
    const csv = `\uFEFF${reportCsv([reportUser('alice')]).replace(/^user,/, 'User,')}`;
    expect(parseCredentialReport(csv, FILE).users[0]?.user).toBe('alice');
  });

  it('names the file, line and column of a value it cannot read', () => {
    expect(() => parse(reportUser('alice'), reportUser('bob', { mfa_active: 'TRUE-ish' }))).toThrow(
      'aws/111122223333/global/iam/GetCredentialReport.csv line 3: mfa_active is "TRUE-ish", expected true or false.',
    );
    expect(() => parse(reportUser('bob', { password_last_used: 'yesterday' }))).toThrow(/line 2: password_last_used is "yesterday", expected an ISO 8601 timestamp/);
    expect(() => parse(reportUser('bob', { access_key_2_active: 'true' }))).toThrow(/access_key_2_last_rotated is "N\/A", expected a timestamp for an active key/);
  });

  it('refuses a report without the columns it needs', () => {
    expect(() => parseCredentialReport('user,arn\nalice,arn:aws:iam::111122223333:user/alice', FILE)).toThrow(/has no column user_creation_time, password_enabled/);
  });

  it('loads through the bundle and cites the CSV', async () => {
    const bundle = await testBundle({ files: [credentialReport([reportUser('alice')], { generatedTime: '2026-09-30T07:58:40.000Z' })] });
    const evidence = await reportSource.load(bundle, scope);
    expect(evidence.ok && evidence.value.users.length).toBe(1);
    expect(evidence.ok && evidence.files[0]?.path).toBe('aws/111122223333/global/iam/GetCredentialReport.csv');
  });
});

describe('password policy', () => {
  it('is undefined, as evidence, when AWS answered NoSuchEntity', async () => {
    const evidence = await policySource.load(await testBundle({ files: [passwordPolicy('not-found')] }), scope);
    expect(evidence).toMatchObject({ ok: true, value: undefined });
    expect(evidence.ok && evidence.files).toHaveLength(1);
  });

  it('is the PasswordPolicy when there is one', async () => {
    const evidence = await policySource.load(await testBundle({ files: [passwordPolicy({ MinimumPasswordLength: 14 })] }), scope);
    expect(evidence.ok && evidence.value?.MinimumPasswordLength).toBe(14);
  });
});
