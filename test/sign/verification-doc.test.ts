import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planAttestation } from '../../src/attest/add-attestation.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import type { SigningKey } from '../../src/sign/keys.js';
import { sealBundle } from '../../src/sign/seal.js';
import { flipByte, runCli, runTool, sealedBundle, signedReport, tempDir, testKeys } from './helpers.js';

const DOC = fileURLToPath(new URL('../../docs/verification.md', import.meta.url));

/** Every ```sh block of docs/verification.md, in order: the script a third party runs. */
function documentedScript(): string {
  const blocks = [...readFileSync(DOC, 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  expect(blocks.length).toBeGreaterThan(5);
  return blocks.join('\n');
}

interface ArchiveSteps {
  /** Runs on the sealed bundle before the report is made from it. */
  beforeReport?: (bundle: string, key: SigningKey) => Promise<void>;
  /** Runs on the finished bundle and report, before they are archived. */
  tamper?: (bundle: string, report: string) => void;
}

async function archiveFor(steps: ArchiveSteps = {}): Promise<{ archive: string; publicKey: string }> {
  const keys = await testKeys();
  const bundle = await sealedBundle(keys.key);
  await steps.beforeReport?.(bundle, keys.key);
  const report = await signedReport(bundle, keys.key);
  steps.tamper?.(bundle, report);
  const archive = join(tempDir(), 'acme-2026-q3.tar.gz');
  const run = await runCli(['archive', bundle, report, '--out', archive]);
  expect(run.code, run.err).toBe(0);
  return { archive, publicKey: keys.publicPath };
}

function runDocumented(archive: string, publicKey: string): { code: number; out: string; err: string } {
  const script = join(tempDir(), 'verify.sh');
  writeFileSync(script, documentedScript());
  return runTool('bash', [script], { cwd: tempDir(), env: { ARCHIVE: archive, PUBKEY: publicKey } });
}

describe('docs/verification.md', () => {
  it('verifies an archive with openssl, sha256sum, jq and pdfsig alone', async () => {
    const { archive, publicKey } = await archiveFor();
    const run = runDocumented(archive, publicKey);
    expect(run.code, `${run.out}\n${run.err}`).toBe(0);
    expect(run.out).toContain('Verified OK');
    expect(run.out).toContain('Signature Validation: Signature is Valid.');
    expect(run.out).toMatch(/all checks passed\n$/);
  });

  it('covers the files of an attestation added and re-sealed', async () => {
    const { archive, publicKey } = await archiveFor({
      beforeReport: async (bundle, key) => {
        // As "auditpack attest --key" does: the attestation and the new seal in one change.
        const catalog = await loadCatalog('test/fixtures/catalog-small.yaml', findCheck, checks.map((c) => c.id));
        const { changes } = await planAttestation(bundle, catalog, {
          requirement: '1.1',
          result: 'pass',
          attestedBy: 'Dana Smith',
          role: 'CISO',
          date: '2026-09-15',
          expires: '2027-09-15',
          justification: 'Contacts reviewed in the console.',
          evidence: [],
        });
        await sealBundle(bundle, key, { changes });
      },
    });
    const run = runDocumented(archive, publicKey);
    expect(run.code, `${run.out}\n${run.err}`).toBe(0);
  });

  const tampering: { name: string; change: (bundle: string, report: string) => void; output: RegExp }[] = [
    {
      name: 'an evidence file',
      change: (b) => flipByte(join(b, 'aws/111122223333/global/s3/ListBuckets.json')),
      output: /ListBuckets\.json: FAILED/,
    },
    { name: 'the bundle manifest', change: (b) => flipByte(join(b, 'manifest.json'), 30), output: /Verification failure/ },
    { name: 'the report HTML', change: (_, r) => flipByte(join(r, 'report.html')), output: /report\.html: FAILED/ },
    { name: 'an extra evidence file', change: (b) => writeFileSync(join(b, 'aws/extra.json'), '{}'), output: /> aws\/extra\.json/ },
  ];
  for (const { name, change, output } of tampering) {
    it(`stops with a non-zero exit when ${name} changed`, async () => {
      const { archive, publicKey } = await archiveFor({ tamper: change });
      const run = runDocumented(archive, publicKey);
      expect(run.code).not.toBe(0);
      expect(run.out + run.err).toMatch(output);
      expect(run.out).not.toContain('all checks passed');
    });
  }
});
