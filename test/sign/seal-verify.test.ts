import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/main.js';
import { sealBundle } from '../../src/sign/seal.js';
import { addAttestationFile, flipByte, runCli, runTool, sealedBundle, testBundleDir, testKeys } from './helpers.js';

const EVIDENCE = 'aws/111122223333/global/iam/GetAccountPasswordPolicy.json';

describe('auditpack seal', () => {
  it('writes a signature over manifest.json that openssl verifies unchanged', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`SHA256:${keys.key.fingerprint}`);
    const openssl = runTool('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      keys.publicPath,
      '-signature',
      join(bundle, 'manifest.json.sig'),
      join(bundle, 'manifest.json'),
    ]);
    expect(openssl.out.trim()).toBe('Verified OK');
    expect(readdirSync(join(bundle, 'signatures'))).toEqual(['0001']);
  });

  it('leaves an unchanged sealed bundle alone when it is sealed again', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const first = readFileSync(join(bundle, 'manifest.json.sig'));
    expect(await sealBundle(bundle, keys.key)).toMatchObject({ signed: false, historyEntry: 'signatures/0001' });
    expect(readFileSync(join(bundle, 'manifest.json.sig')).equals(first)).toBe(true);
    expect(readdirSync(join(bundle, 'signatures'))).toEqual(['0001']);
  });

  it('refuses to re-seal a manifest changed after sealing, naming the field', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const manifest = readFileSync(join(bundle, 'manifest.json'), 'utf8').replace(
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
    );
    writeFileSync(join(bundle, 'manifest.json'), manifest);
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(run.err).toMatch(/does not verify against its existing seal/);
    expect(run.err).toMatch(/manifest\.json: field "bundleId" changed after sealing/);
    expect(readdirSync(join(bundle, 'signatures'))).toEqual(['0001']);
  });

  it('refuses to re-seal a bundle an attestation was slipped into by hand, and re-seals one added by attest --key', async () => {
    const keys = await testKeys();
    const slipped = await sealedBundle(keys.key);
    addAttestationFile(slipped);
    const refused = await runCli(['seal', slipped, '--key', keys.privatePath]);
    expect(refused.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(refused.err).toMatch(/attestations entry attestations\/attestations\.yaml was added after sealing/);

    const bundle = await sealedBundle(keys.key);
    const attest = await runCli([
      ...['attest', bundle, '-c', 'test/fixtures/catalog-small.yaml', '-r', '1.1', '--result', 'pass'],
      ...['--by', 'Dana Smith', '--role', 'CISO', '--justification', 'Contacts reviewed.', '--date', '2026-09-15'],
      ...['--key', keys.privatePath],
    ]);
    expect(attest.code, attest.err).toBe(0);
    const run = await runCli(['verify', bundle, '--key', keys.publicPath]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('2 seal(s) in signatures/, chained');
  });

  it('refuses to seal a bundle whose evidence no longer matches its manifest', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    flipByte(join(bundle, EVIDENCE));
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code).toBe(EXIT_CODES.BUNDLE_INTEGRITY);
    expect(run.err).toContain(EVIDENCE);
  });

  it('refuses a key kept inside the bundle', async () => {
    const keys = await testKeys();
    const bundle = testBundleDir();
    writeFileSync(join(bundle, 'private.pem'), readFileSync(keys.privatePath));
    const run = await runCli(['seal', bundle, '--key', join(bundle, 'private.pem')]);
    expect(run.code).toBe(EXIT_CODES.KEY_INVALID);
    expect(run.err).toMatch(/Keys never go into a bundle/);
  });
});

