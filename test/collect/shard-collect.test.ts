import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { ACME } from './helpers/acme.js';
import { json, type FakeAws } from './helpers/fake-aws.js';
import { collectFrom, newBundleDir, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const ORG = { organization: true, roleName: 'OrganizationAccountAccessRole', regions: ['us-east-1'] };

describe('collect --organization --shard I/N', () => {
  it('collects a deterministic slice of the active accounts, and the slices add up to the whole organisation', async () => {
    fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
    const shards = [];
    for (const index of [1, 2]) {
      const result = await collectFrom(fake, { ...ORG, shard: { index, count: 3 } });
      const bundle = await openBundle(result.dir);
      shards.push(bundle.manifest);
    }
    // Rendezvous hashing puts acme-security in shard 1 and acme-prod in shard 2 of 3, on every run.
    expect(shards.map((m) => m.scope.accounts.map((a) => a.id))).toEqual([['444455556666'], [ACME]]);
    expect(shards.map((m) => m.collection.shard)).toEqual([
      { index: 1, count: 3, organizationAccounts: 2, accountsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string },
      { index: 2, count: 3, organizationAccounts: 2, accountsSha256: shards[0]?.collection.shard?.accountsSha256 },
    ]);
    // Only the shard's accounts are assumed.
    expect(new Set(fake.calls('sts', 'AssumeRole').map((r) => r.params.RoleArn))).toEqual(
      new Set(['arn:aws:iam::444455556666:role/OrganizationAccountAccessRole', `arn:aws:iam::${ACME}:role/OrganizationAccountAccessRole`]),
    );
    expect(fake.calls('sts', 'AssumeRole')).toHaveLength(2);
  });

  it('refuses a shard that holds no account, a shard of a single-account run, and resuming as another shard', async () => {
    fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
    await expect(collectFrom(fake, { ...ORG, shard: { index: 0, count: 3 } })).rejects.toThrow(
      /--shard 0\/3: none of the 2 accounts falls in this shard; with 2 accounts, use fewer shards/,
    );
    await expect(collectFrom(fake, { regions: ['us-east-1'], shard: { index: 0, count: 2 } })).rejects.toThrow(
      /--shard 0\/2: sharding splits the accounts of --organization or --accounts/,
    );
    const out = newBundleDir();
    const controller = new AbortController();
    fake.on('iam', 'GetAccountSummary', () => {
      controller.abort();
      return undefined;
    });
    const first = await collectFrom(fake, { ...ORG, out, shard: { index: 2, count: 3 }, signal: controller.signal, concurrency: 1 });
    expect(first.outcome).toBe('interrupted');
    await expect(collectFrom(fake, { ...ORG, out, resume: true, shard: { index: 1, count: 3 } })).rejects.toThrow(
      /--shard 1\/3: the bundle in .* is collecting shard 2\/3\. Resume with the same --shard, or without it/,
    );
    const resumed = await collectFrom(fake, { ...ORG, out, resume: true });
    expect(resumed.manifest.collection.shard).toMatchObject({ index: 2, count: 3 });
  });
});
