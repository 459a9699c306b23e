import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { loadBundleAttestations } from '../../src/attest/attestations.js';
import { loadRegister } from '../../src/attest/register.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { AttestInterrupted, PromptInterrupted, registerAttest, type Prompt } from '../../src/cli/attest.js';
import type { Io } from '../../src/cli/io.js';
import { EXIT_CODES, main } from '../../src/cli/main.js';
import { AuditpackError } from '../../src/shared/errors.js';

const HEADER = 'framework,version,requirement,account,result,attested_by,role,date,expires,justification,evidence\n';

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'auditpack-attest-cli-'));
}

function sampleCopy(): string {
  const dir = workDir();
  cpSync('evidence/sample', dir, { recursive: true });
  return dir;
}

async function run(args: string[], now = '2026-10-02T10:00:00Z'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: {}, now: () => new Date(now) });
  return { code, out, err };
}

describe('auditpack attest import', () => {
  it('checks every row first, lists all problems by line and writes nothing', async () => {
    const dir = workDir();
    const csv = join(dir, 'decisions.csv');
    writeFileSync(
      csv,
      HEADER +
        'cis-aws-foundations,5.0.0,1.1,,pass,Dana Smith,CISO,2026-10-01,2027-10-01,Contacts current.,\n' +
        'cis-aws-foundations,5.0.0,1.13,,pass,Dana Smith,CISO,2026-10-01,2027-10-01,Keys rotated.,\n' +
        'cis-aws-foundations,5.0.0,1.2,,maybe,Dana Smith,CISO,2026-10-01,2026-09-01,"Security contact, reviewed.",missing.png\n',
    );
    const register = join(dir, 'attestations');
    const { code, err } = await run(['attest', 'import', csv, '--register', register]);
    expect(code).toBe(EXIT_CODES.ATTESTATION_INVALID);
    expect(err).toContain(`${csv}:3: requirement "1.13" (`);
    expect(err).toMatch(/is automated; evidence decides it/);
    expect(err).toContain(`${csv}:4: result "maybe" is not one of pass, fail, not_applicable.`);
    expect(err).toContain(`${csv}:4: expires (2026-09-01) is not after the date (2026-10-01).`);
    expect(err).toMatch(/decisions\.csv:4: evidence .*missing\.png: cannot read it/);
    expect(err).toMatch(/Nothing was stored \(4 problems, listed below\)/);
    expect(existsSync(register)).toBe(false);
  });

  it('adds every row with a stable id and its evidence, and a second import adds nothing', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'contacts.png'), 'screenshot');
    const csv = join(dir, 'decisions.csv');
    writeFileSync(
      csv,
      HEADER +
        ',,1.1,,pass,Dana Smith,CISO,2026-10-01,,Contacts current.,contacts.png\n' +
        'cis-aws-foundations,5.0.0,1.2,111122223333,not_applicable,Dana Smith,CISO,,,"Reviewed; ""n/a"".",\n' +
        'nist-800-53,rev5,AC-1,,pass,Lee Chen,Compliance lead,2026-09-01,2027-03-01,Policy approved.,\n',
    );
    const register = join(dir, 'attestations');
    const first = await run(['attest', 'import', csv, '--register', register, '-c', 'cis-aws-foundations-v5.0.0']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Imported 3 decision\(s\) from .*decisions\.csv into .*attestations\.yaml; 1 evidence file\(s\) copied\.\n {2}att-[0-9a-f]{12} {2}cis-aws-foundations 5\.0\.0 requirement 1\.1, all accounts, pass by Dana Smith\n/,
    );
    const loaded = await loadRegister(register);
    expect(loaded.entries.map((e) => [e.framework, e.version, e.requirement, e.date, e.expires])).toEqual([
      ['cis-aws-foundations', '5.0.0', '1.1', '2026-10-01', '2027-10-01'],
      ['cis-aws-foundations', '5.0.0', '1.2', '2026-10-02', '2027-10-02'],
      ['nist-800-53', 'rev5', 'AC-1', '2026-09-01', '2027-03-01'],
    ]);
    expect(loaded.entries[1]?.justification).toBe('Reviewed; "n/a".');
    expect(readdirSync(join(register, 'evidence'))).toEqual([expect.stringMatching(/^[0-9a-f]{12}-contacts\.png$/)]);
    const again = await run(['attest', 'import', csv, '--register', register, '-c', 'cis-aws-foundations-v5.0.0']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Nothing to add: the register .* already holds all 3 decisions/);
  });

  it('reads YAML decisions and reports schema problems with their line', async () => {
    const dir = workDir();
    const yaml = join(dir, 'decisions.yaml');
    writeFileSync(
      yaml,
      'attestations:\n  - requirement: "1.1"\n    result: pass\n    attested_by: Dana Smith\n    role: CISO\n    justification: ok\n    colour: blue\n',
    );
    const bad = await run(['attest', 'import', yaml, '--register', join(dir, 'reg.yaml')]);
    expect(bad.code).toBe(EXIT_CODES.ATTESTATION_INVALID);
    expect(bad.err).toContain(`${yaml}:7: attestations[0]: unknown field "colour"`);
    writeFileSync(
      yaml,
      'attestations:\n  - requirement: "2.2"\n    result: pass\n    attested_by: Dana Smith\n    role: CISO\n    justification: ok\n',
    );
    const good = await run(['attest', 'import', yaml, '--register', join(dir, 'reg.yaml')]);
    expect(good.code).toBe(0);
    // No --catalog: the newest CIS catalog; a single-file register.
    expect((await loadRegister(join(dir, 'reg.yaml'))).entries[0]).toMatchObject({ version: '7.0.0', requirement: '2.2' });
  });
});

