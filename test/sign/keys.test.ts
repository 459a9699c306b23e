import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/main.js';
import { loadSigningKey, loadTrustedKeys } from '../../src/sign/keys.js';
import { runCli, runTool, tempDir, testKeys } from './helpers.js';

describe('auditpack keygen', () => {
  it('writes a 0600 PKCS#8 private key, the public key and a self-signed certificate for it', async () => {
    const out = join(tempDir(), 'keys');
    const run = await runCli(['keygen', '--out', out, '--subject', 'Acme audit team']);
    expect(run.code, run.err).toBe(0);
    expect(statSync(join(out, 'private.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(out, 'private.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const cert = runTool('openssl', ['x509', '-in', join(out, 'certificate.pem'), '-noout', '-subject', '-ext', 'keyUsage']).out;
    expect(cert).toContain('subject=CN = Acme audit team');
    expect(cert).toContain('Digital Signature, Non Repudiation');
    const certKey = runTool('openssl', ['x509', '-in', join(out, 'certificate.pem'), '-noout', '-pubkey']).out;
    expect(certKey).toBe(readFileSync(join(out, 'public.pem'), 'utf8'));
    // The fingerprint printed is the one openssl computes from public.pem.
    const der = runTool('bash', [
      '-c',
      `openssl pkey -pubin -in '${join(out, 'public.pem')}' -outform DER | openssl dgst -sha256 -r`,
    ]).out.split(' ')[0];
    expect(run.out).toContain(`key fingerprint SHA256:${der}`);
  });

  it('encrypts the private key with the passphrase from the environment', async () => {
    const out = join(tempDir(), 'keys');
    expect((await runCli(['keygen', '--out', out, '--passphrase-env', 'KEY_PASS'], { KEY_PASS: 'correct horse' })).code).toBe(0);
    expect(readFileSync(join(out, 'private.pem'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(runTool('openssl', ['pkey', '-in', join(out, 'private.pem'), '-passin', 'pass:correct horse', '-noout']).code).toBe(0);
    await expect(loadSigningKey(join(out, 'private.pem'))).rejects.toThrow(/the private key is encrypted.*--passphrase-env/);
    await expect(loadSigningKey(join(out, 'private.pem'), { passphrase: 'wrong' })).rejects.toThrow(/cannot decrypt the private key/);
    expect((await loadSigningKey(join(out, 'private.pem'), { passphrase: 'correct horse' })).subject).toBe('CN=auditpack report signer');
  });

  it('never overwrites existing keys', async () => {
    const out = join(tempDir(), 'keys');
    await runCli(['keygen', '--out', out]);
    const before = readFileSync(join(out, 'private.pem'));
    const run = await runCli(['keygen', '--out', out]);
    expect(run.code).toBe(EXIT_CODES.IO);
    expect(run.err).toContain(`${join(out, 'private.pem')}: already exists. Keys are never overwritten`);
    expect(readFileSync(join(out, 'private.pem')).equals(before)).toBe(true);
  });

  it('refuses to write keys into a bundle directory', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'manifest.json'), '{}');
    const run = await runCli(['keygen', '--out', out]);
    expect(run.code).toBe(EXIT_CODES.USAGE);
    expect(run.err).toMatch(/keys never go into a bundle or report directory/);
  });
});

describe('loadSigningKey', () => {
  it('finds certificate.pem beside the key and takes its subject', async () => {
    const keys = await testKeys('Acme signer');
    expect(keys.key.subject).toBe('CN=Acme signer');
    expect(keys.key.certificatePem).toBe(readFileSync(keys.certificatePath, 'utf8'));
  });

  it('refuses a certificate issued for another key', async () => {
    const keys = await testKeys();
    const other = await testKeys();
    await expect(loadSigningKey(keys.privatePath, { certPath: other.certificatePath })).rejects.toThrow(
      /no certificate in it is for the key/,
    );
  });

  it('reads key and certificate from a PKCS#12 file made by openssl', async () => {
    const keys = await testKeys('p12 signer');
    const p12 = join(keys.dir, 'signer.p12');
    const made = runTool('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      keys.privatePath,
      '-in',
      keys.certificatePath,
      '-out',
      p12,
      '-passout',
      'pass:s3cret',
    ]);
    expect(made.code, made.err).toBe(0);
    const key = await loadSigningKey(p12, { p12Path: p12, passphrase: 's3cret' });
    expect(key.fingerprint).toBe(keys.key.fingerprint);
    expect(key.subject).toBe('CN=p12 signer');
    await expect(loadSigningKey(p12, { p12Path: p12, passphrase: 'wrong' })).rejects.toThrow(
      /cannot be decrypted with the passphrase given/,
    );
  });

  it('refuses keys other than P-256 and RSA', async () => {
    const dir = tempDir();
    const path = join(dir, 'ed.pem');
    runTool('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', path]);
    await expect(loadSigningKey(path)).rejects.toThrow(/ed25519 keys are not supported/);
  });
});

describe('loadTrustedKeys', () => {
  it('points at the public key when given the private key', async () => {
    const keys = await testKeys();
    await expect(loadTrustedKeys(keys.privatePath)).rejects.toThrow(/holds a private key: give the public key instead/);
  });
});
