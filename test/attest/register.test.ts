import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attestationsFor,
  entryId,
  entryStateAt,
  expiringEntries,
  loadRegister,
  parseRegisterFile,
  REGISTER_COPY_FILE,
  usedRegisterFiles,
  type RawRegisterEntry,
  type Register,
} from '../../src/attest/register.js';
import { loadCrosswalk } from '../../src/catalog/crosswalk.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { sha256 } from '../../src/shared/hash.js';
import { stringify } from 'yaml';
import { evaluateWithRegister, threeQuarterScenario } from './three-quarters.js';

const crosswalk = await loadCrosswalk('controls/crosswalk-cis-aws-foundations.yaml');

function entry(overrides: Partial<RawRegisterEntry> = {}): RawRegisterEntry {
  return {
    framework: 'cis-aws-foundations',
    version: '5.0.0',
    requirement: '1.1',
    result: 'pass',
    attested_by: 'Dana Smith',
    role: 'Head of Cloud Security',
    date: '2026-01-10',
    expires: '2027-01-10',
    justification: 'Contacts reviewed in the console; all current.',
    ...overrides,
  };
}

/** A register folder holding one file with these entries; returns its path. */
function registerDir(entries: RawRegisterEntry[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-register-'));
  writeFileSync(join(dir, 'attestations.yaml'), stringify({ attestations: entries }));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, 'evidence'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

function problemsOf(error: unknown): string {
  expect(error).toBeInstanceOf(AuditpackError);
  const e = error as AuditpackError;
  expect(e.code).toBe('ATTESTATION_INVALID');
  return [e.message, ...e.details].join('\n');
}

const query = (collectedAt: string, version = '5.0.0') => ({
  framework: 'cis-aws-foundations',
  version,
  collectedAt: new Date(collectedAt),
  accounts: ['111122223333'],
  crosswalk,
});

describe('register files', () => {
  it('name the file and line of each problem, all at once', () => {
    const text = [
      'attestations:',
      '  - framework: cis-aws-foundations',
      '    version: 5.0.0',
      '    requirement: "1.1"',
      '    result: maybe',
      '    attested_by: Dana Smith',
      '    role: CISO',
      '    date: 2026-01-10',
      '    expires: 2027-01-10',
      '    justification: ok',
      '  - framework: cis-aws-foundations',
      '    version: 5.0.0',
      '    requirement: "1.2"',
      '    account: 111122223333',
      '    result: pass',
      '    attested_by: Dana Smith',
      '    role: CISO',
      '    date: 2026-01-10',
      '    justification: ok',
      '',
    ].join('\n');
    let caught: unknown;
    try {
      parseRegisterFile(text, 'attestations/2026.yaml');
    } catch (error) {
      caught = error;
    }
    const all = problemsOf(caught);
    expect(all).toMatch(/attestations\/2026\.yaml:5: attestations\[0\]\.result: must be one of "pass", "fail", "not_applicable"/);
    expect(all).toMatch(/attestations\/2026\.yaml:14: attestations\[1\]\.account: must be string/);
    expect(all).toMatch(/attestations\/2026\.yaml:11: attestations\[1\]: missing required field "expires"/);
  });

  it('refuse an expiry on or before the date, with its line', () => {
    const text = stringify({ attestations: [entry({ expires: '2026-01-10' })] });
    expect(() => parseRegisterFile(text, 'r.yaml')).toThrow(
      /^r\.yaml:\d+: entry for requirement "1\.1" expires \(2026-01-10\) on or before its date/,
    );
  });

  it('refuse an id written twice, naming both places', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditpack-register-'));
    writeFileSync(join(dir, 'a.yaml'), stringify({ attestations: [entry()] }));
    writeFileSync(join(dir, 'b.yaml'), stringify({ attestations: [entry()] }));
    const all = problemsOf(await loadRegister(dir).catch((e: unknown) => e));
    expect(all).toMatch(/b\.yaml:2: entry att-[0-9a-f]{12} appears twice in the register \(first at .*a\.yaml:2\)/);
  });

  it('refuse evidence that changed since it was attested', async () => {
    const body = 'screenshot';
    const path = `evidence/${sha256(body).slice(0, 12)}-contacts.png`;
    const dir = registerDir([entry({ evidence: [{ path, sha256: sha256(body) }] })], { [path]: 'edited' });
    const all = problemsOf(await loadRegister(dir).catch((e: unknown) => e));
    expect(all).toMatch(
      /attestations\.yaml:2: evidence evidence\/[0-9a-f]{12}-contacts\.png of entry att-[0-9a-f]{12} has sha256 [0-9a-f]{64}, not the/,
    );
  });

  it('give the same decision the same id, whatever its revocation', () => {
    const id = entryId(entry());
    expect(id).toMatch(/^att-[0-9a-f]{12}$/);
    expect(entryId(entry({ revoked: { date: '2026-05-01', by: 'X', reason: 'y' } }))).toBe(id);
    expect(entryId(entry({ justification: 'something else' }))).not.toBe(id);
  });
});

describe('validity windows', () => {
  const e = { date: '2026-01-10', expires: '2027-01-10' };
  it('start on the date itself', () => {
    expect(entryStateAt(e, new Date('2026-01-10T00:00:00Z'))).toBe('valid');
    expect(entryStateAt(e, new Date('2026-01-09T23:59:59Z'))).toBe('not-yet-valid');
  });
  it('end at the start of the expiry day', () => {
    expect(entryStateAt(e, new Date('2027-01-09T23:59:59Z'))).toBe('valid');
    expect(entryStateAt(e, new Date('2027-01-10T00:00:00Z'))).toBe('expired');
  });
  it('end at the start of the revocation day, and not before', () => {
    const revoked = { ...e, revoked: { date: '2026-06-01', by: 'Dana Smith', reason: 'contact left' } };
    expect(entryStateAt(revoked, new Date('2026-05-31T23:59:59Z'))).toBe('valid');
    expect(entryStateAt(revoked, new Date('2026-06-01T00:00:00Z'))).toBe('revoked');
    expect(entryStateAt(revoked, new Date('2027-02-01T00:00:00Z'))).toBe('revoked');
  });
});

describe('attestationsFor', () => {
  it('uses an entry valid at the collection, naming the entry it came from', async () => {
    const dir = registerDir([entry()]);
    const register = await loadRegister(dir);
    const { attestations, warnings, used } = attestationsFor(register, query('2026-09-30T08:00:00Z'));
    expect(warnings).toEqual([]);
    expect(used.map((u) => u.id)).toEqual([entryId(entry())]);
    expect(attestations[0]).toMatchObject({
      requirement: '1.1',
      source: { register: dir, file: join(dir, 'attestations.yaml'), line: 2, id: entryId(entry()), sha256: register.entries[0]?.sha256 },
    });
  });

  it('uses an entry revoked after the collection, and reports one revoked before it', async () => {
    const revoked = entry({ revoked: { date: '2026-06-01', by: 'Lee Chen', reason: 'contact left the company' } });
    const register = await loadRegister(registerDir([revoked]));
    expect(attestationsFor(register, query('2026-05-31T23:00:00Z')).attestations).toHaveLength(1);
    const after = attestationsFor(register, query('2026-06-01T00:00:00Z'));
    expect(after.attestations).toEqual([]);
    expect(after.warnings).toEqual([
      expect.stringMatching(
        /attestations\.yaml:2: register entry att-[0-9a-f]{12} for requirement "1\.1" by Dana Smith was revoked on 2026-06-01 by Lee Chen \(contact left the company\), before the collection \(2026-06-01\); it was not used\./,
      ),
    ]);
  });

  it('reports an entry dated after the collection', async () => {
    const register = await loadRegister(registerDir([entry({ date: '2026-10-01', expires: '2027-10-01' })]));
    const { attestations, warnings } = attestationsFor(register, query('2026-09-30T08:00:00Z'));
    expect(attestations).toEqual([]);
    expect(warnings.join('\n')).toMatch(/is dated 2026-10-01, after the collection \(2026-09-30\); it was not used for this bundle/);
  });

  it('says nothing of an expired entry that a newer one renewed', async () => {
    const register = await loadRegister(registerDir([entry({ date: '2025-01-10', expires: '2026-01-10' }), entry()]));
    const { attestations, warnings } = attestationsFor(register, query('2026-09-30T08:00:00Z'));
    expect(attestations).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('leaves out entries for accounts outside the bundle without a word', async () => {
    const register = await loadRegister(registerDir([entry({ account: '999988887777' })]));
    expect(attestationsFor(register, query('2026-09-30T08:00:00Z'))).toEqual({ attestations: [], warnings: [], used: [] });
  });

  it('maps a v5.0.0 entry to its v7.0.0 counterpart through the crosswalk', async () => {
    const register = await loadRegister(registerDir([entry()]));
    const { attestations, warnings } = attestationsFor(register, query('2026-09-30T08:00:00Z', '7.0.0'));
    expect(warnings).toEqual([]);
    // controls/crosswalk-cis-aws-foundations.yaml: { "5.0.0": "1.1", "6.0.0": "2.1", "7.0.0": "2.2" }
    expect(attestations[0]).toMatchObject({
      version: '7.0.0',
      requirement: '2.2',
      justification: 'Attested for 5.0.0 requirement 1.1, mapped by the crosswalk: Contacts reviewed in the console; all current.',
      source: { mappedFrom: { version: '5.0.0', requirement: '1.1' } },
    });
  });

  it('reports a valid entry whose requirement the other version dropped', async () => {
    const register = await loadRegister(registerDir([entry({ requirement: '1.10' })]));
    const { attestations, warnings } = attestationsFor(register, query('2026-09-30T08:00:00Z', '7.0.0'));
    expect(attestations).toEqual([]);
    expect(warnings.join('\n')).toMatch(
      /is for 5\.0\.0 requirement "1\.10", which has no counterpart in 7\.0\.0 \(crosswalk-cis-aws-foundations\.yaml\); it was not used/,
    );
  });

  it('reports an entry of another version when no crosswalk is given', async () => {
    const register = await loadRegister(registerDir([entry()]));
    const { crosswalk: _none, ...noCrosswalk } = query('2026-09-30T08:00:00Z', '7.0.0');
    expect(attestationsFor(register, noCrosswalk).warnings.join('\n')).toMatch(/no crosswalk maps 5\.0\.0 to 7\.0\.0; it was not used/);
  });
});

describe('usedRegisterFiles', () => {
  it('copies the used entries and their evidence into a register the report can be checked against alone', async () => {
    const body = 'screenshot of contacts';
    const path = `evidence/${sha256(body).slice(0, 12)}-contacts.png`;
    const dir = registerDir([entry({ evidence: [{ path, sha256: sha256(body) }] }), entry({ requirement: '1.2' })], { [path]: body });
    const register: Register = await loadRegister(dir);
    const { used, attestations } = attestationsFor(register, query('2026-09-30T08:00:00Z'));
    expect(attestations.find((a) => a.requirement === '1.1')?.evidence).toEqual([{ path: `register/${path}`, sha256: sha256(body) }]);
    const files = await usedRegisterFiles(register, used);
    expect(files.map((f) => f.path)).toEqual([REGISTER_COPY_FILE, `register/${path}`]);
    const out = mkdtempSync(join(tmpdir(), 'auditpack-out-'));
    for (const f of files) {
      mkdirSync(join(out, f.path, '..'), { recursive: true });
      writeFileSync(join(out, f.path), f.data);
    }
    const copy = await loadRegister(join(out, REGISTER_COPY_FILE));
    expect(copy.entries.map((e) => [e.id, e.sha256])).toEqual(used.map((e) => [e.id, e.sha256]));
    expect(readFileSync(join(out, REGISTER_COPY_FILE), 'utf8')).toMatch(/^# Attestation register entries this report used/);
  });
});

describe('three quarters with one register', () => {
  it('a Q1 attestation decides Q2 in v5.0.0 and v7.0.0, and has expired by Q3', async () => {
    const { register, bundles, entryId: id } = await threeQuarterScenario();
    const q2v5 = await evaluateWithRegister(bundles.Q2, '5.0.0', register);
    expect(q2v5.results.requirements.find((r) => r.id === '1.1')?.status).toBe('PASS');
    const q2v7 = await evaluateWithRegister(bundles.Q2, '7.0.0', register);
    const r22 = q2v7.results.requirements.find((r) => r.id === '2.2');
    expect(r22?.status).toBe('PASS');
    expect(r22?.attestations?.[0]?.justification).toMatch(/^Attested for 5\.0\.0 requirement 1\.1, mapped by the crosswalk/);
    expect(q2v7.selection.attestations[0]?.source?.id).toBe(id);
    const q3 = await evaluateWithRegister(bundles.Q3, '7.0.0', register);
    expect(q3.results.requirements.find((r) => r.id === '2.2')?.status).toBe('MANUAL');
    expect(q3.results.warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `register entry ${id} for requirement "2\\.2" \\(attested for 5\\.0\\.0 requirement "1\\.1"\\) by Dana Smith expired on 2026-08-01, before the collection \\(2026-09-30\\); it was not used\\. Renew it\\.`,
        ),
      ),
    );
  });
});

describe('expiringEntries', () => {
  it('lists entries that stop holding within the window, soonest first, and says which were renewed', async () => {
    const register = await loadRegister(
      registerDir([
        entry({ requirement: '1.2', date: '2026-01-01', expires: '2026-12-31' }),
        entry({ date: '2026-01-01', expires: '2026-12-10' }),
        entry({ date: '2026-12-01', expires: '2027-12-01' }),
        entry({ requirement: '1.5', date: '2026-01-01', expires: '2027-03-01' }),
        entry({ requirement: '1.6', date: '2026-01-01', expires: '2026-12-01' }),
      ]),
    );
    const list = expiringEntries(register, { asOf: '2026-12-01', withinDays: 30 });
    expect(list.map((s) => [s.entry.requirement, s.entry.expires, s.daysLeft, s.renewedBy !== undefined])).toEqual([
      ['1.1', '2026-12-10', 9, true],
      ['1.2', '2026-12-31', 30, false],
    ]);
  });
});