describe('auditpack attest revoke, list and expiring', () => {
  async function registerWithOne(): Promise<{ register: string; id: string }> {
    const dir = workDir();
    const csv = join(dir, 'd.csv');
    writeFileSync(csv, HEADER + ',,1.1,,pass,Dana Smith,CISO,2026-01-15,2026-11-01,Contacts current.,\n');
    const register = join(dir, 'attestations');
    await run(['attest', 'import', csv, '--register', register, '-c', 'cis-aws-foundations-v5.0.0']);
    const id = (await loadRegister(register)).entries[0]?.id;
    if (!id) throw new Error('no entry imported');
    return { register, id };
  }

  it('revokes an entry once, keeps it in the register, and lists it as revoked', async () => {
    const { register, id } = await registerWithOne();
    const revoke = await run([
      'attest',
      'revoke',
      id,
      '--register',
      register,
      '--by',
      'Lee Chen',
      '--reason',
      'Contact left',
      '--date',
      '2026-06-01',
    ]);
    expect(revoke.code).toBe(0);
    expect(revoke.out).toContain(
      `Revoked ${id} (cis-aws-foundations 5.0.0 requirement 1.1, all accounts, pass by Dana Smith) from 2026-06-01 on`,
    );
    expect((await loadRegister(register)).entries[0]?.revoked).toEqual({ date: '2026-06-01', by: 'Lee Chen', reason: 'Contact left' });
    const again = await run(['attest', 'revoke', id, '--register', register, '--by', 'X', '--reason', 'y']);
    expect(again.out).toContain(`${id} was already revoked on 2026-06-01 by Lee Chen; nothing changed.`);
    const list = await run(['attest', 'list', '--register', register, '--as-of', '2026-07-01']);
    expect(list.out).toContain(`${id}  revoked 2026-06-01 by Lee Chen: Contact left`);
    const json = JSON.parse((await run(['attest', 'list', '--register', register, '--as-of', '2026-05-01', '--json'])).out) as {
      entries: { id: string; state: string }[];
    };
    expect(json.entries).toEqual([expect.objectContaining({ id, state: 'valid' })]);
  });

  it('names the closest id when the one to revoke is unknown', async () => {
    const { register, id } = await registerWithOne();
    const typo = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
    const { code, err } = await run(['attest', 'revoke', typo, '--register', register, '--by', 'X', '--reason', 'y']);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toContain(`Did you mean "${id}"?`);
  });

  it('lists what expires within N days, as text and as JSON, with exit 0 either way', async () => {
    const { register, id } = await registerWithOne();
    const soon = await run(['attest', 'expiring', '--register', register, '--within', '30', '--as-of', '2026-10-15']);
    expect(soon.code).toBe(0);
    expect(soon.out).toContain(
      `${id}  cis-aws-foundations 5.0.0 requirement 1.1, all accounts, pass by Dana Smith: expires 2026-11-01 (in 17 days), not renewed`,
    );
    const json = JSON.parse(
      (await run(['attest', 'expiring', '--register', register, '--within', '30', '--as-of', '2026-10-15', '--json'])).out,
    ) as {
      entries: { id: string; days_left: number }[];
    };
    expect(json).toMatchObject({ asOf: '2026-10-15', withinDays: 30, entries: [{ id, days_left: 17 }] });
    const none = await run(['attest', 'expiring', '--register', register, '--within', '10', '--as-of', '2026-10-15']);
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/^No entry of .* expires within 10 days of 2026-10-15\.\n$/);
    expect((await run(['attest', 'expiring', '--register', register, '--within', 'soon'])).code).toBe(EXIT_CODES.USAGE);
  });
});

