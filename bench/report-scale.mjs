// Benchmark: `auditpack report` end to end on a generated organisation bundle, as a user runs it.
// Generates ACCOUNTS accounts (bench/generate-bundle.ts: USERS IAM users and SGS security groups
// per region, 2 regions), runs the built CLI (dist/, `npm run build`) with --format FORMATS, and
// prints wall time, peak memory of the whole process tree (node and every Chromium process; PSS,
// so pages shared between Chromium's processes count once), output sizes and PDF pages.
//   node bench/report-scale.mjs [ACCOUNTS=10] [FORMATS=html,pdf,json] [USERS=200] [SGS=500]
// CATALOG=<id or file> picks the catalog (default CIS v5.0.0, as issue #12 measured).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateBundle } from './generate-bundle.ts';

const [accountsArg = '10', formats = 'html,pdf,json', usersArg = '200', sgsArg = '500'] = process.argv.slice(2);
const accounts = Number(accountsArg);
const root = mkdtempSync(join(tmpdir(), 'auditpack-report-bench-'));
const bundleDir = join(root, 'bundle');
const out = join(root, 'out');
execFileSync('mkdir', [bundleDir]);
const g0 = performance.now();
const generated = generateBundle(bundleDir, { accounts, users: Number(usersArg), sgs: Number(sgsArg) });
const generatedMs = performance.now() - g0;

/** Every descendant pid of `pid` (from /proc/<pid>/stat's ppid field). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

/** Sum of PSS and of RSS (KiB) over a process tree. */
function treeMemory(pid) {
  let pss = 0;
  let rss = 0;
  let own = 0;
  for (const p of descendants(pid)) {
    try {
      const text = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      const mine = Number(/^Pss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
      pss += mine;
      if (p === pid) own = mine;
      rss += Number(/^Rss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return { pss, rss, own };
}

const t0 = performance.now();
const catalog = process.env.CATALOG ?? 'cis-aws-foundations-v5.0.0';
const child = spawn('scripts/auditpack', ['report', bundleDir, '--out', out, '--format', formats, '--catalog', catalog], {
  env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let peak = { pss: 0, rss: 0, own: 0 };
let nodePeak = 0;
const sampler = setInterval(() => {
  const m = treeMemory(child.pid);
  if (m.pss > peak.pss) peak = m;
  nodePeak = Math.max(nodePeak, m.own);
}, 100);
const phases = [];
child.stderr.setEncoding('utf8');
let pending = '';
child.stderr.on('data', (text) => {
  pending += text;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines)
    if (!/account \d+ done/.test(line) || /\((\d+)\/\1\)/.test(line))
      phases.push(`${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${line}`);
});
let stdout = '';
child.stdout.on('data', (text) => (stdout += text));
const code = await new Promise((resolve) => child.on('close', resolve));
clearInterval(sampler);
const seconds = (performance.now() - t0) / 1000;

const size = (name) => {
  try {
    return `${(statSync(join(out, name)).size / 1e6).toFixed(1)} MB`;
  } catch {
    return '—';
  }
};
let pages = '—';
try {
  pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(out, 'report.pdf')], { encoding: 'utf8' }))?.[1] ?? '?';
} catch {
  // no PDF
}
// The HTML as a reader opens it: Chromium loads the file, the page's script decodes the findings
// and marks the document ready; then a free-text search over every finding.
let interactive = '';
if (code === 0 && formats.split(',').includes('html')) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { findChromium } = await import('../dist/report/pdf.js');
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const loaded = performance.now();
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'domcontentloaded', timeout: 300_000 });
    await page.waitForFunction(() => document.documentElement.dataset.findings === 'ready', { timeout: 300_000 });
    const ready = performance.now() - loaded;
    const version = await page.evaluate(() => Number(document.documentElement.dataset.filterVersion ?? 0));
    const searched = performance.now();
    await page.type('#filter-text', 'user19');
    await page.waitForFunction(
      (v) => Number(document.documentElement.dataset.filterVersion ?? 0) > v && document.getElementById('filter-text').value === 'user19',
      { timeout: 300_000 },
      version,
    );
    interactive = `; HTML interactive in Chromium after ${(ready / 1000).toFixed(2)} s, search "user19" ${((performance.now() - searched) / 1000).toFixed(2)} s`;
  } finally {
    await browser.close();
  }
}
console.log(phases.join('\n'));
if (code !== 0) console.log(stdout);
console.log(
  `accounts ${accounts}, resources ${generated.resources}, files ${generated.files} (generated in ${(generatedMs / 1000).toFixed(1)} s), formats ${formats}: exit ${code}`,
);
console.log(
  `wall ${seconds.toFixed(1)} s, peak memory (node + Chromium) PSS ${(peak.pss / 1024).toFixed(0)} MiB (RSS sum ${(peak.rss / 1024).toFixed(0)} MiB; node alone at most ${(nodePeak / 1024).toFixed(0)} MiB); HTML ${size('report.html')}, results.json ${size('results.json')}, PDF ${size('report.pdf')}, ${pages} pages${interactive}`,
);
if (process.env.KEEP) console.log(`kept ${root}`);
else rmSync(root, { recursive: true, force: true });
