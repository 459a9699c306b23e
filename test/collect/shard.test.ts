import { describe, expect, it } from 'vitest';
import { accountsOfShard, parseShard, shardOf } from '../../src/collect/shard.js';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: String(100000000000 + from + i * 7919) }));

describe('shard assignment', () => {
  it('puts every account in exactly one shard, and the shards are near even', () => {
    const accounts = ids(1000);
    const sizes = Array.from({ length: 10 }, (_, index) => accountsOfShard(accounts, { index, count: 10 }).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    for (const size of sizes) expect(size).toBeGreaterThan(60);
    for (const size of sizes) expect(size).toBeLessThan(140);
  });

  it('is the same on every run and whatever other accounts exist: adding 100 accounts moves none', () => {
    const before = ids(500);
    const after = [...ids(100, 5_000_000), ...before];
    for (const a of before) expect(shardOf(a.id, 10)).toBe(shardOf(a.id, 10));
    const moved = before.filter((a) => accountsOfShard(after, { index: shardOf(a.id, 10), count: 10 }).every((b) => b.id !== a.id));
    expect(moved).toEqual([]);
    expect(shardOf('111122223333', 10)).toBe(shardOf('111122223333', 10));
  });

  it('moves only about 1/N of the accounts when a shard is added', () => {
    const accounts = ids(1000);
    const moved = accounts.filter((a) => shardOf(a.id, 10) !== shardOf(a.id, 11)).length;
    expect(moved).toBeGreaterThan(40);
    expect(moved).toBeLessThan(140);
  });

  it('gives one shard everything when there is one shard', () => {
    expect(accountsOfShard(ids(20), { index: 0, count: 1 })).toHaveLength(20);
  });
});

describe('--shard', () => {
  it('takes INDEX/COUNT counted from 0', () => {
    expect(parseShard('0/10', {})).toEqual({ index: 0, count: 10 });
    expect(parseShard('9/10', {})).toEqual({ index: 9, count: 10 });
    expect(() => parseShard('10/10', {})).toThrow(/the index must be 0 to 9 for 10 shards/);
    expect(() => parseShard('1/0', {})).toThrow(/the shard count must be 1 to/);
    expect(() => parseShard('3', {})).toThrow(/expected INDEX\/COUNT, such as 0\/10/);
    expect(() => parseShard('-1/4', {})).toThrow(/expected INDEX\/COUNT/);
  });

  it('reads the index of a Kubernetes Indexed Job or an AWS Batch array job with auto/N', () => {
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShard('auto/4', { AWS_BATCH_JOB_ARRAY_INDEX: '0' })).toEqual({ index: 0, count: 4 });
    expect(parseShard('auto/4', { AWS_BATCH_JOB_ARRAY_INDEX: '2', JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('auto/4', {})).toThrow(/none of JOB_COMPLETION_INDEX \(a Kubernetes Indexed Job\), AWS_BATCH_JOB_ARRAY_INDEX/);
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '2' })).toThrow(/disagree/);
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: 'x' })).toThrow(/is not a whole number/);
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/the index must be 0 to 3/);
  });
});
