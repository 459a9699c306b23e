import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/report/pdf.js';
import { signPdf } from '../../src/sign/pdf.js';
import { loadSigningKey } from '../../src/sign/keys.js';
import { runTool, simplePdf, tempDir, testKeys } from './helpers.js';

const SIGNED_AT = new Date('2026-10-01T09:00:00Z');

/** pdfsig's report on a PDF written to a temporary file; pdfsig exits 0 whatever the verdict. */
function pdfsig(pdf: Buffer): string {
  const path = join(tempDir(), 'report.pdf');
  writeFileSync(path, pdf);
  const run = runTool('pdfsig', [path]);
  return run.out + run.err;
}

/** Flips one byte of the first page's content stream: signed bytes, same length. */
function tamperContent(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('stream\n') + 10;
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

describe('signPdf', () => {
  it('embeds a PAdES signature that pdfsig reports valid', async () => {
    const keys = await testKeys();
    const signed = await signPdf(await simplePdf(), keys.key, { reason: 'auditpack report', signedAt: SIGNED_AT });
    const report = pdfsig(signed);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signer Certificate Common Name: auditpack test signer');
    expect(report).toContain('Signing Time: Oct 01 2026 09:00:00');
    expect(report).toContain('Total document signed');
  });

  it('is reported invalid by pdfsig after one signed byte changed', async () => {
    const keys = await testKeys();
    const signed = await signPdf(await simplePdf(), keys.key, { reason: 'auditpack report', signedAt: SIGNED_AT });
    const report = pdfsig(tamperContent(signed));
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it('signs a PDF printed by Chromium', async () => {
    const keys = await testKeys();
    const pdf = await renderPdf('<!doctype html><html><body><h1>Compliance report</h1><p>3 PASS, 1 FAIL</p></body></html>', {
      title: 'auditpack test',
      headerText: 'CIS AWS Foundations 5.0.0 · 111122223333 · collected 2026-09-30',
    });
    const signed = await signPdf(pdf, keys.key, { reason: 'auditpack report', signedAt: SIGNED_AT });
    expect(pdfsig(signed)).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsig(tamperContent(signed))).not.toContain('Signature is Valid.');
  });

  it('needs the certificate', async () => {
    const keys = await testKeys();
    const keyOnly = await loadSigningKey(keys.privatePath, { certPath: undefined });
    delete keyOnly.certificatePem;
    await expect(signPdf(await simplePdf(), keyOnly, { reason: 'r', signedAt: SIGNED_AT })).rejects.toThrow(
      /needs the signer's certificate/,
    );
  });
});
