import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/define-check.js';
import { toFindingSets } from '../../src/evaluate/findings.js';
import type { RequirementResult, Results } from '../../src/evaluate/results.js';
import type { AppliedException } from '../../src/exceptions/exceptions.js';
import { findChromium, renderPdfDocument } from '../../src/report/pdf.js';
import { renderHtml } from '../../src/report/render-html.js';
import { exceptionsView, findingsTally } from '../../src/report/view-common.js';
import { ACCOUNT, buildResults, fakeSha256, XSS_IMG, XSS_SCRIPT } from '../helpers/results-builder.js';

// Accepted risks in the reports: a FAIL an exception covers is shown as EXCEPTED (never PASS),
// counted apart, and every exception in force is listed, the stale ones said to be so.

const EXCEPTED_RESOURCE = `arn:aws:iam::${ACCOUNT}:user/${XSS_SCRIPT}`;
const EXCEPTED_REASON = 'access key 1 is 204 days old (limit 90)';
const JUSTIFICATION = `Batch user ${XSS_SCRIPT} rotates its key with the half-yearly release ${XSS_IMG}`;

const USED: AppliedException = {
  id: 'EXC-2026-007',
  framework: 'cis-aws-foundations',
  version: '5.0.0',
  requirement: '1.13',
  appliesTo: '1.13',
  account: ACCOUNT,
  resource: `arn:aws:iam::${ACCOUNT}:user/<script>*`,
  justification: JUSTIFICATION,
  approvedBy: 'Dana Smith (CISO)',
  approvedOn: '2026-07-01',
  expires: '2027-01-01',
  ticket: 'RISK-1142',
  sha256: fakeSha256('EXC-2026-007'),
  matched: 1,
};

const STALE: AppliedException = {
  id: 'EXC-2026-011',
  framework: 'cis-aws-foundations',
  version: '7.0.0',
  requirement: '6.3',
  appliesTo: '5.3',
  resource: 'arn:aws:ec2:*:*:security-group/sg-legacy*',
  justification: 'Legacy bastion kept until the SSM migration finishes in Q1 2027.',
  approvedBy: 'Lee Park (Head of IT)',
  approvedOn: '2026-06-15',
  expires: '2026-12-31',
  sha256: fakeSha256('EXC-2026-011'),
  matched: 0,
};

