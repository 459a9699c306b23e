// Benchmark for issue #16: an organisation of ACCOUNTS fake accounts collected by SHARDS shard
// processes of the built CLI (`collect --organization --shard auto/SHARDS`, the index from
// JOB_COMPLETION_INDEX as in a Kubernetes Indexed Job), merged, and compared with one unsharded run
// of the same organisation: every evidence file's bytes, and every finding's status. Prints wall time,
// peak RSS per shard process, merge time, and API calls per account against docs/collection.md's
// formula. A second, smaller pass throttles a share of the calls and checks that no evidence is lost.
//
//   npm run build && npx vite-node bench/org-scale.ts [ACCOUNTS=1000] [SHARDS=10] [THROTTLED_SHARE=0.1]
//
// The fake endpoint (test/collect/helpers) serves the sample company's answers for every account,
// with the account id rewritten, on 127.0.0.1; one region (us-east-1) is collected.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME, accountOf, serveAcme } from '../test/collect/helpers/acme.js';
import { FakeAws, type WireReply, type WireRequest } from '../test/collect/helpers/fake-aws.js';
import { CLI_NODE_FLAGS } from './cli-node-flags.js';

const [accountsArg = '1000', shardsArg = '10', throttledArg = '0.1'] = process.argv.slice(2);
const ACCOUNTS = Number(accountsArg);
const SHARDS = Number(shardsArg);
const THROTTLED = Number(throttledArg);
const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'auditpack-org-bench-'));

const ids = Array.from({ length: ACCOUNTS }, (_, i) => String(200000000000 + i * 7919));

/** The fake organisation: the sample company's answers for every account, ListAccounts in pages of 20 as AWS pages it. */
async function fakeOrganisation(throttle: number): Promise<FakeAws> {
  const fake = serveAcme(await FakeAws.start());
  fake.on('organizations', 'ListAccounts', (r) => {
    const start = Number((r.body.NextToken as string | undefined) ?? 0);
    const page = ids.slice(start, start + 20).map((id, i) => ({
      Id: id,
      Arn: `arn:aws:organizations::${ACME}:account/o-a1b2c3d4e5/${id}`,
      Email: `aws+${id}@acme.example`,
      Name: `acme-${start + i}`,
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: 'CREATED',
      JoinedTimestamp: 1640995200,
    }));
    const next = start + 20 < ids.length ? { NextToken: String(start + 20) } : {};
    return { contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ Accounts: page, ...next }) };
  });
  // Each account's answers name that account, as AWS's would.
  const answer = (fake as unknown as { answer: (r: WireRequest) => WireReply }).answer.bind(fake);
  let n = 0;
  (fake as unknown as { answer: (r: WireRequest) => WireReply }).answer = (r) => {
    // A fixed share of the calls (not the identity and account listing a run needs first) is throttled, every kind AWS uses.
    if (throttle > 0 && r.service !== 'sts' && r.service !== 'organizations' && n++ % Math.round(1 / throttle) === 0)
      return throttled(r, n);
    const account = accountOf(r);
    // Bucket names carry the account id; the sample's answers are keyed by the sample's.
    if (r.bucket !== undefined) r.bucket = r.bucket.replaceAll(account, ACME);
    const reply = answer(r);
    return typeof reply.body === 'string' && account !== ACME ? { ...reply, body: reply.body.replaceAll(ACME, account) } : reply;
  };
  return fake;
}

/** A throttling answer as the request's protocol spells it, cycling through the kinds AWS sends. */
function throttled(r: WireRequest, n: number): WireReply {
  const json = typeof r.headers['x-amz-target'] === 'string' || r.params.path !== undefined;
  if (r.service === 's3')
    return {
      status: 503,
      contentType: 'application/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>x</RequestId></Error>',
    };
  if (r.service === 'ec2')
    return {
      status: 503,
      contentType: 'text/xml',
      body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>x</RequestID></Response>',
    };
  if (json) {
    const type = n % 2 === 0 ? 'ThrottlingException' : 'TooManyRequestsException';
    return {
      status: n % 2 === 0 ? 400 : 429,
      contentType: 'application/x-amz-json-1.1',
      body: JSON.stringify({ __type: type, message: 'Rate exceeded' }),
      headers: { 'x-amzn-errortype': type },
    };
  }
  return {
    status: 400,
    contentType: 'text/xml',
    body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>x</RequestId></ErrorResponse>',
  };
}

