import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/report/pdf.js';
import { renderHtml } from '../../src/report/render-html.js';
import { buildResults } from '../helpers/results-builder.js';

describe('the HTML report in a browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-offline-'));
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no request but the document, no failure and no console error', async () => {
    const results = buildResults({ complete: false });
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(results, { generatedAt: '2026-10-01T09:00:00Z' }));
    const documentUrl = pathToFileURL(file).href;

    const page = await browser.newPage();
    const requests: string[] = [];
    const failed: string[] = [];
    const consoleErrors: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      requests.push(request.url());
      if (request.url() === documentUrl) void request.continue();
      else void request.abort();
    });
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    // Injected by the DevTools protocol, so the page's CSP does not apply to this listener. In-page
    // code is text: the project compiles without the DOM library.
    await page.evaluateOnNewDocument(`
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective));`);

    await page.goto(documentUrl, { waitUntil: 'load' });
    await page.waitForFunction(`document.documentElement.dataset.findings === 'ready'`);
    // Open every finding table: the XSS payloads in resource names are among the rows.
    await page.evaluate(`for (const details of document.querySelectorAll('details')) details.open = true;`);
    await page.waitForFunction(`[...document.querySelectorAll('details')].every((details) => details.querySelector('tbody tr'))`);

    expect(requests).toEqual([documentUrl]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    const text = await page.evaluate('document.body.innerText');
    expect(typeof text).toBe('string');
    for (const r of results.requirements) expect(text).toContain(r.id);
    // The XSS payloads in resource names stay text: no element but the page's own two scripts was created.
    expect(await page.evaluate('document.querySelectorAll("script, img, iframe, object, embed").length')).toBe(2);
    expect(await page.evaluate('document.querySelectorAll("[onerror], [onload]").length')).toBe(0);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(1)>');
    await page.close();
  });
});
