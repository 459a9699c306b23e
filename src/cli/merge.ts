import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isBundleDir } from '../bundle/read-bundle.js';
import { SHARD_FOLDER } from '../collect/shard.js';
import { mergeBundles } from '../merge/merge.js';
import { AuditpackError } from '../shared/errors.js';
import { displayFingerprint } from '../sign/keys.js';
import { sealBundle } from '../sign/seal.js';
import { loadTrustOptions } from './evaluate-bundle.js';
import type { Io } from './io.js';
import type { MergeFlags } from './merge-command.js';
import { checkS3Target, isS3, localCopy, publishFolder, tempFolder } from './s3-io.js';
import { loadKeyFromOptions } from './sign.js';

/** `auditpack merge SHARDS… --out BUNDLE`: checks the shards, merges them and says what it made. */
export async function runMerge(shards: string[], flags: MergeFlags, io: Io): Promise<void> {
  const tolerance = Number(flags.windowTolerance);
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new AuditpackError('USAGE', `--window-tolerance ${flags.windowTolerance}: expected a number of hours, such as 24`);
  const trusted = await loadTrustOptions([...flags.key, ...(flags.trustedKeys ? [flags.trustedKeys] : [])]);
  // Loaded first: a wrong passphrase should not cost a merge.
  const key = await loadKeyFromOptions({ key: flags.sign, cert: flags.cert, p12: flags.p12, passphraseEnv: flags.passphraseEnv }, io, [
    flags.out,
  ]);
  if (isS3(flags.out)) await checkS3Target(flags.out, '--out', io);
  const inputs: string[] = [];
  for (const shard of await expandShardFolders(shards, io)) inputs.push(await localCopy(shard, 'merge', io));
  const out = isS3(flags.out) ? join(await tempFolder('merge'), 'bundle') : flags.out;
  const result = await mergeBundles({
    inputs,
    out,
    trusted,
    requireSigned: flags.requireSigned ?? false,
    windowToleranceHours: tolerance,
    log: io.err,
  });
  for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
  if (key) {
    const sealed = await sealBundle(out, key);
    io.err(`sealed the merged bundle: manifest SHA-256 ${sealed.manifestSha256}, key ${displayFingerprint(key.fingerprint)}\n`);
  }
  if (isS3(flags.out)) await publishFolder(out, flags.out, '--out', flags, io);
  const { manifest } = result;
  io.out(
    `merged ${inputs.length} shards into ${flags.out}: ${manifest.scope.accounts.length} accounts, ${manifest.scope.regions.length} regions, ${manifest.files.length} files, ${manifest.errors.length} collection errors; collected ${manifest.collection.startedAt} to ${manifest.collection.finishedAt}\n`,
  );
}

/**
 * A folder that is not a bundle itself but holds `shard-<index>` bundles, or an S3 prefix ending in
 * "/" (as `collect --out s3://…/ --shard` writes to), stands for every shard in it: one command line
 * serves any number of shards, and merge still refuses a missing one.
 */
async function expandShardFolders(args: string[], io: Io): Promise<string[]> {
  const expanded: string[] = [];
  for (const arg of args) {
    let shards: string[] = [];
    if (isS3(arg) && arg.endsWith('/')) {
      const { listShardFolders, parseS3Url, s3Client, s3Url } = await import('../store/s3.js');
      const found = await listShardFolders(await s3Client({ env: io.env }), parseS3Url(arg, 'merge'));
      shards = found.map(s3Url);
      if (shards.length === 0)
        throw new AuditpackError(
          'USAGE',
          `${arg}: holds no shard-<index>/ folders; give the shard bundles, or the prefix collect --shard wrote them under`,
        );
    } else if (!isS3(arg) && !(await isBundleDir(arg))) {
      const entries = await readdir(arg, { withFileTypes: true }).catch(() => undefined);
      const found = (entries ?? []).flatMap((e) => {
        const index = e.isDirectory() ? SHARD_FOLDER.exec(e.name)?.[1] : undefined;
        return index === undefined ? [] : [{ index: Number(index), path: join(arg, e.name) }];
      });
      shards = found.sort((a, b) => a.index - b.index).map((s) => s.path);
      // A folder that is neither a bundle nor holds shards; a path that is no folder is left to openBundle's message.
      if (entries && shards.length === 0)
        throw new AuditpackError(
          'USAGE',
          `${arg}: holds neither manifest.json nor shard-<index>/ bundles; give the shard bundles, or the folder that holds them`,
        );
    }
    if (shards.length > 0)
      io.err(`${arg}: ${shards.length} shard${shards.length === 1 ? '' : 's'} (${shards.map((s) => basename(s)).join(', ')})\n`);
    expanded.push(...(shards.length > 0 ? shards : [arg]));
  }
  return expanded;
}