/** buildResults with one FAIL finding of 1.13 covered by an exception, and two exceptions in force (one stale). */
function exceptedResults(): Results {
  const results = buildResults();
  const requirements = results.requirements.map((r): RequirementResult => {
    if (r.id !== '1.13') return r;
    return {
      ...r,
      statusReason: '2 of 4 findings fail, 1 of them accepted risks (exceptions).',
      checks: r.checks.map((c) => ({
        ...c,
        findings: c.findings.map((f): Finding =>
          f.resource === EXCEPTED_RESOURCE ? { ...f, exception: { id: USED.id, approvedBy: USED.approvedBy, expires: USED.expires } } : f,
        ),
      })),
    };
  });
  return { ...results, requirements, exceptions: [STALE, USED].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

/** Text as a reader sees it: tags dropped, the entities Handlebars writes decoded, white space squeezed. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The HTML from `id="…"` to the end of its section. */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no element with id ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

interface Segment {
  run: number;
  n: number;
  res: (number | string)[];
  s: string;
  r: number[];
  xt?: [string, string, string][];
  x?: number[];
}

/** Every finding of the data block as [status letter, resource, exception id or ''], decoded as report.js does. */
function decodedRows(html: string): [string, string, string][] {
  const text = /<script type="application\/json" id="findings-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '[]';
  const [, ...segments] = JSON.parse(text) as [unknown, ...Segment[]];
  const resources: string[] = [];
  const exceptions: [string, string, string][] = [];
  const rows: [string, string, string][] = [];
  for (const segment of segments) {
    for (let i = 0; i < segment.res.length; i += 2) {
      resources.push((resources.at(-1) ?? '').slice(0, Number(segment.res[i])) + String(segment.res[i + 1]));
    }
    exceptions.push(...(segment.xt ?? []));
    const covering: number[] = [];
    const x = segment.x ?? [];
    for (let i = 0; i < x.length; i += 2) for (let k = 0; k < (x[i + 1] ?? 0); k++) covering.push(x[i] ?? 0);
    let resource = 0;
    for (let i = 0; i < segment.n; i++) {
      resource += segment.r[i] ?? 0;
      rows.push([segment.s[i] ?? '', resources[resource] ?? '', exceptions[(covering[i] ?? 0) - 1]?.[0] ?? '']);
    }
  }
  return rows;
}

describe('findingsTally and exceptionsView', () => {
  it('counts excepted failures apart, inside FAIL', () => {
    expect(findingsTally({ PASS: 32, FAIL: 4, NOT_EVALUATED: 0, total: 36 }, 1)).toBe('36 findings: 4 FAIL (1 EXCEPTED), 32 PASS');
    expect(findingsTally({ PASS: 1, FAIL: 1, NOT_EVALUATED: 1, total: 3 })).toBe('3 findings: 1 FAIL, 1 NOT EVALUATED, 1 PASS');
    expect(findingsTally({ PASS: 0, FAIL: 0, NOT_EVALUATED: 0, total: 0 })).toBe('no findings');
  });

  it('lists every exception, the mapped one with its origin and the stale one as such; nothing without exceptions', () => {
    const view = exceptionsView(exceptedResults());
    expect(view).toMatchObject({ count: 2, excepted: 1, stale: 1 });
    expect(view?.summary).toBe('2 exceptions in force cover 1 failing finding; 1 matched nothing (stale).');
    expect(view?.rows.map((r) => [r.id, r.requirement, r.mappedFrom, r.account, r.matchedText])).toEqual([
      ['EXC-2026-007', '1.13', undefined, ACCOUNT, '1 failing finding'],
      ['EXC-2026-011', '5.3', 'mapped from 7.0.0 6.3', 'any', 'matched nothing (stale)'],
    ]);
    expect(exceptionsView(buildResults())).toBeUndefined();
    expect(exceptionsView({ ...buildResults(), exceptions: [] })).toBeUndefined();
  });
});

describe('exceptions in the HTML report', () => {
  const html = renderHtml(exceptedResults(), { generatedAt: '2026-10-01T09:00:00Z' });

  it('gives the covered failure its own status in the data, with its exception; other findings keep theirs', () => {
    const rows = decodedRows(html);
    const excepted = rows.filter(([status]) => status === 'E');
    expect(excepted).toEqual([['E', EXCEPTED_RESOURCE, USED.id]]);
    expect(rows.filter(([, , exception]) => exception !== '')).toHaveLength(1);
    expect(rows.find(([, resource]) => resource === `arn:aws:iam::${ACCOUNT}:user/ci${XSS_IMG}`)?.[0]).toBe('F');
  });

  it('counts excepted failures apart in check tallies and overall, and offers an EXCEPTED filter', () => {
    const text = textOf(html);
    expect(text).toContain('4 findings: 2 FAIL (1 EXCEPTED), 2 PASS');
    expect(text).toMatch(/every finding \(\d+: \d+ FAIL \(1 EXCEPTED\), \d+ NOT EVALUATED, \d+ PASS\)/);
    expect(html).toContain('<input type="checkbox" name="status" value="E" checked> EXCEPTED</label>');
    // Without exceptions there is nothing to filter.
    expect(renderHtml(buildResults(), { generatedAt: '' })).not.toContain('value="E"');
  });

  it('lists both exceptions, the stale one said to be so, in a section linked from Contents and from Scope and method', () => {
    const section = textOf(sectionHtml(html, 'exceptions'));
    expect(section).toContain('Exceptions (accepted risks)');
    expect(section).toContain('2 exceptions in force cover 1 failing finding; 1 matched nothing (stale).');
    expect(section).toContain(`EXC-2026-007 ticket RISK-1142 sha256 ${USED.sha256.slice(0, 12)}`);
    expect(section).toContain(`account ${ACCOUNT} ${USED.resource}`);
    expect(section).toContain('by Dana Smith (CISO) on 2026-07-01, expires 2027-01-01 1 failing finding');
    expect(section).toContain('EXC-2026-011');
    expect(section).toContain('5.3 mapped from 7.0.0 6.3');
    expect(section).toContain('any account arn:aws:ec2:*:*:security-group/sg-legacy*');
    expect(section).toContain('expires 2026-12-31 matched nothing (stale)');
    expect(sectionHtml(html, 'exceptions')).toContain(`title="sha256 ${STALE.sha256}"`);
    expect(textOf(sectionHtml(html, 'scope'))).toContain('Exceptions in force 2 (see Exceptions)');
    expect(sectionHtml(html, 'contents')).toContain('<a href="#exceptions">Exceptions (accepted risks)</a>');
    // After Scope and method, before the requirements.
    expect(html.indexOf('id="exceptions"')).toBeGreaterThan(html.indexOf('id="scope"'));
    expect(html.indexOf('id="exceptions"')).toBeLessThan(html.indexOf('id="requirements"'));
  });

  it('leaves the section out without exceptions, and says none in Scope and method', () => {
    const plain = renderHtml(buildResults(), { generatedAt: '' });
    expect(plain).not.toContain('id="exceptions"');
    expect(textOf(plain)).not.toContain('Exceptions (accepted risks)');
    expect(textOf(sectionHtml(plain, 'scope'))).toContain('Exceptions in force none');
  });

  it('keeps attacker strings in the justification escaped', () => {
    const section = sectionHtml(html, 'exceptions');
    expect(section).not.toContain(XSS_SCRIPT);
    expect(section).not.toContain('<img');
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(textOf(section)).toContain(JUSTIFICATION);
  });
});

describe('exceptions in the HTML report, in a browser', () => {
  let browser: Browser;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-exceptions-html-'));
    writeFileSync(join(dir, 'report.html'), renderHtml(exceptedResults(), { generatedAt: '2026-10-01T09:00:00Z' }));
    url = pathToFileURL(join(dir, 'report.html')).href;
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

  /** The rows of check 1.13's open table: status, its colour class and title, resource, reason cell. */
  const rowsOf113 = (page: Page): Promise<{ status: string; className: string; title: string; resource: string; reason: string }[]> =>
    inPage(
      page,
      `[...document.querySelectorAll('#req-1\\\\.13 table.findings tbody tr')].filter((tr) => tr.children.length === 5).map((tr) => ({
        status: tr.children[0].textContent,
        className: tr.children[0].firstChild.className,
        title: tr.children[0].firstChild.title,
        resource: tr.children[1].textContent,
        reason: tr.children[3].textContent,
      }))`,
    );

  async function filtered(page: Page, action: () => Promise<unknown>): Promise<void> {
    const before = await inPage<number>(page, 'Number(document.documentElement.dataset.filterVersion)');
    await action();
    await page.waitForFunction(`Number(document.documentElement.dataset.filterVersion) > ${before}`);
  }

  it('shows the covered failure as EXCEPTED with its exception, filters it apart and finds it by exception id', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(`document.documentElement.dataset.findings === 'ready'`);
    await page.click('#req-1\\.13 .findings-summary');
    await page.waitForFunction(`document.querySelectorAll('#req-1\\\\.13 table.findings tbody tr').length === 4`);

    const rows = await rowsOf113(page);
    // Status order: FAIL, NOT EVALUATED, EXCEPTED, PASS.
    expect(rows.map((r) => r.status)).toEqual(['FAIL', 'EXCEPTED', 'PASS', 'PASS']);
    const excepted = rows[1];
    expect(excepted).toMatchObject({
      className: 'badge badge-small status-excepted',
      title: `FAIL, an accepted risk: exception ${USED.id}`,
      resource: EXCEPTED_RESOURCE,
      reason: `${EXCEPTED_REASON}Accepted risk ${USED.id}, approved by ${USED.approvedBy}, until ${USED.expires}`,
    });
    // Its own colour, not the green of PASS.
    const colours = await inPage<{ excepted: string; pass: string }>(
      page,
      `({ excepted: getComputedStyle(document.querySelector('#req-1\\\\.13 .status-excepted')).backgroundColor,
          pass: getComputedStyle(document.querySelector('#req-1\\\\.13 tbody .status-pass')).backgroundColor })`,
    );
    expect(colours.excepted).not.toBe(colours.pass);

    await filtered(page, () => page.click('#toolbar input[value="E"]'));
    expect((await rowsOf113(page)).map((r) => r.status)).toEqual(['FAIL', 'PASS', 'PASS']);
    await filtered(page, () => page.click('#toolbar input[value="E"]'));
    await filtered(page, async () => {
      await page.type('#filter-text', USED.id.toLowerCase());
      await page.keyboard.press('Enter');
    });
    expect(await inPage<string>(page, `document.getElementById('filter-summary').dataset.matching`)).toBe('1');
    expect((await rowsOf113(page)).map((r) => r.status)).toEqual(['EXCEPTED']);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('exceptions in the PDF document', () => {
  let dir: string;
  let pdf: Buffer;
  let pages: string[];
  /** Text in content-stream order (each table cell whole), white space squeezed out. */
  let raw: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-exceptions-pdf-'));
    pdf = await renderPdfDocument(toFindingSets(exceptedResults()), { generatedAt: '2026-10-01T09:00:00Z' });
    writeFileSync(join(dir, 'report.pdf'), pdf);
    pages = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).split('\f');
    raw = execFileSync('/usr/bin/pdftotext', ['-raw', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })
      .replace(/\s+/g, '')
      .replace(/Page\d+of\d+/g, '');
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const squeeze = (text: string): string => text.replace(/\s+/g, '');

  it('shows the covered failure as EXCEPTED, with the exception in the reason cell; the other failure stays FAIL', () => {
    // Two rows of one account and region share a table that names each row's account and region.
    const where = `production (${ACCOUNT}) · global`;
    expect(raw).toContain(
      squeeze(`EXCEPTED ${EXCEPTED_RESOURCE} ${where} accepted risk ${USED.id} until ${USED.expires}: ${EXCEPTED_REASON}`),
    );
    expect(raw).toContain(squeeze(`FAIL arn:aws:iam::${ACCOUNT}:user/ci${XSS_IMG} ${where} access key 1 is 91 days old`));
    expect(raw).not.toContain(squeeze(`PASS${EXCEPTED_RESOURCE}`));
  });

  it('counts excepted failures apart in the tallies', () => {
    expect(raw).toContain(squeeze('4 findings: 2 FAIL (1 EXCEPTED), 2 PASS'));
    expect(raw).toContain(squeeze('1 of 2 FAIL findings is an accepted risk, shown as EXCEPTED'));
  });

  it('lists both exceptions in a section before the sign-off, the stale one said to be so, with full SHA-256', () => {
    const start = raw.lastIndexOf('Exceptions(acceptedrisks)2exceptions');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(raw.lastIndexOf('Sign-offItcovers'));
    expect(start).toBeGreaterThan(raw.lastIndexOf('Scopeandmethod'));
    const section = raw.slice(start, raw.lastIndexOf('Sign-offItcovers'));
    expect(section).toContain(squeeze('2 exceptions in force cover 1 failing finding; 1 matched nothing (stale).'));
    expect(section).toContain(squeeze(`Exception ${USED.id} · ticket RISK-1142`));
    expect(section).toContain(squeeze(`Account ${ACCOUNT}`));
    expect(section).toContain(squeeze(`Resource ${USED.resource}`));
    expect(section).toContain(squeeze(`Approved by ${USED.approvedBy} on 2026-07-01; expires 2027-01-01`));
    expect(section).toContain(squeeze('Covered 1 failing finding'));
    expect(section).toContain(`SHA-256${USED.sha256}`);
    expect(section).toContain(squeeze(`Requirement 5.3 (mapped from 7.0.0 6.3)`));
    expect(section).toContain(squeeze('Account any'));
    expect(section).toContain(squeeze('Covered matched nothing (stale)'));
    expect(section).toContain(`SHA-256${STALE.sha256}`);
    // Attacker strings are printed as text, not taken as markup.
    expect(section).toContain(squeeze(`Justification ${JUSTIFICATION}`));
    expect(squeeze(pages.join(''))).toContain(squeeze('Exceptions in force 2 (see Exceptions)'));
  });

  it('puts the section in the contents with its page number and in the outline', async () => {
    const contents = pages.find((p) => /^\s*Contents$/m.test(p)) ?? '';
    expect(contents).toMatch(/Exceptions \(accepted risks\)\s+\d+\s*$/m);
    const document = await PDFDocument.load(pdf);
    const titles: string[] = [];
    const outlines = document.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    for (let node = outlines.lookupMaybe(PDFName.of('First'), PDFDict); node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(node.lookup(PDFName.of('Title'), PDFHexString).decodeText());
    }
    expect(titles).toContain('Exceptions (accepted risks)');
    expect(titles.indexOf('Exceptions (accepted risks)')).toBe(titles.indexOf('Sign-off') - 1);
  });
});
