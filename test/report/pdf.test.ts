import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditpackError } from '../../src/shared/errors.js';
import { findChromium, renderPdf } from '../../src/report/pdf.js';
import { renderHtml } from '../../src/report/render-html.js';
import { reportHeaderText, reportTitle } from '../../src/report/view-common.js';
import { buildResults } from '../helpers/results-builder.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'auditpack-pdf-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): AuditpackError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AuditpackError) return error;
    throw error;
  }
  throw new Error('expected an AuditpackError, nothing was thrown');
}

function fakeExecutable(folder: string, name: string): string {
  const path = join(folder, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

describe('renderPdf', () => {
  it('prints the report to an A4 PDF with a running header and "Page N of M" footer', async () => {
    const results = buildResults();
    const pdf = await renderPdf(renderHtml(results, { generatedAt: '' }), {
      title: reportTitle(results),
      headerText: reportHeaderText(results),
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const r of results.requirements) expect(text).toContain(r.id);
    expect(text).toContain('Page 1 of');
    expect(text).toContain('cis-aws-foundations 5.0.0 · production (111122223333) · collected 2026-09-30');
    expect(text).toContain('NOT EVALUATED');

    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
    expect(info).toMatch(/^Title:\s+CIS Amazon Web Services Foundations Benchmark v5\.0\.0$/m);
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
  });

  it('turns a Chromium that does not start into RENDER_FAILED', async () => {
    const notABrowser = fakeExecutable(dir, 'not-chromium');
    await expect(renderPdf('<p>x</p>', { title: 't', headerText: 'h', executablePath: notABrowser })).rejects.toMatchObject({
      code: 'RENDER_FAILED',
      message: expect.stringContaining(`${notABrowser}: Chromium did not start`) as unknown,
    });
  });
});

describe('findChromium', () => {
  it('throws CHROMIUM_MISSING with the install hint when PUPPETEER_EXECUTABLE_PATH points nowhere', () => {
    const error = thrown(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: join(dir, 'missing-chrome'), PATH: '' }));
    expect(error.code).toBe('CHROMIUM_MISSING');
    expect(error.message).toContain(`PUPPETEER_EXECUTABLE_PATH: ${join(dir, 'missing-chrome')} is not an executable file.`);
    expect(error.message).toContain('Install it with "sudo apt-get install chromium".');
  });

  it('throws CHROMIUM_MISSING when nothing is set and no Chromium is on PATH', () => {
    const error = thrown(() => findChromium({ PATH: '' }, []));
    expect(error.code).toBe('CHROMIUM_MISSING');
    expect(error.message).toBe(
      'No Chromium found (checked PUPPETEER_EXECUTABLE_PATH, chromium, google-chrome). Install it with "sudo apt-get install chromium".',
    );
  });

  it('prefers PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then PATH', () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    const onPath = fakeExecutable(bin, 'google-chrome');
    const explicit = fakeExecutable(bin, 'my-chrome');
    const chromePath = fakeExecutable(bin, 'chrome-path');
    expect(findChromium({ PATH: bin }, [])).toBe(onPath);
    expect(findChromium({ PATH: bin, CHROME_PATH: chromePath }, [])).toBe(chromePath);
    expect(findChromium({ PATH: bin, CHROME_PATH: chromePath, PUPPETEER_EXECUTABLE_PATH: explicit }, [])).toBe(explicit);
  });

  it('skips files on PATH that are not executable and falls back to the given folders', () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(bin, 'chromium'), 'not executable');
    const fallback = mkdtempSync(join(dir, 'usr-bin-'));
    const chromium = fakeExecutable(fallback, 'chromium-browser');
    expect(findChromium({ PATH: bin }, [fallback])).toBe(chromium);
  });
});

describe('renderPdf: long text is wrapped, never clipped', () => {
  it('prints every word of a multi-page justification and every character of a long unbroken token', async () => {
    // No hyphen in it: pdftotext drops a hyphen that ends a line.
    const token = `https://wiki.acme.example/${'complianceevidence0123'.repeat(30)}ENDOFTOKEN`;
    const words = Array.from({ length: 2500 }, (_, i) => `word${i}`).join(' ');
    const justification = `Start ${token} ${words} FINALWORD`;
    const base = buildResults();
    const manual = base.requirements.find((r) => r.assessment === 'manual');
    if (!manual) throw new Error('the results builder has no manual requirement');
    const results = {
      ...base,
      requirements: base.requirements.map((r) =>
        r === manual
          ? {
              ...r,
              status: 'PASS' as const,
              attestations: [
                {
                  result: 'pass' as const,
                  attestedBy: 'Dana Smith',
                  role: 'CISO',
                  date: '2026-09-01',
                  expires: '2027-09-01',
                  justification,
                  evidence: [],
                },
              ],
            }
          : r,
      ),
    };
    const pdf = await renderPdf(renderHtml(results, { generatedAt: '' }), {
      title: reportTitle(results),
      headerText: reportHeaderText(results),
    });
    const file = join(dir, 'long.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    // Lines break anywhere inside a token; joined without white space and without the running
    // header and footer of the pages it spans, the text must be all there.
    const header = reportHeaderText(results).replace(/\s+/g, '');
    const joined = text
      .replace(/\s+/g, '')
      .replace(/Page\d+of\d+/g, '')
      .split(header)
      .join('');
    expect(joined).toContain(token);
    expect(joined).toContain(words.replace(/\s+/g, ''));
    expect(joined).toContain('FINALWORD');
  }, 120_000);
});
