import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { FindingSet } from '../evaluate/findings.js';
import type { Results } from '../evaluate/results.js';
import { onInterrupt } from '../shared/cleanup.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { inspectPdf, joinPdfParts, type OutlineItem, type PartInfo } from './pdf-join.js';
import { PdfDocumentPlan, type PdfDocumentOptions } from './render-pdf.js';
import { reportHeaderText, reportTitle } from './view-common.js';

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;
const INSTALL_HINT = 'Install it with "sudo apt-get install chromium".';

/**
 * The Chromium to print with: PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, then the usual names on PATH
 * and in `fallbackDirs`. A variable that is set but points nowhere is an error, not skipped, so the
 * report is never printed by a different browser than the one asked for.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, fallbackDirs: readonly string[] = ['/usr/bin']): string {
  for (const variable of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (isExecutable(value)) return value;
    throw new AuditpackError(
      'CHROMIUM_MISSING',
      `${variable}: ${value} is not an executable file. Point it at a Chromium binary or unset it. ${INSTALL_HINT}`,
    );
  }
  const dirs = [...(env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...fallbackDirs];
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new AuditpackError(
    'CHROMIUM_MISSING',
    `No Chromium found (checked PUPPETEER_EXECUTABLE_PATH, chromium, google-chrome). ${INSTALL_HINT}`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Options for {@link renderPdfDocument}. */
