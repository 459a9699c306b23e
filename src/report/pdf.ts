import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { onInterrupt } from '../shared/cleanup.js';
import { AuditpackError, messageOf } from '../shared/errors.js';

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
  const executablePath = options.executablePath ?? findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'auditpack-chromium-'));
  const chromiumTemp = join(userDataDir, 'tmp');
  mkdirSync(chromiumTemp);
  let browser: Browser | undefined;
  // Ctrl-C, SIGTERM or an exit while Chromium runs: kill all of its processes and delete its profile.
  const forget = onInterrupt(() => stopChromium(browser, userDataDir));
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
        // Chromium's stdin/stdout stay detached; closing is ours, in finally.
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
      const page = await browser.newPage();
      page.setDefaultTimeout(RENDER_TIMEOUT_MS);
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('about:')) void request.continue();
        else void request.abort('blockedbyclient');
      });
      await page.setContent(html, { waitUntil: 'load' });
      // Chromium takes the PDF's Title from the document.
      await page.evaluate((title) => {
        (globalThis as unknown as { document: { title: string } }).document.title = title;
      }, options.title);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(options.headerText),
        footerTemplate: FOOTER_TEMPLATE,
        margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' },
        outline: true,
        tagged: true,
      });
      return Buffer.from(pdf);
    } catch (error) {
      if (error instanceof AuditpackError) throw error;
      throw new AuditpackError(
        'RENDER_FAILED',
        `Printing the report to PDF failed: ${firstLine(messageOf(error))}. The HTML report is unaffected; retry, or print the HTML from a browser.`,
      );
    }
  } finally {
    // A hung Chromium must not hang the run: close politely for a while, then kill.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      browser?.close().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    stopChromium(browser, userDataDir);
    forget();
  }
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
