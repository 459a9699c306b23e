import { createHash } from 'node:crypto';
import { AuditpackError } from '../shared/errors.js';

/** One slice of an organisation's accounts: shard `index` (0-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The job engines' array-index variables, read for `--shard auto/N`, with the engine that sets each. */
export const SHARD_INDEX_VARIABLES = [
  ['JOB_COMPLETION_INDEX', 'a Kubernetes Indexed Job'],
  ['AWS_BATCH_JOB_ARRAY_INDEX', 'an AWS Batch array job'],
] as const;

/** The most shards a run may be split into. */
export const MAX_SHARDS = 10_000;

/**
 * Parses `--shard I/N` (I from 0 to N−1, as the job engines count) or `--shard auto/N` (I from the
 * engine's index variable in `env`).
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv): Shard {
  const match = /^(auto|\d+)\/(\d+)$/.exec(text.trim());
  if (!match) {
    throw new AuditpackError(
      'USAGE',
      `--shard ${text}: expected INDEX/COUNT, such as 0/10 (the first of 10 shards, counted from 0 as Kubernetes and AWS Batch do), or auto/10 to read the index from ${SHARD_INDEX_VARIABLES.map(([v]) => v).join(' or ')}`,
    );
  }
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS)
    throw new AuditpackError('USAGE', `--shard ${text}: the shard count must be 1 to ${MAX_SHARDS}`);
  const index = match[1] === 'auto' ? indexFromEnv(text, env) : Number(match[1]);
  if (!Number.isSafeInteger(index) || index >= count)
    throw new AuditpackError('USAGE', `--shard ${text}: the index must be 0 to ${count - 1} for ${count} shards (counted from 0)`);
  return { index, count };
}

function indexFromEnv(text: string, env: NodeJS.ProcessEnv): number {
  const set = SHARD_INDEX_VARIABLES.filter(([name]) => (env[name] ?? '') !== '');
  if (set.length === 0) {
    throw new AuditpackError(
      'USAGE',
      `--shard ${text}: none of ${SHARD_INDEX_VARIABLES.map(([v, engine]) => `${v} (${engine})`).join(', ')} is set; run as such a job, or give the index (--shard 0/N)`,
    );
  }
  const values = [...new Set(set.map(([name]) => (env[name] ?? '').trim()))];
  if (values.length > 1)
    throw new AuditpackError(
      'USAGE',
      `--shard ${text}: ${set.map(([name]) => `${name}=${env[name] ?? ''}`).join(' and ')} disagree; unset one`,
    );
  const value = values[0] ?? '';
  if (!/^\d+$/.test(value)) throw new AuditpackError('USAGE', `--shard ${text}: ${set[0]?.[0] ?? ''}=${value} is not a whole number`);
  return Number(value);
}

/**
 * The shard an account belongs to: rendezvous hashing (the shard whose SHA-256 of
 * `account:shard` is highest). It depends only on the account id and the count, so the same account
 * lands in the same shard on every run and adding or removing other accounts moves none; changing
 * the count moves only about 1/N of the accounts.
 */
export function shardOf(account: string, count: number): number {
  let best = 0;
  let bestWeight = '';
  for (let i = 0; i < count; i++) {
    const weight = createHash('sha256').update(`${account}:${i}`).digest('hex');
    if (weight > bestWeight) {
      best = i;
      bestWeight = weight;
    }
  }
  return best;
}

/** The accounts of one shard, in their original order. */
export function accountsOfShard<T extends { id: string }>(accounts: readonly T[], shard: Shard): T[] {
  return accounts.filter((a) => shardOf(a.id, shard.count) === shard.index);
}

/** The folder a shard's bundle goes to under an `--out s3://…/` (and that `merge PREFIX/` looks for): `shard-<index>`. */
export function shardFolder(index: number): string {
  return `shard-${index}`;
}

/** A {@link shardFolder} name, with the index captured. */
export const SHARD_FOLDER = /^shard-(\d+)$/;