describe('auditpack verify on a bundle', () => {
  it('verifies a sealed bundle and says who signed it', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const run = await runCli(['verify', bundle, '--key', keys.publicPath]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`OK   bundle ${bundle}`);
    expect(run.out).toContain(`signed by SHA256:${keys.key.fingerprint}`);
    expect(run.out).toContain('3 evidence files');
  });

  it('prints a JSON verdict with --json', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const run = await runCli(['verify', bundle, '--key', keys.publicPath, '--json']);
    expect(run.code).toBe(0);
    const verdict = JSON.parse(run.out) as { ok: boolean; items: { kind: string; signer: { fingerprint: string }; files: number }[] };
    expect(verdict).toMatchObject({
      ok: true,
      items: [{ kind: 'bundle', files: 3, signer: { fingerprint: `SHA256:${keys.key.fingerprint}` } }],
    });
  });

  const tampering: { name: string; change: (bundle: string) => void; code: keyof typeof EXIT_CODES; names: RegExp }[] = [
    {
      name: 'one flipped byte in an evidence file',
      change: (b) => flipByte(join(b, EVIDENCE)),
      code: 'BUNDLE_INTEGRITY',
      names: /GetAccountPasswordPolicy\.json: sha256 does not match/,
    },
    {
      name: 'one flipped byte in manifest.json',
      change: (b) => writeFileSync(join(b, 'manifest.json'), readFileSync(join(b, 'manifest.json'), 'utf8').replace('"s3"', '"s4"')),
      code: 'SIGNATURE_INVALID',
      names: /manifest\.json: changed after the bundle was sealed/,
    },
    {
      name: 'one flipped byte in manifest.json.sig',
      change: (b) => flipByte(join(b, 'manifest.json.sig'), 40),
      code: 'SIGNATURE_INVALID',
      names: /manifest\.json\.sig: changed after sealing/,
    },
    {
      name: 'a missing evidence file',
      change: (b) => rmSync(join(b, EVIDENCE)),
      code: 'BUNDLE_INTEGRITY',
      names: /GetAccountPasswordPolicy\.json: is listed in manifest\.json but missing/,
    },
    {
      name: 'an extra file under aws/',
      change: (b) => writeFileSync(join(b, 'aws/111122223333/global/iam/Extra.json'), '{}\n'),
      code: 'BUNDLE_INTEGRITY',
      names: /Extra\.json: is not listed/,
    },
    {
      name: 'an extra file beside the manifest',
      change: (b) => writeFileSync(join(b, 'notes.txt'), 'hi\n'),
      code: 'BUNDLE_INTEGRITY',
      names: /notes\.txt: is not part of the sealed bundle/,
    },
    {
      name: 'a missing signature',
      change: (b) => rmSync(join(b, 'manifest.json.sig')),
      code: 'SIGNATURE_INVALID',
      names: /manifest\.json\.sig: is missing; the bundle is not sealed/,
    },
  ];
  for (const { name, change, code, names } of tampering) {
    it(`detects ${name} and names the file`, async () => {
      const keys = await testKeys();
      const bundle = await sealedBundle(keys.key);
      change(bundle);
      const run = await runCli(['verify', bundle, '--key', keys.publicPath]);
      expect(run.code).toBe(EXIT_CODES[code]);
      expect(run.err).toMatch(names);
      expect(run.out).toContain(`FAIL bundle ${bundle}`);
    });
  }

  it('rejects a bundle sealed with another key', async () => {
    const signer = await testKeys();
    const other = await testKeys('someone else');
    const bundle = await sealedBundle(signer.key);
    const run = await runCli(['verify', bundle, '--key', other.publicPath]);
    expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(run.err).toContain(`does not verify manifest.json with ${other.publicPath} (SHA256:${other.key.fingerprint})`);
    expect(
      runTool('openssl', [
        'dgst',
        '-sha256',
        '-verify',
        other.publicPath,
        '-signature',
        join(bundle, 'manifest.json.sig'),
        join(bundle, 'manifest.json'),
      ]).code,
    ).not.toBe(0);
  });

  it('accepts any key of a trusted-keys file, certificates included', async () => {
    const signer = await testKeys();
    const other = await testKeys('someone else');
    const bundle = await sealedBundle(signer.key);
    const trusted = join(other.dir, 'trusted.pem');
    writeFileSync(
      trusted,
      `# audit team\n${readFileSync(other.publicPath, 'utf8')}# report signer\n${readFileSync(signer.certificatePath, 'utf8')}`,
    );
    const run = await runCli(['verify', bundle, '--trusted-keys', trusted]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`key from ${trusted}#2`);
  });

  it('asks for a key rather than verifying hashes alone', async () => {
    const keys = await testKeys();
    const run = await runCli(['verify', await sealedBundle(keys.key)]);
    expect(run.code).toBe(EXIT_CODES.USAGE);
    expect(run.err).toMatch(/no key to verify against/);
  });
});
