import { describe, expect, it } from 'vitest';
import { credentialReport as reportSource, parseCredentialReport, passwordPolicy as policySource, reportTime, rowContradiction } from '../../../src/bundle/evidence/iam.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { accessKey, credentialReport, password, passwordPolicy, reportCsv, reportUser, rootRow } from '../../helpers/aws-builders.js';
import { headerOnlyReport } from '../../helpers/iam-builders.js';

const FILE = { path: 'aws/111122223333/global/iam/GetCredentialReport.csv' };
// Collection ran from 08:00 to 08:04:12; a report AWS served may be up to 4 hours older than the start.
const WINDOW = { startedAt: new Date('2026-09-30T08:00:00Z'), finishedAt: new Date('2026-09-30T08:04:12Z') };
const generated = (time: string) => ({ ...FILE, fields: { GeneratedTime: time, ReportFormat: 'text/csv' } });
const parseAll = (...rows: ReturnType<typeof reportUser>[]) => parseCredentialReport(reportCsv(rows), FILE, WINDOW);
const parse = (...rows: ReturnType<typeof reportUser>[]) => parseAll(...rows).report;
const scope = { account: '111122223333', region: 'global' };

describe('credential report parsing', () => {
  it('keeps the <root_account> row apart, with not_supported password fields as undefined', () => {
    const report = parse(rootRow(), reportUser('alice'));
    expect(report.root).toMatchObject({ user: '<root_account>', isRoot: true, arn: 'arn:aws:iam::111122223333:root', passwordEnabled: undefined, passwordLastChanged: undefined, mfaActive: true });
    expect(report.root?.passwordLastUsed).toEqual({ kind: 'used', at: new Date('2026-09-12T00:00:00Z') });
    expect(report.users.map((u) => u.user)).toEqual(['alice']);
  });

  it('reads a user without password or keys: N/A fields become false, undefined and no keys', () => {
    const [user] = parse(rootRow(), reportUser('ci-deploy')).users;
    expect(user).toMatchObject({ passwordEnabled: false, passwordLastChanged: undefined, mfaActive: false, accessKeys: [], activeAccessKeys: [], lateTimes: [] });
    expect(user?.createdAt).toEqual(new Date('2020-01-01T00:00:00Z'));
  });

  it('tells a never-used password (no_information, set after tracking began) from an unknown one (set before)', () => {
    const [fresh, ancient] = parse(rootRow(), reportUser('erin', password('no_information', '2026-09-25')), reportUser('old', password('no_information', '2013-05-01'))).users;
    expect(fresh?.passwordLastUsed).toEqual({ kind: 'never' });
    expect(ancient?.passwordLastUsed).toEqual({ kind: 'unknown', notSince: new Date('2014-10-20T00:00:00Z') });
  });

  it('tells a never-used key (N/A, rotated after key tracking began) from an unknown one, and keeps inactive keys apart', () => {
    const [user] = parse(rootRow(), reportUser('ci', { ...accessKey(1, '2026-09-20'), ...accessKey(2, '2014-01-01', { active: false }) })).users;
    expect(user?.accessKeys.map((k) => [k.slot, k.active, k.lastUsed.kind])).toEqual([
      [1, true, 'never'],
      [2, false, 'unknown'],
    ]);
    expect(user?.activeAccessKeys[0]).toMatchObject({ user: 'ci', userArn: 'arn:aws:iam::111122223333:user/ci', lastRotated: new Date('2026-09-20T00:00:00Z') });
  });

  it('keeps an active key that has no rotation date, with the date unknown', () => {
    const [user] = parse(rootRow(), reportUser('odd', { access_key_1_active: 'true' })).users;
    expect(user?.activeAccessKeys).toEqual([{ user: 'odd', userArn: 'arn:aws:iam::111122223333:user/odd', slot: 1, active: true, lastRotated: undefined, lastUsed: { kind: 'never' } }]);
  });

  it('accepts a capitalised header, capitalised flags and a byte-order mark', () => {
    const csv = `\uFEFF${reportCsv([rootRow({ mfa_active: 'TRUE' }), reportUser('alice')]).replace(/^user,/, 'User,')}`;
    const { report } = parseCredentialReport(csv, FILE, WINDOW);
    expect(report.users[0]?.user).toBe('alice');
    expect(report.root?.mfaActive).toBe(true);
  });

  it('sets a malformed row aside as an unusable record naming the user and line; the other rows stay', () => {
    const { report, unusable } = parseAll(rootRow(), reportUser('alice'), reportUser('bob', { mfa_active: 'TRUE-ish' }), reportUser('carol', { password_last_used: 'yesterday' }));
    expect(report.users.map((u) => u.user)).toEqual(['alice']);
    expect(unusable).toEqual([
      { resource: 'arn:aws:iam::111122223333:user/bob', reason: 'aws/111122223333/global/iam/GetCredentialReport.csv line 4: mfa_active is "TRUE-ish", expected true or false' },
      { resource: 'arn:aws:iam::111122223333:user/carol', reason: expect.stringMatching(/line 5: password_last_used is "yesterday", expected an ISO 8601 timestamp/) as unknown },
    ]);
  });

  it('names a row without an ARN by its user and line, and derives the root ARN', () => {
    const { unusable, report } = parseAll(rootRow({ arn: '' }), reportUser('bob', { arn: '', mfa_active: 'x' }));
    expect(report.root?.arn).toBe('arn:aws:iam::111122223333:root');
    expect(unusable[0]?.resource).toBe('user bob (aws/111122223333/global/iam/GetCredentialReport.csv line 3)');
  });

  it('makes a missing <root_account> row an unusable record: the report is not a complete answer', () => {
    const { report, unusable } = parseAll(reportUser('alice'));
    expect(report.root).toBeUndefined();
    expect(unusable).toEqual([{ resource: 'arn:aws:iam::111122223333:root', reason: expect.stringMatching(/has no <root_account> row/) as unknown }]);
    expect(parseAll().unusable).toHaveLength(1);
  });

  it('names an unreadable root row once, as itself', () => {
    const { unusable } = parseAll(rootRow({ mfa_active: 'yes' }));
    expect(unusable).toEqual([{ resource: 'arn:aws:iam::111122223333:root', reason: expect.stringMatching(/line 2: mfa_active is "yes"/) as unknown }]);
  });

  it('refuses a report without the columns it needs', () => {
    expect(() => parseCredentialReport('user,arn\nalice,arn:aws:iam::111122223333:user/alice', FILE, WINDOW)).toThrow(/has no column user_creation_time, password_enabled/);
  });
});