interface Run {
  code: number;
  seconds: number;
  peakKb: number;
  out: string;
  err: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/time',
      ['-f', 'PEAK %M', process.execPath, ...CLI_NODE_FLAGS, CLI, ...args],
      { env, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const peakKb = Number(/PEAK (\d+)/.exec(stderr)?.[1] ?? 0);
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          seconds: (performance.now() - started) / 1000,
          peakKb,
          out: stdout,
          err: stderr,
        });
      },
    );
  });
}

const baseEnv = (fake: FakeAws): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_ENDPOINT_URL: fake.url,
  // BENCH_NODE_OPTIONS: node options for the CLI processes only (e.g. --max-old-space-size=256).
  ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
});
const collectArgs = (out: string) => [
  'collect',
  '--organization',
  '--role-name',
  'AuditpackReadOnly',
  '--regions',
  'us-east-1',
  '--out',
  out,
  '-q',
];

function evidence(dir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
  return new Map(manifest.files.map((f) => [f.path, f.sha256]));
}

function sameEvidence(a: Map<string, string>, b: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, hash] of a) if (b.get(path) !== hash) problems.push(`${path}: ${b.has(path) ? 'differs' : 'missing'}`);
  for (const path of b.keys()) if (!a.has(path)) problems.push(`${path}: extra`);
  return problems;
}

/**
 * A digest of every finding's requirement, statuses, account, region, resource and evidence (not the
 * reason, whose wording carries the collection time), from findings.csv read as a stream: results.json
 * of a thousand accounts is larger than a string can be.
 */
async function statuses(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const out = join(root, `report-${dir.split('/').pop() ?? ''}`);
  const run = await cli(['report', dir, '--out', out, '--format', 'csv', '--catalog', 'nist-800-53-rev5'], env);
  if (run.code !== 0) throw new Error(`report ${dir}: ${run.err}`);
  const hash = createHash('sha256');
  let rows = 0;
  for await (const row of createReadStream(join(out, 'findings.csv')).pipe(parse({ bom: true, relax_column_count: true })) as AsyncIterable<
    string[]
  >) {
    const [requirement, , , , requirementStatus, check, status, account, region, resource, , file, sha] = row;
    hash.update(JSON.stringify([requirement, requirementStatus, check, status, account, region, resource, file, sha]));
    rows++;
  }
  return `${rows} findings, ${hash.digest('hex')}`;
}

const fake = await fakeOrganisation(0);
const env = baseEnv(fake);
console.log(`organisation of ${ACCOUNTS} accounts, ${SHARDS} shards, us-east-1; work in ${root}`);

const t0 = performance.now();
const shardRuns = await Promise.all(
  Array.from({ length: SHARDS }, (_, i) =>
    cli([...collectArgs(join(root, `shard-${i}`)), '--shard', `auto/${SHARDS}`], { ...env, JOB_COMPLETION_INDEX: String(i) }),
  ),
);
const shardWall = (performance.now() - t0) / 1000;
const shardCalls = fake.requests.length;
for (const [i, run] of shardRuns.entries())
  if (run.code !== 0 && run.code !== 20) throw new Error(`shard ${i} exited ${run.code}: ${run.err.slice(-2000)}`);

const merged = await cli(
  ['merge', ...Array.from({ length: SHARDS }, (_, i) => join(root, `shard-${i}`)), '--out', join(root, 'merged')],
  env,
);
if (merged.code !== 0) throw new Error(`merge: ${merged.err}`);

