import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/main.js';
import { sealReport, type ReportManifest } from '../../src/sign/report-manifest.js';
import { signPdf } from '../../src/sign/pdf.js';
import { flipByte, runCli, runTool, sealedBundle, signedReport, simplePdf, tempDir, testKeys } from './helpers.js';

describe('sealReport', () => {
  it('lists every output file with its sha256 and size, the chain of custody and the signer', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const report = await signedReport(bundle, keys.key);
    const manifest = JSON.parse(readFileSync(join(report, 'report-manifest.json'), 'utf8')) as ReportManifest;
    expect(manifest.files.map((f) => f.path)).toEqual(['report.html', 'report.pdf', 'results.json']);
    expect(manifest.files[0]).toEqual({
      path: 'report.html',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      size: readFileSync(join(report, 'report.html')).length,
    });
    expect(manifest).toMatchObject({
      formatVersion: 1,
      kind: 'auditpack-report',
      signedAt: '2026-10-01T09:00:00.000Z',
      signer: { fingerprint: `SHA256:${keys.key.fingerprint}`, subject: 'CN=auditpack test signer' },
      tool: { name: 'auditpack', version: '0.1.0' },
    });
  });

  it('signs report-manifest.json so that openssl verifies it', async () => {
    const keys = await testKeys();
    const report = await signedReport(await sealedBundle(keys.key), keys.key);
    const openssl = runTool('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      keys.publicPath,
      '-signature',
      join(report, 'report-manifest.json.sig'),
      join(report, 'report-manifest.json'),
    ]);
    expect(openssl.out.trim()).toBe('Verified OK');
  });

  it('takes signedAt from SOURCE_DATE_EPOCH when the caller gives none', async () => {
    const keys = await testKeys();
    const dir = tempDir();
    writeFileSync(join(dir, 'report.html'), 'x');
    const previous = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1790000000';
    try {
      await sealReport(
        dir,
        [join(dir, 'report.html')],
        { bundleManifestSha256: 'a'.repeat(64), catalogs: [], toolVersion: '0.1.0' },
        keys.key,
      );
    } finally {
      if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = previous;
    }
    expect((JSON.parse(readFileSync(join(dir, 'report-manifest.json'), 'utf8')) as ReportManifest).signedAt).toBe(
      '2026-09-21T14:13:20.000Z',
    );
  });

  it('refuses a file outside the report directory', async () => {
    const keys = await testKeys();
    const dir = tempDir();
    await expect(
      sealReport(
        dir,
        ['/etc/hostname'],
        { bundleManifestSha256: 'a'.repeat(64), catalogs: [], toolVersion: '0.1.0', signedAt: '2026-10-01T00:00:00Z' },
        keys.key,
      ),
    ).rejects.toThrow(/is not inside the report directory/);
  });
});

describe('auditpack verify on a report', () => {
  it('verifies a signed report and says who signed it and when', async () => {
    const keys = await testKeys();
    const report = await signedReport(await sealedBundle(keys.key), keys.key);
    const run = await runCli(['verify', report, '--key', keys.certificatePath]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`OK   report ${report}`);
    expect(run.out).toContain(`signed by SHA256:${keys.key.fingerprint} (CN=auditpack test signer)`);
    expect(run.out).toContain('signed at 2026-10-01T09:00:00.000Z');
    expect(run.out).toContain('1 embedded PDF signature(s) verified');
  });

  it("checks the PDF's embedded signature too, naming the PDF signed with an untrusted key", async () => {
    const keys = await testKeys();
    const stranger = await testKeys('stranger');
    const report = await signedReport(await sealedBundle(keys.key), keys.key);
    // The stranger's PDF is listed in a manifest the trusted key signed: only the PDF check can tell.
    writeFileSync(
      join(report, 'report.pdf'),
      await signPdf(await simplePdf(), stranger.key, { reason: 'r', signedAt: new Date('2026-10-01T09:00:00Z') }),
    );
    const manifest = JSON.parse(readFileSync(join(report, 'report-manifest.json'), 'utf8')) as ReportManifest;
    await sealReport(
      report,
      manifest.files.map((f) => join(report, f.path)),
      {
        bundleManifestSha256: manifest.bundle.manifestSha256,
        catalogs: manifest.catalogs,
        toolVersion: '0.1.0',
        signedAt: manifest.signedAt,
      },
      keys.key,
    );
    const run = await runCli(['verify', report, '--key', keys.publicPath]);
    expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(run.err).toContain(
      `report.pdf: the PDF is signed with a certificate for key SHA256:${stranger.key.fingerprint}, which is not a trusted key`,
    );
  });

  const tampering: { name: string; change: (report: string) => void; code: keyof typeof EXIT_CODES; names: RegExp }[] = [
    {
      name: 'one flipped byte in the HTML',
      change: (r) => flipByte(join(r, 'report.html')),
      code: 'REPORT_INTEGRITY',
      names: /report\.html: sha256 does not match report-manifest\.json/,
    },
    {
      name: 'one flipped byte in the PDF',
      change: (r) => flipByte(join(r, 'report.pdf'), 300),
      code: 'REPORT_INTEGRITY',
      names: /report\.pdf: sha256 does not match/,
    },
    {
      name: 'one flipped byte in report-manifest.json',
      change: (r) => flipByte(join(r, 'report-manifest.json'), 20),
      code: 'SIGNATURE_INVALID',
      names: /report-manifest\.json\.sig: does not verify report-manifest\.json/,
    },
    {
      name: 'one flipped byte in the signature',
      change: (r) => flipByte(join(r, 'report-manifest.json.sig'), 40),
      code: 'SIGNATURE_INVALID',
      names: /report-manifest\.json\.sig: does not verify/,
    },
    {
      name: 'a missing report file',
      change: (r) => rmSync(join(r, 'results.json')),
      code: 'REPORT_INTEGRITY',
      names: /results\.json: is listed in report-manifest\.json but missing/,
    },
    {
      name: 'an extra file',
      change: (r) => writeFileSync(join(r, 'summary.csv'), 'a,b\n'),
      code: 'REPORT_INTEGRITY',
      names: /summary\.csv: is not listed in report-manifest\.json/,
    },
  ];
  for (const { name, change, code, names } of tampering) {
    it(`detects ${name} and names the file`, async () => {
      const keys = await testKeys();
      const report = await signedReport(await sealedBundle(keys.key), keys.key);
      change(report);
      const run = await runCli(['verify', report, '--key', keys.publicPath]);
      expect(run.code).toBe(EXIT_CODES[code]);
      expect(run.err).toMatch(names);
    });
  }

  it('names the untrusted signer when the report was signed with another key', async () => {
    const signer = await testKeys();
    const other = await testKeys('someone else');
    const report = await signedReport(await sealedBundle(signer.key), signer.key);
    const run = await runCli(['verify', report, '--key', other.publicPath]);
    expect(run.code).toBe(EXIT_CODES.SIGNATURE_INVALID);
    expect(run.err).toContain(`names signer SHA256:${signer.key.fingerprint}, which is not a trusted key`);
  });
});