describe('credential report reference time', () => {
  const timing = (time: string) => parseCredentialReport(reportCsv([rootRow()]), generated(time), WINDOW);

  it('measures from GeneratedTime when it falls within the collection window or the 4-hour cache before it', () => {
    for (const time of ['2026-09-30T07:58:40.000Z', '2026-09-30T03:55:00.000Z', '2026-09-30T08:09:12.000Z']) {
      const { report, warnings } = timing(time);
      expect(report.timing).toEqual({ at: new Date(time), basis: `the credential report's generation time ${time}`, contradiction: undefined });
      expect(reportTime(report)).toEqual(new Date(time));
      expect(warnings).toEqual([]);
    }
  });

  it('measures from the collection time when there is no GeneratedTime, without a warning', () => {
    const { report, warnings } = parseAll(rootRow());
    expect(report.timing).toEqual({ at: WINDOW.finishedAt, basis: 'the collection time 2026-09-30T08:04:12.000Z (the report carries no generation time)', contradiction: undefined });
    expect(warnings).toEqual([]);
  });

  it('falls back to the collection time and warns when GeneratedTime is more than 4 h 5 min before collection started', () => {
    const { report, warnings } = timing('2026-09-30T03:54:59.000Z');
    expect(report.timing.at).toEqual(WINDOW.finishedAt);
    expect(report.timing.contradiction).toBe(
      'the credential report says it was generated at 2026-09-30T03:54:59.000Z, more than 4 hours before collection started at 2026-09-30T08:00:00.000Z (AWS serves a report for at most 4 hours)',
    );
    expect(warnings).toEqual([`${FILE.path}: ${report.timing.contradiction ?? ''}. No credential-report requirement passes on this report; collect it again.`]);
  });

  it('falls back to the collection time and warns when GeneratedTime is more than 5 minutes after collection finished', () => {
    const { report, warnings } = timing('2026-09-30T08:09:13.000Z');
    expect(report.timing.contradiction).toMatch(/generated at 2026-09-30T08:09:13.000Z, after collection finished at 2026-09-30T08:04:12.000Z/);
    expect(report.timing.basis).toMatch(/^the collection time 2026-09-30T08:04:12.000Z \(the report's generation time .* does not fit the collection\)$/);
    expect(warnings).toHaveLength(1);
  });

  it('warns about a GeneratedTime that is not a timestamp and measures from the collection time', () => {
    const { report, warnings } = timing('last Tuesday');
    expect(report.generatedAt).toBeUndefined();
    expect(report.timing.at).toEqual(WINDOW.finishedAt);
    expect(warnings[0]).toMatch(/fields.GeneratedTime is not an ISO 8601 timestamp \("last Tuesday"\)/);
  });

  it('marks a row holding times later than the reference time, and warns once naming the users', () => {
    const csv = reportCsv([rootRow(), reportUser('alice', accessKey(1, '2026-09-30T08:00:00+00:00')), reportUser('bob', accessKey(1, '2026-09-01'))]);
    const { report, warnings } = parseCredentialReport(csv, generated('2026-09-30T07:58:40.000Z'), WINDOW);
    const [alice, bob] = report.users;
    expect(alice?.lateTimes).toEqual(['access_key_1_last_rotated 2026-09-30T08:00:00.000Z']);
    expect(bob?.lateTimes).toEqual([]);
    expect(alice && rowContradiction(report, alice)).toBe(
      "alice: access_key_1_last_rotated 2026-09-30T08:00:00.000Z is later than the credential report's generation time 2026-09-30T07:58:40.000Z, so the row contradicts the report and cannot be evaluated",
    );
    expect(bob && rowContradiction(report, bob)).toBeUndefined();
    expect(warnings).toEqual([`${FILE.path}: the row of alice holds times later than the credential report's generation time 2026-09-30T07:58:40.000Z; it is not evaluated.`]);
  });

  it('never yields a negative age: every time kept in a row is at or before the reference time', () => {
    const csv = reportCsv([rootRow(), reportUser('a', { ...password('2026-09-30T07:58:40+00:00'), ...accessKey(2, '2026-09-30T07:58:40+00:00', { lastUsed: '2026-09-30T07:58:40+00:00' }) })]);
    const { report } = parseCredentialReport(csv, generated('2026-09-30T07:58:40.000Z'), WINDOW);
    expect(report.users[0]?.lateTimes).toEqual([]);
  });
});

describe('credential report evidence', () => {
  it('loads through the bundle, cites the CSV and carries unusable rows and warnings', async () => {
    const bundle = await testBundle({
      collectedAt: '2026-09-30T08:04:12.000Z',
      files: [credentialReport([reportUser('alice'), reportUser('bob', { mfa_active: '?' })], { generatedTime: '2020-09-30T07:58:40.000Z' })],
    });
    const evidence = await reportSource.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    expect(evidence.value.users.map((u) => u.user)).toEqual(['alice']);
    expect(evidence.files[0]?.path).toBe('aws/111122223333/global/iam/GetCredentialReport.csv');
    expect(evidence.unusable?.map((u) => u.resource)).toEqual(['arn:aws:iam::111122223333:user/bob']);
    expect(evidence.warnings).toEqual([expect.stringMatching(/generated at 2020-09-30T07:58:40.000Z, more than 4 hours before collection started/) as unknown]);
  });

  it('treats a header-only report as evidence with no root row (not a pass)', async () => {
    const evidence = await reportSource.load(await testBundle({ files: [headerOnlyReport()] }), scope);
    expect(evidence.ok && evidence.value.users).toEqual([]);
    expect(evidence.ok && evidence.unusable).toEqual([{ resource: 'arn:aws:iam::111122223333:root', reason: expect.stringMatching(/no <root_account> row/) as unknown }]);
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
