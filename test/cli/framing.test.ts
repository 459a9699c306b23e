import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { framingFromFlags, parsePerson, parsePeriod } from '../../src/cli/framing.js';
import { AuditpackError } from '../../src/shared/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'auditpack-framing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditpackError);
    expect((error as AuditpackError).code).toBe('USAGE');
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('report framing flags', () => {
  it('reads a period as a label, dates, or both', () => {
    expect(parsePeriod('2026-Q3', '--period')).toEqual({ label: '2026-Q3' });
    expect(parsePeriod('2026-07-01..2026-09-30', '--period')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(parsePeriod('2026-Q3=2026-07-01..2026-09-30', '--period')).toEqual({ label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(parsePeriod('2026-09-30..2026-09-30', '--period')).toEqual({ start: '2026-09-30', end: '2026-09-30' });
  });

  it('refuses impossible periods with the flag named', () => {
    expect(usage(() => parsePeriod('2026-09-30..2026-07-01', '--period'))).toMatch(
      /^--period: the period ends \(2026-07-01\) before it starts/,
    );
    expect(usage(() => parsePeriod('2026-02-30..2026-03-01', '--period'))).toMatch(/"2026-02-30" is not a date/);
    expect(usage(() => parsePeriod('Q3=..', '--period'))).toMatch(/is not a date/);
  });

  it('reads a person as name, role and date, a role with commas included', () => {
    expect(parsePerson('Dana Smith', '--prepared-by')).toEqual({ name: 'Dana Smith' });
    expect(parsePerson('Dana Smith, CISO, 2026-10-03', '--prepared-by')).toEqual({ name: 'Dana Smith', role: 'CISO', date: '2026-10-03' });
    expect(parsePerson('Lee Park, Head of Audit, EMEA', '--reviewed-by')).toEqual({ name: 'Lee Park', role: 'Head of Audit, EMEA' });
    expect(usage(() => parsePerson(' , CISO', '--reviewed-by'))).toMatch(/^--reviewed-by: give a name/);
  });

  it('reads a sign-off file, flags winning over it, and names the line of a mistake', async () => {
    const file = join(dir, 'signoff.yaml');
    writeFileSync(
      file,
      'period: { label: 2026-Q3, start: 2026-07-01, end: 2026-09-30 }\nprepared_by: { name: Dana Smith, role: CISO, date: 2026-10-03 }\nreviewed_by: { name: Lee Park }\n',
    );
    expect(await framingFromFlags({ signOff: file, reviewedBy: 'Kim Lee, Internal Audit' })).toEqual({
      period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      preparedBy: { name: 'Dana Smith', role: 'CISO', date: '2026-10-03' },
      reviewedBy: { name: 'Kim Lee', role: 'Internal Audit' },
    });
    writeFileSync(file, 'period: 2026-Q3\nprepared_by: { name: Dana, date: 2026-13-01 }\n');
    await expect(framingFromFlags({ signOff: file })).rejects.toThrow(/signoff\.yaml:2: "2026-13-01" is not a date/);
    writeFileSync(file, 'period: 2026-Q3\nsigned_by: Dana\n');
    await expect(framingFromFlags({ signOff: file })).rejects.toThrow(/signoff\.yaml:2: unknown field "signed_by"/);
    expect(await framingFromFlags({})).toBeUndefined();
  });
});