export interface RenderPdfDocumentOptions extends PdfDocumentOptions {
  /** Defaults to {@link findChromium}. */
  executablePath?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/**
 * Renders results as the PDF document an auditor reads (render-pdf.ts builds it): printed in parts
 * with one Chromium, joined with pdf-lib with "Page X of Y" on every page, an outline of sections
 * and requirements, and metadata from the input alone (same input, same bytes). The contents page
 * numbers come from the named destinations Chromium writes for each heading of a part.
 */
export async function renderPdfDocument(results: Results<FindingSet>, options: RenderPdfDocumentOptions): Promise<Buffer> {
  const log = options.log ?? (() => undefined);
  const plan = new PdfDocumentPlan(results, options);
  const headerText = reportHeaderText(results);
  const printer = await openPdfPrinter(options.executablePath === undefined ? {} : { executablePath: options.executablePath });
  let parts: Buffer[];
  let outline: OutlineItem[];
  try {
    const print = async (html: string): Promise<{ pdf: Buffer; info: PartInfo }> => {
      const pdf = await printer.print(html, { headerText, pageNumbers: false, outline: false });
      return { pdf, info: await inspectPdf(pdf) };
    };
    const started = Date.now();
    const body: Buffer[] = [];
    const partOf = new Map<string, number>(); // mark → index of its part in the joined document (the front matter is 0)
    const pageOf = new Map<string, number>(); // mark → page counted from the first body page, 0-based
    let bodyPages = 0;
    for (const part of plan.parts()) {
      const { pdf, info } = await print(part.html);
      for (const mark of part.marks) {
        partOf.set(mark.dest, body.length + 1);
        pageOf.set(mark.dest, bodyPages + (info.destinations.get(mark.dest)?.page ?? 0));
      }
      body.push(pdf);
      bodyPages += info.pageCount;
      if (body.length % 5 === 0) log(`${bodyPages} pages printed (${body.length} parts)`);
    }
    // The contents page needs the front matter's own length: printed again until the length it assumed holds.
    let frontPages = 1;
    let front = plan.front(pageOf, frontPages);
    let printed = await print(front.html);
    for (let attempt = 0; attempt < 3 && printed.info.pageCount !== frontPages; attempt++) {
      frontPages = printed.info.pageCount;
      front = plan.front(pageOf, frontPages);
      printed = await print(front.html);
    }
    for (const mark of front.marks) partOf.set(mark.dest, 0);
    parts = [printed.pdf, ...body];
    outline = plan.outline(partOf);
    log(`${frontPages + bodyPages} pages printed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await printer.close();
  }
  // Joined once Chromium is gone, so the two never hold their memory at the same time.
  const date = new Date(options.generatedAt || results.bundle.finishedAt);
  return joinPdfParts(parts, {
    title: reportTitle(results),
    subject: headerText,
    producer: `${results.tool.name} ${results.tool.version}`,
    creator: `${results.tool.name} ${results.tool.version} (Chromium, pdf-lib)`,
    date: Number.isNaN(date.getTime()) ? new Date(0) : date,
    outline,
    footer: (n, total) => `Page ${n} of ${total}`,
  });
}

/** Options for {@link renderPdf}. */
export interface RenderPdfOptions {
  /** The PDF's document title. */
  title: string;
  /** Running header on every page: framework/version · account(s) · collection date. */
  headerText: string;
  /** Defaults to {@link findChromium}. */
  executablePath?: string;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LAUNCH_TIMEOUT_MS = 30_000;
/** Chromium adds `/org.chromium.Chromium.XXXXXX/SingletonSocket` (45 bytes) to TMPDIR; a socket path has at most 107. */
const MAX_CHROMIUM_TMPDIR = 60;
const RENDER_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Prints report HTML to an A4 PDF with headless Chromium. Every request other than data: and
 * about: is aborted, so printing never touches the network.
 */
export async function renderPdf(html: string, options: RenderPdfOptions): Promise<Buffer> {
  const printer = await openPdfPrinter(options.executablePath === undefined ? {} : { executablePath: options.executablePath });
  try {
    return await printer.print(html, { title: options.title, headerText: options.headerText, pageNumbers: true, outline: true });
  } finally {
    await printer.close();
  }
}

/** How {@link PdfPrinter.print} prints one document. */
export interface PrintOptions {
  /** Written as the document's title (Chromium takes the PDF's Title from it). */
  title?: string;
  /** Running header on every page. */
  headerText: string;
  /** Chromium's own "Page N of M" footer; off when the pages are numbered after joining. */
  pageNumbers: boolean;
  /**
   * Chromium's outline from the headings. It needs a tagged PDF, about ten times larger and
   * slower to print; documents printed in parts build their outline from named destinations instead.
   */
  outline: boolean;
}

/** One headless Chromium with one tab, reused for every document printed until {@link PdfPrinter.close}. */
export interface PdfPrinter {
  /** Prints one HTML document to an A4 PDF; the timeout applies to this document alone. */
  print(html: string, options: PrintOptions): Promise<Buffer>;
  /** Closes Chromium (killing it if it hangs) and deletes its profile directory. Call it in `finally`. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium for printing: JavaScript off, every request but data: and about:
 * aborted. Interrupted (Ctrl-C, SIGTERM) while it is open, its processes are killed and its profile
 * deleted. Errors are RENDER_FAILED.
 */
export async function openPdfPrinter(options: { executablePath?: string } = {}): Promise<PdfPrinter> {
  const executablePath = options.executablePath ?? findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'auditpack-chromium-'));
  const chromiumTemp = join(userDataDir, 'tmp');
  mkdirSync(chromiumTemp);
  let browser: Browser | undefined;
  // Ctrl-C, SIGTERM or an exit while Chromium runs: kill all of its processes and delete its profile.
  const forget = onInterrupt(() => stopChromium(browser, userDataDir));
  const close = async (): Promise<void> => {
    // A hung Chromium must not hang the run: close politely for a while, then kill.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      browser?.close().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    stopChromium(browser, userDataDir);
    forget();
  };
  let page: Page;
  try {
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
        // Chromium's own temporary files (shared memory, with --disable-dev-shm-usage) go inside
        // the profile directory, so deleting it leaves nothing behind even after a SIGKILL. Not when
        // that path is long: Chromium puts a socket there, and socket paths end at 107 bytes.
        ...(chromiumTemp.length <= MAX_CHROMIUM_TMPDIR ? { env: { ...process.env, TMPDIR: chromiumTemp } } : {}),
        timeout: LAUNCH_TIMEOUT_MS,
        // Chromium's stdin/stdout stay detached; closing is ours, in close().
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new AuditpackError(
        'RENDER_FAILED',
        `${executablePath}: Chromium did not start (${firstLine(messageOf(error))}). Check that it runs with "${executablePath} --headless --version", or set PUPPETEER_EXECUTABLE_PATH to another Chromium.`,
      );
    }
    try {
      page = await browser.newPage();
      page.setDefaultTimeout(RENDER_TIMEOUT_MS);
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('about:')) void request.continue();
        else void request.abort('blockedbyclient');
      });
    } catch (error) {
      throw printFailed(error);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    close,
    async print(html, printOptions) {
      try {
        await page.setContent(html, { waitUntil: 'load' });
        if (printOptions.title !== undefined) {
          // Chromium takes the PDF's Title from the document.
          await page.evaluate((title) => {
            (globalThis as unknown as { document: { title: string } }).document.title = title;
          }, printOptions.title);
        }
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(printOptions.headerText),
          footerTemplate: printOptions.pageNumbers ? FOOTER_TEMPLATE : NO_FOOTER,
          margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' },
          outline: printOptions.outline,
          tagged: printOptions.outline,
        });
        return Buffer.from(pdf);
      } catch (error) {
        throw printFailed(error);
      }
    },
  };
}

function printFailed(error: unknown): AuditpackError {
  if (error instanceof AuditpackError) return error;
  return new AuditpackError(
    'RENDER_FAILED',
    `Printing the report to PDF failed: ${firstLine(messageOf(error))}. The HTML report is unaffected; retry, or print the HTML from a browser.`,
  );
}

/**
 * Kills every Chromium process of one render and deletes its profile directory. Puppeteer starts
 * Chromium as the leader of its own process group, so the group is killed; processes that left it
 * (or a Chromium still starting, before its pid is known) are found by the profile directory on
 * their command line.
 */
export function stopChromium(browser: Browser | undefined, userDataDir: string): void {
  const child = browser?.process();
  // Only while the leader lives: once it has been reaped its pid (and group id) may be reused.
  const pid = child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  if (pid !== undefined) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (const other of processesUsing(userDataDir)) {
    try {
      process.kill(other, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/** Pids whose command line names `--user-data-dir=<dir>` (Linux /proc; none elsewhere). */
export function processesUsing(userDataDir: string): number[] {
  const flag = `--user-data-dir=${userDataDir}`;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // Processes forked from Chromium's zygote rewrite their command line as one space-separated string.
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(flag)) pids.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return pids;
}

// Header and footer templates are separate documents without the page's CSS; they need inline styles.
const EDGE_STYLE =
  "width:100%;padding:0 12mm;box-sizing:border-box;font-family:Arial,'Liberation Sans',sans-serif;font-size:9px;color:#59636e;";

function headerTemplate(text: string): string {
  return `<div style="${EDGE_STYLE}border-bottom:0.5px solid #d1d9e0;padding-bottom:2px;">${escapeHtml(text)}</div>`;
}

const FOOTER_TEMPLATE = `<div style="${EDGE_STYLE}text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;
// An empty template, not Chromium's default footer (the URL and date).
const NO_FOOTER = '<span></span>';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