describe('auditpack attest BUNDLE --file', () => {
  it('adds many decisions in one change, and none when any row is bad', async () => {
    const bundle = sampleCopy();
    const dir = workDir();
    const csv = join(dir, 'decisions.csv');
    writeFileSync(
      csv,
      HEADER + ',,1.1,,pass,Dana Smith,CISO,2026-10-01,,Contacts current.,\n,,1.2,999988887777,pass,Dana Smith,CISO,,,Set.,\n',
    );
    const manifest = readFileSync(join(bundle, 'manifest.json'));
    const bad = await run(['attest', bundle, '--file', csv, '-c', 'test/fixtures/catalog-small.yaml']);
    expect(bad.code).toBe(EXIT_CODES.ATTESTATION_INVALID);
    expect(bad.err).toContain(`${csv}:3: account 999988887777 is not an account of this bundle`);
    expect(readFileSync(join(bundle, 'manifest.json')).equals(manifest)).toBe(true);

    writeFileSync(csv, HEADER + ',,1.1,,pass,Dana Smith,CISO,2026-10-01,,Contacts current.,\n,,1.2,,pass,Dana Smith,CISO,,,Set.,\n');
    const good = await run(['attest', bundle, '--file', csv, '-c', 'test/fixtures/catalog-small.yaml']);
    expect(good.err).toBe('');
    expect(good.out).toContain(`Attested 2 decision(s) from ${csv} in ${bundle}.`);
    const stored = await loadBundleAttestations(await openBundle(bundle));
    expect(stored.map((a) => [a.requirement, a.date])).toEqual([
      ['1.1', '2026-10-01'],
      ['1.2', '2026-10-02'],
    ]);
    const again = await run(['attest', bundle, '--file', csv, '-c', 'test/fixtures/catalog-small.yaml']);
    expect(again.out).toContain('Already recorded: all 2 decisions');
  });

  it('refuses --file together with the options of a single decision', async () => {
    const { code, err } = await run(['attest', sampleCopy(), '--file', 'x.csv', '-r', '1.1']);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toContain('--file x.csv: give the decisions in the file, not as --requirement as well.');
  });
});

describe('auditpack attest on a terminal', () => {
  const io = (): Io => ({
    out: () => undefined,
    err: () => undefined,
    env: {},
    now: () => new Date('2026-10-02T10:00:00Z'),
    interactive: true,
  });
  async function attestWith(prompt: Prompt, bundle: string): Promise<unknown> {
    const program = new Command('auditpack').exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    registerAttest(program, io(), prompt);
    return program.parseAsync(['attest', bundle, '-c', 'test/fixtures/catalog-small.yaml', '-r', '1.2'], { from: 'user' }).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('stops with a usage error at end of input (Ctrl-D), naming the unanswered question, and writes nothing', async () => {
    const bundle = sampleCopy();
    const answers = ['pass'];
    const error = await attestWith(async () => Promise.resolve(answers.shift()), bundle);
    expect(error).toBeInstanceOf(AuditpackError);
    expect((error as AuditpackError).code).toBe('USAGE');
    expect((error as Error).message).toBe(
      'attest: no answer for --by (end of input); nothing was written. Give it as --by or answer the question.',
    );
    expect(existsSync(join(bundle, 'attestations'))).toBe(false);
  });

  it('stops with exit 130 at Ctrl-C', async () => {
    const error = await attestWith(() => Promise.reject(new PromptInterrupted()), sampleCopy());
    expect(error).toBeInstanceOf(AttestInterrupted);
    expect((error as AttestInterrupted).exitCode).toBe(130);
    expect((error as Error).message).toBe('attest: interrupted (Ctrl-C) at the --result question; nothing was written.');
  });

  it('stops cleanly when a real terminal sends end of input, never with an internal error', async () => {
    const bundle = sampleCopy();
    const cli = join(process.cwd(), 'dist/cli/main.js');
    const command = `${process.execPath} ${cli} attest ${bundle} -c test/fixtures/catalog-small.yaml -r 1.2`;
    // script(1) gives the CLI a terminal; Ctrl-D (0x04) at the first question ends its input.
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Result (') && child.stdin.writable) child.stdin.end('\u0004');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toMatch(/no answer for --result \(end of input\); nothing was written/);
    expect(output).not.toMatch(/internal error/);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(existsSync(join(bundle, 'attestations'))).toBe(false);
  });

  it('stops with exit 130 when a real terminal sends Ctrl-C at a question', async () => {
    const cli = join(process.cwd(), 'dist/cli/main.js');
    const command = `${process.execPath} ${cli} attest ${sampleCopy()} -c test/fixtures/catalog-small.yaml -r 1.2`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (sent || !output.includes('Result (')) return;
      sent = true;
      child.stdin.write('\u0003');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    expect(output).toMatch(/interrupted \(Ctrl-C\) at the --result question; nothing was written/);
    expect(code).toBe(130);
  });

  it('without a terminal, a closed stdin is a usage error naming what is missing', () => {
    const cli = join(process.cwd(), 'dist/cli/main.js');
    const child = spawnSync(process.execPath, [cli, 'attest', sampleCopy(), '-r', '1.2'], { input: '', encoding: 'utf8' });
    expect(child.status).toBe(EXIT_CODES.USAGE);
    expect(child.stderr).toMatch(/missing --result, --by, --role, --justification/);
  });
});
