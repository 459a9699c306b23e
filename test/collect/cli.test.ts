import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectOutcomeError } from '../../src/cli/collect.js';
import { keygen } from '../../src/cli/sign.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { FakeAws } from './helpers/fake-aws.js';
import { newBundleDir, runCollectCli, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const run = runCollectCli;

describe('auditpack collect', () => {
  it('prints progress to stderr, the summary to stdout, and fails with the partial exit code when a call failed', async () => {
    const dir = newBundleDir();
    const { out, err, error } = await run(['collect', '--out', dir, '--endpoint-url', fake.url, '--regions', 'us-east-1,eu-west-1']);
    expect(out).toMatch(/^Collected .*: partial — 1 call failed .* 239 calls, 236 files, 1 error, 1 account × 2 regions in \d+\.\d s; slowest service: [a-z0-9]+ \(\d+\.\d s of calls\)\.\n$/);
    expect(err).toContain('account 111122223333: 2 regions, 239 calls, 1 error');
    expect(error).toBeInstanceOf(CollectOutcomeError);
    expect((error as CollectOutcomeError).exitCode).toBe(20);
    expect((error as CollectOutcomeError).message).toMatch(/the bundle is complete, but 1 call failed \(UnauthorizedOperation\)/);
  });

  it('is quiet with --quiet and writes a JSON-lines log with --log-json FILE', async () => {
    const dir = newBundleDir();
    const log = join(dir, '..', 'collect.jsonl');
    fake.on('ec2', 'DescribeSecurityGroups', () => undefined);
    const { err } = await run([
      'collect',
      '-o',
      dir,
      '--endpoint-url',
      fake.url,
      '--regions',
      'us-east-1',
      '--quiet',
      '--log-json',
      log,
      '--concurrency',
      '4',
    ]);
    expect(err).toBe('');
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.operation === 'GetAccountSummary')).toMatchObject({
      event: 'call',
      account: '111122223333',
      region: 'global',
      service: 'iam',
      outcome: 'ok',
    });
    expect(lines.at(-1)).toMatchObject({ event: 'summary', outcome: 'complete', errors: 0 });
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });

  it('seals the finished bundle with --sign, so openssl verifies manifest.json unchanged', async () => {
    const keys = join(newBundleDir(), '..', 'keys');
    await keygen({ out: keys, subject: 'test', days: 30, now: new Date() });
    const dir = newBundleDir();
    const { out } = await run([
      'collect',
      '--out',
      dir,
      '--endpoint-url',
      fake.url,
      '--regions',
      'us-east-1,eu-west-1',
      '--sign',
      join(keys, 'private.pem'),
    ]);
    expect(out).toMatch(/sealed .*: manifest SHA-256 [0-9a-f]{64}, key SHA256:[0-9a-f]{64}/);
    execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(keys, 'public.pem'),
      '-signature',
      join(dir, 'manifest.json.sig'),
      join(dir, 'manifest.json'),
    ]);
  });

  it('refuses a signing key it cannot read before making any call', async () => {
    const dir = newBundleDir();
    const { error } = await run(['collect', '--out', dir, '--endpoint-url', fake.url, '--sign', join(dir, '..', 'no-such-key.pem')]);
    expect(error).toBeInstanceOf(AuditpackError);
    expect(fake.requests.length).toBe(0);
  });

  it('rejects bad flags with a message that says what to do', async () => {
    const cases: [string[], RegExp][] = [
      [['--regions', 'us-east-1,Mars'], /--regions: "Mars" is not an AWS region code/],
      [['--concurrency', '0'], /--concurrency 0: give a whole number from 1 to 64/],
      [['--endpoint-url', 'ftp://x'], /--endpoint-url ftp:\/\/x: not an http\(s\) URL/],
      [['--organization'], /--organization: needs --role-name/],
      [['--role-name', 'Audit'], /--role-name: is used with --accounts FILE or --organization/],
    ];
    for (const [flags, message] of cases) {
      const { error } = await run(['collect', '--out', newBundleDir(), ...flags]);
      expect(error).toBeInstanceOf(AuditpackError);
      expect((error as AuditpackError).code).toBe('USAGE');
      expect((error as Error).message).toMatch(message);
    }
    expect(fake.requests).toEqual([]);
  });

  it('fails before creating anything when the credentials do not work', async () => {
    fake.on('sts', 'GetCallerIdentity', {
      status: 403,
      contentType: 'text/xml',
      body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>1</RequestId></ErrorResponse>',
    });
    const dir = newBundleDir();
    const { error } = await run(['collect', '--out', dir, '--endpoint-url', fake.url]);
    expect((error as Error).message).toMatch(
      /^sts:GetCallerIdentity failed \(InvalidClientTokenId: The security token included in the request is invalid\.\)\. Nothing can be collected/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
