import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyMaterialIn } from '../../src/attest/add-attestation.js';
import { EXIT_CODES, main } from '../../src/cli/main.js';
import { generateSigningKeys } from '../../src/sign/keys.js';

function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-attest-'));
  cpSync('evidence/sample', dir, { recursive: true });
  return dir;
}

function scratch(name: string, body: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'evidence-')), name);
  writeFileSync(path, body);
  return path;
}

async function attest(dir: string, extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    [
      ...['attest', dir, '-c', 'test/fixtures/catalog-small.yaml', '-r', '1.2', '--result', 'pass', '--by', 'Dana Smith'],
      ...['--role', 'CISO', '--justification', 'Security contact set to secops@.', '--date', '2026-10-02', ...extra],
    ],
    { out: (t) => void (out += t), err: (t) => void (err += t), env: {}, now: () => new Date('2026-10-02T10:00:00Z') },
  );
  return { code, out, err };
}

const pemKey = generateSigningKeys({ commonName: 'x', notBefore: new Date('2026-01-01T00:00:00Z'), validDays: 1 }).privateKeyPem;

describe('attest --evidence refuses key material, by content', () => {
  const cases: { name: string; file: () => string; kind: RegExp }[] = [
    { name: 'a PEM private key named like a screenshot', file: () => scratch('contacts.png', pemKey), kind: /is a PEM private key/ },
    {
      name: 'a PEM private key inside a text file',
      file: () => scratch('notes.txt', `Contacts reviewed.\n\n${pemKey}`),
      kind: /is a PEM private key/,
    },
    { name: 'a PKCS#12 file named like a PDF', file: () => scratch('report.pdf', pkcs12()), kind: /is a PKCS#12 \(PFX\) key store/ },
  ];
  for (const { name, file, kind } of cases) {
    it(`refuses ${name} with exit 13 and changes nothing`, async () => {
      const dir = sampleCopy();
      const manifest = readFileSync(join(dir, 'manifest.json'));
      const run = await attest(dir, ['--evidence', file()]);
      expect(run.code).toBe(EXIT_CODES.ATTESTATION_INVALID);
      expect(run.err).toMatch(kind);
      expect(run.err).toMatch(/Keys never go into a bundle/);
      expect(readFileSync(join(dir, 'manifest.json')).equals(manifest)).toBe(true);
      expect(existsSync(join(dir, 'attestations/evidence'))).toBe(false);
    });
  }

  it('accepts ordinary evidence, and a public key or certificate is not key material', () => {
    expect(keyMaterialIn(Buffer.from('%PDF-1.7 contacts'))).toBeUndefined();
    expect(keyMaterialIn(Buffer.from('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n'))).toBeUndefined();
    expect(keyMaterialIn(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03]))).toBeUndefined();
  });
});

describe('attest re-runs', () => {
  it('add the same attestation only once', async () => {
    const dir = sampleCopy();
    const shot = scratch('contacts.png', 'not really a png');
    expect((await attest(dir, ['--evidence', shot])).code).toBe(0);
    const manifest = readFileSync(join(dir, 'manifest.json'));
    const again = await attest(dir, ['--evidence', shot]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(
      /Already recorded: the same attestation for requirement 1\.2 by Dana Smith is in the bundle; nothing was added/,
    );
    expect(readFileSync(join(dir, 'manifest.json')).equals(manifest)).toBe(true);
    expect(readFileSync(join(dir, 'attestations/attestations.yaml'), 'utf8').match(/requirement: "?1\.2"?/g)).toHaveLength(1);
  });

  it('still add a different decision on the same requirement', async () => {
    const dir = sampleCopy();
    expect((await attest(dir)).code).toBe(0);
    expect((await attest(dir, ['--expires', '2027-04-01'])).code).toBe(0);
    expect(readFileSync(join(dir, 'attestations/attestations.yaml'), 'utf8').match(/requirement: "?1\.2"?/g)).toHaveLength(2);
  });
});

/** A PKCS#12 file as openssl exports it. */
function pkcs12(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'p12-'));
  const keys = generateSigningKeys({ commonName: 'x', notBefore: new Date('2026-01-01T00:00:00Z'), validDays: 1 });
  writeFileSync(join(dir, 'key.pem'), keys.privateKeyPem);
  writeFileSync(join(dir, 'cert.pem'), keys.certificatePem);
  execFileSync('openssl', [
    ...['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem')],
    ...['-out', join(dir, 'signer.p12'), '-passout', 'pass:secret'],
  ]);
  return readFileSync(join(dir, 'signer.p12'));
}
