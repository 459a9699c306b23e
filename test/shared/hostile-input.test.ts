import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, makeDirectory, nestingDepth, readRegularFile } from '../../src/shared/limits.js';

const cli = join(process.cwd(), 'dist/cli/main.js');
const SECURITY_GROUPS = 'aws/111122223333/us-east-1/ec2/DescribeSecurityGroups.json';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'auditpack-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI; a hang fails the test through the timeout instead of blocking the suite. */
function auditpack(args: string[], env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000', ...env },
  });
  expect(run.error, 'the CLI must not hang').toBeUndefined();
  expect(run.stderr).not.toMatch(/internal error/);
  return { code: run.status, stderr: run.stderr };
}

function sampleCopy(name: string): string {
  const copy = join(dir, name);
  cpSync('evidence/sample', copy, { recursive: true });
  return copy;
}

function editManifest(bundle: string, edit: (manifest: { files: { path: string; size: number; parameters: unknown }[] }) => void): void {
  const path = join(bundle, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: { path: string; size: number; parameters: unknown }[] };
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

describe('readRegularFile', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo, 1024)).rejects.toThrow(/is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a directory and a file over the limit, and reads one at the limit', async () => {
    await expect(readRegularFile(dir, 1024)).rejects.toThrow(/is a directory, not a regular file/);
    const file = join(dir, 'ten-bytes');
    writeFileSync(file, '0123456789');
    await expect(readRegularFile(file, 9)).rejects.toThrow(/is 10 bytes, more than the 9 bytes auditpack reads/);
    expect((await readRegularFile(file, 10)).toString()).toBe('0123456789');
  });
});

