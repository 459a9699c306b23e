import { copyFileSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/main.js';
import { sha256 } from '../../src/shared/hash.js';
import { runCli, runTool, sealedBundle, tempDir, testKeys, type TestKeys } from './helpers.js';

const CATALOG = 'test/fixtures/catalog-small.yaml';
const PASSWORD_POLICY = 'aws/111122223333/global/iam/GetAccountPasswordPolicy.json';

function attestArgs(bundle: string, requirement: string, keys: TestKeys): string[] {
  return [
    ...['attest', bundle, '-c', CATALOG, '-r', requirement, '--result', 'pass', '--by', 'Dana Smith', '--role', 'CISO'],
    ...['--justification', `Requirement ${requirement} reviewed.`, '--date', '2026-09-15', '--key', keys.privatePath],
  ];
}

/** A bundle sealed three times: collection, then two attestations added with attest --key. */
async function threeSeals(keys: TestKeys): Promise<string> {
  const bundle = await sealedBundle(keys.key);
  for (const requirement of ['1.1', '1.2']) {
    const run = await runCli(attestArgs(bundle, requirement, keys));
    expect(run.code, run.err).toBe(0);
  }
  expect(readdirSync(join(bundle, 'signatures'))).toEqual(['0001', '0002', '0003']);
  return bundle;
}

/** Edits the password policy to a passing one and re-hashes it into manifest.json: the laundering attack. */
function tamperAndRehash(bundle: string): void {
  const body = `${JSON.stringify({ PasswordPolicy: { MinimumPasswordLength: 24 } }, null, 2)}\n`;
  writeFileSync(join(bundle, PASSWORD_POLICY), body);
  const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as {
    files: { path: string; sha256: string; size: number }[];
  };
  const entry = manifest.files.find((f) => f.path === PASSWORD_POLICY)!;
  entry.sha256 = sha256(body);
  entry.size = Buffer.byteLength(body);
  writeFileSync(join(bundle, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function verify(bundle: string, keys: TestKeys) {
  return runCli(['verify', bundle, '--key', keys.publicPath]);
}

describe('re-sealing never launders tampering', () => {
  it('seal refuses a bundle edited and re-hashed after sealing, naming the file whose hash changed', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    tamperAndRehash(bundle);
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(run.err).toContain(`files entry ${PASSWORD_POLICY} changed after sealing: sha256 "`);
    expect(run.err).toMatch(/sha256 "[0-9a-f]{64}" → "[0-9a-f]{64}"/);
    expect((await verify(bundle, keys)).code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(readdirSync(join(bundle, 'signatures'))).toEqual(['0001']);
  });

  it('attest --key refuses it too, and adds nothing', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    tamperAndRehash(bundle);
    const manifest = readFileSync(join(bundle, 'manifest.json'));
    const run = await runCli(attestArgs(bundle, '1.1', keys));
    expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(run.err).toContain(`files entry ${PASSWORD_POLICY} changed after sealing`);
    expect(readFileSync(join(bundle, 'manifest.json')).equals(manifest)).toBe(true);
    expect(readdirSync(bundle)).not.toContain('attestations');
  });

  it('seal refuses an evidence file changed without re-hashing, exit 5', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    writeFileSync(join(bundle, PASSWORD_POLICY), '{}\n');
    const run = await runCli(['seal', bundle, '--key', keys.privatePath]);
    expect(run.code).toBe(EXIT_CODES.BUNDLE_INTEGRITY);
    expect(run.err).toContain(PASSWORD_POLICY);
  });

  it('seal refuses a bundle sealed with another key unless that key is trusted', async () => {
    const first = await testKeys('first signer');
    const second = await testKeys('second signer');
    const bundle = await sealedBundle(first.key);
    const refused = await runCli(['seal', bundle, '--key', second.privatePath]);
    expect(refused.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(refused.err).toMatch(/--trusted-keys/);
    // The same manifest sealed by a second key is a new seal, chained to the first.
    const run = await runCli(['seal', bundle, '--key', second.privatePath, '--trusted-keys', first.publicPath]);
    expect(run.code, run.err).toBe(0);
    const trusted = join(tempDir(), 'trusted.pem');
    writeFileSync(trusted, readFileSync(first.publicPath, 'utf8') + readFileSync(second.publicPath, 'utf8'));
    const verified = await runCli(['verify', bundle, '--trusted-keys', trusted]);
    expect(verified.code, verified.err).toBe(0);
  });
});

describe('the seal chain', () => {
  it('verifies end to end after three seals', async () => {
    const keys = await testKeys();
    const run = await verify(await threeSeals(keys), keys);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('3 seal(s) in signatures/, chained');
  });

  const attacks: { name: string; change: (bundle: string) => void; names: RegExp }[] = [
    {
      name: 'deleting signatures/',
      change: (b) => rmSync(join(b, 'signatures'), { recursive: true }),
      names: /signatures: is missing, but seal\.json says the bundle was sealed/,
    },
    {
      name: 'deleting signatures/ and seal.json',
      change: (b) => {
        rmSync(join(b, 'signatures'), { recursive: true });
        rmSync(join(b, 'seal.json'));
      },
      names: /seal\.json: is missing/,
    },
    {
      name: 'removing the middle seal',
      change: (b) => rmSync(join(b, 'signatures/0002'), { recursive: true }),
      names: /signatures\/0002: is missing \(the seals go on with signatures\/0003\)/,
    },
    {
      name: 'removing the middle seal and renumbering the newest',
      change: (b) => {
        rmSync(join(b, 'signatures/0002'), { recursive: true });
        renameSync(join(b, 'signatures/0003'), join(b, 'signatures/0002'));
      },
      names: /signatures\/0002\/seal\.json: is seal number 3, but sits at position 2/,
    },
    {
      name: 'swapping two seals',
      change: (b) => {
        renameSync(join(b, 'signatures/0001'), join(b, 'signatures/x'));
        renameSync(join(b, 'signatures/0002'), join(b, 'signatures/0001'));
        renameSync(join(b, 'signatures/x'), join(b, 'signatures/0002'));
      },
      names: /signatures\/0001\/seal\.json: is seal number 2, but sits at position 1/,
    },
    {
      name: 'rolling back to an older seal',
      change: (b) => {
        for (const f of ['manifest.json', 'manifest.json.sig', 'seal.json', 'seal.json.sig'])
          copyFileSync(join(b, 'signatures/0002', f), join(b, f));
      },
      names: /seal\.json: is seal 2, but the newest seal is signatures\/0003\. The bundle was rolled back/,
    },
    {
      name: 'rolling back manifest.json and its signature only',
      change: (b) => {
        for (const f of ['manifest.json', 'manifest.json.sig']) copyFileSync(join(b, 'signatures/0001', f), join(b, f));
      },
      names: /manifest\.json: is the manifest of the older seal signatures\/0001, not of the newest \(signatures\/0003\)/,
    },
  ];
  for (const { name, change, names } of attacks) {
    it(`detects ${name} and names it`, async () => {
      const keys = await testKeys();
      const bundle = await threeSeals(keys);
      change(bundle);
      const run = await verify(bundle, keys);
      expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
      expect(run.err).toMatch(names);
      // And sealing it again does not make it verify.
      expect((await runCli(['seal', bundle, '--key', keys.privatePath])).code).not.toBe(0);
    });
  }

  it('still verifies a bundle sealed before seal chains, with a note, and chains it when it is sealed again', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    // What the previous version wrote: manifest.json.sig and signatures/0001 without seal records.
    for (const f of ['seal.json', 'seal.json.sig', 'signatures/0001/seal.json', 'signatures/0001/seal.json.sig']) rmSync(join(bundle, f));
    const old = await verify(bundle, keys);
    expect(old.code, old.err).toBe(0);
    expect(old.out).toContain('note: sealed before seal chains');
    expect(documentedChainCheck(bundle, keys).out).toContain('note: sealed before seal chains');

    expect((await runCli(['seal', bundle, '--key', keys.privatePath])).code).toBe(0);
    const chained = await verify(bundle, keys);
    expect(chained.code, chained.err).toBe(0);
    expect(chained.out).toContain('2 seal(s) in signatures/, chained');
    expect(chained.out).toContain('note: the first 1 seal(s) were made before seal chains');
    const doc = documentedChainCheck(bundle, keys);
    expect(doc.code, doc.out + doc.err).toBe(0);
    expect(doc.out).toContain('seal chain of 2 seal(s) verified');
  });
});

describe('the seal chain checked with openssl and jq alone (docs/verification.md step 6)', () => {
  it('passes on an intact chain', async () => {
    const keys = await testKeys();
    const run = documentedChainCheck(await threeSeals(keys), keys);
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toContain('seal chain of 3 seal(s) verified');
  });

  const attacks: { name: string; change: (bundle: string) => void }[] = [
    { name: 'a removed seal', change: (b) => rmSync(join(b, 'signatures/0002'), { recursive: true }) },
    { name: 'a deleted history', change: (b) => rmSync(join(b, 'signatures'), { recursive: true }) },
    {
      name: 'a renumbered history',
      change: (b) => {
        rmSync(join(b, 'signatures/0002'), { recursive: true });
        renameSync(join(b, 'signatures/0003'), join(b, 'signatures/0002'));
      },
    },
    {
      name: 'a rollback',
      change: (b) => {
        for (const f of ['manifest.json', 'manifest.json.sig', 'seal.json', 'seal.json.sig'])
          copyFileSync(join(b, 'signatures/0002', f), join(b, f));
      },
    },
  ];
  for (const { name, change } of attacks) {
    it(`stops on ${name}`, async () => {
      const keys = await testKeys();
      const bundle = await threeSeals(keys);
      change(bundle);
      const run = documentedChainCheck(bundle, keys);
      expect(run.code).not.toBe(0);
      expect(run.out).not.toContain('seal chain of');
    });
  }
});

/** Runs the ```sh block of docs/verification.md that checks the seal chain, on one bundle directory. */
function documentedChainCheck(bundle: string, keys: TestKeys): { code: number; out: string; err: string } {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/verification.md', import.meta.url)), 'utf8');
  const block = [...doc.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '').find((b) => b.includes('seal chain of'));
  expect(block).toBeDefined();
  const script = join(tempDir(), 'chain.sh');
  writeFileSync(script, `set -euo pipefail\n${block ?? ''}`);
  return runTool('bash', [script], { env: { BUNDLE: bundle, PUBKEY: keys.publicPath } });
}
