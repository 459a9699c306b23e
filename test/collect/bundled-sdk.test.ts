import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/bundle/manifest.js';
import { json, type FakeAws, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, newBundleDir, runBuiltCli, useAcmeServer, type BuiltCliRun } from './helpers/run.js';

// The built CLI (test/global-setup.ts builds dist/ with the SDK bundled down by scripts/bundle-sdk.mjs) runs through runBuiltCli.
const REGIONS = ['us-east-1', 'eu-west-1'];

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

/** `auditpack collect` of the built CLI, in its own process. */
function collectWithBuiltCli(out: string, extra: string[]): Promise<BuiltCliRun> {
  return runBuiltCli(
    ['collect', '--out', out, '--endpoint-url', fake.url, '--regions', REGIONS.join(','), '--quiet', ...extra],
    process.env,
  );
}

/** A manifest without what differs between two runs: times and the bundle's id. */
function comparable(dir: string): { files: unknown[]; errors: unknown[] } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return {
    files: manifest.files.map(({ collectedAt: _at, ...file }) => file),
    errors: manifest.errors.map(({ at: _at, ...error }) => error),
  };
}

/**
 * The calls as the endpoint saw them, in a stable order: who signed them and their headers aside.
 * GenerateCredentialReport is asked until the report is ready, as often as the poll delay allows
 * (the in-process run polls every millisecond), so it counts once.
 */
function calls(requests: readonly WireRequest[]): string[] {
  const polled = requests.filter((r) => r.operation === 'GenerateCredentialReport');
  return [...requests.filter((r) => !polled.includes(r)), ...polled.slice(0, 1)]
    .map((r) => JSON.stringify([r.service, r.operation, r.region, r.params, r.body, r.bucket ?? null, r.key ?? null]))
    .sort();
}

describe('the built CLI, whose AWS SDK is bundled down to what auditpack uses', () => {
  it.each([
    { name: 'the account of the credentials', options: { organization: false }, flags: [] },
    {
      name: 'an organization, through AssumeRole',
      options: { organization: true, roleName: 'OrganizationAccountAccessRole' },
      flags: ['--organization', '--role-name', 'OrganizationAccountAccessRole'],
    },
  ])(
    'makes the same calls and writes the same evidence, byte for byte, as the SDK packages themselves: $name',
    async ({ options, flags }) => {
      if (options.organization) fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
      // The source: src/shared/aws-sdk/ re-exports the packages in node_modules.
      const fromSource = newBundleDir();
      const source = await collectFrom(fake, { out: fromSource, regions: REGIONS, ...options });
      const sourceCalls = calls(fake.requests.splice(0));
      expect(source.outcome).toBe('partial');

      const fromBuild = newBundleDir();
      const built = await collectWithBuiltCli(fromBuild, flags);
      // 20: complete, with the calls the sample account denies recorded as errors.
      expect(built.code, built.output).toBe(20);
      expect(calls(fake.requests)).toEqual(sourceCalls);

      const expected = comparable(fromSource);
      expect(expected.files.length).toBeGreaterThan(200);
      expect(comparable(fromBuild)).toEqual(expected);
      for (const { path } of expected.files as { path: string }[]) {
        expect(readFileSync(join(fromBuild, path)), path).toEqual(readFileSync(join(fromSource, path)));
      }
    },
    60_000,
  );
});
