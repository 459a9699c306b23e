import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/define-check.js';
import type { FindingSet } from '../../src/evaluate/findings.js';
import { findChromium } from '../../src/report/pdf.js';
import { renderHtml } from '../../src/report/render-html.js';
import { orgResults } from '../helpers/org-results.js';

// The HTML report of a three-account organisation in a real Chromium: what an auditor does with it.

interface Row {
  status: string;
  resource: string;
  account: string;
  region: string;
  reason: string;
  evidence: { text: string; href: string; title: string }[];
}

describe('the organisation HTML report in a browser', () => {
  let browser: Browser;
  let dir: string;
  let org: Awaited<ReturnType<typeof orgResults>>;
  let documentUrl: string;
  /** Each distinct finding set once, in page order, with its findings read into memory (small org). */
  let runs: { set: FindingSet; findings: Finding[]; requirement: string }[];
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-html-browser-'));
    org = await orgResults({ accounts: 3, users: 20, sgs: 30 });
    html = renderHtml(org.results, { generatedAt: '2026-10-01T09:00:00Z', evidence: org.bundle.manifest.files });
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    documentUrl = pathToFileURL(file).href;
    const seen = new Map<FindingSet, { set: FindingSet; findings: Finding[]; requirement: string }>();
    for (const requirement of org.results.requirements) {
      for (const check of requirement.checks) {
        if (!seen.has(check.findings))
          seen.set(check.findings, { set: check.findings, findings: [...check.findings.read()], requirement: requirement.id });
      }
    }
    runs = [...seen.values()];
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    org?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The project compiles without the DOM library, so code that runs in the page is written as text.

  /** Evaluates a JavaScript expression in the page. */
  const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

  /** Records CSP violations in the page; injected by the DevTools protocol, so the page's CSP does not apply to it. */
  const RECORD_VIOLATIONS = `
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`;

  /** A fresh page on the report, with every request, error and CSP violation recorded. */
  async function open(
    url = documentUrl,
  ): Promise<{ page: Page; requests: string[]; errors: string[]; violations: () => Promise<string[]> }> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const requests: string[] = [];
    const errors: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      requests.push(request.url());
      if (request.url() === url) void request.continue();
      else void request.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.evaluateOnNewDocument(RECORD_VIOLATIONS);
    await page.goto(url, { waitUntil: 'load' });
    return {
      page,
      requests,
      errors,
      violations: () => inPage<string[]>(page, 'window.cspViolations'),
    };
  }

  async function ready(page: Page): Promise<void> {
    await page.waitForFunction(`document.documentElement.dataset.findings === 'ready'`);
  }

  const filterVersion = (page: Page): Promise<number> => inPage<number>(page, 'Number(document.documentElement.dataset.filterVersion)');

  /** Runs a toolbar action and waits until the filter has been applied again. */
  async function filtered(page: Page, action: () => Promise<unknown>): Promise<void> {
    const before = await filterVersion(page);
    await action();
    await page.waitForFunction(`Number(document.documentElement.dataset.filterVersion) > ${before}`);
  }

  async function summaryCounts(page: Page): Promise<{ matching: number; total: number; text: string }> {
    return inPage(
      page,
      `(() => {
        const p = document.getElementById('filter-summary');
        return { matching: Number(p.dataset.matching), total: Number(p.dataset.total), text: p.textContent };
      })()`,
    );
  }

  /** The rows of the visible finding tables (open and in a shown requirement). */
  async function visibleRows(page: Page, within = 'main'): Promise<Row[]> {
    return inPage(
      page,
      `[...document.querySelector(${JSON.stringify(within)}).querySelectorAll('details[open] table.findings tbody tr')]
        .filter((tr) => !tr.closest('[hidden]') && tr.children.length === 5)
        .map((tr) => {
          const cells = [...tr.children];
          const where = cells[2].querySelectorAll('span');
          return {
            status: cells[0].textContent,
            resource: cells[1].textContent,
            account: where[0].textContent,
            region: where[1].textContent,
            reason: cells[3].textContent,
            evidence: [...cells[4].querySelectorAll('a')].map((a) => ({ text: a.textContent, href: a.getAttribute('href'), title: a.title })),
          };
        })`,
    );
  }

  /** How many rows the tables under `selector` hold, shown or not. */
  const rowCount = (page: Page, selector: string): Promise<number> =>
    inPage(page, `document.querySelectorAll(${JSON.stringify(`${selector} tbody tr`)}).length`);

  async function openTable(page: Page, slot: string): Promise<void> {
    await page.click(`${slot} summary`);
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(`${slot} tbody tr`)}).length > 0`);
  }

  /** Text of the first element matching `selector`, or a computed style property of it. */
  const textAt = (page: Page, selector: string): Promise<string> =>
    inPage(page, `document.querySelector(${JSON.stringify(selector)}).textContent`);
  const displayOf = (page: Page, selector: string): Promise<string> =>
    inPage(page, `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).display`);

  const requirementSelector = (id: string): string => `#req-${id.replace(/\./g, '\\.')}`;

  it('loads with no request but the document, no error and no CSP violation, and counts every finding', async () => {
    const { page, requests, errors, violations } = await open();
    await ready(page);
    expect(requests).toEqual([documentUrl]);
    expect(errors).toEqual([]);
    expect(await violations()).toEqual([]);

    const total = runs.reduce((n, r) => n + r.set.counts.total, 0);
    expect(total).toBeGreaterThan(1000);
    const summary = await summaryCounts(page);
    expect(summary).toMatchObject({ matching: total, total });
    expect(summary.text).toContain(`${total.toLocaleString('en-US')} findings`);
    // Each check's table is closed and names the check's own count.
    const counts = await inPage<{ run: number; shown: number; open: boolean }[]>(
      page,
      `[...document.querySelectorAll('.findings-slot')].map((slot) => ({
        run: Number(slot.dataset.run),
        shown: Number(slot.querySelector('summary').dataset.matching),
        open: slot.querySelector('details').open,
      }))`,
    );
    expect(counts.length).toBeGreaterThan(runs.length);
    for (const { run, shown, open } of counts) {
      expect(shown).toBe(runs[run]?.set.counts.total);
      expect(open).toBe(false);
    }
    expect(await rowCount(page, 'table.findings')).toBe(0);
    await page.close();
  });

  it('runs no script whose text changed after rendering', async () => {
    const tampered = join(dir, 'tampered.html');
    writeFileSync(tampered, html.replace("'use strict';", "'use strict'; "));
    const { page, violations } = await open(pathToFileURL(tampered).href);
    expect(await violations()).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await inPage(page, 'document.documentElement.dataset.findings')).toBeUndefined();
    await page.close();
  });

  it('renders a table page by page when a check is opened, citing evidence by number with its hash', async () => {
    const { page } = await open();
    await ready(page);
    const biggest = runs.reduce((a, b) => (b.set.counts.total > a.set.counts.total ? b : a));
    const slot = `${requirementSelector(biggest.requirement)} .findings-slot[data-run="${runs.indexOf(biggest)}"]`;
    await openTable(page, slot);
    const first = await visibleRows(page, slot);
    expect(first).toHaveLength(25);
    expect(await textAt(page, `${slot} .pager-position`)).toBe(`Rows 1–25 of ${biggest.set.counts.total}`);
    // Status order: failures first, otherwise the check's order.
    const expected = [...biggest.findings].sort(
      (a, b) => ['FAIL', 'NOT_EVALUATED', 'PASS'].indexOf(a.status) - ['FAIL', 'NOT_EVALUATED', 'PASS'].indexOf(b.status),
    );
    expect(first.map((r) => r.resource)).toEqual(expected.slice(0, 25).map((f) => f.resource));
    expect(first.map((r) => r.status)).toEqual(expected.slice(0, 25).map((f) => f.status.replace('_', ' ')));
    const evidence = first[0]?.evidence[0];
    const cited = expected[0]?.evidence[0];
    const n = Number(evidence?.text.slice(1));
    expect(evidence).toEqual({ text: `E${n}`, href: `#evidence-${n}`, title: `sha256 ${cited?.sha256}` });
    expect(await textAt(page, `#evidence-${n} .path`)).toBe(cited?.path);

    await page.click(`${slot} .pager-next`);
    expect((await visibleRows(page, slot)).map((r) => r.resource)).toEqual(expected.slice(25, 50).map((f) => f.resource));
    await page.click(`${slot} .pager-more`);
    expect(await visibleRows(page, slot)).toHaveLength(Math.min(125, biggest.set.counts.total - 25));
    // Closed, a table gives its rows back.
    await page.click(`${slot} summary`);
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(`${slot} tbody tr`)}).length === 0`);
    await page.close();
  });

  it('shows only the failures of one account when filtered by FAIL and that account', async () => {
    const { page } = await open();
    await ready(page);
    const account = org.results.bundle.accounts[1]?.id ?? '';
    await filtered(page, () => page.click('#toolbar input[value="P"]'));
    await filtered(page, () => page.click('#toolbar input[value="N"]'));
    await filtered(page, () => page.select('#filter-account', account));

    const expected = runs.reduce((n, r) => n + (r.set.byAccount.get(account)?.FAIL ?? 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(await summaryCounts(page)).toMatchObject({ matching: expected, total: runs.reduce((n, r) => n + r.set.counts.total, 0) });
    const rows = await visibleRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ status: 'FAIL', account });
    // Requirements without such a finding are hidden; those with one say how many match.
    for (const requirement of org.results.requirements) {
      const matching = [...new Set(requirement.checks.map((c) => c.findings))].reduce(
        (n, s) => n + (s.byAccount.get(account)?.FAIL ?? 0),
        0,
      );
      const shown = await inPage<{ hidden: boolean; note: number }>(
        page,
        `(() => {
          const article = document.getElementById(${JSON.stringify(`req-${requirement.id}`)});
          return { hidden: article.hidden, note: Number(article.querySelector('.req-matches').dataset.matching) };
        })()`,
      );
      expect(shown.hidden).toBe(matching === 0);
      if (matching > 0) expect(shown.note).toBe(matching);
    }
    await page.close();
  });

  it('finds by free text a resource that is on no page shown, and shows its row', async () => {
    const { page } = await open();
    await ready(page);
    // The last security group of the last account and region: far past the first page of its table.
    const biggest = runs.reduce((a, b) => (b.set.counts.total > a.set.counts.total ? b : a));
    const target = biggest.findings.filter((f) => f.status === 'PASS').at(-1);
    if (!target) throw new Error('no passing finding');
    const slot = `${requirementSelector(biggest.requirement)} .findings-slot[data-run="${runs.indexOf(biggest)}"]`;
    await openTable(page, slot);
    expect((await visibleRows(page)).map((r) => r.resource)).not.toContain(target.resource);

    const query = target.resource.split('/').at(-1)?.toUpperCase() ?? '';
    await filtered(page, () => page.type('#filter-text', query));
    const lower = query.toLowerCase();
    const expected = runs
      .flatMap((r) => r.findings)
      .filter((f) => f.resource.toLowerCase().includes(lower) || f.reason.toLowerCase().includes(lower));
    expect(expected.length).toBeGreaterThan(0);
    expect((await summaryCounts(page)).matching).toBe(expected.length);
    const rows = await visibleRows(page);
    expect(rows.map((r) => r.resource)).toContain(target.resource);
    expect(rows).toHaveLength(expected.length);
    await page.close();
  });

  it('sorts the rows by resource, account or region', async () => {
    const { page } = await open();
    await ready(page);
    const biggest = runs.reduce((a, b) => (b.set.counts.total > a.set.counts.total ? b : a));
    const slot = `${requirementSelector(biggest.requirement)} .findings-slot[data-run="${runs.indexOf(biggest)}"]`;
    await openTable(page, slot);
    const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

    await filtered(page, () => page.select('#filter-sort', 'resource'));
    const byResource = [...biggest.findings].map((f) => f.resource).sort(order);
    expect((await visibleRows(page, slot)).map((r) => r.resource)).toEqual(byResource.slice(0, 25));

    await filtered(page, () => page.select('#filter-sort', 'region'));
    const regions = (await visibleRows(page, slot)).map((r) => r.region);
    expect(regions).toEqual([...regions].sort(order));
    expect(regions[0]).toBe([...new Set(biggest.findings.map((f) => f.region))].sort(order)[0]);

    await filtered(page, () => page.select('#filter-sort', 'account'));
    const accounts = (await visibleRows(page, slot)).map((r) => r.account);
    expect(accounts).toEqual([...accounts].sort(order));
    await page.close();
  });

  it('narrows to one section and one region', async () => {
    const { page } = await open();
    await ready(page);
    await filtered(page, () => page.select('#filter-section', '5'));
    const inSection = org.results.requirements.filter((r) => r.section === '5' || r.section.startsWith('5.'));
    const sets = [...new Set(inSection.flatMap((r) => r.checks.map((c) => c.findings)))];
    const total = sets.reduce((n, s) => n + s.counts.total, 0);
    expect(await summaryCounts(page)).toMatchObject({ matching: total, total });
    const shown = await inPage<string[]>(
      page,
      `[...document.querySelectorAll('article.requirement')].filter((a) => !a.hidden).map((a) => a.id)`,
    );
    expect(shown).toEqual(inSection.map((r) => `req-${r.id}`));

    await filtered(page, () => page.select('#filter-region', 'us-east-1'));
    const expected = sets.flatMap((s) => [...s.read()]).filter((f) => f.region === 'us-east-1').length;
    expect((await summaryCounts(page)).matching).toBe(expected);
    const rows = await visibleRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.region).toBe('us-east-1');
    await page.close();
  });

  it('shows an account from the account summary, and clears back to every finding', async () => {
    const { page } = await open();
    await ready(page);
    const account = org.results.summary.accounts?.[2];
    if (!account) throw new Error('no account summary');
    await filtered(page, () => page.click(`button.account-view[data-account="${account.id}"]`));
    expect(await inPage(page, `document.getElementById('filter-account').value`)).toBe(account.id);
    const expected = runs.reduce((n, r) => n + (r.set.byAccount.get(account.id)?.total ?? 0), 0);
    expect((await summaryCounts(page)).matching).toBe(expected);
    for (const row of await visibleRows(page)) expect(row.account).toBe(account.id);

    await filtered(page, () => page.click('#filter-clear'));
    const total = runs.reduce((n, r) => n + r.set.counts.total, 0);
    expect(await summaryCounts(page)).toMatchObject({ matching: total, total });
    expect(await inPage(page, `document.querySelectorAll('details[open]').length`)).toBe(0);
    await page.close();
  });

  it('prints to PDF with the open tables as shown', async () => {
    const { page } = await open();
    await ready(page);
    await filtered(page, () => page.click('#toolbar input[value="P"]'));
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await displayOf(page, '#toolbar')).not.toBe('none');
    await page.emulateMediaType('print');
    expect(await displayOf(page, '#toolbar')).toBe('none');
    expect(await displayOf(page, '.print-note')).toBe('block');
    await page.close();
  });
});
