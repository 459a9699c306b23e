import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { finishedCollection } from '../collect/bundle-writer.js';
// The collector (and with it every AWS SDK client) is imported when the collection starts, after
// the key and flags are checked.
import type { CollectOptions, CollectOutcome, CollectResult } from '../collect/collect.js';
import type { Manifest } from '../bundle/manifest.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { favourMemoryOverSpeed } from '../shared/memory.js';
import { parseShard, shardFolder } from '../collect/shard.js';
import { parseS3Url } from '../store/s3.js';
import { COLLECT_EXIT_CODES, type CollectFlags } from './collect-command.js';
import type { Io } from './io.js';
import { checkS3Target, isS3, publishFolder, tempFolder } from './s3-io.js';

export { COLLECT_EXIT_CODES, registerCollect } from './collect-command.js';

/**
 * Raised after a run that wrote its bundle but is partial, empty or interrupted. It carries the
 * exit code from {@link COLLECT_EXIT_CODES}.
 */
export class CollectOutcomeError extends AuditpackError {
  readonly exitCode: number;
  readonly result: CollectResult;

  constructor(result: CollectResult, message: string) {
    super('IO', message);
    this.name = 'CollectOutcomeError';
    this.result = result;
    this.exitCode = COLLECT_EXIT_CODES[result.outcome as Exclude<CollectOutcome, 'complete'>];
  }
}

/** `auditpack collect`: seals with the key the flags name, collects (or finishes a collection) and prints its summary. */
export async function runCollectCommand(given: CollectFlags, io: Io): Promise<void> {
  // Before any SDK package is loaded: the heap grows in small steps (shared/memory.ts).
  favourMemoryOverSpeed();
  // --out s3://…/ (ending in "/") with --shard: each shard goes to shard-<index>/ below it, so one
  // command line serves every job of an array.
  const shard = given.shard !== undefined ? parseShard(given.shard, io.env) : undefined;
  const target = isS3(given.out) && given.out.endsWith('/') && shard ? `${given.out}${shardFolder(shard.index)}` : given.out;
  const upload = isS3(target);
  if (upload) parseS3Url(target, '--out');
  else if (given.workDir !== undefined || given.sseKmsKeyId !== undefined)
    throw new AuditpackError(
      'USAGE',
      `${given.workDir !== undefined ? '--work-dir' : '--sse-kms-key-id'}: is used with --out s3://BUCKET/PREFIX`,
    );
  if (upload && given.resume && given.workDir === undefined)
    throw new AuditpackError('USAGE', `--resume with --out ${target}: give the --work-dir the interrupted run built the bundle in`);
  if (upload && !given.resume) await checkS3Target(target, '--out', io);
  const flags: CollectFlags = upload ? { ...given, out: given.workDir ?? join(await tempFolder('collect'), 'bundle') } : given;
  // Load the key before collecting: a wrong passphrase should not cost a whole run. The signing
  // libraries (certificates, PKCS#12, CMS) are loaded only when there is a key to sign with.
  const signing = flags.sign !== undefined || flags.p12 !== undefined ? await loadSigning() : undefined;
  const key = await signing?.loadKeyFromOptions(
    { key: flags.sign, cert: flags.cert, p12: flags.p12, passphraseEnv: flags.passphraseEnv },
    io,
    [flags.out],
  );
  // "--resume --sign" after a run that finished collecting but stopped while sealing: seal it now.
  const finished = key && flags.resume ? await finishedCollection(flags.out) : undefined;
  if (finished && !flags.quiet) io.err(`${flags.out}: the collection had already finished; sealing it.\n`);
  const { summaryLine } = await import('../collect/collect.js');
  const result = finished ? recordedResult(flags.out, finished) : await runCollect(flags, io);
  if (!finished) io.out(`${summaryLine(result)}\n`);
  // A partial bundle is finished (its errors are recorded) and is sealed; an interrupted one is not.
  if (signing && key && result.outcome !== 'interrupted' && result.outcome !== 'empty') {
    signing.installCrashHook(io);
    const sealed = await signing.sealBundle(flags.out, key);
    io.out(
      `${sealed.signed ? 'sealed' : 'already sealed'} ${flags.out}: manifest SHA-256 ${sealed.manifestSha256}, key ${signing.displayFingerprint(key.fingerprint)}\n`,
    );
  }
  // An interrupted or empty run is not uploaded: S3 holds finished bundles only.
  if (upload && result.outcome !== 'interrupted' && result.outcome !== 'empty') await publishFolder(flags.out, target, '--out', given, io);
  if (result.outcome !== 'complete') throw new CollectOutcomeError(result, await outcomeMessage(result));
}

