import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
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
const RENDER_TIMEOUT_MS = 60_000;

/**
 * Prints report HTML to an A4 PDF with headless Chromium. Every request other than data: and
 * about: is aborted, so printing never touches the network.
 */
export async function renderPdf(html: string, options: RenderPdfOptions): Promise<Buffer> {
  const executablePath = options.executablePath ?? findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'auditpack-chromium-'));
  let browser: Browser | undefined;
  try {
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
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
    await browser?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  }
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