describe('nestingDepth', () => {
  it('measures 10,000 levels without recursion and stops counting past the limit', () => {
    let value: unknown = [];
    for (let i = 0; i < 10_000; i++) value = [value];
    expect(nestingDepth(value)).toBe(LIMITS.depth + 1);
    expect(nestingDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(nestingDepth('text')).toBe(0);
  });
});

describe('makeDirectory', () => {
  it('fails under /proc with ENOENT instead of looping for ever as mkdir -p in Node does', async () => {
    await expect(makeDirectory('/proc/self/auditpack/out')).rejects.toMatchObject({ code: 'ENOENT', syscall: 'mkdir' });
  });

  it('creates missing levels and accepts an existing directory', async () => {
    const target = join(dir, 'a', 'b', 'c');
    await makeDirectory(target);
    await makeDirectory(target);
    await expect(makeDirectory(join(dir, 'ten-bytes', 'x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('the CLI on hostile bundles', () => {
  it('a FIFO at an evidence path: exit 5 naming the file, no hang', () => {
    const bundle = sampleCopy('fifo-evidence');
    rmSync(join(bundle, SECURITY_GROUPS));
    execFileSync('mkfifo', [join(bundle, SECURITY_GROUPS)]);
    const run = auditpack(['report', bundle, '--out', join(dir, 'out-fifo'), '--format', 'json']);
    expect(run.stderr).toContain(`${SECURITY_GROUPS}: cannot be read (is a FIFO (named pipe), not a regular file)`);
    expect(run.code).toBe(5);
  });

  it('a FIFO as manifest.json: exit 4, no hang', () => {
    const bundle = sampleCopy('fifo-manifest');
    rmSync(join(bundle, 'manifest.json'));
    execFileSync('mkfifo', [join(bundle, 'manifest.json')]);
    const run = auditpack(['report', bundle, '--out', join(dir, 'out-fifo2'), '--format', 'json']);
    expect(run.stderr).toMatch(/manifest\.json: cannot read the bundle manifest \(is a FIFO/);
    expect(run.code).toBe(4);
  });

  it('a manifest nested 10,000 levels deep: exit 4, not a stack overflow', () => {
    const bundle = sampleCopy('deep-manifest');
    const path = join(bundle, 'manifest.json');
    const text = readFileSync(path, 'utf8').replace('"parameters": {}', `"parameters": {"x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    writeFileSync(path, text);
    const run = auditpack(['report', bundle, '--out', join(dir, 'out-deep'), '--format', 'json']);
    expect(run.stderr).toMatch(/manifest\.json: nests more than 100 levels deep/);
    expect(run.code).toBe(4);
  });

  it('a 200 MB security-group file: exit 4 before it is read, naming the limit', () => {
    const bundle = sampleCopy('big-evidence');
    const size = 200 * 1024 * 1024;
    truncateSync(join(bundle, SECURITY_GROUPS), size); // sparse: costs no disk
    editManifest(bundle, (m) => {
      const entry = m.files.find((f) => f.path === SECURITY_GROUPS);
      if (entry) entry.size = size;
    });
    const started = Date.now();
    const run = auditpack(['report', bundle, '--out', join(dir, 'out-big'), '--format', 'json']);
    expect(run.stderr).toContain(
      `${SECURITY_GROUPS}) is 200 MiB, more than the 128 MiB auditpack reads from one evidence file. If the bundle is genuine, raise the limit with AUDITPACK_MAX_EVIDENCE_MIB=200.`,
    );
    expect(run.code).toBe(4);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Raised as the message says, the limit lets the file through to the hash check (the sparse file's hash differs).
    const raised = auditpack(['report', bundle, '--out', join(dir, 'out-big-raised'), '--format', 'json'], {
      AUDITPACK_MAX_EVIDENCE_MIB: '200',
    });
    expect(raised.stderr).not.toContain('auditpack reads from one evidence file');
    expect(raised.code).toBe(5);
  });
});

describe('the CLI on malformed keys', () => {
  const block = (label: string, body: string): string => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

  it('a PUBLIC KEY block whose body is not a key: verify exits 9', () => {
    const key = join(dir, 'damaged-public.pem');
    writeFileSync(key, block('PUBLIC KEY', 'AAAAAAAAAAAAAAAAAAAAAAAA'));
    const run = auditpack(['verify', 'evidence/sample', '--key', key]);
    expect(run.stderr).toContain(`${key}: PUBLIC KEY block 1 is damaged`);
    expect(run.code).toBe(9);
  });

  it('a CERTIFICATE block whose body is not a certificate: verify exits 9', () => {
    const key = join(dir, 'damaged-certificate.pem');
    writeFileSync(key, block('CERTIFICATE', 'MIIBAAAAAAAAAAAA'));
    const run = auditpack(['verify', 'evidence/sample', '--key', key]);
    expect(run.stderr).toContain(`${key}: CERTIFICATE block 1 is damaged`);
    expect(run.code).toBe(9);
  });

  it('a PRIVATE KEY block of garbage, and a garbage PKCS#12 file: report --sign / --p12 exit 9', () => {
    const key = join(dir, 'damaged-private.pem');
    writeFileSync(key, block('PRIVATE KEY', 'AAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(auditpack(['report', 'evidence/sample', '--out', join(dir, 'out-k1'), '--format', 'json', '--sign', key]).code).toBe(9);
    const p12 = join(dir, 'garbage.p12');
    writeFileSync(p12, Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30, 0x05, 0x06, 0x01, 0x00]));
    expect(auditpack(['report', 'evidence/sample', '--out', join(dir, 'out-k2'), '--format', 'json', '--p12', p12]).code).toBe(9);
  });

  it('a FIFO given as the key: exit 9, no hang', () => {
    const fifo = join(dir, 'key-pipe');
    execFileSync('mkfifo', [fifo]);
    const run = auditpack(['verify', 'evidence/sample', '--key', fifo]);
    expect(run.stderr).toMatch(/is a FIFO \(named pipe\), not a regular file/);
    expect(run.code).toBe(9);
  });
});

describe('the CLI writing where it cannot', () => {
  it('report --out under /proc: exit 3 with the path, not a hang', () => {
    const run = auditpack(['report', 'evidence/sample', '--out', '/proc/self/auditpack-out', '--format', 'json']);
    expect(run.stderr).toMatch(/\/proc\/self\/auditpack-out: cannot mkdir \(ENOENT/);
    expect(run.code).toBe(3);
  });

  it('keygen --out under /proc and report --out onto a device: exit 3', () => {
    expect(auditpack(['keygen', '--out', '/proc/auditpack-keys']).code).toBe(3);
    const run = auditpack(['report', 'evidence/sample', '--out', '/dev/null', '--format', 'json']);
    expect(run.stderr).toMatch(/\/dev\/null: cannot mkdir \(ENOTDIR/);
    expect(run.code).toBe(3);
  });

  it('report --out inside a regular file: exit 3', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    expect(auditpack(['report', 'evidence/sample', '--out', join(file, 'out'), '--format', 'json']).code).toBe(3);
  });
});