// SKIP_WHOLE=1: only the sharded run and the merge (the unsharded run of a large organisation is slow).
const skipWhole = process.env.SKIP_WHOLE === '1';
if (skipWhole) {
  await fake.stop();
  console.log(
    `shards: ${shardWall.toFixed(1)} s wall; peak RSS per shard ${Math.round(Math.min(...shardRuns.map((r) => r.peakKb)) / 1024)}–${Math.round(Math.max(...shardRuns.map((r) => r.peakKb)) / 1024)} MB; merge ${merged.seconds.toFixed(1)} s, peak ${Math.round(merged.peakKb / 1024)} MB; ${shardCalls} calls`,
  );
  process.exit(0);
}
fake.requests.length = 0;
const whole = await cli(collectArgs(join(root, 'whole')), env);
if (whole.code !== 0 && whole.code !== 20) throw new Error(`unsharded run exited ${whole.code}: ${whole.err.slice(-2000)}`);
const wholeCalls = fake.requests.length;

const differences = sameEvidence(evidence(join(root, 'whole')), evidence(join(root, 'merged')));
const [a, b] = await Promise.all([statuses(join(root, 'merged'), env), statuses(join(root, 'whole'), env)]);
const findingsSame = a === b;
await fake.stop();

// docs/collection.md: 44 account-wide + 133 in us-east-1 for the sample company, plus AssumeRole per account.
const formula = 44 + 133 + 1;
const perAccount = (shardCalls - SHARDS * (1 + Math.ceil(ACCOUNTS / 20))) / ACCOUNTS;
console.log(
  `shards: ${shardWall.toFixed(1)} s wall; peak RSS per shard ${Math.round(Math.min(...shardRuns.map((r) => r.peakKb)) / 1024)}–${Math.round(Math.max(...shardRuns.map((r) => r.peakKb)) / 1024)} MB (target ≤ 500 MB)`,
);
console.log(`merge: ${merged.seconds.toFixed(1)} s, peak ${Math.round(merged.peakKb / 1024)} MB (target ≤ 30 s)`);
console.log(`unsharded: ${whole.seconds.toFixed(1)} s, peak ${Math.round(whole.peakKb / 1024)} MB`);
console.log(
  `API calls: ${shardCalls} sharded (${perAccount.toFixed(1)} per account beside each shard's identity and listing), ${wholeCalls} unsharded; formula minimum ${formula} per account; ratio ${(perAccount / formula).toFixed(3)} (target ≤ 1.1)`,
);
console.log(
  `merged vs unsharded: ${differences.length === 0 ? 'every evidence file identical' : `${differences.length} differences, e.g. ${differences.slice(0, 3).join('; ')}`}; NIST findings ${findingsSame ? `identical (${a})` : `DIFFER (${a} vs ${b})`}`,
);

if (THROTTLED > 0) {
  const small = Math.min(ACCOUNTS, 20);
  ids.length = small;
  const calm = await fakeOrganisation(0);
  const quiet = await cli(collectArgs(join(root, 'calm')), baseEnv(calm));
  await calm.stop();
  const stormy = await fakeOrganisation(THROTTLED);
  const storm = await cli(collectArgs(join(root, 'throttled')), baseEnv(stormy));
  const lost = sameEvidence(evidence(join(root, 'calm')), evidence(join(root, 'throttled')));
  const errors = (JSON.parse(readFileSync(join(root, 'throttled', 'manifest.json'), 'utf8')) as { errors: unknown[] }).errors.length;
  await stormy.stop();
  console.log(
    `throttling ${Math.round(THROTTLED * 100)} % of calls (S3 SlowDown, EC2 RequestLimitExceeded, Throttling, ThrottlingException, 429 TooManyRequestsException) over ${small} accounts: ${quiet.seconds.toFixed(1)} s calm, ${storm.seconds.toFixed(1)} s throttled; ${lost.length === 0 ? 'no evidence lost' : `${lost.length} files lost`}, ${errors} errors recorded`,
  );
}
