// Benchmark: start-up of the built CLI (issue #17). Runs `--version`, `--help` and
// `report evidence/sample --format json` RUNS times each, as the bin's shebang runs them
// (node --max-semi-space-size=4), and prints the median wall time and the largest max RSS.
// Builds nothing: run `npm run build` first.
//   node bench/startup.mjs [RUNS=10] [CLI=dist/cli/main.js]
// Max RSS comes from /usr/bin/time (GNU time); without it only wall times are printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [runsArg = '10', cli = 'dist/cli/main.js'] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`RUNS ${runsArg}: give a whole number of runs, e.g. 10.`);
if (!existsSync(cli)) throw new Error(`${cli}: not found. Build first: npm run build`);

const TIME = '/usr/bin/time';
const hasTime = spawnSync(TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
const root = mkdtempSync(join(tmpdir(), 'auditpack-startup-bench-'));
const rssFile = join(root, 'rss');

const commands = [
  ['--version', ['--version']],
  ['--help', ['--help']],
  ['report --format json', ['report', 'evidence/sample', '--out', join(root, 'out'), '--format', 'json']],
];

/** One run: wall milliseconds, and max RSS in KB (undefined without GNU time). */
function once(args) {
  const node = [process.execPath, '--max-semi-space-size=4', cli, ...args];
  const [file, argv] = hasTime ? [TIME, ['-f', '%M', '-o', rssFile, ...node]] : [node[0], node.slice(1)];
  const start = performance.now();
  const run = spawnSync(file, argv, { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000' } });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`auditpack ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return { ms, rssKb: hasTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : undefined };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const rows = [];
try {
  for (const [name, args] of commands) {
    once(args); // warm the file cache; not counted
    const samples = Array.from({ length: runs }, () => once(args));
    const rss = samples.map((s) => s.rssKb).filter((kb) => kb !== undefined);
    rows.push({
      command: name,
      median: `${(median(samples.map((s) => s.ms)) / 1000).toFixed(3)} s`,
      min: `${(Math.min(...samples.map((s) => s.ms)) / 1000).toFixed(3)} s`,
      maxRss: rss.length > 0 ? `${(Math.max(...rss) / 1024).toFixed(1)} MB` : 'n/a',
    });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const header = { command: 'command', median: 'median wall', min: 'min wall', maxRss: 'max RSS' };
const widths = Object.keys(header).map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
const line = (row) =>
  Object.keys(header)
    .map((key, i) => (i === 0 ? row[key].padEnd(widths[i]) : row[key].padStart(widths[i])))
    .join('  ');
console.log(`auditpack start-up: ${cli}, ${runs} runs each, Node ${process.version}`);
console.log(line(header));
for (const row of rows) console.log(line(row));