/** What `collect --sign` needs, imported when a key is given. */
async function loadSigning() {
  const [{ installCrashHook, loadKeyFromOptions }, { sealBundle }, { displayFingerprint }] = await Promise.all([
    import('./sign.js'),
    import('../sign/seal.js'),
    import('../sign/keys.js'),
  ]);
  return { installCrashHook, loadKeyFromOptions, sealBundle, displayFingerprint };
}

/** Runs a collection from parsed flags, stopping cleanly on SIGINT/SIGTERM (a second signal exits at once). */
async function runCollect(flags: CollectFlags, io: Io): Promise<CollectResult> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    // A second Ctrl-C quits at once; the journal already holds every finished call.
    if (signals > 1) process.exit(130);
    io.err('\nStopping: finishing the manifest (press Ctrl-C again to quit at once; --resume finishes the bundle) …\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let logFd: number | undefined;
  try {
    let json: ((line: string) => void) | undefined;
    if (typeof flags.logJson === 'string') {
      try {
        logFd = openSync(flags.logJson, 'a');
      } catch (error) {
        throw new AuditpackError('USAGE', `--log-json ${flags.logJson}: cannot open the file (${messageOf(error)}). Give a writable path.`);
      }
      const fd = logFd;
      json = (line) => void writeSync(fd, line);
    } else if (flags.logJson === true) {
      json = io.err;
    }
    const options: CollectOptions = {
      out: flags.out,
      resume: flags.resume ?? false,
      env: io.env,
      now: io.now,
      signal: controller.signal,
      concurrency: parseConcurrency(flags.concurrency),
      progress: { write: io.err, tty: io.isTty ?? false, quiet: flags.quiet ?? false, ...(json ? { json } : {}) },
    };
    if (flags.regions !== undefined)
      options.regions = flags.regions
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
    if (flags.profile !== undefined) options.profile = flags.profile;
    if (flags.endpointUrl !== undefined) options.endpointUrl = checkUrl(flags.endpointUrl);
    if (flags.accounts !== undefined) options.accountsFile = flags.accounts;
    if (flags.organization) options.organization = true;
    if (flags.roleName !== undefined) options.roleName = flags.roleName;
    if (flags.externalId !== undefined) options.externalId = flags.externalId;
    if (flags.shard !== undefined) options.shard = parseShard(flags.shard, io.env);
    const { collect } = await import('../collect/collect.js');
    return await collect(options);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (logFd !== undefined) closeSync(logFd);
  }
}

/** The result of a collection that an earlier run finished, read back from its manifest. */
function recordedResult(dir: string, manifest: Manifest): CollectResult {
  return {
    outcome: manifest.files.length === 0 ? 'empty' : manifest.errors.length > 0 ? 'partial' : 'complete',
    dir,
    bundleId: manifest.bundleId,
    calls: 0,
    resumed: 0,
    errors: manifest.errors.length,
    unreachable: 0,
    files: manifest.files.length,
    accounts: manifest.scope.accounts.length,
    regions: manifest.scope.regions.length,
    seconds: 0,
    manifest,
  };
}

async function outcomeMessage(result: CollectResult): Promise<string> {
  const [{ count }, { failureSummary }] = await Promise.all([import('../collect/collect.js'), import('../collect/aws-errors.js')]);
  const codes = [...new Set(result.manifest.errors.map((e) => e.code))].slice(0, 5).join(', ');
  switch (result.outcome) {
    case 'partial':
      return `${result.dir}: the bundle is complete, but ${count(result.errors, 'call')} failed (${codes}); requirements that need them will be NOT_EVALUATED. ${failureSummary(result.manifest.errors)}; then collect again into a new directory.`;
    case 'empty':
      return `${result.dir}: nothing could be collected (${codes || 'no answers'}). Check the role, its permissions and the network, then collect again into a new directory.`;
    default:
      return `${result.dir}: the collection ${result.unreachable > 0 ? `could not reach AWS for ${count(result.unreachable, 'call')}` : 'was interrupted'} and the bundle is incomplete. Finish it with "auditpack collect --out ${result.dir} --resume".`;
  }
}

function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 64) throw new AuditpackError('USAGE', `--concurrency ${text}: give a whole number from 1 to 64.`);
  return n;
}

function checkUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch {
    // reported below
  }
  throw new AuditpackError('USAGE', `--endpoint-url ${text}: not an http(s) URL. Give e.g. --endpoint-url http://localhost:4566.`);
}
